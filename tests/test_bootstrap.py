"""Bootstrap over articles: seeded and reproducible, centred on the seqeval point estimate."""

from __future__ import annotations

import numpy as np
import pytest

from eval.bootstrap import article_counts, confidence_intervals, paired_bootstrap
from eval.scoring import seqeval_scores

GOLD = [["B-WEAPON", "I-WEAPON", "O", "B-COUNT"], ["B-ACTOR", "O"], ["B-WEAPON", "O", "B-LOCATION"], ["O", "B-CASUALTY"]]
PRED = [["O", "B-WEAPON", "O", "B-COUNT"], ["B-ACTOR", "O"], ["B-LOCATION", "O", "B-LOCATION"], ["O", "O"]]


def test_counts_reproduce_seqeval():
    counts = article_counts(GOLD, PRED)
    seq = seqeval_scores(GOLD, PRED)
    point = confidence_intervals(counts, resamples=100)["f1"]
    assert point["micro"]["f1"] == pytest.approx(seq["micro"]["f1"])
    for label in ("WEAPON", "COUNT", "LOCATION", "CASUALTY", "ACTOR"):
        assert point[label]["f1"] == pytest.approx(seq["per_label"][label]["f1"]), label
    assert counts.sum(axis=0).tolist()[0] == [0, 1, 2]  # WEAPON: no exact match, 1 predicted, 2 gold


def test_same_seed_same_interval_other_seed_other_interval():
    counts = article_counts(GOLD * 5, PRED * 5)
    a = confidence_intervals(counts, resamples=500, seed=7)
    b = confidence_intervals(counts, resamples=500, seed=7)
    c = confidence_intervals(counts, resamples=500, seed=8)
    assert a == b
    assert a["f1"]["micro"] != c["f1"]["micro"]
    micro = a["f1"]["micro"]
    assert micro["low"] <= micro["f1"] <= micro["high"] and micro["width"] == pytest.approx(micro["high"] - micro["low"])
    assert (a["resamples"], a["seed"], a["articles"], a["level"]) == (500, 7, 20, 0.95)


def test_perfect_predictions_have_a_zero_width_interval():
    ci = confidence_intervals(article_counts(GOLD, GOLD), resamples=200)["f1"]["micro"]
    assert (ci["f1"], ci["low"], ci["high"]) == (1.0, 1.0, 1.0)


def test_paired_bootstrap_identical_systems_and_clear_winner():
    same = paired_bootstrap(article_counts(GOLD, PRED), article_counts(GOLD, PRED), resamples=300)
    assert same["f1"]["micro"]["delta"] == 0 and same["f1"]["micro"]["p_value"] == 1.0
    better = paired_bootstrap(article_counts(GOLD * 10, PRED * 10), article_counts(GOLD * 10, GOLD * 10), resamples=300, seed=3)
    micro = better["f1"]["micro"]
    assert micro["delta"] > 0.3 and micro["low"] > 0 and micro["p_value"] < 0.01
    again = paired_bootstrap(article_counts(GOLD * 10, PRED * 10), article_counts(GOLD * 10, GOLD * 10), resamples=300, seed=3)
    assert again == better


def test_mismatched_article_sets_are_an_error():
    with pytest.raises(ValueError, match="different articles"):
        paired_bootstrap(article_counts(GOLD, PRED), article_counts(GOLD[:2], PRED[:2]))
    with pytest.raises(ValueError, match="zero articles"):
        confidence_intervals(np.zeros((0, 5, 3), dtype=int))
