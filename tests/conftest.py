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
