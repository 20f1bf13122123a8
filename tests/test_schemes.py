"""Partial-match and type-only scores (nervaluate) and the confusion table on the hand-computed
fixture of test_metrics: T1 has gold ACTOR Militants, COUNT three, WEAPON rockets, LOCATION
Erbil airport, COUNT two, WEAPON drones, LOCATION Baghdad; predicted ACTOR Militants, WEAPON
"three rockets", LOCATION Erbil airport, WEAPON drones, ACTOR Baghdad. T2: CASUALTY exact."""

from __future__ import annotations

import pytest

from eval.scoring import ArticleEval, score
from tests.test_metrics import GOLD1, GOLD2, PRED1, PRED2, T1, T2


@pytest.fixture(scope="module")
def result():
    return score([ArticleEval("w1", T1, GOLD1, PRED1, {"source": "written"}),
                  ArticleEval("s1", T2, GOLD2, PRED2, {"source": "seed"})], resamples=200)


def f1(p, r):
    return 2 * p * r / (p + r)


def test_overall_schemes_match_hand_computation(result):
    # 8 gold, 6 predicted. Exact and right label: Militants, Erbil airport, drones, No injuries (4).
    # ACTOR "Baghdad" has gold's exact edges but LOCATION: exact yes, strict/ent_type no.
    # WEAPON "three rockets" overlaps WEAPON "rockets": ent_type yes, partial half, exact/strict no.
    # Missed: COUNT "two" and COUNT "three" (its overlap is taken by "rockets").
    overall = result["schemes"]["overall"]
    expected = {"strict": (4, 2, 0, 4 / 6, 4 / 8), "exact": (5, 1, 0, 5 / 6, 5 / 8),
                "partial": (5, 0, 1, 5.5 / 6, 5.5 / 8), "ent_type": (5, 1, 0, 5 / 6, 5 / 8)}
    for scheme, (correct, incorrect, partial, p, r) in expected.items():
        got = overall[scheme]
        assert (got["correct"], got["incorrect"], got["partial"], got["missed"], got["spurious"]) == (correct, incorrect, partial, 2, 0), scheme
        assert (got["possible"], got["actual"]) == (8, 6)
        assert (got["precision"], got["recall"], got["f1"]) == pytest.approx((p, r, f1(p, r))), scheme


def test_strict_scheme_equals_seqeval_strict(result):
    assert result["schemes"]["overall"]["strict"]["f1"] == pytest.approx(result["micro"]["f1"])
    for label, block in result["schemes"]["per_label"].items():
        assert block["strict"]["f1"] == pytest.approx(result["per_label"][label]["f1"]), label


def test_per_label_partial_and_type_only(result):
    weapon = result["schemes"]["per_label"]["WEAPON"]
    assert (weapon["partial"]["precision"], weapon["partial"]["recall"]) == pytest.approx((0.75, 0.75))
    assert weapon["ent_type"]["f1"] == pytest.approx(1.0)  # both overlap a gold WEAPON
    actor = result["schemes"]["per_label"]["ACTOR"]  # Baghdad is a spurious ACTOR in every scheme
    assert actor["ent_type"]["spurious"] == 1 and actor["ent_type"]["precision"] == pytest.approx(0.5)
    assert result["schemes"]["per_label"]["COUNT"]["partial"]["missed"] == 2


def test_confusion_table(result):
    confusion = result["confusion"]
    assert confusion["LOCATION"]["ACTOR"] == 1 and confusion["LOCATION"]["LOCATION"] == 1
    assert confusion["WEAPON"]["WEAPON"] == 2  # one exact, one wrong boundary
    assert confusion["COUNT"]["(none)"] == 2 and confusion["CASUALTY"]["CASUALTY"] == 1
    assert sum(confusion["(none)"].values()) == 0


def test_slices_by_any_field_and_length():
    text = "word " * 300
    arts = [ArticleEval(f"a{i}", text if i else "Two rockets.", [], [], {"region": "iraq-syria" if i else "yemen"})
            for i in range(3)]
    result = score(arts, ("region", "length", "missing_field"), resamples=100)
    assert result["slices"]["region=iraq-syria"]["articles"] == 2
    assert result["slices"]["length=medium (250-449 words)"]["articles"] == 2
    assert result["slices"]["length=short (<250 words)"]["articles"] == 1
    assert result["slices"]["missing_field=(missing)"]["articles"] == 3
