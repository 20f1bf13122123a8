"""Alignment: spans -> IOB2 -> spans round-trips, on words and across window edges."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from data.labels import LABELS, bio_labels
from data.spans import Article, Span
from eval.words import word_ranges
from tests.conftest import WORDS
from training.alignment import AlignmentIssues, spans_to_tags, tags_to_spans
from training.windows import IGNORE, encode_article

VOCAB = WORDS + ["Erbil,", "(US)", "3", "107mm", "#Iraq"]


@st.composite
def article_with_spans(draw, max_words=60):
    """Random text from known words, with non-overlapping spans on word boundaries."""
    tokens = draw(st.lists(st.sampled_from(VOCAB), min_size=1, max_size=max_words))
    text = " ".join(tokens)
    starts, pos = [], 0
    for tok in tokens:
        starts.append((pos, pos + len(tok)))
        pos += len(tok) + 1
    spans, i = [], 0
    while i < len(tokens):
        if draw(st.booleans()):
            length = draw(st.integers(1, min(4, len(tokens) - i)))
            start, end = starts[i][0], starts[i + length - 1][1]
            spans.append(Span(start, end, draw(st.sampled_from(LABELS)), text[start:end]))
            i += length + draw(st.integers(0, 1))  # adjacent spans allowed
        else:
            i += 1
    return text, spans


@given(article_with_spans())
def test_spans_iob2_spans_round_trip_on_eval_words(case):
    text, spans = case
    words = word_ranges(text)
    issues = AlignmentIssues()
    tags = spans_to_tags(words, spans, issues)
    assert issues.total == 0
    assert tags_to_spans(words, tags, text) == sorted(spans)
    assert all(s.text == text[s.start:s.end] for s in tags_to_spans(words, tags, text))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(case=article_with_spans(max_words=80), max_length=st.integers(12, 40), stride=st.integers(0, 8))
def test_window_labels_round_trip_across_window_edges(tiny_tokenizer, case, max_length, stride):
    text, spans = case
    label2id = {t: i for i, t in enumerate(bio_labels())}
    id2label = {i: t for t, i in label2id.items()}
    encoded = encode_article(tiny_tokenizer, Article("a", text, spans), label2id, max_length, min(stride, max_length - 3))
    assert encoded.issues.total == 0
    # Every word's tag is carried by its first subword in at least one window, identically in all.
    seen: dict[int, str] = {}
    for window in encoded.windows:
        for (start, _), label in zip(window["offsets"], window["labels"]):
            if label != IGNORE:
                assert seen.setdefault(start, id2label[label]) == id2label[label]
    assert sorted(seen) == [w[0] for w in encoded.words]
    tags = [seen[w[0]] for w in encoded.words]
    assert tags_to_spans(encoded.words, tags, text) == sorted(spans)


def test_span_inside_a_word_is_snapped_and_reported():
    text = "rockets hit"
    words = word_ranges(text)
    issues = AlignmentIssues()
    tags = spans_to_tags(words, [Span(0, 6, "WEAPON", "rocket")], issues)
    assert tags == ["B-WEAPON", "O"]
    assert issues.misaligned[0][1] == (0, 7)


def test_two_spans_in_one_word_conflict_is_reported():
    issues = AlignmentIssues()
    spans_to_tags([(0, 7)], [Span(0, 3, "COUNT", "roc"), Span(3, 7, "WEAPON", "kets")], issues)
    assert len(issues.conflicts) == 1


def test_stray_inside_tag_starts_a_span():
    words = [(0, 3), (4, 7), (8, 11)]
    assert [(s.start, s.end, s.label) for s in tags_to_spans(words, ["O", "I-WEAPON", "I-WEAPON"])] == [(4, 11, "WEAPON")]
    assert len(tags_to_spans(words, ["B-COUNT", "I-WEAPON", "O"])) == 2
