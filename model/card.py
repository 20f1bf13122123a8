"""Generate the model card (README.md in the model folder) from what the run measured."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from data.labels import LABELS
from eval.agreement import ceiling_text
from eval.report import summary_table


def data_table(articles_by_split: dict[str, list]) -> str:
    """Articles, words, sources and spans per label for each split."""
    lines = ["| split | articles | words | sources | " + " | ".join(LABELS) + " | spans |", "|---" * (len(LABELS) + 5) + "|"]
    for split, articles in articles_by_split.items():
        counts = Counter(s.label for a in articles for s in a.spans)
        sources = ", ".join(f"{k} {v}" for k, v in sorted(Counter(a.source for a in articles).items()))
        words = sum(len(a.text.split()) for a in articles)
        lines.append(f"| {split} | {len(articles)} | {words} | {sources} | " + " | ".join(str(counts[lab]) for lab in LABELS)
                     + f" | {sum(counts.values())} |")
    return "\n".join(lines)


def baseline_table(metrics: dict[str, Any]) -> str:
    """Model vs the spaCy baseline per label: strict F1 and the difference."""
    base = metrics["baseline"]
    lines = ["| label | model F1 | baseline F1 | difference |", "|---|---|---|---|"]
    for name in [*LABELS, "micro"]:
        m = (metrics["micro"] if name == "micro" else metrics["per_label"][name])["f1"]
        b = (base["micro"] if name == "micro" else base["per_label"][name])["f1"]
        lines.append(f"| {name} | {m:.3f} | {b:.3f} | {m - b:+.3f} |")
    return "\n".join(lines)


def evaluation_section(metrics: dict[str, Any]) -> list[str]:
    conf = metrics["confidence"]
    parts = ["## Held-out evaluation", "",
             f"Split `{metrics['split']}`: {metrics['articles']} articles never seen in training (split by incident; "
             "the five real seed articles are always here). Strict = seqeval strict, IOB2, entity level; partial and "
             "type-only = nervaluate's `partial` and `ent_type`; all on the model's output for the raw article text. "
             f"95% CI: {conf['method']} ({conf['resamples']} resamples).", "", summary_table(metrics), ""]
    for name, sl in metrics["slices"].items():
        m = sl["micro"]
        parts.append(f"- {name}: {sl['articles']} articles, micro F1 {m['f1']:.3f} "
                     f"(95% CI {sl['micro_f1_ci'][0]:.3f}-{sl['micro_f1_ci'][1]:.3f}, support {m['support']})")
    parts.append("")
    if metrics.get("agreement"):
        a = metrics["agreement"]
        parts += [ceiling_text(a), ""]
    if metrics.get("baseline"):
        b = metrics["baseline"]
        parts += ["## Baseline", "", f"{b['name']} ({b['version']}) on the same articles, scored by the same harness:", "",
                  baseline_table(metrics), ""]
    return parts


def render_card(outcome, metrics: dict[str, Any] | None) -> str:
    sources = Counter(a.source for arts in outcome.articles.values() for a in arts)
    dev = outcome.dev_metrics
    parts = [
        "---", "language: en", "library_name: transformers", "pipeline_tag: token-classification",
        "tags: [token-classification, ner, conflict-events]", "---", "",
        "# Attack-span tagger", "",
        "Finds five span types in English news about armed attacks: WEAPON, COUNT, LOCATION, CASUALTY, ACTOR "
        "(definitions: the project's annotation spec and docs/annotation-guidelines.md). IOB2 tags per word; "
        f"labels in `config.json` (`id2label`: {len(LABELS) * 2 + 1} tags).", "",
        "## Use", "", "```python", "from transformers import pipeline",
        f'tagger = pipeline("token-classification", model="{outcome.output_dir}", aggregation_strategy="first")',
        'tagger("Two Katyusha rockets were fired at the Ain al-Assad airbase in western Iraq.")', "```", "",
        "`start`/`end` index the input text; take surface text from the input (the `word` field is lowercased by "
        "the uncased tokenizer). The pipeline truncates inputs longer than 512 tokens unless given `stride=`; "
        "the project's `python -m model.predict` windows whole articles of any length.", "",
        "## Training", "",
        f"- Backbone: {outcome.backbone_name} (`{outcome.backbone}`)",
        f"- Device: {outcome.device}, precision {outcome.precision}; training took {outcome.train_seconds:.0f} s",
        f"- Windows (max_length/stride from run_config.json): {outcome.window_counts}",
        f"- Articles by source: {dict(sources)}",
        "- Best dev (strict IOB2 over first-subword tags of dev windows): "
        + (f"F1 {dev.get('f1', 0):.3f}, P {dev.get('precision', 0):.3f}, R {dev.get('recall', 0):.3f}" if dev else "no dev split"),
        "", data_table(outcome.articles), "",
    ]
    if metrics:
        parts += evaluation_section(metrics)
    parts += [
        "## Limits", "",
        "- Uncased backbone: capitalisation cues (proper names, datelines) are invisible to the model; the "
        "pipeline's `word` field is lowercased (take the surface from `start`/`end`).",
        "- Most training articles are written by the team in news style about real incidents; only a few are "
        "scraped real articles. Expect lower scores on real web pages, other languages, and conflicts or "
        "weapon types the corpus covers thinly.",
        "- The held-out split is small: see the width of the 95% intervals above before reading a difference.",
        "- Even two careful annotators disagree on role labels (the agreement ceiling above); the model cannot be "
        "more consistent than its labels.",
        "- Role-specific labels (COUNT, CASUALTY, ACTOR) depend on sentence meaning and are the hardest.",
        "", "## Provenance", "",
        "Files beside the weights: `run_config.json` (every setting), `split_manifest.json` (each article's "
        "split), `training_metrics.json` (dev scores per epoch), `load_report.json`, `alignment_report.json`.", "",
    ]
    return "\n".join(parts)


def write_card(outcome, metrics: dict[str, Any] | None) -> Path:
    path = Path(outcome.output_dir) / "README.md"
    path.write_text(render_card(outcome, metrics), encoding="utf-8")
    return path
