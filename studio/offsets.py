"""Python character offsets <-> the UTF-16 code units Label Studio's editor counts.

The editor (JavaScript) counts astral characters such as emoji as two units, so
pre-annotations are pushed in UTF-16 units to appear where they belong, and pulled exports are
normalised back to Python offsets (checked against value.text) so committed data is exact.
"""

from __future__ import annotations

from typing import Any

from data.labelstudio import utf16_to_index


def to_utf16(text: str, index: int) -> int:
    return index + sum(1 for ch in text[:index] if ord(ch) > 0xFFFF)


def normalize_result_offsets(text: str, result: list[dict[str, Any]]) -> int:
    """Rewrite UTF-16 offsets of span results in place to Python offsets; returns how many moved."""
    moved = 0
    for item in result:
        value = item.get("value") if isinstance(item, dict) else None
        if item.get("type") != "labels" or not isinstance(value, dict):
            continue
        start, end, surface = value.get("start"), value.get("end"), value.get("text")
        if not isinstance(start, int) or not isinstance(end, int) or text[start:end] == surface:
            continue
        fixed = (utf16_to_index(text, start), utf16_to_index(text, end))
        if None not in fixed and text[fixed[0]:fixed[1]] == surface:
            value["start"], value["end"] = fixed
            moved += 1
    return moved


def normalize_export(tasks: list[dict[str, Any]]) -> int:
    """Normalise every annotation and prediction result of an export in place."""
    moved = 0
    for task in tasks:
        text = (task.get("data") or {}).get("text") or ""
        for entry in (task.get("annotations") or []) + [p for p in task.get("predictions") or [] if isinstance(p, dict)]:
            moved += normalize_result_offsets(text, entry.get("result") or [])
    return moved
