"""The self-contained HTML report: one file, inline CSS and SVG, no scripts, no external links.

Sections: summary table (strict with 95% CI, partial, type-only, baseline, ceiling), a
per-label bar chart, slices, the label confusion table, and every article with its gold and
predicted spans side by side, coloured by outcome.
"""

from __future__ import annotations

from html import escape
from typing import Any

from data.labels import LABELS
from eval.agreement import ceiling_text
from eval.scoring import classify_errors

NAMES = [*LABELS, "micro"]
# outcome -> (css class, legend text); one colour per kind of error
OUTCOMES = {"correct": ("ok", "correct"), "false_negative": ("missed", "missed (gold only)"),
            "false_positive": ("spurious", "spurious (predicted only)"), "boundary": ("boundary", "wrong boundary"),
            "label": ("label", "wrong label"), "label_and_boundary": ("both", "wrong label and boundary")}
CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;max-width:1200px;color:#222;line-height:1.45;padding:0 1rem}
h1{font-size:1.6rem}h2{margin-top:2rem;border-bottom:1px solid #ddd}
table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:right}
th{background:#f3f3f3}td:first-child,th:first-child{text-align:left}
.note{color:#555;font-size:.9rem}
mark{border-radius:3px;padding:0 2px}mark sup{font-size:.6rem;margin-left:2px;color:#333}
.ok{background:#a5d6a7}.missed{background:#ef9a9a;outline:2px solid #c62828}.spurious{background:#ffcc80;outline:2px dashed #e65100}
.boundary{background:#fff176}.label{background:#ce93d8}.both{background:#ce93d8;outline:2px dashed #6a1b9a}
.legend mark{margin-right:.8rem}
.article{border:1px solid #ddd;border-radius:6px;margin:.6rem 0;padding:.3rem .8rem}
.article summary{cursor:pointer;font-weight:600}.cols{display:grid;grid-template-columns:1fr 1fr;gap:1rem}
.text{white-space:pre-wrap;font-size:.88rem;background:#fafafa;padding:.5rem;border-radius:4px}
.badge{display:inline-block;border-radius:8px;padding:0 .45rem;margin-left:.3rem;font-size:.8rem;font-weight:400}
"""


def _f(x: float) -> str:
    return f"{x:.3f}"


def summary_html(metrics: dict[str, Any]) -> str:
    base, ceil = metrics.get("baseline"), metrics.get("agreement")
    head = ["label", "strict P", "strict R", "strict F1", "95% CI", "partial F1", "type-only F1", "support"]
    head += ["baseline F1"] if base else []
    head += ["agreement F1 (ceiling)"] if ceil else []
    rows = []
    for name in NAMES:
        m = metrics["micro"] if name == "micro" else metrics["per_label"][name]
        ci = metrics["confidence"]["f1"][name]
        s = metrics["schemes"]["overall"] if name == "micro" else metrics["schemes"]["per_label"][name]
        cells = [name, _f(m["precision"]), _f(m["recall"]), _f(m["f1"]), f"{_f(ci['low'])}–{_f(ci['high'])}",
                 _f(s["partial"]["f1"]), _f(s["ent_type"]["f1"]), str(m["support"])]
        if base:
            cells.append(_f((base["micro"] if name == "micro" else base["per_label"][name])["f1"]))
        if ceil:
            cells.append(_f(ceil["strict"][name]))
        rows.append("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in cells) + "</tr>")
    return ("<table id='summary'><tr>" + "".join(f"<th>{escape(h)}</th>" for h in head) + "</tr>" + "".join(rows) + "</table>")


def bar_chart(metrics: dict[str, Any]) -> str:
    """Grouped bars per label: model strict F1 with its 95% interval, baseline, ceiling tick."""
    base, ceil = metrics.get("baseline"), metrics.get("agreement")
    series = [("model (strict)", "#1565c0", lambda n: (metrics["micro"] if n == "micro" else metrics["per_label"][n])["f1"])]
    if base:
        series.append(("baseline (strict)", "#9e9e9e", lambda n: (base["micro"] if n == "micro" else base["per_label"][n])["f1"]))
    width, height, left, top, plot_h = 760, 300, 40, 20, 220
    group_w = (width - left - 10) / len(NAMES)
    bar_w = group_w * 0.7 / len(series)
    parts = [f"<svg id='chart' xmlns='http://www.w3.org/2000/svg' width='{width}' height='{height + 30}' role='img' "
             "aria-label='F1 per label'>"]
    for tick in (0, 0.25, 0.5, 0.75, 1.0):
        y = top + plot_h * (1 - tick)
        parts.append(f"<line x1='{left}' x2='{width - 10}' y1='{y:.1f}' y2='{y:.1f}' stroke='#e0e0e0'/>"
                     f"<text x='{left - 6}' y='{y + 4:.1f}' font-size='10' text-anchor='end'>{tick:.2f}</text>")
    for g, name in enumerate(NAMES):
        x0 = left + g * group_w + group_w * 0.15
        for k, (label, colour, value) in enumerate(series):
            v = value(name)
            x, h = x0 + k * bar_w, plot_h * v
            parts.append(f"<rect class='bar' x='{x:.1f}' y='{top + plot_h - h:.1f}' width='{bar_w - 2:.1f}' height='{h:.1f}' "
                         f"fill='{colour}'><title>{escape(label)} {name}: {v:.3f}</title></rect>")
            if k == 0:  # the model's 95% interval as a whisker
                ci = metrics["confidence"]["f1"][name]
                cx = x + (bar_w - 2) / 2
                parts.append(f"<line x1='{cx:.1f}' x2='{cx:.1f}' y1='{top + plot_h * (1 - ci['high']):.1f}' "
                             f"y2='{top + plot_h * (1 - ci['low']):.1f}' stroke='#000' stroke-width='1.5'/>")
        if ceil:
            y = top + plot_h * (1 - ceil["strict"][name])
            parts.append(f"<line x1='{x0 - 2:.1f}' x2='{x0 + len(series) * bar_w:.1f}' y1='{y:.1f}' y2='{y:.1f}' "
                         f"stroke='#c62828' stroke-width='2' stroke-dasharray='4 2'><title>agreement ceiling {name}: "
                         f"{ceil['strict'][name]:.3f}</title></line>")
        parts.append(f"<text x='{x0 + len(series) * bar_w / 2:.1f}' y='{top + plot_h + 16}' font-size='11' "
                     f"text-anchor='middle'>{name}</text>")
    legend = [(label, colour) for label, colour, _ in series] + ([("agreement ceiling", "#c62828")] if ceil else [])
    for i, (label, colour) in enumerate(legend):
        x = left + i * 170
        parts.append(f"<rect x='{x}' y='{height + 8}' width='12' height='12' fill='{colour}'/>"
                     f"<text x='{x + 16}' y='{height + 18}' font-size='11'>{escape(label)}</text>")
    parts.append("</svg>")
    return "".join(parts)


def confusion_html(confusion: dict[str, dict[str, int]]) -> str:
    names = list(confusion)
    peak = max([v for row in confusion.values() for v in row.values()] + [1])
    rows = []
    for g in names:
        cells = []
        for p in names:
            v = confusion[g][p]
            shade = 0.12 + 0.6 * v / peak if v else 0
            colour = "21,101,192" if g == p else "198,40,40"
            cells.append(f"<td style='background:rgba({colour},{shade:.2f})'>{v}</td>")
        rows.append(f"<tr><th>{escape(g)}</th>{''.join(cells)}</tr>")
    return ("<table id='confusion'><tr><th>gold \\ predicted</th>" + "".join(f"<th>{escape(n)}</th>" for n in names)
            + "</tr>" + "".join(rows) + "</table>")


def slices_html(slices: dict[str, Any]) -> str:
    rows = "".join(f"<tr><td>{escape(name)}</td><td>{sl['articles']}</td><td>{_f(sl['micro']['precision'])}</td>"
                   f"<td>{_f(sl['micro']['recall'])}</td><td>{_f(sl['micro']['f1'])}</td>"
                   f"<td>{_f(sl['micro_f1_ci'][0])}–{_f(sl['micro_f1_ci'][1])}</td><td>{sl['micro']['support']}</td></tr>"
                   for name, sl in slices.items())
    return ("<table id='slices'><tr><th>slice</th><th>articles</th><th>P</th><th>R</th><th>F1</th><th>95% CI</th>"
            f"<th>support</th></tr>{rows}</table>")


def highlight(text: str, spans: list[tuple[int, int, str, str, str]]) -> str:
    """Text with non-overlapping (start, end, label, css class, tooltip) spans as <mark>s."""
    out, cursor = [], 0
    for start, end, label, css, tip in sorted(spans):
        if start < cursor:  # cannot happen for one annotation; never hide text if it does
            continue
        out.append(escape(text[cursor:start]))
        out.append(f"<mark class='{css}' title='{escape(tip)}'>{escape(text[start:end])}<sup>{escape(label)}</sup></mark>")
        cursor = end
    out.append(escape(text[cursor:]))
    return "".join(out)


def article_layers(errors: dict[str, list[dict[str, Any]]]) -> tuple[list, list]:
    """Gold-side and predicted-side highlight lists coloured by each span's outcome."""
    gold, pred = [], []

    def add(layer, span, kind, tip):
        layer.append((span["start"], span["end"], span["label"], OUTCOMES[kind][0], tip))

    for item in errors["correct"]:
        add(gold, item["pred"], "correct", "found exactly")
        add(pred, item["pred"], "correct", "correct")
    for item in errors["false_negative"]:
        add(gold, item["gold"], "false_negative", "missed by the model")
    for item in errors["false_positive"]:
        add(pred, item["pred"], "false_positive", "no overlapping gold span")
    for kind in ("boundary", "label", "label_and_boundary"):
        for item in errors[kind]:
            g, p = item["gold"], item["pred"]
            add(gold, g, kind, f"predicted as {p['label']} \"{p['text']}\"")
            add(pred, p, kind, f"gold is {g['label']} \"{g['text']}\"")
    seen = set()  # a gold span paired with two predictions is shown once
    gold = [s for s in gold if not (s[:2] in seen or seen.add(s[:2]))]
    return gold, pred


def article_html(art, errors: dict[str, list[dict[str, Any]]]) -> str:
    gold, pred = article_layers(errors)
    counts = {k: len(v) for k, v in errors.items()}
    wrong = sum(v for k, v in counts.items() if k != "correct")
    badges = "".join(f"<span class='badge {OUTCOMES[k][0]}'>{counts[k]} {OUTCOMES[k][1]}</span>"
                     for k in OUTCOMES if counts.get(k))
    meta = ", ".join(f"{k}: {art.meta[k]}" for k in ("source", "region", "style") if art.meta.get(k) not in (None, ""))
    return (f"<details class='article' id='a-{escape(art.article_id)}'{' open' if wrong else ''}>"
            f"<summary>{escape(art.article_id)} <span class='note'>({escape(meta)}; {len(art.gold)} gold, "
            f"{len(art.pred)} predicted)</span>{badges}</summary>"
            f"<div class='cols'><div><h4>Gold</h4><div class='text gold'>{highlight(art.text, gold)}</div></div>"
            f"<div><h4>Predicted</h4><div class='text pred'>{highlight(art.text, pred)}</div></div></div></details>")


def render_html(metrics: dict[str, Any], evals) -> str:
    conf = metrics["confidence"]
    legend = "".join(f"<mark class='{css}'>{escape(text)}</mark>" for css, text in OUTCOMES.values())
    notes = [f"95% intervals: {escape(conf['method'])}, {conf['resamples']} resamples, seed {conf['seed']}, "
             f"{conf['articles']} articles."]
    if metrics.get("agreement"):
        a = metrics["agreement"]
        notes.append(escape(ceiling_text(a)))
    if metrics.get("baseline"):
        notes.append(f"Baseline: {escape(metrics['baseline']['name'])} ({escape(metrics['baseline']['version'])}).")
    errors = [classify_errors(a.gold, a.pred) for a in evals]
    order = sorted(range(len(evals)), key=lambda i: -sum(len(v) for k, v in errors[i].items() if k != "correct"))
    body = [f"<h1>Evaluation report: split <code>{escape(metrics['split'])}</code></h1>",
            f"<p>Model <code>{escape(metrics['model'])}</code> on {metrics['articles']} articles ({metrics['words']} words). "
            "Strict = seqeval strict IOB2 entity level; partial and type-only = nervaluate's partial and ent_type.</p>",
            "<h2>Summary</h2>", summary_html(metrics), "".join(f"<p class='note'>{n}</p>" for n in notes),
            "<h2>F1 per label</h2>", bar_chart(metrics),
            "<h2>Slices</h2>", "<p class='note'>Intervals of slices with a handful of articles are not meaningful "
            "(one article: zero width).</p>", slices_html(metrics["slices"]),
            "<h2>Label confusion (overlapping spans)</h2>", confusion_html(metrics["confusion"]),
            f"<h2>Articles ({len(evals)}, most errors first)</h2>", f"<p class='legend'>{legend}</p>",
            *[article_html(evals[i], errors[i]) for i in order]]
    return ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Evaluation report</title>"
            f"<style>{CSS}</style></head><body>{''.join(body)}</body></html>\n")
