"""Bootstrap confidence intervals over ARTICLES, and a paired bootstrap for comparing models.

The held-out split is a few dozen articles, and spans inside one article are not
independent (one writer, one incident), so the unit of resampling is the article: draw
as many articles as there are, with replacement, and recompute F1 from the summed
per-article counts. Counts are strict entity matches (the same entities seqeval strict
counts), so the point estimate equals seqeval's micro / per-label F1.
"""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np

from data.labels import LABELS

TP, PRED, GOLD = 0, 1, 2


def article_counts(gold_seqs: list[list[str]], pred_seqs: list[list[str]]) -> np.ndarray:
    """Array [articles, labels, 3] of strict (true positives, predicted, gold) per label."""
    from seqeval.scheme import IOB2, Entities

    counts = np.zeros((len(gold_seqs), len(LABELS), 3), dtype=np.int64)
    for i, (gold, pred) in enumerate(zip(gold_seqs, pred_seqs)):
        gold_set = {(e.tag, e.start, e.end) for e in Entities([gold], IOB2).entities[0]}
        pred_set = {(e.tag, e.start, e.end) for e in Entities([pred], IOB2).entities[0]}
        for j, label in enumerate(LABELS):
            g = {e for e in gold_set if e[0] == label}
            p = {e for e in pred_set if e[0] == label}
            counts[i, j] = (len(g & p), len(p), len(g))
    return counts


def f1_from_counts(counts: np.ndarray) -> np.ndarray:
    """F1 from summed counts [..., labels, 3] -> [..., labels + 1] (last = micro); NaN where a
    label has neither gold nor predicted entities (undefined, left out of the quantiles)."""
    per_label = counts
    micro = counts.sum(axis=-2, keepdims=True)
    both = np.concatenate([per_label, micro], axis=-2)
    denom = both[..., PRED] + both[..., GOLD]
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(denom > 0, 2 * both[..., TP] / np.maximum(denom, 1), np.nan)


def _resample_sums(counts: np.ndarray, resamples: int, seed: int) -> np.ndarray:
    """Summed counts [resamples, labels, 3] for article index draws with replacement."""
    rng = np.random.default_rng(seed)
    n = counts.shape[0]
    draws = rng.integers(0, n, size=(resamples, n))
    # counting how often each article is drawn turns the sum into one matrix product
    weights = np.zeros((resamples, n), dtype=np.int64)
    np.add.at(weights, (np.repeat(np.arange(resamples), n), draws.ravel()), 1)
    return np.einsum("rn,nlk->rlk", weights, counts)


def confidence_intervals(counts: np.ndarray, resamples: int = 2000, seed: int = 13, level: float = 0.95) -> dict[str, Any]:
    """Percentile bootstrap intervals for micro and per-label strict F1."""
    if counts.shape[0] == 0:
        raise ValueError("bootstrap over zero articles")
    point = np.nan_to_num(f1_from_counts(counts.sum(axis=0)))
    samples = f1_from_counts(_resample_sums(counts, resamples, seed))
    alpha = (1 - level) / 2
    with warnings.catch_warnings():  # an undefined F1 in every resample (label absent) gives 0
        warnings.simplefilter("ignore", RuntimeWarning)
        low = np.nan_to_num(np.nanquantile(samples, alpha, axis=0))
        high = np.nan_to_num(np.nanquantile(samples, 1 - alpha, axis=0))
    names = list(LABELS) + ["micro"]
    return {"method": "percentile bootstrap over articles", "resamples": resamples, "seed": seed, "level": level,
            "articles": int(counts.shape[0]),
            "f1": {name: {"f1": float(point[k]), "low": float(low[k]), "high": float(high[k]),
                          "width": float(high[k] - low[k])} for k, name in enumerate(names)}}


def paired_bootstrap(counts_a: np.ndarray, counts_b: np.ndarray, resamples: int = 2000, seed: int = 13) -> dict[str, Any]:
    """Per-label and micro F1 delta (B - A) with a paired bootstrap p-value.

    Both systems are scored on the same resampled articles. The two-sided p-value is
    2 * min(P(delta <= 0), P(delta >= 0)) over the resamples (capped at 1): small when the
    sign of the difference survives resampling the articles."""
    if counts_a.shape != counts_b.shape:
        raise ValueError(f"the two systems were scored on different articles: {counts_a.shape} vs {counts_b.shape}")
    point_a = np.nan_to_num(f1_from_counts(counts_a.sum(axis=0)))
    point_b = np.nan_to_num(f1_from_counts(counts_b.sum(axis=0)))
    # the same seed gives both systems the same article draws: that is what makes it paired
    # an undefined F1 (no gold, no prediction in a resample) counts as 0 for the delta
    deltas = (np.nan_to_num(f1_from_counts(_resample_sums(counts_b, resamples, seed)))
              - np.nan_to_num(f1_from_counts(_resample_sums(counts_a, resamples, seed))))
    names = list(LABELS) + ["micro"]
    out = {}
    for k, name in enumerate(names):
        d = deltas[:, k]
        p = min(1.0, 2 * min(float(np.mean(d <= 0)), float(np.mean(d >= 0))))
        out[name] = {"a": float(point_a[k]), "b": float(point_b[k]), "delta": float(point_b[k] - point_a[k]),
                     "low": float(np.quantile(d, 0.025)), "high": float(np.quantile(d, 0.975)), "p_value": p}
    return {"method": "paired bootstrap over articles", "resamples": resamples, "seed": seed,
            "articles": int(counts_a.shape[0]), "f1": out}
