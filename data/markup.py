"""Inline annotation markup: author articles as text with [[surface|LABEL]] spans.

Writing offsets by hand is where annotation errors come from, so written articles are
authored in this format and converted to Label Studio exports by `to-export`; the export
is what gets committed. `from-export` turns an export back into markup for editing.

File format (one article per file, UTF-8)::

    article_id: w001
    source: written
    event_date: 2024-01-28
    region: iraq-syria
    style: wire
    incident: 2024-01-28-tower-22
    hard_negative: false
    ---
    Title line
    Body with [[three|COUNT]] [[drones|WEAPON]] ...

Header values are strings, except `true`/`false`, which become booleans.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

from data.labels import LABELS
from data.spans import Article, Span

MARK = re.compile(r"\[\[([^\[\]|]+?)\|([A-Za-z_]+)\]\]")
HEADER_END = "---"


class MarkupError(ValueError):
    """A markup file that cannot be turned into an article (file, line and reason)."""


def parse_markup(source: str, origin: str = "<string>") -> Article:
    """Parse one markup document into an Article with exact character offsets."""
    head, sep, body = source.partition(f"\n{HEADER_END}\n")
    if not sep:
        raise MarkupError(f"{origin}: no '{HEADER_END}' line separating header and text")
    meta: dict[str, Any] = {}
    for lineno, line in enumerate(head.splitlines(), 1):
        if not line.strip():
            continue
        key, colon, value = line.partition(":")
        if not colon:
            raise MarkupError(f"{origin}:{lineno}: header line without 'key: value': {line!r}")
        value = value.strip()
        meta[key.strip()] = {"true": True, "false": False}.get(value, value)
    if "article_id" not in meta:
        raise MarkupError(f"{origin}: header has no article_id")
    body = body.strip("\n").rstrip()

    text_parts: list[str] = []
    spans: list[Span] = []
    cursor = 0
    out_len = 0
    for match in MARK.finditer(body):
        before = body[cursor : match.start()]
        text_parts.append(before)
        out_len += len(before)
        surface, label = match.group(1), match.group(2)
        line = body.count("\n", 0, match.start()) + 1
        if label not in LABELS:
            raise MarkupError(f"{origin}: text line {line}: unknown label {label!r} on {surface!r}")
        if surface != surface.strip():
            raise MarkupError(f"{origin}: text line {line}: span {surface!r} starts or ends with whitespace")
        spans.append(Span(out_len, out_len + len(surface), label, surface))
        text_parts.append(surface)
        out_len += len(surface)
        cursor = match.end()
    text_parts.append(body[cursor:])
    text = "".join(text_parts)
    for token in ("[[", "]]"):
        if token in text:
            pos = text.index(token)
            line = text.count("\n", 0, pos) + 1
            raise MarkupError(f"{origin}: text line {line}: stray {token!r} (malformed span markup)")
    return Article(article_id=str(meta["article_id"]), text=text, spans=spans, meta=meta, origin=origin)


def render_markup(article: Article) -> str:
    """Inverse of parse_markup: header plus text with [[surface|LABEL]] marks."""
    header = {"article_id": article.article_id, **{k: v for k, v in article.meta.items() if k not in ("text", "article_id")}}
    lines = [f"{k}: {str(v).lower() if isinstance(v, bool) else v}" for k, v in header.items()]
    parts, cursor = [], 0
    for span in sorted(article.spans):
        parts.append(article.text[cursor : span.start])
        parts.append(f"[[{article.text[span.start:span.end]}|{span.label}]]")
        cursor = span.end
    parts.append(article.text[cursor:])
    return "\n".join(lines) + f"\n{HEADER_END}\n" + "".join(parts) + "\n"


def to_task(article: Article, task_id: int, annotator: int = 1) -> dict[str, Any]:
    """One Label Studio full-JSON task with a single completed annotation by ``annotator``."""
    data = {"text": article.text, "article_id": article.article_id, **{k: v for k, v in article.meta.items() if k != "article_id"}}
    result = [
        {
            "id": f"{article.article_id}-{n:03d}",
            "from_name": "label",
            "to_name": "text",
            "type": "labels",
            "origin": "manual",
            "value": {"start": s.start, "end": s.end, "text": s.text, "labels": [s.label]},
        }
        for n, s in enumerate(sorted(article.spans), 1)
    ]
    return {
        "id": task_id,
        "data": data,
        "annotations": [
            {
                "id": task_id,
                "completed_by": annotator,
                "result": result,
                "was_cancelled": False,
                "ground_truth": False,
                "lead_time": 0.0,
                "task": task_id,
                "project": 1,
            }
        ],
        "predictions": [],
        "drafts": [],
        "meta": {},
    }


def export_articles(articles: list[Article], first_task_id: int = 1, annotator: int = 1,
                    second_round: bool = False) -> list[dict[str, Any]]:
    """Tasks for an export; ``second_round`` marks them as blind second annotations
    (data.annotation_round = "second"), which the loader keeps apart from training data."""
    if second_round:
        from data.labelstudio import ROUND_FIELD, SECOND_ROUND

        articles = [replace(a, meta={**a.meta, ROUND_FIELD: SECOND_ROUND}) for a in articles]
    return [to_task(a, first_task_id + i, annotator) for i, a in enumerate(articles)]


def _read_dir(paths: list[Path]) -> list[Article]:
    files: list[Path] = []
    for p in paths:
        files += sorted(p.glob("*.txt")) if p.is_dir() else [p]
    return [parse_markup(f.read_text(encoding="utf-8"), origin=str(f)) for f in files]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m data.markup", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="cmd", required=True)
    lint_p = sub.add_parser("lint", help="parse markup files and print spec-lint findings")
    lint_p.add_argument("paths", nargs="+", type=Path)
    exp = sub.add_parser("to-export", help="convert markup files/dirs into one Label Studio export")
    exp.add_argument("paths", nargs="+", type=Path)
    exp.add_argument("--out", type=Path, required=True)
    exp.add_argument("--first-task-id", type=int, default=1)
    exp.add_argument("--annotator", type=int, default=1, help="completed_by id written into each annotation")
    exp.add_argument("--second-round", action="store_true",
                     help="mark the tasks as blind second annotations (kept out of training; see eval.agreement)")
    back = sub.add_parser("from-export", help="write one markup file per task of an export")
    back.add_argument("export", type=Path)
    back.add_argument("--out-dir", type=Path, required=True)
    args = parser.parse_args(argv)

    if args.cmd == "lint":
        from data.lint import lint_article

        try:
            articles = _read_dir(args.paths)
        except MarkupError as err:
            print(f"ERROR {err}", file=sys.stderr)
            return 1
        total = 0
        for article in articles:
            for finding in lint_article(article):
                total += 1
                print(f"{article.origin}: {finding}")
        counts = {label: sum(s.label == label for a in articles for s in a.spans) for label in LABELS}
        print(f"{len(articles)} articles, {sum(counts.values())} spans {counts}, {total} lint findings")
        return 0
    if args.cmd == "to-export":
        articles = _read_dir(args.paths)
        tasks = export_articles(articles, args.first_task_id, args.annotator, args.second_round)
        args.out.write_text(json.dumps(tasks, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {len(articles)} tasks to {args.out}")
        return 0
    from data.labelstudio import load_export

    args.out_dir.mkdir(parents=True, exist_ok=True)
    loaded = load_export(args.export)
    for article in loaded.articles + loaded.second:
        (args.out_dir / f"{article.article_id}.txt").write_text(render_markup(article), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
