"""Fine-tune a token classifier on Label Studio exports; save a pipeline-ready folder.

Core: ``train(run_config) -> TrainOutcome``. Run from the repo root:
``python -m training.train --help`` (training only) or ``python -m training`` (the whole
job: train, evaluate on the held-out split, write report and model card).
"""

from __future__ import annotations

import json
import logging
import shutil
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from data.labels import bio_labels
from data.labelstudio import LoadReport, export_paths, load_exports
from data.spans import Article
from data.split import SplitSettings, split_manifest
from model.backbone import resolve_backbone
from training.config import RunConfig, parse_run_config
from training.windows import IGNORE, encode_article

log = logging.getLogger("training")

MODEL_INPUTS = ("input_ids", "attention_mask", "token_type_ids", "labels")


@dataclass
class TrainOutcome:
    output_dir: Path
    backbone: str
    backbone_name: str
    articles: dict[str, list[Article]]
    load_report: LoadReport
    window_counts: dict[str, int]
    alignment: dict[str, Any]
    dev_metrics: dict[str, float]
    train_seconds: float
    device: str
    precision: str
    history: list[dict[str, Any]] = field(default_factory=list)
    is_main: bool = True  # False on the non-zero ranks of a multi-GPU run


def split_articles(articles: list[Article], settings: SplitSettings) -> tuple[dict[str, list[Article]], dict[str, Any]]:
    manifest = split_manifest(articles, settings)
    by_split: dict[str, list[Article]] = {"train": [], "dev": [], "test": []}
    for article in articles:
        by_split[manifest["articles"][article.article_id]["split"]].append(article)
    return by_split, manifest


def encode_split(tokenizer, articles: list[Article], label2id: dict[str, int], max_length: int, stride: int):
    """Windows of a split as model-input rows, plus an alignment report of its spans."""
    rows: list[dict[str, Any]] = []
    report: dict[str, Any] = {"spans": 0, "misaligned": [], "unaligned": [], "conflicts": []}
    for article in articles:
        encoded = encode_article(tokenizer, article, label2id, max_length, stride)
        rows += [{k: v for k, v in window.items() if k in MODEL_INPUTS} for window in encoded.windows]
        report["spans"] += len(article.spans)
        where = article.where()
        report["misaligned"] += [f"{where}: {s.label} {s.text!r} [{s.start}:{s.end}] snapped to [{a}:{b}]"
                                 for s, (a, b) in encoded.issues.misaligned]
        report["unaligned"] += [f"{where}: {s.label} {s.text!r} [{s.start}:{s.end}]" for s in encoded.issues.unaligned]
        report["conflicts"] += [f"{where}: {s.label} {s.text!r} [{s.start}:{s.end}]" for s in encoded.issues.conflicts]
    return rows, report


def choose_device(cfg_device: str, cfg_precision: str) -> tuple[str, str]:
    """(device, precision): GPU when present unless told otherwise; bf16 where supported."""
    import torch

    cuda = torch.cuda.is_available()
    if cfg_device == "cuda" and not cuda:
        raise RuntimeError("--device cuda was asked for but torch sees no CUDA GPU")
    device = "cuda" if (cfg_device == "cuda" or (cfg_device == "auto" and cuda)) else "cpu"
    precision = cfg_precision
    if precision == "auto":
        precision = ("bf16" if torch.cuda.is_bf16_supported() else "fp16") if device == "cuda" else "fp32"
    if device == "cpu" and precision == "fp16":
        raise RuntimeError("fp16 training needs a GPU; use fp32 or bf16 on CPU")
    return device, precision


def dev_metrics_fn(id2label: dict[int, str]):
    """Strict IOB2 seqeval F1 over the labelled (first-subword) positions of dev windows."""
    from seqeval.metrics import f1_score, precision_score, recall_score
    from seqeval.scheme import IOB2

    def compute(eval_pred) -> dict[str, float]:
        logits, labels = eval_pred
        preds = np.argmax(logits, axis=-1)
        gold_seqs, pred_seqs = [], []
        for p_row, l_row in zip(preds, labels):
            keep = l_row != IGNORE
            gold_seqs.append([id2label[int(i)] for i in l_row[keep]])
            pred_seqs.append([id2label[int(i)] for i in p_row[keep]])
        kw = {"mode": "strict", "scheme": IOB2, "zero_division": 0}
        return {"precision": precision_score(gold_seqs, pred_seqs, **kw),
                "recall": recall_score(gold_seqs, pred_seqs, **kw),
                "f1": f1_score(gold_seqs, pred_seqs, **kw)}

    return compute


def write_json(path: Path, payload: Any) -> None:
    path.write_text(json.dumps(payload, indent=2, ensure_ascii=False, default=str) + "\n", encoding="utf-8")


