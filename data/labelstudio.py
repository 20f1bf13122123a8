"""Read Label Studio full-JSON exports into articles with gold spans.

Policy (documented in README, "Data in"):
- Gold comes from ``annotations`` only; ``predictions`` (ids or objects) are ignored.
- Several annotations on a task: the latest non-cancelled ``ground_truth`` annotation wins,
  else the latest non-cancelled one ("latest" = updated_at, then created_at, then id).
- Tasks with no usable annotation are reported, not trained on.
- Offsets counted in UTF-16 units (the editor's JavaScript offsets) are detected through
  ``value.text`` and converted to Python character offsets; each fix is counted.
- Whitespace at a span's edges is trimmed (counted); an identical duplicate region is dropped
  (counted). Everything else that is wrong - text mismatch, overlap, unknown or several
  labels, empty span, out-of-range offsets, missing data fields, duplicate article ids - is
  an error naming file, task id, span and reason. All errors of a load are collected and
  raised together so one run shows every problem.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from data.labels import LABELS
from data.spans import Article, Span


class ExportError(ValueError):
    """One or more problems in Label Studio exports; ``problems`` lists each one."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        shown = "\n  ".join(problems[:50])
        more = f"\n  ... and {len(problems) - 50} more" if len(problems) > 50 else ""
        super().__init__(f"{len(problems)} problem(s) in Label Studio export(s):\n  {shown}{more}")


@dataclass
class LoadReport:
    """What the loader did besides returning articles: nothing is dropped without a count."""

    files: list[str] = field(default_factory=list)
    tasks: int = 0
    articles: int = 0
    spans: int = 0
    counts: Counter = field(default_factory=Counter)
    events: list[tuple[str, str]] = field(default_factory=list)  # (kind, message naming the task)

    def note(self, kind: str, message: str) -> None:
        self.counts[kind] += 1
        self.events.append((kind, message))

    @property
    def notes(self) -> list[str]:
        return [f"[{kind}] {message}" for kind, message in self.events]

    def merge(self, other: LoadReport) -> None:
        self.files += other.files
        self.tasks += other.tasks
        self.articles += other.articles
        self.spans += other.spans
        self.counts.update(other.counts)
        self.events += other.events

    def summary(self) -> str:
        lines = [f"{len(self.files)} export file(s), {self.tasks} tasks -> {self.articles} articles, {self.spans} spans"]
        for kind, n in sorted(self.counts.items()):
            lines.append(f"  {kind}: {n}")
        return "\n".join(lines)

    def as_dict(self) -> dict[str, Any]:
        return {"files": self.files, "tasks": self.tasks, "articles": self.articles, "spans": self.spans,
                "counts": dict(self.counts), "notes": self.notes}


# A task whose data has annotation_round == "second" is a blind second annotation of an
# article annotated elsewhere: it measures agreement and never trains or scores a model.
ROUND_FIELD = "annotation_round"
SECOND_ROUND = "second"


def is_second_annotation(article: Article) -> bool:
    return str(article.meta.get(ROUND_FIELD, "")) == SECOND_ROUND


def second_annotation_errors(first: list[Article], second: list[Article]) -> list[str]:
    """A second annotation must annotate exactly the text of a first-annotated article."""
    by_id = {a.article_id: a for a in first}
    errors = []
    for article in second:
        original = by_id.get(article.article_id)
        if original is None:
            errors.append(f"{article.where()}: second annotation of an article that has no first annotation")
        elif original.text != article.text:
            errors.append(f"{article.where()}: second annotation's text differs from the first annotation's ({original.where()})")
    return errors


@dataclass
class LoadResult:
    articles: list[Article]  # first annotations: the gold used for training and evaluation
    report: LoadReport
    second: list[Article] = field(default_factory=list)  # blind second annotations, kept apart


def utf16_to_index(text: str, utf16_offset: int) -> int | None:
    """Python index of a UTF-16 code-unit offset into text (None if it falls inside a surrogate pair)."""
    units = 0
    for index, char in enumerate(text):
        if units == utf16_offset:
            return index
        units += 2 if ord(char) > 0xFFFF else 1
        if units > utf16_offset:
            return None
    return len(text) if units == utf16_offset else None


