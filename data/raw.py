"""Unlabelled articles in: plain .txt files, JSON Lines, or the tasks of a Label Studio export."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from data.labelstudio import read_tasks

SUFFIXES = (".txt", ".jsonl", ".json")


@dataclass(frozen=True)
class RawArticle:
    article_id: str
    text: str
    data: dict[str, Any]  # every data field for a Label Studio task, text and article_id included


def _from_file(path: Path, default_source: str | None) -> Iterable[RawArticle]:
    def make(article_id: str, text: str, fields: dict[str, Any]) -> RawArticle:
        data = {**fields, "text": text, "article_id": article_id}
        if default_source and not data.get("source"):
            data["source"] = default_source
        return RawArticle(article_id, text, data)

    if path.suffix == ".txt":
        yield make(path.stem, path.read_text(encoding="utf-8").strip(), {})
    elif path.suffix == ".jsonl":
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            row = json.loads(line)
            if not isinstance(row, dict) or not isinstance(row.get("text"), str):
                raise ValueError(f"{path}:{n}: each JSON line needs a 'text' string")
            meta = row.get("metadata") if isinstance(row.get("metadata"), dict) else {}
            fields = {**meta, **{k: v for k, v in row.items() if k not in ("text", "metadata")}}
            yield make(str(row.get("article_id") or f"{path.stem}-{n}"), row["text"], fields)
    elif path.suffix == ".json":
        for task in read_tasks(path):
            data = task.get("data") or {}
            if not isinstance(data.get("text"), str):
                raise ValueError(f"{path} task {task.get('id')}: data.text is missing")
            yield make(str(data.get("article_id") or f"{path.stem}-{task.get('id')}"), data["text"], data)
    else:
        raise ValueError(f"{path}: expected .txt, .jsonl or a Label Studio .json export")


def read_raw_articles(paths: Iterable[str | Path], default_source: str | None = None) -> list[RawArticle]:
    """Articles from files or folders (every .txt/.jsonl/.json inside); article ids must be unique."""
    files: list[Path] = []
    for p in map(Path, paths):
        files += sorted(f for f in p.iterdir() if f.suffix in SUFFIXES) if p.is_dir() else [p]
    out: list[RawArticle] = []
    seen: set[str] = set()
    for f in files:
        for art in _from_file(f, default_source):
            if art.article_id in seen:
                raise ValueError(f"{f}: article_id {art.article_id!r} appears twice in the input")
            seen.add(art.article_id)
            out.append(art)
    return out
