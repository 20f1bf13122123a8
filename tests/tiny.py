"""Tiny in-process models for tests: a WordPiece vocabulary and a 2-layer BERT, no downloads."""

from __future__ import annotations

import re
import string
from pathlib import Path

SPECIALS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]


def build_tokenizer(folder: Path, texts: list[str]):
    """A BertTokenizerFast whose vocab holds the texts' words, single characters and ##-pieces."""
    from transformers import BertTokenizerFast

    words = {w.lower() for t in texts for w in re.findall(r"[^\W_]+|\S", t)}
    chars = set(string.ascii_lowercase + string.digits + string.punctuation) | {c for t in texts for c in t.lower() if not c.isspace()}
    vocab = SPECIALS + sorted(words | chars) + sorted(f"##{c}" for c in chars if c.isalnum())
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "vocab.txt").write_text("\n".join(dict.fromkeys(vocab)) + "\n", encoding="utf-8")
    return BertTokenizerFast(vocab_file=str(folder / "vocab.txt"), do_lower_case=True, model_max_length=512)


def build_backbone(folder: Path, texts: list[str]) -> Path:
    """Save a random 2-layer BERT + tokenizer to folder; usable as --model."""
    import torch
    from transformers import BertConfig, BertModel

    torch.manual_seed(0)
    tokenizer = build_tokenizer(folder, texts)
    config = BertConfig(vocab_size=len(tokenizer), hidden_size=32, num_hidden_layers=2, num_attention_heads=2,
                        intermediate_size=64, max_position_embeddings=512)
    BertModel(config).save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder
