"""Compare two models (or a model and the spaCy baseline) on the same held-out articles.

    python -m eval.compare --a artifacts/model --b artifacts/model-mpnet --exports data/annotations --out artifacts/compare
    python -m eval.compare --a baseline --b artifacts/model --exports data/annotations

Both systems run end to end on the same articles (model A's split unless --manifest is
given). Per label and micro: strict F1 of A and B, the difference B - A with its 95%
interval, and a paired bootstrap p-value over articles (eval.bootstrap.paired_bootstrap):
a small p-value says the sign of the difference survives resampling the articles. A
model that trained on any of the compared articles makes the comparison meaningless, so
that is an error, not a footnote.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from data.labels import LABELS
from data.split import split_from_manifest
from eval.bootstrap import article_counts, paired_bootstrap
from eval.evaluate import BASELINE, articles_to_score, load_predictor, predict_articles
from eval.scoring import to_tag_sequences

COMPARE_SCHEMA = "attack-spans-compare/1"


def trained_on(model: str, articles) -> list[str]:
    """Ids of the given articles that the model folder's split manifest put in train or dev."""
    path = Path(model) / "split_manifest.json"
    if model == BASELINE or not path.is_file():
        return []
    assignment = split_from_manifest(articles, json.loads(path.read_text()))
    return [a.article_id for a in articles if assignment[a.article_id] in ("train", "dev")]


def compare_evals(evals_a, evals_b, resamples: int = 2000, seed: int = 13) -> dict[str, Any]:
    """Paired comparison of two systems' predictions on the same articles (pure)."""
    if [e.article_id for e in evals_a] != [e.article_id for e in evals_b]:
        raise ValueError("the two systems were run on different articles")
    gold_a, pred_a, _ = to_tag_sequences(evals_a)
    gold_b, pred_b, _ = to_tag_sequences(evals_b)
    return paired_bootstrap(article_counts(gold_a, pred_a), article_counts(gold_b, pred_b), resamples, seed)


def compare(model_a: str, model_b: str, exports: list[str], split: str = "test", manifest: str | None = None,
            resamples: int = 2000, seed: int = 13, quiet: bool = False) -> dict[str, Any]:
    manifest_path = Path(manifest) if manifest else Path(model_a if model_a != BASELINE else model_b) / "split_manifest.json"
    _, articles = articles_to_score(exports, split, manifest_path)
    for model in (model_a, model_b):
        seen = trained_on(model, articles)
        if seen:
            raise ValueError(f"{model} trained on {len(seen)} of the compared articles ({', '.join(seen[:5])}...): "
                             "compare on a split both models held out (--manifest)")
    evals_a, _ = predict_articles(load_predictor(model_a), articles, "model A", quiet)
    evals_b, _ = predict_articles(load_predictor(model_b), articles, "model B", quiet)
    result = compare_evals(evals_a, evals_b, resamples, seed)
    return {"schema": COMPARE_SCHEMA, "a": model_a, "b": model_b, "exports": list(exports), "split": split, **result}


def render_markdown(result: dict[str, Any]) -> str:
    lines = [f"# Compare: A = `{result['a']}`, B = `{result['b']}`", "",
             f"{result['articles']} articles of split `{result['split']}`; strict F1; {result['method']}, "
             f"{result['resamples']} resamples, seed {result['seed']}.", "",
             "| label | A F1 | B F1 | B - A | 95% CI of B - A | p-value |", "|---|---|---|---|---|---|"]
    for name in [*LABELS, "micro"]:
        r = result["f1"][name]
        lines.append(f"| {name} | {r['a']:.3f} | {r['b']:.3f} | {r['delta']:+.3f} | {r['low']:+.3f} to {r['high']:+.3f} "
                     f"| {r['p_value']:.3f} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.compare", description=__doc__.split("\n")[0])
    parser.add_argument("--a", required=True, help=f"model folder A (the reference), or '{BASELINE}'")
    parser.add_argument("--b", required=True, help=f"model folder B (the candidate), or '{BASELINE}'")
    parser.add_argument("--exports", nargs="+", default=["data/annotations"], help="Label Studio export files or folders")
    parser.add_argument("--split", choices=("test", "dev", "train", "all"), default="test")
    parser.add_argument("--manifest", help="split manifest (default: A's split_manifest.json)")
    parser.add_argument("--resamples", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--out", type=Path, help="folder for compare.json and compare.md")
    parser.add_argument("--quiet", action="store_true", help="no progress bars")
    args = parser.parse_args(argv)
    result = compare(args.a, args.b, args.exports, args.split, args.manifest, args.resamples, args.seed, args.quiet)
    print(render_markdown(result))
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
        (args.out / "compare.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
        (args.out / "compare.md").write_text(render_markdown(result), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
