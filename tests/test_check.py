"""Data checker: errors fail, lint findings listed or accepted, statistics printed."""

from __future__ import annotations

from data.check import check_folder, main, statistics_text
from data.lint import lint_article
from data.markup import parse_markup
from tests.exports import labels_result, task_from_markup, write_export

WRITTEN = dict(source="written", event_date="2020-01-08", region="iraq-syria", style="wire",
               incident="2020-01-08-ain-al-asad", hard_negative="false")


def lint_rules(body: str) -> list[tuple[str, str]]:
    return [(f.rule, f.text) for f in lint_article(parse_markup(f"article_id: a\n---\n{body}"))]


def test_lint_rules_flag_guideline_slips():
    assert ("leading-determiner", "the base") in lint_rules("Rockets hit [[the base|LOCATION]].")
    assert ("leading-number", "three rockets") in lint_rules("[[three rockets|WEAPON]] hit.")
    assert ("count-no-quantity", "a barrage") in lint_rules("[[a barrage|COUNT]] of rockets.")
    assert ("count-no-quantity", "rockets") in lint_rules("[[rockets|COUNT]] hit.")
    assert ("adjectival-location", "Iraqi") in lint_rules("[[Iraqi|LOCATION]] forces.")
    assert ("edge-punctuation", "Erbil,") in lint_rules("In [[Erbil,|LOCATION]] today.")
    assert ("mixed-label", "Iran") in lint_rules("[[Iran|ACTOR]] fired at [[Iran|LOCATION]].")
    assert ("missed-mention", "Drones") in lint_rules("Drones Hit Base\n[[drones|WEAPON]] hit.")


def test_lint_accepts_clean_spans():
    assert lint_rules("[[107mm rockets|WEAPON]] hit [[U.S.|LOCATION]] sites; [[at least 3|COUNT]] landed; "
                      "[[counter-rocket (C-RAM) systems|WEAPON]] fired.") == []


def test_checker_passes_clean_data_and_prints_statistics(tmp_path, capsys):
    write_export(tmp_path / "a.json", [task_from_markup("[[Two|COUNT]] [[rockets|WEAPON]] hit [[Erbil|LOCATION]].", "w1", 1, **WRITTEN)])
    assert main([str(tmp_path), "--strict"]) == 0
    out = capsys.readouterr().out
    assert "articles: 1" in out and "WEAPON 1" in out and "per region:" in out and "iraq-syria" in out


def test_checker_errors_on_loader_problems_and_missing_fields(tmp_path, capsys):
    bad = task_from_markup("[[Two|COUNT]] rockets.", "w1", 1, source="written")
    bad["annotations"][0]["result"].append(labels_result("x", 4, 11, "rocketz", "WEAPON"))
    write_export(tmp_path / "a.json", [bad])
    assert main([str(tmp_path)]) == 1
    assert "not value.text" in capsys.readouterr().out
    write_export(tmp_path / "a.json", [task_from_markup("[[Two|COUNT]] rockets.", "w1", 1, source="written")])
    result = check_folder(tmp_path)
    assert any("lacks data.event_date" in e for e in result.errors)


def test_repairs_are_errors_for_committed_data(tmp_path):
    t = task_from_markup("[[Two|COUNT]] rockets.", "w1", 1, **WRITTEN)
    t["annotations"][0]["result"][0]["value"].update(end=4, text="Two ")
    write_export(tmp_path / "a.json", [t])
    assert any("whitespace_trimmed" in e for e in check_folder(tmp_path).errors)


def test_allow_list_accepts_findings_and_strict_fails_on_the_rest(tmp_path, capsys):
    write_export(tmp_path / "a.json", [task_from_markup("[[Iran|ACTOR]] fired at [[Iran|LOCATION]] and [[the base|LOCATION]].", "w1", 1, **WRITTEN)])
    (tmp_path / "lint-allow.tsv").write_text("*\tmixed-label\tIran\tstate as agent and as place (spec)\n")
    result = check_folder(tmp_path)
    assert [f.rule for f in result.findings] == ["leading-determiner"]
    assert len(result.accepted) == 1
    assert main([str(tmp_path)]) == 0
    assert main([str(tmp_path), "--strict"]) == 1


def test_statistics_text_counts_styles_and_negatives():
    arts = [parse_markup(f"article_id: a{i}\nsource: written\nstyle: brief\nhard_negative: {str(i == 0).lower()}\n"
                         f"event_date: 2019-01-01\n---\n[[Kabul|LOCATION]] word word") for i in range(3)]
    text = statistics_text(arts)
    assert "hard negatives: 1" in text and "brief" in text and "2019 3" in text
