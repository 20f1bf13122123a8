"""Write an evaluation as metrics.json, report.md, report.html, errors.md and predictions.jsonl.

metrics.json keys (schema "attack-spans-eval/2"; /1 had no schemes, confidence, confusion,
baseline or agreement, and its slices had no key/value/micro_f1_ci):
- schema, model, exports, split, scheme ("IOB2"), mode ("strict"), predict_seconds
- articles, words: how many articles and evaluation words were scored
- per_label.{WEAPON,COUNT,LOCATION,CASUALTY,ACTOR}: precision, recall, f1, support (gold
  entities), predicted (predicted entities); seqeval strict IOB2, entity level
- micro, macro: precision, recall, f1, support (macro = unweighted mean over labels with
  gold support); micro also has predicted
- schemes.overall / schemes.per_label.LABEL: for each nervaluate scheme (strict, exact,
  partial, ent_type): correct, incorrect, partial, missed, spurious, possible, actual,
  precision, recall, f1 (see eval.partial)
- confidence: method, resamples, seed, level, articles, f1.{LABEL,micro}.{f1,low,high,width}:
  percentile bootstrap over articles of strict F1 (see eval.bootstrap)
- slices."key=value": key, value, articles, micro, micro_f1_ci [low, high], per_label
- confusion.GOLD.PRED: overlapping span pairs by gold and predicted label; "(none)" holds
  missed gold spans (column) and spurious predictions (row)
- error_counts: correct, false_positive, false_negative, boundary (same label, overlapping,
  other edges), label (same edges, other label), label_and_boundary
- alignment: gold_snapped / pred_snapped (spans widened to whole evaluation words),
  gold_conflicts / pred_conflicts (spans that could not be placed)
- baseline: null, or name, version, predict_seconds, per_label, micro, macro, schemes,
  confidence, error_counts of the spaCy baseline on the same articles
- agreement: null, or the blind double annotation's agreement (the ceiling): articles,
  article_ids, strict.{LABEL,micro} and partial.{LABEL,micro} F1 (see eval.agreement)
- per_article: article_id, source, gold, pred and the error lists (also in errors.md)
- load_report: loader counts (tasks without annotation, UTF-16 fixes, ...)
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from data.labels import LABELS
from eval.agreement import ceiling_text
from eval.html import render_html

NAMES = [*LABELS, "micro"]


def _get(block: dict[str, Any], name: str) -> dict[str, Any]:
    return block["micro"] if name == "micro" else block["per_label"][name]


def _row(name: str, m: dict[str, Any]) -> str:
    return (f"| {name} | {m['precision']:.3f} | {m['recall']:.3f} | {m['f1']:.3f} | {m.get('support', '')} "
            f"| {m.get('predicted', '')} |")


def scores_table(metrics: dict[str, Any]) -> str:
    """Strict P/R/F1 per label, micro and macro (the table of schema /1)."""
    lines = ["| label | precision | recall | F1 | support | predicted |", "|---|---|---|---|---|---|"]
    lines += [_row(label, metrics["per_label"][label]) for label in LABELS]
    lines.append(_row("**micro**", metrics["micro"]))
    lines.append(_row("**macro**", metrics["macro"]))
    return "\n".join(lines)


def summary_table(metrics: dict[str, Any]) -> str:
    """Strict F1 with its 95% interval, partial and type-only F1, baseline and ceiling."""
    base, ceil = metrics.get("baseline"), metrics.get("agreement")
    head = "| label | strict P | strict R | strict F1 | 95% CI | partial F1 | type-only F1 | support |"
    sep = "|---|---|---|---|---|---|---|---|"
    if base:
        head, sep = head + " baseline F1 |", sep + "---|"
    if ceil:
        head, sep = head + " agreement F1 (ceiling) |", sep + "---|"
    lines = [head, sep]
    for name in NAMES:
        m, ci = _get(metrics, name), metrics["confidence"]["f1"][name]
        schemes = metrics["schemes"]["overall"] if name == "micro" else metrics["schemes"]["per_label"][name]
        row = (f"| {'**micro**' if name == 'micro' else name} | {m['precision']:.3f} | {m['recall']:.3f} | {m['f1']:.3f} "
               f"| {ci['low']:.3f}-{ci['high']:.3f} | {schemes['partial']['f1']:.3f} | {schemes['ent_type']['f1']:.3f} "
               f"| {m['support']} |")
        if base:
            row += f" {_get(base, name)['f1']:.3f} |"
        if ceil:
            row += f" {ceil['strict'][name]:.3f} |"
        lines.append(row)
    return "\n".join(lines)


def confusion_table(confusion: dict[str, dict[str, int]]) -> str:
    names = list(confusion)
    lines = ["| gold \\ predicted | " + " | ".join(names) + " |", "|---" * (len(names) + 1) + "|"]
    lines += [f"| {g} | " + " | ".join(str(confusion[g][p]) for p in names) + " |" for g in names]
    return "\n".join(lines)


def render_markdown(metrics: dict[str, Any]) -> str:
    conf = metrics["confidence"]
    widths = [conf["f1"][n]["width"] for n in NAMES]
    out = [f"# Evaluation report: split `{metrics['split']}`", "",
           f"Model `{metrics['model']}` on {metrics['articles']} articles ({metrics['words']} words) from "
           f"{', '.join(f'`{e}`' for e in metrics['exports'])}. Strict = seqeval strict mode, IOB2, entity level; "
           "partial (overlap, any label, half credit) and type-only (same label, any overlap) are nervaluate's "
           "`partial` and `ent_type` schemes. Gold and predictions are projected onto one word tokenization of the "
           f"raw text; the model ran end to end on each article ({metrics['predict_seconds']} s).", "",
           summary_table(metrics), "",
           f"95% CI: {conf['method']}, {conf['resamples']} resamples, seed {conf['seed']}. With {conf['articles']} "
           f"articles the intervals are {min(widths):.2f} to {max(widths):.2f} F1 wide: differences smaller than "
           "that are noise.", ""]
    if metrics.get("agreement"):
        a = metrics["agreement"]
        out += [ceiling_text(a), ""]
    if metrics.get("baseline"):
        b = metrics["baseline"]
        out += [f"Baseline: {b['name']} ({b['version']}), same articles, same scoring; strict micro F1 "
                f"{b['micro']['f1']:.3f} vs {metrics['micro']['f1']:.3f}.", ""]
    out += ["## Strict scores", "", scores_table(metrics), ""]
    out += ["## All nervaluate schemes (F1)", "", "| label | strict | exact | partial | ent_type |", "|---|---|---|---|---|"]
    for name in NAMES:
        s = metrics["schemes"]["overall"] if name == "micro" else metrics["schemes"]["per_label"][name]
        out.append(f"| {name} | " + " | ".join(f"{s[k]['f1']:.3f}" for k in ("strict", "exact", "partial", "ent_type")) + " |")
    out.append("")
    if metrics["slices"]:
        out += ["## Slices", "", "Intervals of slices with a handful of articles are not meaningful (one article: zero width).", "",
                "| slice | articles | precision | recall | F1 | 95% CI | support |", "|---|---|---|---|---|---|---|"]
        for name, sl in metrics["slices"].items():
            m, (lo, hi) = sl["micro"], sl["micro_f1_ci"]
            out.append(f"| {name} | {sl['articles']} | {m['precision']:.3f} | {m['recall']:.3f} | {m['f1']:.3f} "
                       f"| {lo:.3f}-{hi:.3f} | {m['support']} |")
        out.append("")
    out += ["## Label confusion (overlapping spans)", "", confusion_table(metrics["confusion"]), ""]
    out += ["## Errors", "", "| kind | count |", "|---|---|"]
    out += [f"| {k} | {v} |" for k, v in metrics["error_counts"].items()]
    a = metrics["alignment"]
    out += ["", f"Spans widened to whole words: gold {a['gold_snapped']}, predicted {a['pred_snapped']}; "
            f"not placeable: gold {a['gold_conflicts']}, predicted {a['pred_conflicts']}.",
            "", "Per-article errors: `errors.md`; every article highlighted: `report.html`.", ""]
    return "\n".join(out)


def _fmt(span: dict[str, Any]) -> str:
    return f"{span['label']} \"{span['text']}\" [{span['start']}:{span['end']}]"


def render_errors(metrics: dict[str, Any]) -> str:
    out = ["# Errors per article", ""]
    for art in metrics["per_article"]:
        out += [f"## {art['article_id']} ({art['source']}): {art['gold']} gold, {art['pred']} predicted", ""]
        for kind in ("false_negative", "false_positive", "boundary", "label", "label_and_boundary"):
            for item in art[kind]:
                if "gold" in item and "pred" in item:
                    out.append(f"- {kind}: gold {_fmt(item['gold'])} / predicted {_fmt(item['pred'])}")
                else:
                    out.append(f"- {kind}: {_fmt(item.get('gold') or item['pred'])}")
        out.append("")
    return "\n".join(out)


def write_report(metrics: dict[str, Any], evals, out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    files = {"metrics.json": json.dumps(metrics, indent=2, ensure_ascii=False) + "\n", "report.md": render_markdown(metrics),
             "report.html": render_html(metrics, evals), "errors.md": render_errors(metrics)}
    for name, content in files.items():
        (out_dir / name).write_text(content, encoding="utf-8")
    with (out_dir / "predictions.jsonl").open("w", encoding="utf-8") as fh:
        for art in evals:
            fh.write(json.dumps({"article_id": art.article_id, "spans": [s.as_dict() for s in art.pred]}, ensure_ascii=False) + "\n")
    return [out_dir / name for name in [*files, "predictions.jsonl"]]
