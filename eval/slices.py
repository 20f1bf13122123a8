"""Slice keys: any data field of the articles, plus derived ones (article length)."""

from __future__ import annotations

from typing import Any

# derived slice keys: computed from the article, not read from its data fields
LENGTH_BINS = ((250, "short (<250 words)"), (450, "medium (250-449 words)"), (None, "long (450+ words)"))


def length_bin(text: str) -> str:
    words = len(text.split())
    return next(name for limit, name in LENGTH_BINS if limit is None or words < limit)


def slice_value(meta: dict[str, Any], text: str, key: str) -> str:
    """The article's value for a slice key: "length" is derived, anything else is a data field."""
    if key == "length":
        return length_bin(text)
    value = meta.get(key)
    return "(missing)" if value in (None, "") else str(value).lower() if isinstance(value, bool) else str(value)


def group_by(articles: list, key: str) -> dict[str, list[int]]:
    """Indexes of the articles per value of ``key`` (articles need .meta and .text)."""
    groups: dict[str, list[int]] = {}
    for i, art in enumerate(articles):
        groups.setdefault(slice_value(art.meta, art.text, key), []).append(i)
    return dict(sorted(groups.items()))