def _latest_key(annotation: dict[str, Any]) -> tuple[str, str, int]:
    return (str(annotation.get("updated_at") or ""), str(annotation.get("created_at") or ""),
            int(annotation.get("id") or 0))


def choose_annotation(annotations: list[Any]) -> tuple[dict[str, Any] | None, int]:
    """Apply the gold policy; returns (chosen annotation or None, number of cancelled ones)."""
    usable = [a for a in annotations if isinstance(a, dict) and not a.get("was_cancelled")]
    cancelled = sum(1 for a in annotations if isinstance(a, dict) and a.get("was_cancelled"))
    if not usable:
        return None, cancelled
    ground_truth = [a for a in usable if a.get("ground_truth")]
    pool = ground_truth or usable
    return max(pool, key=_latest_key), cancelled


def annotator_id(annotation: dict[str, Any]) -> Any:
    """completed_by is an int in API exports and an object {"id": ..., "email": ...} in snapshots."""
    who = annotation.get("completed_by")
    return who.get("id", who.get("email")) if isinstance(who, dict) else who


def _spans_of(result: list[Any], text: str, where: str, report: LoadReport, problems: list[str]) -> list[Span]:
    spans: list[Span] = []
    for item in result:
        if not isinstance(item, dict):
            problems.append(f"{where}: result item is not an object: {item!r}")
            continue
        if item.get("type") != "labels":
            report.note("non_span_result_ignored", f"{where}: result {item.get('id')} of type {item.get('type')!r}")
            continue
        value = item.get("value") or {}
        rid = item.get("id")
        labels = value.get("labels") or []
        start, end, vtext = value.get("start"), value.get("end"), value.get("text")
        desc = f"{where}: span {rid} {vtext!r} [{start}:{end}]"
        if len(labels) != 1:
            problems.append(f"{desc}: needs exactly one label, has {labels!r}")
            continue
        label = labels[0]
        if label not in LABELS:
            problems.append(f"{desc}: unknown label {label!r} (known: {', '.join(LABELS)})")
            continue
        if not isinstance(start, int) or not isinstance(end, int):
            problems.append(f"{desc}: start/end are not integers")
            continue
        if not vtext or not str(vtext).strip():
            problems.append(f"{desc}: empty span text")
            continue
        if text[start:end] != vtext:
            fixed = (utf16_to_index(text, start), utf16_to_index(text, end))
            if None not in fixed and text[fixed[0]:fixed[1]] == vtext:
                report.note("utf16_offsets_fixed", f"{desc}: UTF-16 offsets -> [{fixed[0]}:{fixed[1]}]")
                start, end = fixed  # type: ignore[assignment]
            elif not (0 <= start < end <= len(text)):
                problems.append(f"{desc}: offsets outside the text (length {len(text)})")
                continue
            else:
                problems.append(f"{desc}: text[start:end] is {text[start:end]!r}, not value.text")
                continue
        stripped = vtext.strip()
        if stripped != vtext:
            lead = len(vtext) - len(vtext.lstrip())
            report.note("whitespace_trimmed", f"{desc}: trimmed to {stripped!r}")
            start, end = start + lead, start + lead + len(stripped)
        spans.append(Span(start, end, label, text[start:end]))
    spans.sort()
    unique: list[Span] = []
    for span in spans:
        if unique and (unique[-1].start, unique[-1].end, unique[-1].label) == (span.start, span.end, span.label):
            report.note("duplicate_span_dropped", f"{where}: {span.label} {span.text!r} [{span.start}:{span.end}] given twice")
            continue
        if unique and span.start < unique[-1].end:
            prev = unique[-1]
            problems.append(f"{where}: span {span.label} {span.text!r} [{span.start}:{span.end}] overlaps "
                            f"{prev.label} {prev.text!r} [{prev.start}:{prev.end}]")
            continue
        unique.append(span)
    return unique


