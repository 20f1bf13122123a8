"""Split: by article, deterministic, stable as data grows, incident-grouped, seeds pinned to test."""

from __future__ import annotations

from data.spans import Article
from data.split import SplitSettings, assign_splits, split_from_manifest, split_manifest


def art(aid: str, source: str = "written", incident: str | None = None) -> Article:
    meta = {"source": source}
    if incident:
        meta["incident"] = incident
    return Article(aid, "text", [], meta)


SETTINGS = SplitSettings(test_fraction=0.2, dev_fraction=0.2)


def test_deterministic_and_roughly_proportional():
    articles = [art(f"w{i}") for i in range(2000)]
    first, second = assign_splits(articles, SETTINGS), assign_splits(list(reversed(articles)), SETTINGS)
    assert first == second
    share = sum(v == "test" for v in first.values()) / len(first)
    assert 0.17 < share < 0.23


def test_stable_when_articles_are_added():
    base = [art(f"w{i}") for i in range(300)]
    grown = base + [art(f"new{i}") for i in range(300)]
    before, after = assign_splits(base, SETTINGS), assign_splits(grown, SETTINGS)
    assert all(after[k] == v for k, v in before.items())


def test_incident_never_straddles_splits():
    articles = [art(f"w{i}", incident=f"inc{i % 40}") for i in range(400)]
    splits = assign_splits(articles, SETTINGS)
    for k in range(40):
        assert len({splits[a.article_id] for a in articles if a.meta["incident"] == f"inc{k}"}) == 1


def test_seeds_and_their_incidents_are_pinned_to_test():
    articles = [art(f"s{i}", source="seed", incident=f"inc{i}") for i in range(20)]
    articles += [art(f"w{i}", incident=f"inc{i}") for i in range(20)]
    splits = assign_splits(articles, SETTINGS)
    assert all(v == "test" for v in splits.values())


def test_manifest_keeps_recorded_splits_and_extends_to_new_articles():
    articles = [art(f"w{i}") for i in range(50)]
    manifest = split_manifest(articles, SETTINGS)
    manifest["articles"]["w0"]["split"] = "train"  # a recorded decision wins
    new = articles + [art("later")]
    got = split_from_manifest(new, manifest)
    assert got["w0"] == "train"
    assert got["later"] == assign_splits(new, SETTINGS)["later"]
    assert sum(manifest["counts"].values()) == 50
