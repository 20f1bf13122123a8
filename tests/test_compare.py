"""eval.compare on two trained models (the tiny one twice, and against the spaCy baseline)."""

from __future__ import annotations

import json

import pytest

from eval.compare import compare, main


def test_compare_a_model_with_itself_shows_no_difference(tiny_trained, tmp_path, capsys):
    model = str(tiny_trained / "model")
    exports = [str(tiny_trained / "annotations")]
    assert main(["--a", model, "--b", model, "--exports", *exports, "--resamples", "200", "--quiet",
                 "--out", str(tmp_path)]) == 0
    result = json.loads((tmp_path / "compare.json").read_text())
    assert result["schema"] == "attack-spans-compare/1" and result["split"] == "test"
    for name, row in result["f1"].items():
        assert row["delta"] == 0 and row["p_value"] == 1.0, name
    assert "| micro |" in (tmp_path / "compare.md").read_text() and "p-value" in capsys.readouterr().out


def test_compare_with_the_baseline_is_paired_and_reproducible(tiny_trained):
    model = str(tiny_trained / "model")
    exports = [str(tiny_trained / "annotations")]
    first = compare("baseline", model, exports, resamples=200, seed=5, quiet=True)
    again = compare("baseline", model, exports, resamples=200, seed=5, quiet=True)
    assert first == again and first["articles"] >= 1
    micro = first["f1"]["micro"]
    assert micro["delta"] == pytest.approx(micro["b"] - micro["a"]) and 0 <= micro["p_value"] <= 1


def test_comparing_on_articles_a_model_trained_on_is_an_error(tiny_trained):
    model = str(tiny_trained / "model")
    with pytest.raises(ValueError, match="trained on"):
        compare(model, model, [str(tiny_trained / "annotations")], split="all", quiet=True)
