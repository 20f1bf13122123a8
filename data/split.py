"""Article-level train/dev/test split: deterministic, stable as data grows, incident-grouped.

Each article's group key is its incident (data field named by ``group_field``, when set) or
else its article id. A group's split depends only on a hash of (salt, key), so adding
articles never moves an existing one, and all articles of one incident share a split.
Seed articles (data.source == "seed", the real ones) are pinned to test, and so is every
group that contains one, so an incident never straddles splits.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import asdict, dataclass
from typing import Any

from data.spans import Article

SPLITS = ("train", "dev", "test")


@dataclass(frozen=True)
class SplitSettings:
    test_fraction: float = 0.15
    dev_fraction: float = 0.10
    salt: str = "attack-spans-v1"
    group_field: str = "incident"
    pinned_test_sources: tuple[str, ...] = ("seed",)

    def __post_init__(self) -> None:
        if not (0 <= self.test_fraction < 1 and 0 <= self.dev_fraction < 1 and self.test_fraction + self.dev_fraction < 1):
            raise ValueError(f"split fractions must be in [0, 1) and sum below 1, got test={self.test_fraction} dev={self.dev_fraction}")


def group_key(article: Article, settings: SplitSettings) -> str:
    value = article.meta.get(settings.group_field) if settings.group_field else None
    return f"incident:{value}" if value not in (None, "") else f"article:{article.article_id}"


def hash_fraction(salt: str, key: str) -> float:
    """A uniform number in [0, 1) from the key alone."""
    digest = hashlib.sha256(f"{salt}\0{key}".encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def split_for_key(key: str, settings: SplitSettings) -> str:
    u = hash_fraction(settings.salt, key)
    if u < settings.test_fraction:
        return "test"
    if u < settings.test_fraction + settings.dev_fraction:
        return "dev"
    return "train"


def assign_splits(articles: list[Article], settings: SplitSettings) -> dict[str, str]:
    """article_id -> split name."""
    pinned_groups = {group_key(a, settings) for a in articles if a.source in settings.pinned_test_sources}
    out = {}
    for article in articles:
        key = group_key(article, settings)
        out[article.article_id] = "test" if key in pinned_groups else split_for_key(key, settings)
    return out


def split_manifest(articles: list[Article], settings: SplitSettings) -> dict[str, Any]:
    """The manifest written next to the model: settings, counts and every article's split."""
    assignment = assign_splits(articles, settings)
    return {
        "settings": asdict(settings),
        "counts": dict(Counter(assignment.values())),
        "articles": {
            a.article_id: {"split": assignment[a.article_id], "group": group_key(a, settings),
                           "source": a.source, "spans": len(a.spans)}
            for a in sorted(articles, key=lambda a: a.article_id)
        },
    }


def split_from_manifest(articles: list[Article], manifest: dict[str, Any]) -> dict[str, str]:
    """Splits for (possibly new) articles under a saved manifest: listed ones keep their
    recorded split, unlisted ones get what the same settings give them."""
    raw = dict(manifest["settings"])
    raw["pinned_test_sources"] = tuple(raw.get("pinned_test_sources", ()))
    settings = SplitSettings(**raw)
    computed = assign_splits(articles, settings)
    listed = manifest.get("articles", {})
    return {a.article_id: listed.get(a.article_id, {}).get("split", computed[a.article_id]) for a in articles}
