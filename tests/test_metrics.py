"""Scoring against a hand-computed oracle (strict IOB2, entity level)."""

from __future__ import annotations

import pytest

from data.spans import Span
from eval.scoring import ArticleEval, classify_errors, score


def span(text: str, surface: str, label: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    return Span(start, start + len(surface), label, surface)


T1 = "Militants fired three rockets at Erbil airport and two drones at Baghdad."
T2 = "No injuries."
GOLD1 = [span(T1, "Militants", "ACTOR"), span(T1, "three", "COUNT"), span(T1, "rockets", "WEAPON"),
         span(T1, "Erbil airport", "LOCATION"), span(T1, "two", "COUNT"), span(T1, "drones", "WEAPON"),
         span(T1, "Baghdad", "LOCATION")]
PRED1 = [span(T1, "Militants", "ACTOR"), span(T1, "three rockets", "WEAPON"), span(T1, "Erbil airport", "LOCATION"),
         span(T1, "drones", "WEAPON"), span(T1, "Baghdad", "ACTOR")]
GOLD2 = PRED2 = [span(T2, "No injuries", "CASUALTY")]


@pytest.fixture
def result():
    return score([ArticleEval("w1", T1, GOLD1, PRED1, {"source": "written"}),
                  ArticleEval("s1", T2, GOLD2, PRED2, {"source": "seed"})])


def test_per_label_scores_match_hand_computation(result):
    # By hand: ACTOR tp1 pred2 gold1; COUNT tp0 pred0 gold2; WEAPON tp1 pred2 gold2;
    # LOCATION tp1 pred1 gold2; CASUALTY tp1 pred1 gold1.
    expected = {"ACTOR": (0.5, 1.0, 2 / 3, 1, 2), "COUNT": (0.0, 0.0, 0.0, 2, 0), "WEAPON": (0.5, 0.5, 0.5, 2, 2),
                "LOCATION": (1.0, 0.5, 2 / 3, 2, 1), "CASUALTY": (1.0, 1.0, 1.0, 1, 1)}
    for label, (p, r, f, support, predicted) in expected.items():
        got = result["per_label"][label]
        assert (got["precision"], got["recall"], got["f1"]) == pytest.approx((p, r, f)), label
        assert (got["support"], got["predicted"]) == (support, predicted), label


def test_micro_and_macro_match_hand_computation(result):
    # micro: tp 4, predicted 6, gold 8
    assert result["micro"]["precision"] == pytest.approx(4 / 6)
    assert result["micro"]["recall"] == pytest.approx(4 / 8)
    assert result["micro"]["f1"] == pytest.approx(2 * (4 / 6) * 0.5 / (4 / 6 + 0.5))
    assert (result["micro"]["support"], result["micro"]["predicted"]) == (8, 6)
    assert result["macro"]["f1"] == pytest.approx((2 / 3 + 0 + 0.5 + 2 / 3 + 1) / 5)
    assert result["macro"]["precision"] == pytest.approx((0.5 + 0 + 0.5 + 1 + 1) / 5)


def test_slices(result):
    assert result["slices"]["source=seed"]["micro"]["f1"] == pytest.approx(1.0)
    written = result["slices"]["source=written"]["micro"]
    assert (written["precision"], written["recall"]) == pytest.approx((3 / 5, 3 / 7))


def test_error_classes_match_hand_computation(result):
    assert result["error_counts"] == {"correct": 4, "false_positive": 0, "false_negative": 2, "boundary": 1,
                                      "label": 1, "label_and_boundary": 0}
    errors = classify_errors(GOLD1, PRED1)
    assert [e["gold"]["text"] for e in errors["false_negative"]] == ["three", "two"]
    assert errors["boundary"][0]["pred"]["text"] == "three rockets" and errors["boundary"][0]["gold"]["text"] == "rockets"
    assert errors["label"][0]["gold"]["label"] == "LOCATION" and errors["label"][0]["pred"]["label"] == "ACTOR"


def test_false_positive_without_overlap():
    errors = classify_errors([], [Span(0, 3, "COUNT", "two")])
    assert len(errors["false_positive"]) == 1


def test_empty_inputs_score_zero():
    res = score([ArticleEval("a", "Nothing here.", [], [], {})])
    assert res["micro"]["f1"] == 0.0 and res["micro"]["support"] == 0