def train(run: RunConfig) -> TrainOutcome:
    import torch
    from datasets import Dataset
    from transformers import (
        AutoModelForTokenClassification,
        AutoTokenizer,
        DataCollatorForTokenClassification,
        Trainer,
        TrainingArguments,
        set_seed,
    )

    set_seed(run.train.seed)
    loaded = load_exports(export_paths(run.data.annotations))
    log.info("loaded: %s", loaded.report.summary())
    settings = SplitSettings(run.data.test_fraction, run.data.dev_fraction, run.data.split_salt, run.data.group_field)
    by_split, manifest = split_articles(loaded.articles, settings)
    if not by_split["train"]:
        raise ValueError(f"no training articles: all {len(loaded.articles)} articles fall in dev/test "
                         "(seed articles are always test); add written articles to data/annotations")

    backbone, backbone_name = resolve_backbone(run.model.model)
    labels = bio_labels()
    label2id = {tag: i for i, tag in enumerate(labels)}
    id2label = {i: tag for tag, i in label2id.items()}
    tokenizer = AutoTokenizer.from_pretrained(backbone)
    encoded = {name: encode_split(tokenizer, arts, label2id, run.model.max_length, run.model.stride)
               for name, arts in by_split.items()}
    window_counts = {name: len(rows) for name, (rows, _) in encoded.items()}
    alignment = {name: rep for name, (_, rep) in encoded.items()}
    log.info("windows per split: %s", window_counts)
    for name, rep in alignment.items():
        n_bad = len(rep["misaligned"]) + len(rep["unaligned"]) + len(rep["conflicts"])
        if n_bad:
            log.warning("%s: %d of %d spans not on token boundaries (see alignment_report.json)", name, n_bad, rep["spans"])

    device, precision = choose_device(run.train.device, run.train.precision)
    model = AutoModelForTokenClassification.from_pretrained(
        backbone, num_labels=len(labels), id2label=id2label, label2id=label2id, dtype=torch.float32,
        ignore_mismatched_sizes=True)  # a token-classification checkpoint with other labels gets a new head

    out_dir = Path(run.train.output_dir)
    ckpt_dir = out_dir.parent / f"{out_dir.name}-checkpoints"
    has_dev = window_counts["dev"] > 0
    if not has_dev:
        log.warning("no dev articles: the last epoch is kept instead of the best by dev F1")
    args = TrainingArguments(
        output_dir=str(ckpt_dir),
        num_train_epochs=run.train.epochs,
        max_steps=run.train.max_steps,
        per_device_train_batch_size=run.train.batch_size,
        per_device_eval_batch_size=run.train.eval_batch_size,
        gradient_accumulation_steps=run.train.gradient_accumulation_steps,
        learning_rate=run.train.learning_rate,
        weight_decay=run.train.weight_decay,
        warmup_steps=run.train.warmup_ratio,  # a float < 1 is a ratio of total steps (transformers 5)
        lr_scheduler_type="linear",
        seed=run.train.seed,
        data_seed=run.train.seed,
        eval_strategy="epoch" if has_dev else "no",
        save_strategy="epoch" if has_dev else "no",
        save_total_limit=2,
        load_best_model_at_end=has_dev,
        metric_for_best_model="f1",
        greater_is_better=True,
        logging_strategy="epoch",
        report_to="none",
        use_cpu=device == "cpu",
        bf16=precision == "bf16",
        fp16=precision == "fp16",
        dataloader_num_workers=0,
        save_only_model=True,
        disable_tqdm=run.train.quiet or not sys.stderr.isatty(),
    )
    trainer = Trainer(
        model=model,
        args=args,
        train_dataset=Dataset.from_list(encoded["train"][0]),
        eval_dataset=Dataset.from_list(encoded["dev"][0]) if has_dev else None,
        processing_class=tokenizer,
        data_collator=DataCollatorForTokenClassification(tokenizer),
        compute_metrics=dev_metrics_fn(id2label),
    )
    started = time.perf_counter()
    trainer.train()
    train_seconds = time.perf_counter() - started
    dev_metrics = {k.removeprefix("eval_"): v for k, v in (trainer.evaluate() if has_dev else {}).items()}

    trainer.model.to(torch.float32)
    trainer.save_model(str(out_dir))  # model + tokenizer (processing_class), safetensors; rank 0 writes
    is_main = trainer.is_world_process_zero()  # under torchrun/accelerate only rank 0 writes files
    outcome = TrainOutcome(out_dir, backbone, backbone_name, by_split, loaded.report, window_counts, alignment,
                           dev_metrics, train_seconds, device, precision, trainer.state.log_history, is_main)
    if not is_main:
        return outcome
    (out_dir / "training_args.bin").unlink(missing_ok=True)  # a pickle; run_config.json holds the settings
    if not run.train.keep_checkpoints:
        shutil.rmtree(ckpt_dir, ignore_errors=True)

    write_json(out_dir / "run_config.json", {**run.as_dict(), "backbone_resolved": backbone, "device": device, "precision": precision})
    write_json(out_dir / "split_manifest.json", manifest)
    write_json(out_dir / "load_report.json", loaded.report.as_dict())
    write_json(out_dir / "alignment_report.json", {"window_counts": window_counts, **alignment})
    write_json(out_dir / "training_metrics.json", {
        "train_seconds": round(train_seconds, 1), "dev": dev_metrics, "window_counts": window_counts,
        "articles": {k: len(v) for k, v in by_split.items()}, "log_history": trainer.state.log_history,
        "best_checkpoint": trainer.state.best_model_checkpoint})
    return outcome


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    run = parse_run_config(argv)
    outcome = train(run)
    print(f"model written to {outcome.output_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
