"""Data checker: validate every export in a folder, lint it against the spec, print statistics.

    python -m data.check data/annotations            # errors fail; lint findings are listed
    python -m data.check data/annotations --strict   # unaccepted lint findings fail too (CI)

Errors: anything the loader rejects (schema, text[start:end] != value.text, overlaps,
unknown labels, empty spans, duplicate article ids), anything it would have to repair
(UTF-16 offsets, whitespace at span edges, duplicate regions, tasks without annotation:
committed data must be clean), and missing data fields (text, article_id, source; for
written articles also event_date, region, style, incident, hard_negative).

Lint findings (data.lint) are fixed in the data or accepted in lint-allow.tsv next to the
exports: tab-separated `article_id  rule  surface text  reason`, article_id `*` for all.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from data.labels import LABELS
from data.labelstudio import ExportError, annotation_files, load_exports, second_annotation_errors
from data.lint import Finding, lint_article
from data.spans import Article

ALLOW_FILE = "lint-allow.tsv"
REQUIRED_FIELDS = ("article_id", "source")
WRITTEN_FIELDS = ("event_date", "region", "style", "incident", "hard_negative")
REPAIRS_ARE_ERRORS = ("utf16_offsets_fixed", "whitespace_trimmed", "duplicate_span_dropped", "task_without_annotation")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class Allowance:
    article_id: str
    rule: str
    text: str
    reason: str

    def matches(self, finding: Finding) -> bool:
        return self.article_id in ("*", finding.article_id) and self.rule == finding.rule and self.text == finding.text


@dataclass
class CheckResult:
    articles: list[Article] = field(default_factory=list)
    second: list[Article] = field(default_factory=list)  # blind second annotations
    errors: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)  # not accepted
    accepted: list[tuple[Finding, Allowance]] = field(default_factory=list)
    unused_allowances: list[Allowance] = field(default_factory=list)


def read_allow_list(path: Path) -> list[Allowance]:
    if not path.is_file():
        return []
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) != 4 or not cols[3].strip():
            raise ValueError(f"{path}:{n}: expected 4 tab-separated columns with a reason: article_id, rule, text, reason")
        out.append(Allowance(*(c.strip() for c in cols)))
    return out


def field_errors(article: Article) -> list[str]:
    where = article.where()
    errors = [f"{where}: data.{name} is missing" for name in REQUIRED_FIELDS if article.meta.get(name) in (None, "")]
    if article.source == "written":
        errors += [f"{where}: written article lacks data.{name}" for name in WRITTEN_FIELDS if article.meta.get(name) in (None, "")]
        date = str(article.meta.get("event_date", ""))
        if date and not DATE.match(date):
            errors.append(f"{where}: data.event_date {date!r} is not YYYY-MM-DD")
    return errors


def check_folder(folder: Path, files: list[Path] | None = None) -> CheckResult:
    result = CheckResult()
    files = files if files is not None else annotation_files(folder)
    if not files:
        result.errors.append(f"{folder}: no Label Studio export (*.json)")
        return result
    try:
        loaded = load_exports(files)
    except ExportError as err:
        result.errors += err.problems
        return result
    result.articles = loaded.articles
    result.second = loaded.second
    result.errors += [f"[{kind}] {message}" for kind, message in loaded.report.events if kind in REPAIRS_ARE_ERRORS]
    for article in loaded.articles + loaded.second:
        result.errors += field_errors(article)
    result.errors += second_annotation_errors(loaded.articles, loaded.second)
    allow = read_allow_list(folder / ALLOW_FILE)
    used: set[Allowance] = set()
    for article in loaded.articles + loaded.second:
        for finding in lint_article(article):
            match = next((a for a in allow if a.matches(finding)), None)
            if match:
                used.add(match)
                result.accepted.append((finding, match))
            else:
                result.findings.append(finding)
    result.unused_allowances = [a for a in allow if a not in used]
    return result


def _dist(values: list[int]) -> str:
    if not values:
        return "-"
    q = statistics.quantiles(values, n=4) if len(values) > 1 else [values[0]] * 3
    return f"min {min(values)}, p25 {q[0]:.0f}, median {q[1]:.0f}, p75 {q[2]:.0f}, max {max(values)}, mean {statistics.mean(values):.0f}"


def statistics_text(articles: list[Article]) -> str:
    """Corpus statistics: sizes, spans per label, per source/region/style, length distribution."""
    words = {a.article_id: len(a.text.split()) for a in articles}
    labels = Counter(s.label for a in articles for s in a.spans)
    lines = [f"articles: {len(articles)}, words: {sum(words.values())}, spans: {sum(labels.values())}",
             "spans per label: " + ", ".join(f"{lab} {labels[lab]}" for lab in LABELS)]
    for key in ("source", "region", "style"):
        groups: dict[str, list[Article]] = {}
        for a in articles:
            groups.setdefault(str(a.meta.get(key, "-")), []).append(a)
        lines.append(f"per {key}:")
        for value, arts in sorted(groups.items()):
            share = 100 * len(arts) / len(articles)
            lines.append(f"  {value:<24} {len(arts):>4} articles ({share:4.1f}%) {sum(len(a.spans) for a in arts):>6} spans")
    negatives = sum(1 for a in articles if a.meta.get("hard_negative") is True)
    years = Counter(str(a.meta.get("event_date", ""))[:4] for a in articles if a.meta.get("event_date"))
    lines.append(f"hard negatives: {negatives}")
    lines.append("event years: " + ", ".join(f"{y} {n}" for y, n in sorted(years.items())))
    lines.append(f"length in words: {_dist(list(words.values()))}")
    buckets = Counter(min(w // 100, 7) for w in words.values())
    lines.append("length histogram: " + ", ".join(f"{b * 100}-{b * 100 + 99 if b < 7 else ''}: {buckets[b]}" for b in range(8)))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m data.check", description=__doc__.split("\n")[0])
    parser.add_argument("folder", type=Path, nargs="?", default=Path("data/annotations"))
    parser.add_argument("--strict", action="store_true", help="fail on lint findings that are not accepted in lint-allow.tsv")
    parser.add_argument("--no-stats", action="store_true")
    args = parser.parse_args(argv)
    result = check_folder(args.folder)
    for error in result.errors:
        print(f"ERROR {error}")
    for finding in result.findings:
        print(f"LINT  {finding}")
    for allowance in result.unused_allowances:
        print(f"NOTE  unused allow-list entry: {allowance.article_id}\t{allowance.rule}\t{allowance.text}")
    if result.articles and not args.no_stats:
        print(statistics_text(result.articles))
        if result.second:
            spans = sum(len(a.spans) for a in result.second)
            print(f"blind second annotations (not trained on): {len(result.second)} articles, {spans} spans")
    print(f"{len(result.errors)} error(s), {len(result.findings)} lint finding(s), {len(result.accepted)} accepted by {ALLOW_FILE}")
    failed = bool(result.errors) or (args.strict and bool(result.findings))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
