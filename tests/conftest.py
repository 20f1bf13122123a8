from __future__ import annotations

import os

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_DATASETS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

from tests import corpus  # noqa: E402
from tests.tiny import build_backbone, build_tokenizer  # noqa: E402

WORDS = ("rockets drones hit the base in Erbil Anbar province killing three soldiers militants fired "
         "at al-Asad US-led forces no injuries were reported Houthi missiles").split()


@pytest.fixture(scope="session")
def tiny_backbone(tmp_path_factory):
    """A random 2-layer BERT and its tokenizer, saved like a real backbone folder."""
    return build_backbone(tmp_path_factory.mktemp("tiny-backbone"), corpus.texts() + [" ".join(WORDS)])


@pytest.fixture(scope="session")
def tiny_tokenizer(tmp_path_factory):
    return build_tokenizer(tmp_path_factory.mktemp("tiny-tok"), [" ".join(WORDS)])


@pytest.fixture(scope="session")
def tiny_trained(tmp_path_factory, tiny_backbone):
    """Train the tiny backbone for 2 steps on the test corpus; returns the run's root folder."""
    from tests.corpus import write_corpus
    from training.__main__ import main

    root = tmp_path_factory.mktemp("e2e")
    write_corpus(root / "annotations")
    args = ["--model", str(tiny_backbone), "--annotations", str(root / "annotations"), "--output_dir", str(root / "model"),
            "--report_dir", str(root / "report"), "--max_steps", "2", "--batch_size", "4", "--max_length", "24",
            "--stride", "6", "--test_fraction", "0.3", "--dev_fraction", "0.2"]
    assert main(args) == 0
    return root


@pytest.fixture(scope="session")
def label_studio(tmp_path_factory):
    """A real Label Studio 1.23.2 server on 127.0.0.1 (its own virtualenv, see tests/studio_server.py)."""
    from tests import studio_server

    if not studio_server.LS_BIN.is_file() or not studio_server.TEMPLATE.is_dir():
        message = (f"LABEL STUDIO SERVER NOT INSTALLED: {studio_server.LS_BIN} or {studio_server.TEMPLATE} missing. "
                   "`make test` installs label-studio==1.23.2 into .venv-ls and prepares the data dir.")
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    server = studio_server.Server(tmp_path_factory.mktemp("label-studio")).start()
    print(f"\nLabel Studio up on {server.url} in {server.startup_seconds:.1f} s")
    yield server
    server.stop()
