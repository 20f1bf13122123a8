"""Articles -> overlapping subword windows with label ids, from the tokenizer's offset_mapping.

Long articles are cut into windows of ``max_length`` tokens that overlap by ``stride``
tokens (the fast tokenizer's overflow mechanism), so no text is truncated away.

Continuation subwords: only the FIRST subword of each word carries a label; the others get
-100 (ignored by the loss). This matches ``aggregation_strategy="first"`` at inference and
keeps one decision per word, the unit of the evaluation.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from data.spans import Article
from training.alignment import AlignmentIssues, Word, spans_to_tags

IGNORE = -100


@dataclass
class EncodedArticle:
    article_id: str
    windows: list[dict[str, Any]]  # input_ids, attention_mask, (token_type_ids), labels, offsets, word_ids
    words: list[Word]
    issues: AlignmentIssues = field(default_factory=AlignmentIssues)


def tokenize_windows(tokenizer, text: str, max_length: int, stride: int):
    """Fast-tokenizer encoding with overflow windows and offsets."""
    if not getattr(tokenizer, "is_fast", False):
        raise ValueError("a fast tokenizer is required (offset_mapping and word_ids)")
    if stride >= max_length - 2:
        raise ValueError(f"stride ({stride}) must be smaller than max_length - 2 ({max_length - 2})")
    return tokenizer(
        text,
        max_length=max_length,
        stride=stride,
        truncation=True,
        return_overflowing_tokens=True,
        return_offsets_mapping=True,
    )


def words_from_encoding(encoding, n_windows: int) -> list[Word]:
    """Character range of every pre-tokenized word, gathered over all windows."""
    ranges: dict[int, list[int]] = {}
    for w in range(n_windows):
        for word_id, (start, end) in zip(encoding.word_ids(w), encoding["offset_mapping"][w]):
            if word_id is None or start == end:
                continue
            r = ranges.setdefault(word_id, [start, end])
            r[0], r[1] = min(r[0], start), max(r[1], end)
    return [tuple(ranges[k]) for k in sorted(ranges)]  # type: ignore[misc]


def encode_article(tokenizer, article: Article, label2id: dict[str, int], max_length: int, stride: int) -> EncodedArticle:
    """Windows for one article, each carrying word-first-subword labels."""
    enc = tokenize_windows(tokenizer, article.text, max_length, stride)
    n = len(enc["input_ids"])
    words = words_from_encoding(enc, n)
    issues = AlignmentIssues()
    tags = spans_to_tags(words, article.spans, issues)
    word_start_tag = {start: tag for (start, _), tag in zip(words, tags)}
    windows = []
    for w in range(n):
        offsets = [tuple(o) for o in enc["offset_mapping"][w]]
        word_ids = enc.word_ids(w)
        window = {key: enc[key][w] for key in ("input_ids", "attention_mask", "token_type_ids") if key in enc}
        window["offsets"] = offsets
        window["word_ids"] = word_ids
        labels = []
        prev = None
        for word_id, (start, end) in zip(word_ids, offsets):
            first = word_id is not None and word_id != prev and start != end
            labels.append(label2id[word_start_tag[start]] if first and start in word_start_tag else IGNORE)
            prev = word_id
        window["labels"] = labels
        windows.append(window)
    return EncodedArticle(article.article_id, windows, words, issues)
