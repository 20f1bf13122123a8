"""Scores and error lists from gold and predicted character spans. Pure functions.

Both span sets are projected onto one word tokenization (eval.words) as IOB2 tags and
scored with seqeval in strict mode (scheme IOB2), entity level, per type, micro and macro.
Spans whose edges are not word edges are snapped outwards and counted. Beside strict
seqeval: nervaluate's partial / type-only schemes (eval.partial), bootstrap intervals over
articles (eval.bootstrap), slices by any data field (eval.slices) and a label confusion table.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from data.labels import LABELS
from data.spans import Span
from eval.bootstrap import article_counts, confidence_intervals
from eval.partial import scheme_scores
from eval.slices import group_by
from eval.words import word_ranges
from training.alignment import AlignmentIssues, spans_to_tags


@dataclass
class ArticleEval:
    """One article's text, gold and predicted spans."""

    article_id: str
    text: str
    gold: list[Span]
    pred: list[Span]
    meta: dict[str, Any]


def to_tag_sequences(articles: list[ArticleEval]) -> tuple[list[list[str]], list[list[str]], dict[str, int]]:
    gold_seqs, pred_seqs = [], []
    gold_issues, pred_issues = AlignmentIssues(), AlignmentIssues()
    for art in articles:
        words = word_ranges(art.text)
        gold_seqs.append(spans_to_tags(words, art.gold, gold_issues))
        pred_seqs.append(spans_to_tags(words, art.pred, pred_issues))
    counts = {"gold_snapped": len(gold_issues.misaligned), "gold_conflicts": len(gold_issues.conflicts) + len(gold_issues.unaligned),
              "pred_snapped": len(pred_issues.misaligned), "pred_conflicts": len(pred_issues.conflicts) + len(pred_issues.unaligned)}
    return gold_seqs, pred_seqs, counts


