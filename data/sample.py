"""Draw the articles for blind double annotation: a seeded random sample of the written ones.

    python -m data.sample data/annotations --n 32 --seed 20261121

The draw is over the sorted ids of every written article (both corpus batches), so anyone
can redo it and check that the committed second annotations are the drawn articles.
"""

from __future__ import annotations

import argparse
import random
import sys

from data.labelstudio import export_paths, load_exports

DOUBLE_ANNOTATION_SEED = 20261121
DOUBLE_ANNOTATION_N = 32  # >= 10% of the 305-article corpus v2


def draw(article_ids: list[str], n: int = DOUBLE_ANNOTATION_N, seed: int = DOUBLE_ANNOTATION_SEED) -> list[str]:
    """n ids drawn without replacement from the sorted ids with random.Random(seed); sorted."""
    pool = sorted(set(article_ids))
    if n > len(pool):
        raise ValueError(f"cannot draw {n} of {len(pool)} articles")
    return sorted(random.Random(seed).sample(pool, n))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m data.sample", description=__doc__.split("\n")[0])
    parser.add_argument("exports", nargs="+", help="export files or folders")
    parser.add_argument("--n", type=int, default=DOUBLE_ANNOTATION_N)
    parser.add_argument("--seed", type=int, default=DOUBLE_ANNOTATION_SEED)
    parser.add_argument("--source", default="written", help="draw from articles with this data.source")
    args = parser.parse_args(argv)
    articles = load_exports(export_paths(args.exports)).articles
    print(" ".join(draw([a.article_id for a in articles if a.source == args.source], args.n, args.seed)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
