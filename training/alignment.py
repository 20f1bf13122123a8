"""Character spans -> word-level IOB2 tags, and back. Pure functions, no tokenizer inside.

A "word" is a character range [start, end) given by the caller (the tokenizer's
pre-tokenized words for training, the evaluation word splitter for scoring). A word belongs
to a span when they overlap; the first such word gets B-, the rest I-. A span whose edges do
not fall on word edges is still tagged (snapped outwards to whole words) and reported as
misaligned, so nothing is lost silently.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from data.spans import Span

Word = tuple[int, int]


@dataclass
class AlignmentIssues:
    misaligned: list[tuple[Span, tuple[int, int]]] = field(default_factory=list)  # span, snapped (start, end)
    unaligned: list[Span] = field(default_factory=list)  # no word overlaps the span at all
    conflicts: list[Span] = field(default_factory=list)  # a word already taken by an earlier span

    @property
    def total(self) -> int:
        return len(self.misaligned) + len(self.unaligned) + len(self.conflicts)


def spans_to_tags(words: list[Word], spans: list[Span], issues: AlignmentIssues | None = None) -> list[str]:
    """IOB2 tag per word. ``words`` must be sorted and non-overlapping."""
    issues = issues if issues is not None else AlignmentIssues()
    tags = ["O"] * len(words)
    i = 0
    for span in sorted(spans):
        while i < len(words) and words[i][1] <= span.start:
            i += 1
        j = i
        covered = []
        while j < len(words) and words[j][0] < span.end:
            covered.append(j)
            j += 1
        if not covered:
            issues.unaligned.append(span)
            continue
        if any(tags[k] != "O" for k in covered):
            issues.conflicts.append(span)
            continue
        first, last = words[covered[0]], words[covered[-1]]
        if first[0] != span.start or last[1] != span.end:
            issues.misaligned.append((span, (first[0], last[1])))
        tags[covered[0]] = f"B-{span.label}"
        for k in covered[1:]:
            tags[k] = f"I-{span.label}"
    return tags


def tags_to_spans(words: list[Word], tags: list[str], text: str = "") -> list[Span]:
    """Decode IOB2 word tags into spans. A stray I- (no open span of that type) starts a span,
    as most taggers' decoders do; it is what a user would see from the model."""
    spans: list[Span] = []
    label, start, end = None, 0, 0
    for (w_start, w_end), tag in zip(words, tags):
        prefix, _, kind = tag.partition("-")
        if prefix == "I" and kind == label:
            end = w_end
            continue
        if label is not None:
            spans.append(Span(start, end, label, text[start:end]))
            label = None
        if prefix in ("B", "I"):
            label, start, end = kind, w_start, w_end
    if label is not None:
        spans.append(Span(start, end, label, text[start:end]))
    return spans
