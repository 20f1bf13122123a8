"""Evaluate a trained model folder on Label Studio exports, end to end on raw article text.

    python -m eval.evaluate --model artifacts/model --exports data/annotations --split test --out artifacts/report
    python -m eval.evaluate --model artifacts/model --exports my-project-export.json --split all --out /tmp/report

``--split test`` keeps the articles the model's split_manifest.json puts in test (articles
it does not list get the split that the manifest's settings give them, which is stable);
``--split all`` scores every article of the given exports (any export, not only this repo's).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

from data.labelstudio import export_paths, load_exports
from data.spans import Span
from data.split import split_from_manifest
from eval.report import write_report
from eval.scoring import ArticleEval, score

METRICS_SCHEMA = "attack-spans-eval/1"


def select_split(articles, split: str, manifest_path: Path | None):
    if split == "all":
        return articles
    if manifest_path is None or not manifest_path.is_file():
        raise FileNotFoundError(f"--split {split} needs the split manifest (looked for {manifest_path}); use --split all for foreign data")
    manifest = json.loads(manifest_path.read_text())
    assignment = split_from_manifest(articles, manifest)
    return [a for a in articles if assignment[a.article_id] == split]


def evaluate(model_dir: str | Path, exports: list[str], split: str = "test", out_dir: str | Path | None = None,
             manifest: str | Path | None = None, predictor=None, slice_fields: tuple[str, ...] = ("source",)) -> dict[str, Any]:
    """Run the model on each selected article's text, score against gold, write the report."""
    from model.predict import SpanPredictor

    model_dir = Path(model_dir)
    loaded = load_exports(export_paths(exports))
    manifest_path = Path(manifest) if manifest else model_dir / "split_manifest.json"
    articles = select_split(loaded.articles, split, manifest_path)
    if not articles:
        raise ValueError(f"no articles in split {split!r} of {exports}")
    predictor = predictor or SpanPredictor(model_dir)
    started = time.perf_counter()
    evals = []
    for article in articles:
        pred = [Span(p.start, p.end, p.label, p.text) for p in predictor(article.text)]
        evals.append(ArticleEval(article.article_id, article.text, article.spans, pred, article.meta))
    seconds = time.perf_counter() - started
    metrics = {"schema": METRICS_SCHEMA, "model": str(model_dir), "exports": [str(e) for e in exports], "split": split,
               "scheme": "IOB2", "mode": "strict", "predict_seconds": round(seconds, 2),
               **score(evals, slice_fields), "load_report": loaded.report.as_dict()["counts"]}
    if out_dir is not None:
        write_report(metrics, evals, Path(out_dir))
    return metrics


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.evaluate", description=__doc__.split("\n")[0])
    parser.add_argument("--model", required=True, help="trained model folder")
    parser.add_argument("--exports", nargs="+", required=True, help="Label Studio export files or folders")
    parser.add_argument("--split", choices=("test", "dev", "train", "all"), default="test")
    parser.add_argument("--manifest", help="split manifest (default: MODEL/split_manifest.json)")
    parser.add_argument("--out", default="artifacts/report", help="report folder")
    parser.add_argument("--slice", nargs="*", default=["source"], help="data fields to report slices by")
    args = parser.parse_args(argv)
    metrics = evaluate(args.model, args.exports, args.split, args.out, args.manifest, slice_fields=tuple(args.slice))
    m = metrics["micro"]
    print(f"{metrics['articles']} articles, strict micro P={m['precision']:.3f} R={m['recall']:.3f} F1={m['f1']:.3f}; report in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
