"""Run configuration is validated before any work starts; a run with no training articles says why."""

from __future__ import annotations

import pytest

from tests.exports import task_from_markup, write_export
from training.config import parse_run_config


def test_defaults_parse_and_validate():
    run = parse_run_config([])
    assert run.model.model is None and run.model.max_length == 256 and run.train.precision == "auto"
    assert set(run.as_dict()) == {"model", "data", "train"}


@pytest.mark.parametrize("argv, message", [
    (["--stride", "300"], "stride"),
    (["--max_length", "8"], "max_length"),
    (["--precision", "fp8"], "precision"),
    (["--device", "tpu"], "device"),
    (["--batch_size", "0"], "batch_size"),
    (["--test_fraction", "0.6", "--dev_fraction", "0.5"], "fraction"),
    (["--annotations", "no/such/folder"], "not found"),
])
def test_bad_settings_fail_early_with_the_field_named(argv, message):
    with pytest.raises((ValueError, FileNotFoundError), match=message):
        parse_run_config(argv)


def test_only_seed_articles_is_a_clear_error(tmp_path, tiny_backbone):
    from training.train import train

    write_export(tmp_path / "seeds.json", [task_from_markup("[[Two|COUNT]] rockets.", "s1", 1, source="seed")])
    run = parse_run_config(["--model", str(tiny_backbone), "--annotations", str(tmp_path), "--output_dir", str(tmp_path / "m")])
    with pytest.raises(ValueError, match="no training articles"):
        train(run)
