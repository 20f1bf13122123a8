"""Inter-annotator agreement between two annotations of the same articles.

    python -m eval.agreement data/annotations --out artifacts/agreement
    python -m eval.agreement first-export.json --second second-export.json --out /tmp/agreement

With one argument the second annotations are the tasks marked data.annotation_round =
"second" in the same exports (the blind double annotation); with --second they come from
other exports (marked or not). Agreement is scored like a model: the first annotation is
the reference, the second the "prediction", both projected onto the evaluation words.

- strict: same label and exact boundaries (seqeval strict IOB2)
- partial: same label and overlapping boundaries (nervaluate's ent_type scheme)

F1 is symmetric in the two annotators; precision and recall swap when they do. The
disagreements list every span the two do not share exactly, classified as first_only,
second_only, boundary, label or label_and_boundary.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from data.labels import LABELS
from data.labelstudio import export_paths, load_exports, second_annotation_errors
from data.spans import Article
from eval.partial import scheme_scores
from eval.scoring import ArticleEval, classify_errors, seqeval_scores, to_tag_sequences

AGREEMENT_SCHEMA = "attack-spans-agreement/1"
_KINDS = {"false_negative": "first_only", "false_positive": "second_only", "boundary": "boundary", "label": "label",
          "label_and_boundary": "label_and_boundary"}


def pair_articles(first: list[Article], second: list[Article]) -> list[ArticleEval]:
    """Pairs by article_id (gold = first, pred = second); the texts must be identical."""
    problems = second_annotation_errors(first, second)
    if problems:
        raise ValueError("cannot compare annotations:\n  " + "\n  ".join(problems))
    if not second:
        raise ValueError("no article is annotated twice: nothing to compare")
    by_id = {a.article_id: a for a in first}
    return [ArticleEval(b.article_id, b.text, by_id[b.article_id].spans, b.spans, by_id[b.article_id].meta)
            for b in sorted(second, key=lambda a: a.article_id)]


def agreement(first: list[Article], second: list[Article]) -> dict[str, Any]:
    """Strict and partial agreement per label and micro, with every disagreement."""
    pairs = pair_articles(first, second)
    gold_seqs, pred_seqs, alignment = to_tag_sequences(pairs)
    strict = seqeval_scores(gold_seqs, pred_seqs)
    schemes = scheme_scores(gold_seqs, pred_seqs)

    def partial_of(block: dict[str, Any]) -> dict[str, Any]:
        m = block["ent_type"]
        return {"precision": m["precision"], "recall": m["recall"], "f1": m["f1"], "first": m["possible"], "second": m["actual"]}

    partial = {"per_label": {lab: partial_of(schemes["per_label"][lab]) for lab in LABELS}, "micro": partial_of(schemes["overall"])}
    for block in [*strict["per_label"].values(), strict["micro"]]:
        block["first"], block["second"] = block.pop("support"), block.pop("predicted")
    strict.pop("macro")
    disagreements = []
    for pair in pairs:
        for kind, items in classify_errors(pair.gold, pair.pred).items():
            if kind == "correct":
                continue
            for item in items:
                disagreements.append({"article_id": pair.article_id, "kind": _KINDS[kind],
                                      "first": item.get("gold"), "second": item.get("pred")})
    return {"schema": AGREEMENT_SCHEMA, "articles": len(pairs), "article_ids": [p.article_id for p in pairs],
            "spans": {"first": sum(len(p.gold) for p in pairs), "second": sum(len(p.pred) for p in pairs)},
            "strict": strict, "partial": partial, "alignment": alignment,
            "disagreement_counts": dict(Counter(d["kind"] for d in disagreements)),
            "disagreement_counts_by_label": _by_label(disagreements), "disagreements": disagreements}


def _by_label(disagreements: list[dict[str, Any]]) -> dict[str, dict[str, int]]:
    out: dict[str, Counter] = {lab: Counter() for lab in LABELS}
    for d in disagreements:
        label = (d["first"] or d["second"])["label"]
        out[label][d["kind"]] += 1
    return {lab: dict(c) for lab, c in out.items()}


def ceiling_text(ceiling: dict[str, Any]) -> str:
    """One sentence for reports: what the agreement block of metrics.json means."""
    return (f"Ceiling: a blind second annotator scores strict micro F1 {ceiling['strict']['micro']:.3f} (partial "
            f"{ceiling['partial']['micro']:.3f}) against the adjudicated gold on {ceiling['articles']} double-annotated "
            "articles of all splits; before adjudication the two annotations agreed less (docs/agreement.md). A model "
            "near this line is as consistent as the labels allow.")


def agreement_table(result: dict[str, Any]) -> str:
    """Markdown table: strict and partial P/R/F1 per label and micro."""
    lines = ["| label | first | second | strict P | strict R | strict F1 | partial P | partial R | partial F1 |",
             "|---|---|---|---|---|---|---|---|---|"]
    for name in [*LABELS, "micro"]:
        s = result["strict"]["micro"] if name == "micro" else result["strict"]["per_label"][name]
        p = result["partial"]["micro"] if name == "micro" else result["partial"]["per_label"][name]
        lines.append(f"| {'**micro**' if name == 'micro' else name} | {s['first']} | {s['second']} | {s['precision']:.3f} "
                     f"| {s['recall']:.3f} | {s['f1']:.3f} | {p['precision']:.3f} | {p['recall']:.3f} | {p['f1']:.3f} |")
    return "\n".join(lines)


def _span(span: dict[str, Any] | None) -> str:
    return "—" if span is None else f"{span['label']} \"{span['text']}\""


def render_markdown(result: dict[str, Any]) -> str:
    out = ["# Annotation agreement", "",
           f"{result['articles']} articles annotated twice ({result['spans']['first']} spans first, "
           f"{result['spans']['second']} second). Reference: the first annotation. Strict = same label and exact "
           "boundaries (seqeval IOB2); partial = same label and overlapping boundaries (nervaluate ent_type).", "",
           agreement_table(result), "", "## Disagreements", "",
           "| kind | count |", "|---|---|", *[f"| {k} | {v} |" for k, v in sorted(result["disagreement_counts"].items())], ""]
    current = None
    for d in result["disagreements"]:
        if d["article_id"] != current:
            current = d["article_id"]
            out += ["", f"### {current}", ""]
        out.append(f"- {d['kind']}: first {_span(d['first'])} / second {_span(d['second'])}")
    return "\n".join(out) + "\n"


def load_pair(exports: list[str], second_exports: list[str] | None) -> tuple[list[Article], list[Article]]:
    loaded = load_exports(export_paths(exports))
    if second_exports is None:
        if not loaded.second:
            raise ValueError(f"no second annotations (data.annotation_round = 'second') in {exports}; pass --second")
        return loaded.articles, loaded.second
    other = load_exports(export_paths(second_exports))
    return loaded.articles, other.second or other.articles


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.agreement", description=__doc__.split("\n")[0])
    parser.add_argument("exports", nargs="+", help="export files or folders holding the first annotations")
    parser.add_argument("--second", nargs="+", help="exports holding the second annotations (default: the tasks "
                        "marked as second annotations in EXPORTS)")
    parser.add_argument("--out", type=Path, help="folder for agreement.json and agreement.md")
    args = parser.parse_args(argv)
    result = agreement(*load_pair(args.exports, args.second))
    print(agreement_table(result))
    print("disagreements: " + ", ".join(f"{k} {v}" for k, v in sorted(result["disagreement_counts"].items())))
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
        (args.out / "agreement.json").write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        (args.out / "agreement.md").write_text(render_markdown(result), encoding="utf-8")
        print(f"written to {args.out}/agreement.json and agreement.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
