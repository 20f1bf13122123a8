"""The committed corpus: passes the strict checker and meets the corpus v1 and v2 quotas."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from data.check import check_folder
from data.labels import LABELS
from data.sample import draw

ANNOTATIONS = Path(__file__).resolve().parents[1] / "data" / "annotations"
STYLES = ("wire", "breaking-tweets", "military-statement", "regional-dateline", "aggregator-boilerplate", "brief",
          "analysis", "two-stories")


@pytest.fixture(scope="module")
def checked():
    return check_folder(ANNOTATIONS)


def test_committed_exports_are_clean(checked):
    assert checked.errors == []
    assert [str(f) for f in checked.findings] == []  # fixed, or accepted in lint-allow.tsv with a reason


def test_seed_articles_are_all_present(checked):
    seeds = sorted(a.article_id for a in checked.articles if a.source == "seed")
    stems = sorted(p.stem for p in (ANNOTATIONS.parents[2] / "shared" / "seeds").glob("*.txt"))
    assert len(seeds) == 5
    if stems:  # ../shared is beside the checkout in development and CI
        assert seeds == stems
        by_id = {a.article_id: a for a in checked.articles}
        for path in (ANNOTATIONS.parents[2] / "shared" / "seeds").glob("*.txt"):
            assert by_id[path.stem].text == path.read_text(encoding="utf-8").strip(), path.name


def test_corpus_v1_quotas(checked):
    written = [a for a in checked.articles if a.source == "written"]
    labels = Counter(s.label for a in written for s in a.spans)
    styles = Counter(a.meta["style"] for a in written)
    assert len(written) >= 150
    assert sum(labels.values()) >= 4500
    assert all(labels[lab] >= 300 for lab in LABELS), labels
    assert all(styles[s] >= 0.10 * len(written) for s in STYLES), styles
    assert len({a.meta["region"] for a in written}) >= 8
    assert sum(a.meta["hard_negative"] is True for a in written) >= 15
    years = {int(str(a.meta["event_date"])[:4]) for a in written}
    assert min(years) >= 2014 and max(years) <= 2024


def test_corpus_v2_quotas(checked):
    written = [a for a in checked.articles if a.source == "written"]
    labels = Counter(s.label for a in written for s in a.spans)
    assert len(written) >= 300
    assert sum(labels.values()) >= 9000
    assert all(labels[lab] >= 600 for lab in LABELS), labels
    assert len({a.meta["incident"] for a in written}) >= 150


def test_blind_double_annotation_is_the_seeded_draw(checked):
    written_ids = [a.article_id for a in checked.articles if a.source == "written"]
    second = sorted(a.article_id for a in checked.second)
    assert second == draw(written_ids)  # data/sample.py: seed and size are fixed there
    assert len(second) >= 30 and len(second) >= 0.10 * len(checked.articles)
    assert {a.annotator for a in checked.second} != {a.annotator for a in checked.articles if a.article_id in second}
    batches = {"v1" if a.meta["article_id"] <= "w150" else "v2" for a in checked.second}
    assert batches == {"v1", "v2"}
