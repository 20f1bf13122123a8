"""Inline markup <-> offsets, and markup -> Label Studio export -> loader."""

from __future__ import annotations

import pytest

from data.labelstudio import load_export
from data.markup import MarkupError, export_articles, parse_markup, render_markup
from tests.exports import write_export

DOC = """article_id: w1
source: written
hard_negative: false
---
[[BAGHDAD|LOCATION]] - [[Three|COUNT]] [[rockets|WEAPON]] hit the [[US Embassy|LOCATION]] 🚀; [[no one|CASUALTY]] was hurt | said police.
"""


def test_parse_gives_exact_offsets_and_typed_header():
    article = parse_markup(DOC)
    assert article.meta["hard_negative"] is False
    assert all(article.text[s.start:s.end] == s.text for s in article.spans)
    assert [s.label for s in article.spans] == ["LOCATION", "COUNT", "WEAPON", "LOCATION", "CASUALTY"]
    assert "[[" not in article.text and "| said police" in article.text


def test_render_round_trips():
    article = parse_markup(DOC)
    again = parse_markup(render_markup(article))
    assert (again.text, again.spans, again.meta) == (article.text, article.spans, article.meta)


def test_export_round_trips_through_the_loader(tmp_path):
    article = parse_markup(DOC)
    loaded = load_export(write_export(tmp_path / "e.json", export_articles([article]))).articles[0]
    assert (loaded.text, loaded.spans, loaded.article_id) == (article.text, article.spans, "w1")


@pytest.mark.parametrize("body, reason", [
    ("[[rockets|GUN]]", "unknown label"),
    ("[[ rockets|WEAPON]]", "whitespace"),
    ("[[rockets|WEAPON] hit", "stray"),
])
def test_malformed_markup_is_a_clear_error(body, reason):
    with pytest.raises(MarkupError, match=reason):
        parse_markup(f"article_id: x\n---\n{body}\n", origin="f.txt")


def test_header_is_required():
    with pytest.raises(MarkupError, match="no '---'"):
        parse_markup("just text")
