"""Write an evaluation as metrics.json, report.md and errors.md (per-article error list).

metrics.json keys (schema "attack-spans-eval/1"):
- schema, model, exports, split, scheme ("IOB2"), mode ("strict"), predict_seconds
- articles, words: how many articles and evaluation words were scored
- per_label.{WEAPON,COUNT,LOCATION,CASUALTY,ACTOR}: precision, recall, f1, support (gold
  entities), predicted (predicted entities); seqeval strict IOB2, entity level
- micro, macro: precision, recall, f1, support (macro = unweighted mean over labels with
  gold support); micro also has predicted
- slices."field=value": articles, micro, per_label (same scoring on that subset)
- error_counts: correct, false_positive, false_negative, boundary (same label, overlapping,
  other edges), label (same edges, other label), label_and_boundary
- alignment: gold_snapped / pred_snapped (spans widened to whole evaluation words),
  gold_conflicts / pred_conflicts (spans that could not be placed)
- per_article: article_id, source, gold, pred and the error lists (also in errors.md)
- load_report: loader counts (tasks without annotation, UTF-16 fixes, ...)
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from data.labels import LABELS


def _row(name: str, m: dict[str, Any]) -> str:
    return (f"| {name} | {m['precision']:.3f} | {m['recall']:.3f} | {m['f1']:.3f} | {m.get('support', '')} "
            f"| {m.get('predicted', '')} |")


def scores_table(metrics: dict[str, Any]) -> str:
    lines = ["| label | precision | recall | F1 | support | predicted |", "|---|---|---|---|---|---|"]
    lines += [_row(label, metrics["per_label"][label]) for label in LABELS]
    lines.append(_row("**micro**", metrics["micro"]))
    lines.append(_row("**macro**", metrics["macro"]))
    return "\n".join(lines)


def render_markdown(metrics: dict[str, Any]) -> str:
    out = [f"# Evaluation report: split `{metrics['split']}`", "",
           f"Model `{metrics['model']}` on {metrics['articles']} articles ({metrics['words']} words) from "
           f"{', '.join(f'`{e}`' for e in metrics['exports'])}. Scores: seqeval, strict mode, IOB2, entity level, "
           "gold and predictions projected onto one word tokenization of the raw text. The model ran end to end "
           f"on each article's text ({metrics['predict_seconds']} s).", "", scores_table(metrics), ""]
    if metrics["slices"]:
        out += ["## Slices", "", "| slice | articles | precision | recall | F1 | support |", "|---|---|---|---|---|---|"]
        for name, sl in metrics["slices"].items():
            m = sl["micro"]
            out.append(f"| {name} | {sl['articles']} | {m['precision']:.3f} | {m['recall']:.3f} | {m['f1']:.3f} | {m['support']} |")
        out.append("")
    out += ["## Errors", "", "| kind | count |", "|---|---|"]
    out += [f"| {k} | {v} |" for k, v in metrics["error_counts"].items()]
    a = metrics["alignment"]
    out += ["", f"Spans widened to whole words: gold {a['gold_snapped']}, predicted {a['pred_snapped']}; "
            f"not placeable: gold {a['gold_conflicts']}, predicted {a['pred_conflicts']}.",
            "", "Per-article false positives, false negatives, boundary and label errors: `errors.md`.", ""]
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


def write_report(metrics: dict[str, Any], evals, out_dir: Path) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "metrics.json").write_text(json.dumps(metrics, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    (out_dir / "report.md").write_text(render_markdown(metrics), encoding="utf-8")
    (out_dir / "errors.md").write_text(render_errors(metrics), encoding="utf-8")
    with (out_dir / "predictions.jsonl").open("w", encoding="utf-8") as fh:
        for art in evals:
            fh.write(json.dumps({"article_id": art.article_id, "spans": [s.as_dict() for s in art.pred]}, ensure_ascii=False) + "\n")
