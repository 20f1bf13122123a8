"""Agreement between two annotations: hand-computed strict/partial scores, disagreement list,
second annotations kept out of training data, and the CLI."""

from __future__ import annotations

import json

import pytest

from data.check import check_folder
from data.labelstudio import load_exports
from data.markup import export_articles, parse_markup
from eval.agreement import agreement, main
from tests.exports import task_from_markup, write_export

FIRST = ("[[Two|COUNT]] [[Katyusha rockets|WEAPON]] hit [[Ain al-Asad air base|LOCATION]], wounding "
         "[[two US soldiers|CASUALTY]]; [[Kataib Hezbollah|ACTOR]] denied it.")
SECOND = ("[[Two|COUNT]] [[Katyusha rockets|WEAPON]] hit [[Ain al-Asad|LOCATION]] air base, wounding "
          "[[two US soldiers|CASUALTY]]; [[Kataib Hezbollah|LOCATION]] denied it.")
FIRST_B = "A [[drone|WEAPON]] struck [[Erbil|LOCATION]]. [[No one|CASUALTY]] was hurt."
SECOND_B = "A [[drone|WEAPON]] struck [[Erbil|LOCATION]]. No one was hurt, said [[militias|ACTOR]]."


def article(body: str, aid: str):
    return parse_markup(f"article_id: {aid}\nsource: written\n---\n{body}")


def test_strict_and_partial_agreement_by_hand():
    second_b = SECOND_B.replace("[[militias|ACTOR]]", "militias")  # same text as FIRST_B up to the marks
    result = agreement([article(FIRST, "a"), article(FIRST_B.replace(" was hurt.", " was hurt, said militias."), "b")],
                       [article(SECOND, "a"), article(second_b, "b")])
    strict, partial = result["strict"], result["partial"]
    # first: 8 spans; second: 7. Exact agreement: Two, Katyusha rockets, two US soldiers, drone, Erbil = 5.
    assert (strict["micro"]["first"], strict["micro"]["second"]) == (8, 7)
    assert (strict["micro"]["precision"], strict["micro"]["recall"]) == pytest.approx((5 / 7, 5 / 8))
    # partial (same label, overlap): also "Ain al-Asad" inside "Ain al-Asad air base" -> 6 of 7 / 6 of 8
    assert (partial["micro"]["precision"], partial["micro"]["recall"]) == pytest.approx((6 / 7, 6 / 8))
    assert strict["per_label"]["LOCATION"]["f1"] == pytest.approx(2 * (1 / 3) * (1 / 2) / (1 / 3 + 1 / 2))
    assert partial["per_label"]["LOCATION"]["recall"] == pytest.approx(1.0)
    assert strict["per_label"]["ACTOR"]["recall"] == 0 and partial["per_label"]["ACTOR"]["first"] == 1
    assert result["disagreement_counts"] == {"boundary": 1, "label": 1, "first_only": 1}
    kinds = {(d["article_id"], d["kind"], (d["first"] or {}).get("text"), (d["second"] or {}).get("text"))
             for d in result["disagreements"]}
    assert ("a", "label", "Kataib Hezbollah", "Kataib Hezbollah") in kinds and ("b", "first_only", "No one", None) in kinds


def test_texts_must_match():
    with pytest.raises(ValueError, match="text differs"):
        agreement([article(FIRST, "a")], [article(SECOND_B, "a")])
    with pytest.raises(ValueError, match="no first annotation"):
        agreement([article(FIRST, "a")], [article(FIRST, "zzz")])


def _write_corpus_with_second(folder):
    write_export(folder / "first.json", [task_from_markup(FIRST, "a", 1, source="written"),
                                         task_from_markup(FIRST_B, "b", 2, source="written")])
    second = export_articles([article(SECOND, "a")], first_task_id=10, annotator=2, second_round=True)
    write_export(folder / "second.json", second)
    return folder


def test_second_annotations_are_kept_out_of_the_training_articles(tmp_path):
    loaded = load_exports(sorted(_write_corpus_with_second(tmp_path).glob("*.json")))
    assert [a.article_id for a in loaded.articles] == ["a", "b"]
    assert [a.article_id for a in loaded.second] == ["a"] and loaded.second[0].annotator == 2
    assert loaded.second[0].meta["source"] == "written"  # data.source kept
    assert loaded.report.counts["second_annotations_kept_apart"] == 1


def test_checker_rejects_a_second_annotation_without_first(tmp_path):
    _write_corpus_with_second(tmp_path)
    orphan = export_articles([article(FIRST_B, "c")], first_task_id=20, second_round=True)
    write_export(tmp_path / "orphan.json", orphan)
    errors = check_folder(tmp_path).errors
    assert any("article c" in e and "no first annotation" in e for e in errors), errors


def test_cli_writes_json_and_markdown(tmp_path, capsys):
    folder = _write_corpus_with_second(tmp_path / "ann")
    assert main([str(folder), "--out", str(tmp_path / "out")]) == 0
    result = json.loads((tmp_path / "out" / "agreement.json").read_text())
    assert result["schema"] == "attack-spans-agreement/1" and result["articles"] == 1
    md = (tmp_path / "out" / "agreement.md").read_text()
    assert "| **micro** |" in md and 'label: first ACTOR "Kataib Hezbollah" / second LOCATION' in md
    assert "strict F1" in capsys.readouterr().out
    # separate exports: --second takes unmarked tasks too
    write_export(tmp_path / "plain-second.json", [task_from_markup(SECOND, "a", 1, source="written")])
    assert main([str(folder / "first.json"), "--second", str(tmp_path / "plain-second.json")]) == 0
