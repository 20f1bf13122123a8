"""Predict spans over whole articles of any length.

The article is cut into the same overlapping windows as in training; each word is decided
by its first subword (as in training), averaging the class probabilities of the windows
that contain it; word tags are decoded as IOB2 into spans whose start/end index the
original text (so surface text keeps its case even with an uncased backbone).

CLI (JSON Lines out, one object per article)::

    python -m model.predict --model artifacts/model --input article.txt
    python -m model.predict --model artifacts/model --input articles.jsonl --output spans.jsonl
    python -m model.predict --model artifacts/model --input export.json   # Label Studio export
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from training.alignment import tags_to_spans
from training.windows import tokenize_windows, words_from_encoding


@dataclass(frozen=True)
class PredictedSpan:
    label: str
    start: int
    end: int
    text: str
    score: float

    def as_dict(self) -> dict[str, Any]:
        return {"label": self.label, "start": self.start, "end": self.end, "text": self.text, "score": round(self.score, 4)}


def window_probabilities(model, enc, batch_size: int, pad_token_id: int = 0) -> list[np.ndarray]:
    """Softmax class probabilities per token, one array per window."""
    import torch

    device = next(model.parameters()).device
    keys = [k for k in ("input_ids", "attention_mask", "token_type_ids") if k in enc]
    out: list[np.ndarray] = []
    n = len(enc["input_ids"])
    for lo in range(0, n, batch_size):
        rows = range(lo, min(n, lo + batch_size))
        width = max(len(enc["input_ids"][i]) for i in rows)
        batch = {}
        for key in keys:
            pad = pad_token_id if key == "input_ids" else 0  # padded positions are masked out anyway
            batch[key] = torch.tensor([list(enc[key][i]) + [pad] * (width - len(enc[key][i])) for i in rows], device=device)
        with torch.no_grad():
            logits = model(**batch).logits.float()
        probs = torch.softmax(logits, dim=-1).cpu().numpy()
        out += [probs[k, : len(enc["input_ids"][i])] for k, i in enumerate(rows)]
    return out


def word_probabilities(text: str, model, tokenizer, max_length: int = 256, stride: int = 64,
                       batch_size: int = 16) -> tuple[list[tuple[int, int]], np.ndarray]:
    """(words, probs): each word's character range and its class probabilities, read from its
    first subword and averaged over the windows that contain it."""
    enc = tokenize_windows(tokenizer, text, max_length, stride)
    n_windows = len(enc["input_ids"])
    words = words_from_encoding(enc, n_windows)
    word_index = {start: i for i, (start, _) in enumerate(words)}
    sums = np.zeros((len(words), model.config.num_labels))
    counts = np.zeros(len(words))
    for w, probs in enumerate(window_probabilities(model, enc, batch_size, tokenizer.pad_token_id or 0)):
        prev = None
        for t, (word_id, (start, end)) in enumerate(zip(enc.word_ids(w), enc["offset_mapping"][w])):
            if word_id is not None and word_id != prev and start != end and start in word_index:
                sums[word_index[start]] += probs[t]
                counts[word_index[start]] += 1
            prev = word_id
    # every word's first subword lies in some window (windows cover all tokens); guard anyway
    return words, sums / np.maximum(counts, 1)[:, None]


def decode_spans(text: str, words: list[tuple[int, int]], probs: np.ndarray, id2label: dict[int, str]) -> list[PredictedSpan]:
    """Argmax tag per word, IOB2-decoded into spans scored by the mean probability of their words."""
    best = probs.argmax(axis=1) if len(words) else np.zeros(0, dtype=int)
    tags = [id2label[int(i)] if probs[k].sum() > 0 else "O" for k, i in enumerate(best)]
    spans = []
    for span in tags_to_spans(words, tags, text):
        inside = [float(probs[k, best[k]]) for k, (s, e) in enumerate(words) if s >= span.start and e <= span.end]
        spans.append(PredictedSpan(span.label, span.start, span.end, span.text, float(np.mean(inside))))
    return spans


def predict_spans(text: str, model, tokenizer, max_length: int = 256, stride: int = 64, batch_size: int = 16) -> list[PredictedSpan]:
    """The spans a trained token classifier finds in one article."""
    if not text.strip():
        return []
    words, probs = word_probabilities(text, model, tokenizer, max_length, stride, batch_size)
    return decode_spans(text, words, probs, {int(k): v for k, v in model.config.id2label.items()})


class SpanPredictor:
    """A saved model folder, loaded once, applied to many articles."""

    def __init__(self, model_dir: str | Path, device: str | None = None, max_length: int | None = None,
                 stride: int | None = None, batch_size: int = 16):
        import torch
        from transformers import AutoModelForTokenClassification, AutoTokenizer

        self.model_dir = Path(model_dir)
        run_config = self.model_dir / "run_config.json"
        saved = json.loads(run_config.read_text())["model"] if run_config.is_file() else {}
        self.max_length = max_length or saved.get("max_length", 256)
        self.stride = stride if stride is not None else saved.get("stride", 64)
        self.batch_size = batch_size
        self.tokenizer = AutoTokenizer.from_pretrained(self.model_dir)
        self.model = AutoModelForTokenClassification.from_pretrained(self.model_dir, dtype=torch.float32)
        self.model.to(device or ("cuda" if torch.cuda.is_available() else "cpu")).eval()

    def __call__(self, text: str) -> list[PredictedSpan]:
        return predict_spans(text, self.model, self.tokenizer, self.max_length, self.stride, self.batch_size)

    def words(self, text: str) -> tuple[list[tuple[int, int]], np.ndarray]:
        """Word ranges and class probabilities (for uncertainty sampling)."""
        return word_probabilities(text, self.model, self.tokenizer, self.max_length, self.stride, self.batch_size)

    @property
    def id2label(self) -> dict[int, str]:
        return {int(k): v for k, v in self.model.config.id2label.items()}


def predict_file(predictor: SpanPredictor, paths: Iterable[Path]) -> Iterator[dict[str, Any]]:
    from data.raw import read_raw_articles

    for article in read_raw_articles(paths):
        extra = {k: v for k, v in article.data.items() if k not in ("text", "article_id")}
        yield {"article_id": article.article_id, **extra, "spans": [s.as_dict() for s in predictor(article.text)]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m model.predict", description="Predict spans over whole articles (JSON Lines out).")
    parser.add_argument("--model", required=True, help="trained model folder (save_pretrained)")
    parser.add_argument("--input", required=True, nargs="+", type=Path, help=".txt, .jsonl (text, article_id) or Label Studio .json")
    parser.add_argument("--output", type=Path, help="JSON Lines file (default: stdout)")
    parser.add_argument("--device", default=None, help="cpu or cuda (default: cuda when present)")
    args = parser.parse_args(argv)
    predictor = SpanPredictor(args.model, device=args.device)
    out = args.output.open("w", encoding="utf-8") if args.output else sys.stdout
    try:
        for row in predict_file(predictor, args.input):
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    finally:
        if args.output:
            out.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
