"""Spec lint: likely guideline slips that are not hard errors.

Each rule returns findings naming the article, span and reason. Findings are fixed in the
data or consciously accepted in data/annotations/lint-allow.json (a reason per entry).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from data.spans import Article, Span

NUMBER_WORDS = {
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred",
    "hundreds", "thousand", "thousands", "dozen", "dozens", "million", "millions", "score", "scores",
}
QUANTITY_WORDS = NUMBER_WORDS | {
    "several", "multiple", "many", "numerous", "few", "couple", "number", "handful", "more",
    "another", "twice", "once", "some", "all", "both", "most", "none", "every", "majority", "half",
    "percent", "cent",
}
# Collective nouns are not counts (guidelines decision log 2026-11-21): "a barrage of rockets".
COLLECTIVE_NOUNS = {"barrage", "volley", "salvo", "wave", "series", "spate", "string", "hail"}
DEMONYMS = {
    "afghan", "american", "arab", "arabic", "british", "burkinabe", "chinese", "colombian",
    "ecuadorian", "egyptian", "emirati", "european", "french", "german", "haitian", "iranian",
    "iraqi", "israeli", "jordanian", "kurdish", "lebanese", "malian", "mexican", "nigerian",
    "nigerien", "pakistani", "palestinian", "qatari", "russian", "saudi", "somali", "sudanese",
    "syrian", "turkish", "ukrainian", "venezuelan", "western", "yemeni", "persian",
}
LEADING_ARTICLES = {"the", "a", "an"}
NUMBER_TOKEN = re.compile(r"^\d[\d,.]*$")
ABBREVIATION_END = re.compile(r"(?:\b[A-Za-z]\.)+$|\b(?:Jr|Sr|St|Co|Gen|Lt|Col|Sgt|Maj|Capt)\.$")
EDGE_PUNCT = set(".,;:!?'\"()[]{}“”‘’«»-–—/#@*")


@dataclass(frozen=True)
class Finding:
    rule: str
    article_id: str
    task_id: int | None
    label: str
    text: str
    start: int
    message: str

    def key(self) -> tuple[str, str, str]:
        return (self.article_id, self.rule, self.text)

    def __str__(self) -> str:
        return (f"task {self.task_id} article {self.article_id}: [{self.rule}] {self.label} "
                f"{self.text!r} at {self.start}: {self.message}")


def _tokens(text: str) -> list[str]:
    return re.findall(r"[\w'’-]+", text.lower())


def _finding(article: Article, span: Span, rule: str, message: str) -> Finding:
    return Finding(rule, article.article_id, article.task_id, span.label, span.text, span.start, message)


def span_findings(article: Article, span: Span) -> list[Finding]:
    """Rules that look at one span alone."""
    out: list[Finding] = []
    toks = _tokens(span.text)
    first = toks[0] if toks else ""
    if span.label in ("WEAPON", "LOCATION", "ACTOR"):
        if first in LEADING_ARTICLES:
            out.append(_finding(article, span, "leading-determiner", f"{span.label} starts with {first!r}"))
        elif first in NUMBER_WORDS or NUMBER_TOKEN.match(first):
            out.append(_finding(article, span, "leading-number", f"{span.label} starts with the number {first!r}"))
    if span.label == "COUNT":
        if set(toks) & COLLECTIVE_NOUNS:
            out.append(_finding(article, span, "count-no-quantity", "collective noun ('barrage', 'wave') is not a count"))
        elif not (set(toks) & QUANTITY_WORDS or any(ch.isdigit() for ch in span.text)):
            out.append(_finding(article, span, "count-no-quantity", "COUNT has no quantity word or digit"))
    if span.label == "LOCATION" and toks and (toks[-1] in DEMONYMS or (len(toks) == 1 and re.search(r"(ian|ese)$", toks[0]))):
        out.append(_finding(article, span, "adjectival-location", "adjectival form, not a place name"))
    if span.text and span.text[-1] in EDGE_PUNCT and not (span.text.endswith(".") and ABBREVIATION_END.search(span.text)):
        if not (span.text.endswith(")") and "(" in span.text):
            out.append(_finding(article, span, "edge-punctuation", f"span ends with {span.text[-1]!r}"))
    if span.text and span.text[0] in EDGE_PUNCT and not (span.text[0] == "(" and ")" in span.text):
        out.append(_finding(article, span, "edge-punctuation", f"span starts with {span.text[0]!r}"))
    return out


def mixed_label_findings(article: Article) -> list[Finding]:
    """The same surface string labelled differently within one article."""
    by_text: dict[str, list[Span]] = defaultdict(list)
    for span in article.spans:
        by_text[span.text].append(span)
    out = []
    for text, spans in by_text.items():
        labels = sorted({s.label for s in spans})
        if len(labels) > 1:
            out.append(_finding(article, spans[0], "mixed-label", f"{text!r} is labelled {', '.join(labels)} in this article"))
    return out


def missed_mention_findings(article: Article) -> list[Finding]:
    """Unannotated repeats of a WEAPON or LOCATION string (role-agnostic labels: every mention counts)."""
    covered = [(s.start, s.end) for s in article.spans]
    out = []
    seen: set[int] = set()
    for span in article.spans:
        if span.label not in ("WEAPON", "LOCATION"):
            continue
        # WEAPON nouns are common nouns: a Title Case headline repeat ("Drones") is a miss too.
        flags = re.IGNORECASE if span.label == "WEAPON" else 0
        for match in re.finditer(rf"(?<![\w-]){re.escape(span.text)}(?![\w])", article.text, flags):
            if match.start() in seen:
                continue
            seen.add(match.start())
            if not any(s < match.end() and match.start() < e for s, e in covered):
                out.append(Finding("missed-mention", article.article_id, article.task_id, span.label, match.group(0),
                                   match.start(), f"{span.label} {span.text!r} is annotated elsewhere but not here"))
    return out


def lint_article(article: Article) -> list[Finding]:
    findings = [f for span in article.spans for f in span_findings(article, span)]
    return findings + mixed_label_findings(article) + missed_mention_findings(article)