def seqeval_scores(gold_seqs: list[list[str]], pred_seqs: list[list[str]]) -> dict[str, Any]:
    """Strict IOB2 entity scores from seqeval: per label, micro and macro, with support."""
    from seqeval.metrics.v1 import precision_recall_fscore_support
    from seqeval.scheme import IOB2, Entities

    gold_entities, pred_entities = Entities(gold_seqs, IOB2), Entities(pred_seqs, IOB2)
    # seqeval returns per-type arrays in this order (sorted types seen in gold or prediction)
    present = sorted(gold_entities.unique_tags | pred_entities.unique_tags)
    per_label: dict[str, dict[str, float]] = {}
    if present:
        p, r, f, s = precision_recall_fscore_support(gold_seqs, pred_seqs, average=None, mode="strict", scheme=IOB2,
                                                     zero_division=0, entities_true=gold_entities, entities_pred=pred_entities)
        for label, pi, ri, fi, si in zip(present, p, r, f, s):
            per_label[label] = {"precision": float(pi), "recall": float(ri), "f1": float(fi), "support": int(si)}
    for label in LABELS:
        per_label.setdefault(label, {"precision": 0.0, "recall": 0.0, "f1": 0.0, "support": 0})
        per_label[label]["predicted"] = len(pred_entities.filter(label))
    micro = {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    if present:
        mp, mr, mf, _ = precision_recall_fscore_support(gold_seqs, pred_seqs, average="micro", mode="strict", scheme=IOB2,
                                                        zero_division=0, entities_true=gold_entities, entities_pred=pred_entities)
        micro = {"precision": float(mp), "recall": float(mr), "f1": float(mf)}
    micro["support"] = sum(int(per_label[lab]["support"]) for lab in LABELS)
    micro["predicted"] = sum(int(per_label[lab]["predicted"]) for lab in LABELS)
    # macro over the labels that have gold support (a label absent from gold has no recall to average)
    supported = [lab for lab in LABELS if per_label[lab]["support"] > 0]
    macro = {key: (sum(per_label[lab][key] for lab in supported) / len(supported) if supported else 0.0)
             for key in ("precision", "recall", "f1")}
    macro["support"] = micro["support"]
    return {"per_label": {lab: per_label[lab] for lab in LABELS}, "micro": micro, "macro": macro}


def classify_errors(gold: list[Span], pred: list[Span]) -> dict[str, list[dict[str, Any]]]:
    """Per-article error list. Each predicted span is correct (exact edges and label), or is
    paired with the overlapping gold span it best explains (same label first, then largest
    overlap) as a boundary, label, or label_and_boundary error, or else is a false positive.
    Gold spans neither matched nor paired are false negatives."""
    out: dict[str, list[dict[str, Any]]] = {k: [] for k in ("correct", "false_positive", "false_negative", "boundary", "label", "label_and_boundary")}
    exact = {(s.start, s.end, s.label) for s in gold} & {(s.start, s.end, s.label) for s in pred}
    open_gold = [g for g in gold if (g.start, g.end, g.label) not in exact]
    paired: set[Span] = set()
    for p in pred:
        if (p.start, p.end, p.label) in exact:
            out["correct"].append({"pred": p.as_dict()})
            continue
        near = [g for g in open_gold if g.start < p.end and p.start < g.end]
        if not near:
            out["false_positive"].append({"pred": p.as_dict()})
            continue
        g = max(near, key=lambda g: (g.label == p.label, min(g.end, p.end) - max(g.start, p.start)))
        paired.add(g)
        kind = "boundary" if g.label == p.label else "label" if (g.start, g.end) == (p.start, p.end) else "label_and_boundary"
        out[kind].append({"gold": g.as_dict(), "pred": p.as_dict()})
    out["false_negative"] = [{"gold": g.as_dict()} for g in open_gold if g not in paired]
    return out


NONE = "(none)"


def confusion_counts(errors_per_article: list[dict[str, list[dict[str, Any]]]]) -> dict[str, dict[str, int]]:
    """Gold label x predicted label over overlapping span pairs (exact or not); "(none)" rows
    and columns hold missed gold spans and spurious predictions."""
    names = [*LABELS, NONE]
    table = {g: dict.fromkeys(names, 0) for g in names}
    for errors in errors_per_article:
        for item in errors["correct"]:
            table[item["pred"]["label"]][item["pred"]["label"]] += 1
        for kind in ("boundary", "label", "label_and_boundary"):
            for item in errors[kind]:
                table[item["gold"]["label"]][item["pred"]["label"]] += 1
        for item in errors["false_negative"]:
            table[item["gold"]["label"]][NONE] += 1
        for item in errors["false_positive"]:
            table[NONE][item["pred"]["label"]] += 1
    return table


def score(articles: list[ArticleEval], slice_fields: tuple[str, ...] = ("source",), resamples: int = 2000,
          seed: int = 13) -> dict[str, Any]:
    """Strict seqeval scores, nervaluate schemes, bootstrap intervals over articles, slices
    (each with its own intervals), label confusion, error counts and per-article errors."""
    gold_seqs, pred_seqs, alignment = to_tag_sequences(articles)
    result = seqeval_scores(gold_seqs, pred_seqs)
    counts = article_counts(gold_seqs, pred_seqs)
    slices: dict[str, dict[str, Any]] = {}
    for key in slice_fields:
        for value, idx in group_by(articles, key).items():
            sub = seqeval_scores([gold_seqs[i] for i in idx], [pred_seqs[i] for i in idx])
            interval = confidence_intervals(counts[idx], resamples, seed)["f1"]["micro"]
            slices[f"{key}={value}"] = {"key": key, "value": value, "articles": len(idx), "micro": sub["micro"],
                                        "micro_f1_ci": [interval["low"], interval["high"]], "per_label": sub["per_label"]}
    per_article, all_errors = [], []
    totals: Counter = Counter()
    for art in articles:
        errors = classify_errors(art.gold, art.pred)
        all_errors.append(errors)
        totals.update({k: len(v) for k, v in errors.items()})
        per_article.append({"article_id": art.article_id, "source": art.meta.get("source", ""), "gold": len(art.gold),
                            "pred": len(art.pred), **{k: v for k, v in errors.items() if k != "correct"}})
    return {**result, "schemes": scheme_scores(gold_seqs, pred_seqs), "confidence": confidence_intervals(counts, resamples, seed),
            "slices": slices, "confusion": confusion_counts(all_errors), "error_counts": dict(totals),
            "alignment": alignment, "articles": len(articles), "words": sum(len(s) for s in gold_seqs),
            "per_article": per_article}
