"""Partial-match and type-only scores beside strict seqeval, computed by nervaluate.

nervaluate implements the SemEval-2013 task 9.1 schemes on the same IOB2 word tags that
seqeval scores, so every scheme sees exactly the same entities:

- strict:   exact boundaries and the same label (equals seqeval strict)
- exact:    exact boundaries, any label
- partial:  overlapping boundaries, any label; a partial overlap counts half
- ent_type: the same label and any overlap ("type-only": boundaries are not judged)

Per label, nervaluate scores that label's entities alone, so a gold WEAPON predicted as
COUNT is a miss for WEAPON and a spurious entity for COUNT in every scheme.
"""

from __future__ import annotations

from typing import Any

from data.labels import LABELS

SCHEMES = ("strict", "exact", "partial", "ent_type")
_FIELDS = ("correct", "incorrect", "partial", "missed", "spurious", "possible", "actual", "precision", "recall", "f1")


def _as_dict(result) -> dict[str, Any]:
    return {name: (float(getattr(result, name)) if name in ("precision", "recall", "f1") else int(getattr(result, name)))
            for name in _FIELDS}


def _empty() -> dict[str, Any]:
    return {name: (0.0 if name in ("precision", "recall", "f1") else 0) for name in _FIELDS}


def scheme_scores(gold_seqs: list[list[str]], pred_seqs: list[list[str]]) -> dict[str, Any]:
    """{"overall": {scheme: counts+P/R/F1}, "per_label": {label: {scheme: ...}}} from IOB2 tags."""
    from nervaluate import Evaluator

    if not any(tag != "O" for seq in gold_seqs + pred_seqs for tag in seq):
        return {"overall": {s: _empty() for s in SCHEMES}, "per_label": {lab: {s: _empty() for s in SCHEMES} for lab in LABELS}}
    results = Evaluator(gold_seqs, pred_seqs, tags=list(LABELS), loader="list").evaluate()
    overall = {s: _as_dict(results["overall"][s]) for s in SCHEMES}
    per_label = {lab: ({s: _as_dict(results["entities"][lab][s]) for s in SCHEMES} if lab in results["entities"]
                       else {s: _empty() for s in SCHEMES}) for lab in LABELS}
    return {"overall": overall, "per_label": per_label}
