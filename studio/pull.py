"""Pull a project's annotations as a full-JSON export (with full predictions) into the repo."""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass
from pathlib import Path

from studio.offsets import normalize_export


@dataclass
class PullResult:
    path: Path
    tasks: int
    offsets_normalized: int
    replaced: list[Path]


def slug(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-") or "project"


def download_export(client, project_id: int, timeout_s: float = 120) -> list[dict]:
    """A snapshot export of annotated tasks; predictions serialized in full (the plain /export
    endpoint gives prediction ids only)."""
    snap = client.projects.exports.create(
        id=project_id, title="attack-spans pull",
        serialization_options={"predictions": {"only_id": False}},
        task_filter_options={"only_with_annotations": True})
    deadline = time.monotonic() + timeout_s
    while snap.status not in ("completed", "failed"):
        if time.monotonic() > deadline:
            raise TimeoutError(f"export snapshot {snap.id} not ready after {timeout_s} s")
        time.sleep(1)
        snap = client.projects.exports.get(id=project_id, export_pk=snap.id)
    if snap.status == "failed":
        raise RuntimeError(f"Label Studio failed to build export snapshot {snap.id}")
    payload = b"".join(client.projects.exports.download(id=project_id, export_pk=snap.id, export_type="JSON"))
    return json.loads(payload)


def pull(client, project_id: int, title: str, out_dir: Path, day: str) -> PullResult:
    """Write labelstudio-<project>-<day>.json; older pulls of the same project are replaced
    (each pull holds every annotated task, and two copies of an article would be duplicates)."""
    tasks = download_export(client, project_id)
    moved = normalize_export(tasks)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"labelstudio-{slug(title)}-{day}.json"
    replaced = [p for p in out_dir.glob(f"labelstudio-{slug(title)}-*.json") if p != path]
    for old in replaced:
        old.unlink()
    path.write_text(json.dumps(tasks, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return PullResult(path, len(tasks), moved, replaced)
