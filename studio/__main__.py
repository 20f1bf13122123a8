"""Label Studio round trip CLI.

    python -m studio push  ARTICLES... [--model DIR]   import tasks (+ pre-annotations), idempotent
    python -m studio pull  [--out-dir data/annotations]  export annotations here and check them
    python -m studio select ARTICLES... --model DIR --n N  push the N articles the model is least sure of

URL and token: --url/--token or LABEL_STUDIO_URL / LABEL_STUDIO_API_KEY.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import sys
from pathlib import Path

from studio.client import StudioError, connect, connection_from, explain

DEFAULT_PROJECT = "attack-spans"
DEFAULT_CONFIG = Path("data/annotations/labeling-config.xml")


def model_version(model_dir: Path) -> str:
    """Folder name plus a content hash of the weights, so predictions name the exact model."""
    weights = model_dir / "model.safetensors"
    digest = hashlib.sha256(weights.read_bytes()).hexdigest()[:10] if weights.is_file() else "unknown"
    return f"{model_dir.name}@{digest}"


def make_predict(model_dir: Path):
    """(predict, uncertainty) over one loaded model. predict: article -> (spans, task score =
    model confidence, 1 - uncertainty). Word probabilities are kept per article, so `select`
    runs the model once per article although it ranks first and pre-annotates afterwards."""
    from model.predict import SpanPredictor, decode_spans
    from model.uncertainty import article_uncertainty

    predictor = SpanPredictor(model_dir)
    cache: dict[str, tuple] = {}

    def words_of(article):
        if article.article_id not in cache:
            cache[article.article_id] = predictor.words(article.text)
        return cache[article.article_id]

    def predict(article):
        words, probs = words_of(article)
        return decode_spans(article.text, words, probs, predictor.id2label), 1.0 - article_uncertainty(probs)

    def uncertainty(article):
        return article_uncertainty(words_of(article)[1])

    return predict, uncertainty


def local_article_ids(folder: Path) -> set[str]:
    from data.labelstudio import annotation_files, read_tasks

    return {str((t.get("data") or {}).get("article_id")) for f in annotation_files(folder) for t in read_tasks(f)}


def cmd_push(client, args) -> int:
    from data.raw import read_raw_articles
    from studio.project import ensure_project, push_articles

    articles = read_raw_articles(args.articles, default_source=args.source)
    project_id = ensure_project(client, args.project, args.config.read_text(encoding="utf-8"))
    predict = make_predict(args.model)[0] if args.model else None
    res = push_articles(client, project_id, articles, predict, model_version(args.model) if args.model else "")
    print(f"project {args.project!r} (id {project_id}): {len(res.created)} task(s) imported, "
          f"{len(res.skipped)} already there, {res.predictions} with predictions")
    return 0


def cmd_pull(client, args) -> int:
    from data.check import check_folder
    from studio.project import ensure_project
    from studio.pull import pull

    project_id = ensure_project(client, args.project, args.config.read_text(encoding="utf-8"))
    res = pull(client, project_id, args.project, args.out_dir, dt.date.today().isoformat())
    print(f"wrote {res.tasks} annotated task(s) to {res.path} ({res.offsets_normalized} UTF-16 offsets normalised"
          + (f"; replaced {', '.join(p.name for p in res.replaced)}" if res.replaced else "") + ")")
    if args.no_check:
        return 0
    check = check_folder(args.out_dir)
    for line in check.errors:
        print(f"ERROR {line}")
    for finding in check.findings:
        print(f"LINT  {finding}")
    print(f"data check of {args.out_dir}: {len(check.errors)} error(s), {len(check.findings)} lint finding(s)")
    return 1 if check.errors else 0


def cmd_select(client, args) -> int:
    from data.raw import read_raw_articles
    from studio.project import ensure_project, existing_article_ids, push_articles

    project_id = ensure_project(client, args.project, args.config.read_text(encoding="utf-8"))
    labelled = set(existing_article_ids(client, project_id))
    if args.annotations.is_dir():
        labelled |= local_article_ids(args.annotations)
    pool = [a for a in read_raw_articles(args.articles, default_source=args.source) if a.article_id not in labelled]
    predict, uncertainty = make_predict(args.model)
    ranked = sorted(((uncertainty(a), a.article_id, a) for a in pool), key=lambda r: (-r[0], r[1]))
    chosen = [a for _, _, a in ranked[: args.n]]
    for score, article_id, _ in ranked[: args.n]:
        print(f"  {article_id}\tuncertainty {score:.3f}")
    res = push_articles(client, project_id, chosen, predict, model_version(args.model))
    print(f"selected {len(chosen)} of {len(pool)} unlabelled article(s); {len(res.created)} pushed to project {args.project!r}")
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m studio", description="Label Studio round trip: push, pull, select.")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--url", help="Label Studio URL (default: $LABEL_STUDIO_URL)")
    common.add_argument("--token", help="API token (default: $LABEL_STUDIO_API_KEY)")
    common.add_argument("--project", default=DEFAULT_PROJECT, help="project title (created if missing)")
    common.add_argument("--config", type=Path, default=DEFAULT_CONFIG, help="labeling config XML")
    sub = p.add_subparsers(dest="cmd", required=True)
    push = sub.add_parser("push", parents=[common], help="import articles as tasks, optionally with pre-annotations")
    push.add_argument("articles", nargs="+", type=Path, help=".txt files, .jsonl (text, article_id, metadata) or exports, or folders")
    push.add_argument("--model", type=Path, help="trained model folder: attach its spans as predictions")
    push.add_argument("--source", default="labelstudio", help="data.source for articles that have none")
    pull = sub.add_parser("pull", parents=[common], help="export annotations into the repo and run the data checker")
    pull.add_argument("--out-dir", type=Path, default=Path("data/annotations"))
    pull.add_argument("--no-check", action="store_true")
    sel = sub.add_parser("select", parents=[common], help="push the N unlabelled articles the model is least sure of")
    sel.add_argument("articles", nargs="+", type=Path)
    sel.add_argument("--model", type=Path, required=True)
    sel.add_argument("--n", type=int, required=True, help="how many articles to push")
    sel.add_argument("--annotations", type=Path, default=Path("data/annotations"), help="articles already labelled here are skipped")
    sel.add_argument("--source", default="labelstudio")
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        conn = connection_from(args.url, args.token)
        client = connect(conn)
        return {"push": cmd_push, "pull": cmd_pull, "select": cmd_select}[args.cmd](client, args)
    except StudioError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    except Exception as err:  # noqa: BLE001 - SDK/HTTP failures mid-command: one line, not a traceback
        import httpx
        from label_studio_sdk.core.api_error import ApiError

        if isinstance(err, (ApiError, httpx.HTTPError)):
            print(f"error: {explain(err, conn)}", file=sys.stderr)
            return 2
        raise


if __name__ == "__main__":
    sys.exit(main())
