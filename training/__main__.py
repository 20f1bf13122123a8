"""The main job: train on the exports, evaluate on the held-out split, write report and model card.

    python -m training [--model PATH_OR_HUB_ID] [--epochs N] ...   (python -m training --help)
"""

from __future__ import annotations

import logging
import sys
import time

from eval.evaluate import evaluate
from model.card import write_card
from training.config import parse_run_config
from training.train import train, write_json


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    started = time.perf_counter()
    run = parse_run_config(argv)
    outcome = train(run)
    if not outcome.is_main:  # other ranks of a torchrun/accelerate launch: rank 0 evaluates and reports
        return 0
    metrics = None
    if not run.train.skip_eval:
        metrics = evaluate(outcome.output_dir, run.data.annotations, "test", run.train.report_dir, baseline=run.train.baseline,
                           resamples=run.train.bootstrap_resamples, seed=run.train.seed, quiet=run.train.quiet)
        write_json(outcome.output_dir / "test_metrics.json", {k: v for k, v in metrics.items() if k != "per_article"})
    card = write_card(outcome, metrics)
    total = time.perf_counter() - started
    print(f"\nwindows per split: {outcome.window_counts}")
    if metrics:
        m, ci = metrics["micro"], metrics["confidence"]["f1"]["micro"]
        print(f"held-out test ({metrics['articles']} articles): strict micro P={m['precision']:.3f} R={m['recall']:.3f} "
              f"F1={m['f1']:.3f} (95% CI {ci['low']:.3f}-{ci['high']:.3f})")
        if metrics["baseline"]:
            print(f"  spaCy baseline on the same articles: strict micro F1={metrics['baseline']['micro']['f1']:.3f}")
        if metrics["agreement"]:
            print(f"  ceiling (blind annotator agreement): strict micro F1={metrics['agreement']['strict']['micro']:.3f}")
        for name, sl in metrics["slices"].items():
            print(f"  {name}: F1={sl['micro']['f1']:.3f} over {sl['articles']} articles")
        print(f"report written to {run.train.report_dir}/ (report.html, report.md, metrics.json, errors.md)")
    print(f"model written to {outcome.output_dir}/ (model card {card})")
    print(f"total time {total:.0f} s (training {outcome.train_seconds:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
