"""Tiny random BERT: train 2 steps -> save -> pipeline loads -> predict CLI -> eval runs."""

from __future__ import annotations

import json

import pytest

SENTENCE = "Two Katyusha rockets that were fired at the Ain al-Assad airbase in western Iraq left several US troops badly injured."


@pytest.fixture(scope="module")
def trained(tiny_trained):
    return tiny_trained


def test_model_folder_is_complete(trained):
    model = trained / "model"
    for name in ("config.json", "model.safetensors", "tokenizer.json", "README.md", "run_config.json",
                 "split_manifest.json", "training_metrics.json", "test_metrics.json", "load_report.json", "alignment_report.json"):
        assert (model / name).is_file(), name
    config = json.loads((model / "config.json").read_text())
    assert config["id2label"]["0"] == "O" and config["label2id"]["B-WEAPON"] == 1 and len(config["id2label"]) == 11
    manifest = json.loads((model / "split_manifest.json").read_text())
    assert manifest["articles"]["seed-1"]["split"] == "test"
    card = (model / "README.md").read_text()
    assert "pipeline_tag: token-classification" in card and "Held-out evaluation" in card and "Limits" in card


def test_pipeline_loads_without_project_code(trained):
    from transformers import pipeline

    tagger = pipeline("token-classification", model=str(trained / "model"), aggregation_strategy="first")
    for entity in tagger(SENTENCE):
        assert entity["entity_group"] in {"WEAPON", "COUNT", "LOCATION", "CASUALTY", "ACTOR"}
        assert 0 <= entity["start"] < entity["end"] <= len(SENTENCE)


def test_report_files_and_keys(trained):
    metrics = json.loads((trained / "report" / "metrics.json").read_text())
    assert metrics["schema"] == "attack-spans-eval/2" and metrics["mode"] == "strict" and metrics["scheme"] == "IOB2"
    assert set(metrics["per_label"]) == {"WEAPON", "COUNT", "LOCATION", "CASUALTY", "ACTOR"}
    assert metrics["articles"] >= 1 and "source=seed" in metrics["slices"]
    assert (trained / "report" / "report.md").read_text().startswith("# Evaluation report")
    assert (trained / "report" / "errors.md").is_file()


def test_predict_cli_windows_long_articles(trained, tmp_path, capsys):
    from model.predict import SpanPredictor, main

    long_text = " ".join([SENTENCE] * 40)  # far beyond max_length=24: many windows
    path = tmp_path / "long.txt"
    path.write_text(long_text)
    assert main(["--model", str(trained / "model"), "--input", str(path), "--output", str(tmp_path / "out.jsonl")]) == 0
    row = json.loads((tmp_path / "out.jsonl").read_text().splitlines()[0])
    assert row["article_id"] == "long"
    for span in row["spans"]:
        assert long_text[span["start"]:span["end"]] == span["text"] and 0 <= span["score"] <= 1
    predictor = SpanPredictor(trained / "model")
    assert predictor.max_length == 24 and predictor.stride == 6
    assert predictor("   ") == []


def test_eval_cli_accepts_any_export_with_split_all(trained, tmp_path, capsys):
    from eval.evaluate import main

    assert main(["--model", str(trained / "model"), "--exports", str(trained / "annotations" / "corpus.json"),
                 "--split", "all", "--out", str(tmp_path / "rep")]) == 0
    metrics = json.loads((tmp_path / "rep" / "metrics.json").read_text())
    assert metrics["articles"] == 8 and metrics["split"] == "all"
