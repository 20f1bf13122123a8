"""report.html: parsed (structure, one colour per outcome, every article) and rendered once in
Debian's headless chromium (a screenshot that is not blank and shows the highlight colours)."""

from __future__ import annotations

import os
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from data.markup import export_articles, parse_markup
from data.spans import Span
from eval.evaluate import evaluate
from tests.exports import task_from_markup, write_export

A = ("[[Two|COUNT]] [[Katyusha rockets|WEAPON]] hit [[Ain al-Asad air base|LOCATION]] in [[Anbar|LOCATION]], "
     "wounding [[two US soldiers|CASUALTY]]; [[Kataib Hezbollah|ACTOR]] denied it.")
B = "A [[drone|WEAPON]] struck [[Erbil|LOCATION]] <script>alert(1)</script>. [[No one|CASUALTY]] was hurt."


def fake_model(text: str) -> list[Span]:
    """Deterministic predictions with one of each outcome (correct, missed, spurious, boundary, label)."""
    def at(surface, label):
        start = text.index(surface)
        return Span(start, start + len(surface), label, surface)

    if text.startswith("Two"):
        return [at("Two", "COUNT"), at("Katyusha rockets", "WEAPON"), at("Ain al-Asad", "LOCATION"),
                at("Anbar", "ACTOR"), at("wounding", "CASUALTY")]  # boundary, label, spurious; 2 missed
    return [at("drone", "WEAPON"), at("Erbil", "LOCATION"), at("No one", "CASUALTY")]


class Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    root = tmp_path_factory.mktemp("html")
    write_export(root / "ann" / "first.json", [task_from_markup(A, "a1", 1, source="seed", region="iraq-syria"),
                                              task_from_markup(B, "b2", 2, source="written", region="iraq-syria")])
    second = parse_markup("article_id: a1\nsource: seed\nregion: iraq-syria\n---\n" + A.replace("[[Anbar|LOCATION]]", "Anbar"))
    write_export(root / "ann" / "second.json", export_articles([second], 10, annotator=2, second_round=True))
    metrics = evaluate("fake-model", [str(root / "ann")], "all", root / "report", predictor=fake_model,
                       baseline=True, resamples=200, quiet=True)
    return root / "report", metrics


def parsed(report_dir: Path) -> Collector:
    collector = Collector()
    collector.feed((report_dir / "report.html").read_text(encoding="utf-8"))
    return collector


def test_report_html_structure(report):
    report_dir, metrics = report
    page = parsed(report_dir)
    tags = [t for t, _ in page.tags]
    ids = {a.get("id") for _, a in page.tags}
    assert {"summary", "chart", "slices", "confusion", "a-a1", "a-b2"} <= ids
    assert "script" not in tags and not any("src" in a or "href" in a for _, a in page.tags)  # self-contained
    assert "<script>alert(1)</script>" in "".join(page.text)  # article text is escaped, not executed
    bars = [a for t, a in page.tags if t == "rect" and a.get("class") == "bar"]
    assert len(bars) == 2 * 6  # model and baseline, 5 labels + micro
    summary_rows = [a for t, a in page.tags if t == "tr"]
    assert len(summary_rows) >= 7
    marks = [a["class"] for t, a in page.tags if t == "mark"]
    for css in ("ok", "missed", "spurious", "boundary", "label"):
        assert css in marks, css
    assert metrics["agreement"]["articles"] == 1 and metrics["baseline"]["name"] == "spaCy baseline"


def test_report_md_and_metrics(report):
    report_dir, metrics = report
    md = (report_dir / "report.md").read_text()
    assert "95% CI" in md and "agreement F1 (ceiling)" in md and "baseline F1" in md
    assert metrics["schema"] == "attack-spans-eval/2"
    assert set(metrics["schemes"]["overall"]) == {"strict", "exact", "partial", "ent_type"}
    assert metrics["confusion"]["LOCATION"]["ACTOR"] == 1 and metrics["confusion"]["(none)"]["CASUALTY"] == 1
    assert {"source=seed", "source=written", "region=iraq-syria"} <= set(metrics["slices"])


CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.mark.browser
def test_report_renders_in_headless_chromium(report, tmp_path):
    if not Path(CHROMIUM).is_file():
        message = "chromium not installed: `make test` installs Debian's chromium (make chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from PIL import Image

    report_dir, _ = report
    shot = tmp_path / "shot.png"
    subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    f"--user-data-dir={tmp_path / 'profile'}", "--hide-scrollbars", "--window-size=1200,1800",
                    f"--screenshot={shot}", (report_dir / "report.html").resolve().as_uri()],
                   check=True, capture_output=True, timeout=120)
    image = Image.open(shot).convert("RGB")
    assert image.size == (1200, 1800)
    pixels = list(image.getdata())
    non_white = sum(1 for p in pixels if sum(p) < 720) / len(pixels)
    assert non_white > 0.02, f"page looks blank ({non_white:.3%} non-white pixels)"
    colours = set(pixels)
    assert len(colours) > 50
    for name, rgb in {"model bar": (0x15, 0x65, 0xC0), "correct highlight": (0xA5, 0xD6, 0xA7)}.items():
        assert any(all(abs(a - b) <= 8 for a, b in zip(p, rgb)) for p in colours), f"no {name} colour on the page"
