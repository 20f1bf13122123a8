"""Build Label Studio full-JSON exports in tests (the shape the real export has)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from data.markup import parse_markup, to_task


def task_from_markup(markup_body: str, article_id: str, task_id: int, **data: Any) -> dict[str, Any]:
    header = "\n".join([f"article_id: {article_id}"] + [f"{k}: {v}" for k, v in data.items()])
    return to_task(parse_markup(f"{header}\n---\n{markup_body}"), task_id)


def write_export(path: Path, tasks: list[dict[str, Any]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
    return path


def labels_result(rid: str, start: int, end: int, text: str, label: str) -> dict[str, Any]:
    return {"id": rid, "from_name": "label", "to_name": "text", "type": "labels",
            "value": {"start": start, "end": end, "text": text, "labels": [label]}}
