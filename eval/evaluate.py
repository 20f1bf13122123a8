"""Evaluate a trained model folder (or the spaCy baseline) on Label Studio exports, end to end
on raw article text.

    python -m eval.evaluate --model artifacts/model --exports data/annotations --split test --out artifacts/report
    python -m eval.evaluate --model artifacts/model --exports my-project-export.json --split all --out /tmp/report
    python -m eval.evaluate --model baseline --manifest artifacts/model/split_manifest.json --exports data/annotations

``--split test`` keeps the articles the model's split_manifest.json puts in test (articles
it does not list get the split that the manifest's settings give them, which is stable);
``--split all`` scores every article of the given exports (any export, not only this repo's).
``--baseline`` scores the spaCy baseline (eval.baseline) on the same articles, side by side.
When the exports hold blind second annotations, their agreement with the first annotations
is reported as the ceiling (eval.agreement).
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
from eval.agreement import agreement
from eval.report import write_report
from eval.scoring import ArticleEval, score

METRICS_SCHEMA = "attack-spans-eval/2"
BASELINE = "baseline"  # --model value that selects the spaCy baseline
DEFAULT_SLICES = ("source", "region", "style", "length")


def select_split(articles, split: str, manifest_path: Path | None):
    if split == "all":
        return articles
    if manifest_path is None or not manifest_path.is_file():
        raise FileNotFoundError(f"--split {split} needs the split manifest (looked for {manifest_path}); use --split all for foreign data")
    manifest = json.loads(manifest_path.read_text())
    assignment = split_from_manifest(articles, manifest)
    return [a for a in articles if assignment[a.article_id] == split]


def articles_to_score(exports: list[str], split: str, manifest_path: Path | None):
    """Load the exports and keep one split's articles (an empty selection is an error)."""
    loaded = load_exports(export_paths(exports))
    articles = select_split(loaded.articles, split, manifest_path)
    if not articles:
        raise ValueError(f"no articles in split {split!r} of {exports}")
    return loaded, articles


def load_predictor(model: str | Path):
    """A callable text -> spans: the spaCy baseline for "baseline", else a model folder."""
    if str(model) == BASELINE:
        from eval.baseline import SpacyBaseline

        return SpacyBaseline()
    from model.predict import SpanPredictor

    return SpanPredictor(model)


def predict_articles(predictor, articles, desc: str = "predicting", quiet: bool = False) -> tuple[list[ArticleEval], float]:
    """Run the predictor on each article's raw text; a progress bar unless quiet (or not a TTY)."""
    from tqdm.auto import tqdm

    started = time.perf_counter()
    evals = []
    for article in tqdm(articles, desc=desc, unit="article", disable=True if quiet else None):
        pred = [Span(p.start, p.end, p.label, p.text) for p in predictor(article.text)]
        evals.append(ArticleEval(article.article_id, article.text, article.spans, pred, article.meta))
    return evals, time.perf_counter() - started


def ceiling(loaded) -> dict[str, Any] | None:
    """Agreement of the blind second annotations with the first ones: the ceiling for any model."""
    if not loaded.second:
        return None
    result = agreement(loaded.articles, loaded.second)
    return {"articles": result["articles"], "article_ids": result["article_ids"],
            "strict": {**{lab: m["f1"] for lab, m in result["strict"]["per_label"].items()}, "micro": result["strict"]["micro"]["f1"]},
            "partial": {**{lab: m["f1"] for lab, m in result["partial"]["per_label"].items()}, "micro": result["partial"]["micro"]["f1"]}}


def evaluate(model_dir: str | Path, exports: list[str], split: str = "test", out_dir: str | Path | None = None,
             manifest: str | Path | None = None, predictor=None, slice_fields: tuple[str, ...] = DEFAULT_SLICES,
             baseline: bool = False, resamples: int = 2000, seed: int = 13, quiet: bool = False) -> dict[str, Any]:
    """Run the model on each selected article's text, score against gold, write the report."""
    manifest_path = Path(manifest) if manifest else (None if str(model_dir) == BASELINE else Path(model_dir) / "split_manifest.json")
    loaded, articles = articles_to_score(exports, split, manifest_path)
    predictor = predictor or load_predictor(model_dir)
    evals, seconds = predict_articles(predictor, articles, f"{Path(str(model_dir)).name} on {split}", quiet)
    metrics = {"schema": METRICS_SCHEMA, "model": str(model_dir), "exports": [str(e) for e in exports], "split": split,
               "scheme": "IOB2", "mode": "strict", "predict_seconds": round(seconds, 2),
               **score(evals, slice_fields, resamples, seed), "baseline": None, "agreement": ceiling(loaded),
               "load_report": loaded.report.as_dict()["counts"]}
    if baseline:
        base = load_predictor(BASELINE)
        base_evals, base_seconds = predict_articles(base, articles, "spaCy baseline", quiet)
        scored = score(base_evals, (), resamples, seed)
        metrics["baseline"] = {"name": base.name, "version": base.version, "predict_seconds": round(base_seconds, 2),
                               **{k: scored[k] for k in ("per_label", "micro", "macro", "schemes", "confidence", "error_counts")}}
    if out_dir is not None:
        write_report(metrics, evals, Path(out_dir))
    return metrics


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.evaluate", description=__doc__.split("\n")[0])
    parser.add_argument("--model", required=True, help=f"trained model folder, or '{BASELINE}' for the spaCy baseline")
    parser.add_argument("--exports", nargs="+", required=True, help="Label Studio export files or folders")
    parser.add_argument("--split", choices=("test", "dev", "train", "all"), default="test")
    parser.add_argument("--manifest", help="split manifest (default: MODEL/split_manifest.json)")
    parser.add_argument("--out", default="artifacts/report", help="report folder")
    parser.add_argument("--slice", nargs="*", default=list(DEFAULT_SLICES),
                        help="slice keys: any data field, or 'length' (article length bins)")
    parser.add_argument("--baseline", action="store_true", help="also score the spaCy baseline on the same articles")
    parser.add_argument("--resamples", type=int, default=2000, help="bootstrap resamples for the confidence intervals")
    parser.add_argument("--seed", type=int, default=13, help="bootstrap seed (intervals are reproducible)")
    parser.add_argument("--quiet", action="store_true", help="no progress bars")
    args = parser.parse_args(argv)
    metrics = evaluate(args.model, args.exports, args.split, args.out, args.manifest, slice_fields=tuple(args.slice),
                       baseline=args.baseline, resamples=args.resamples, seed=args.seed, quiet=args.quiet)
    m, ci = metrics["micro"], metrics["confidence"]["f1"]["micro"]
    print(f"{metrics['articles']} articles, strict micro P={m['precision']:.3f} R={m['recall']:.3f} F1={m['f1']:.3f} "
          f"(95% CI {ci['low']:.3f}-{ci['high']:.3f}); report in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
