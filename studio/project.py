"""Project-level operations: find or create the project, import tasks idempotently, predictions."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from data.raw import RawArticle
from studio.offsets import to_utf16


@dataclass
class PushResult:
    project_id: int
    created: list[str] = field(default_factory=list)  # article ids imported now
    skipped: list[str] = field(default_factory=list)  # already in the project
    predictions: int = 0


def ensure_project(client, title: str, label_config: str) -> int:
    """The id of the project with this title, created if missing; its labeling config is kept
    equal to the repo's (an update is made only when it differs)."""
    for project in client.projects.list(title=title):
        if project.title == title:
            full = client.projects.get(id=project.id)
            if (full.label_config or "").strip() != label_config.strip():
                client.projects.update(id=project.id, label_config=label_config)
            return project.id
    return client.projects.create(title=title, label_config=label_config).id


def existing_article_ids(client, project_id: int) -> dict[str, int]:
    """article_id -> task id of every task already in the project."""
    out: dict[str, int] = {}
    for task in client.tasks.list(project=project_id, page_size=500):
        article_id = (task.data or {}).get("article_id")
        if article_id is not None:
            out[str(article_id)] = task.id
    return out


def prediction_result(text: str, spans) -> list[dict[str, Any]]:
    """Model spans as Label Studio span results (UTF-16 offsets, as the editor counts them)."""
    return [{"id": f"p{n}", "from_name": "label", "to_name": "text", "type": "labels", "score": round(s.score, 4),
             "value": {"start": to_utf16(text, s.start), "end": to_utf16(text, s.end), "text": s.text, "labels": [s.label]}}
            for n, s in enumerate(spans, 1)]


def push_articles(client, project_id: int, articles: list[RawArticle], predict=None, model_version: str = "") -> PushResult:
    """Import articles not yet in the project (by data.article_id), with predictions when
    ``predict(article) -> (spans, task_score)`` is given. Re-pushing is a no-op for known ids."""
    result = PushResult(project_id)
    known = existing_article_ids(client, project_id)
    new = [a for a in articles if a.article_id not in known]
    result.skipped = [a.article_id for a in articles if a.article_id in known]
    if not new:
        return result
    response = client.projects.import_tasks(id=project_id, request=[{"data": a.data} for a in new], return_task_ids=True)
    task_ids = list(response.task_ids or [])
    if len(task_ids) != len(new):
        # the server did not return ids (async import): look them up by article id
        known = existing_article_ids(client, project_id)
        task_ids = [known[a.article_id] for a in new]
    result.created = [a.article_id for a in new]
    if predict is not None:
        rows = []
        for article, task_id in zip(new, task_ids):
            spans, task_score = predict(article)
            rows.append({"task": task_id, "result": prediction_result(article.text, spans),
                         "model_version": model_version, "score": round(task_score, 4)})
        client.projects.import_predictions(id=project_id, request=rows)
        result.predictions = len(rows)
    return result