def parse_task(task: Any, origin: str, report: LoadReport, problems: list[str]) -> Article | None:
    """One task -> Article (or None when it has no usable annotation or is broken)."""
    if not isinstance(task, dict):
        problems.append(f"{origin}: task is not an object: {str(task)[:80]!r}")
        return None
    task_id = task.get("id")
    data = task.get("data") or {}
    where = f"{origin} task {task_id}"
    text = data.get("text")
    if not isinstance(text, str) or not text:
        problems.append(f"{where}: data.text is missing or empty")
        return None
    article_id = data.get("article_id")
    if article_id in (None, ""):
        problems.append(f"{where}: data.article_id is missing")
        return None
    where = f"{where} (article {article_id})"
    annotations = task.get("annotations") or []
    if task.get("predictions"):
        report.counts["predictions_ignored"] += len(task["predictions"])
    chosen, cancelled = choose_annotation(annotations)
    if cancelled:
        report.counts["cancelled_annotations_skipped"] += cancelled
    if chosen is None:
        report.note("task_without_annotation", f"{where}: no completed annotation; not used")
        return None
    if len([a for a in annotations if isinstance(a, dict) and not a.get("was_cancelled")]) > 1:
        report.note("several_annotations", f"{where}: used annotation {chosen.get('id')} "
                    f"({'ground truth' if chosen.get('ground_truth') else 'latest'})")
    before = len(problems)
    spans = _spans_of(chosen.get("result") or [], text, where, report, problems)
    if len(problems) > before:
        return None
    meta = {k: v for k, v in data.items() if k != "text"}
    return Article(article_id=str(article_id), text=text, spans=spans, meta=meta, task_id=task_id, origin=origin,
                   annotator=annotator_id(chosen))


def read_tasks(path: Path) -> list[Any]:
    """A full-JSON export is a list of tasks; a single task object is accepted too."""
    try:
        payload = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as err:
        raise ExportError([f"{path}: not valid JSON ({err})"]) from err
    if isinstance(payload, dict):
        payload = [payload]
    if not isinstance(payload, list):
        raise ExportError([f"{path}: expected a list of tasks (Label Studio full JSON export)"])
    return payload


def load_export(path: str | Path) -> LoadResult:
    return load_exports([path])


def load_exports(paths: Iterable[str | Path]) -> LoadResult:
    """Load several exports; article ids must be unique across all of them, separately for
    first annotations and for second annotations (which go to ``LoadResult.second``)."""
    report = LoadReport()
    problems: list[str] = []
    articles: list[Article] = []
    second: list[Article] = []
    seen: dict[str, str] = {}
    seen_second: dict[str, str] = {}
    for path in map(Path, paths):
        report.files.append(str(path))
        try:
            tasks = read_tasks(path)
        except ExportError as err:
            problems += err.problems
            continue
        for task in tasks:
            report.tasks += 1
            article = parse_task(task, str(path), report, problems)
            if article is None:
                continue
            target, ids = (second, seen_second) if is_second_annotation(article) else (articles, seen)
            if article.article_id in ids:
                problems.append(f"{article.where()}: duplicate article_id, first seen in {ids[article.article_id]}")
                continue
            ids[article.article_id] = article.where()
            target.append(article)
    if problems:
        raise ExportError(problems)
    if second:
        report.counts["second_annotations_kept_apart"] = len(second)
    report.articles = len(articles)
    report.spans = sum(len(a.spans) for a in articles)
    return LoadResult(articles, report, second)


def annotation_files(folder: str | Path) -> list[Path]:
    """The export files of an annotations folder (every *.json, sorted for determinism)."""
    return sorted(p for p in Path(folder).glob("*.json") if p.is_file())


def export_paths(entries: Iterable[str | Path]) -> list[Path]:
    """Export files named directly, plus every *.json of the folders named."""
    entries = list(entries)
    paths: list[Path] = []
    for entry in map(Path, entries):
        paths += annotation_files(entry) if entry.is_dir() else [entry]
    if not paths:
        raise FileNotFoundError(f"no Label Studio export (*.json) found in {[str(e) for e in entries]}")
    return paths
