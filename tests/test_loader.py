"""Loader: one test per malformed or unusual export case."""

from __future__ import annotations

import pytest

from data.labelstudio import ExportError, choose_annotation, load_export, utf16_to_index
from tests.exports import labels_result, write_export

TEXT = "Militants fired three rockets at Erbil."


def task(task_id=1, text=TEXT, article_id="a1", annotations=None, predictions=None, **data):
    if annotations is None:
        annotations = [annotation([labels_result("r1", 0, 9, "Militants", "ACTOR")])]
    return {"id": task_id, "data": {"text": text, "article_id": article_id, "source": "written", **data},
            "annotations": annotations, "predictions": predictions or []}


def annotation(result, ann_id=1, completed_by=1, **kw):
    return {"id": ann_id, "completed_by": completed_by, "result": result, "was_cancelled": False, "ground_truth": False, **kw}


def load(tmp_path, tasks):
    return load_export(write_export(tmp_path / "export.json", tasks))


def test_completed_by_int_or_object(tmp_path):
    tasks = [task(1, article_id="a1", annotations=[annotation([], completed_by=7)]),
             task(2, article_id="a2", annotations=[annotation([], completed_by={"id": 9, "email": "x@example.com"})])]
    articles = load(tmp_path, tasks).articles
    assert [a.annotator for a in articles] == [7, 9]


def test_predictions_as_ids_or_objects_are_ignored_for_gold(tmp_path):
    pred_obj = {"model_version": "v1", "score": 0.5, "result": [labels_result("p1", 17, 22, "three", "COUNT")]}
    result = load(tmp_path, [task(1, article_id="a1", predictions=[3, 4]), task(2, article_id="a2", predictions=[pred_obj])])
    assert all([s.label for s in a.spans] == ["ACTOR"] for a in result.articles)
    assert result.report.counts["predictions_ignored"] == 3


def test_ground_truth_annotation_wins_over_later_ones():
    gt = annotation([], ann_id=1, ground_truth=True, updated_at="2024-01-01")
    later = annotation([], ann_id=2, updated_at="2025-01-01")
    assert choose_annotation([gt, later])[0]["id"] == 1


def test_latest_non_cancelled_annotation_is_used(tmp_path):
    old = annotation([labels_result("r1", 0, 9, "Militants", "ACTOR")], ann_id=1, updated_at="2024-01-01T00:00:00Z")
    new = annotation([labels_result("r2", 16, 21, "three", "COUNT")], ann_id=2, updated_at="2024-02-01T00:00:00Z")
    cancelled = annotation([], ann_id=3, updated_at="2024-03-01T00:00:00Z", was_cancelled=True)
    result = load(tmp_path, [task(annotations=[old, new, cancelled])])
    assert [s.text for s in result.articles[0].spans] == ["three"]
    assert result.report.counts["several_annotations"] == 1
    assert result.report.counts["cancelled_annotations_skipped"] == 1


def test_task_with_only_cancelled_annotations_is_reported_not_used(tmp_path):
    result = load(tmp_path, [task(annotations=[annotation([], was_cancelled=True)]), task(2, article_id="a2")])
    assert [a.article_id for a in result.articles] == ["a2"]
    assert result.report.counts["task_without_annotation"] == 1
    assert "task 1" in result.report.notes[0]


def test_task_without_annotations_is_reported(tmp_path):
    result = load(tmp_path, [task(annotations=[])])
    assert result.articles == []
    assert result.report.counts["task_without_annotation"] == 1


def test_utf16_offsets_are_detected_and_fixed(tmp_path):
    text = "🚀🚀 Two rockets hit Erbil 💥."
    # Label Studio's editor counts each emoji as 2 UTF-16 units
    start16 = text.index("rockets") + 2
    result = load(tmp_path, [task(text=text, annotations=[annotation([labels_result("r1", start16, start16 + 7, "rockets", "WEAPON")])])])
    span = result.articles[0].spans[0]
    assert text[span.start:span.end] == "rockets"
    assert result.report.counts["utf16_offsets_fixed"] == 1


def test_utf16_to_index():
    assert utf16_to_index("a🚀b", 3) == 2
    assert utf16_to_index("a🚀b", 2) is None  # inside the surrogate pair


def test_text_mismatch_names_file_task_span_and_reason(tmp_path):
    with pytest.raises(ExportError) as err:
        load(tmp_path, [task(task_id=42, annotations=[annotation([labels_result("r9", 0, 9, "Gunmen", "ACTOR")])])])
    message = str(err.value)
    assert "export.json task 42" in message and "r9" in message and "'Gunmen'" in message and "not value.text" in message


def test_overlapping_spans_are_an_error(tmp_path):
    spans = [labels_result("r1", 10, 29, "fired three rockets", "WEAPON"), labels_result("r2", 16, 21, "three", "COUNT")]
    with pytest.raises(ExportError, match="overlaps"):
        load(tmp_path, [task(annotations=[annotation(spans)])])


def test_unknown_label_is_an_error(tmp_path):
    with pytest.raises(ExportError, match="unknown label 'PERSON'"):
        load(tmp_path, [task(annotations=[annotation([labels_result("r1", 0, 9, "Militants", "PERSON")])])])


def test_several_labels_on_one_span_is_an_error(tmp_path):
    item = labels_result("r1", 0, 9, "Militants", "ACTOR")
    item["value"]["labels"] = ["ACTOR", "CASUALTY"]
    with pytest.raises(ExportError, match="exactly one label"):
        load(tmp_path, [task(annotations=[annotation([item])])])


def test_empty_span_text_is_an_error(tmp_path):
    with pytest.raises(ExportError, match="empty span text"):
        load(tmp_path, [task(annotations=[annotation([labels_result("r1", 9, 9, "", "ACTOR")])])])


def test_offsets_outside_text_are_an_error(tmp_path):
    with pytest.raises(ExportError, match="outside the text"):
        load(tmp_path, [task(annotations=[annotation([labels_result("r1", 30, 90, "Erbil and more", "LOCATION")])])])


def test_missing_text_or_article_id_is_an_error(tmp_path):
    bad = task()
    del bad["data"]["article_id"]
    with pytest.raises(ExportError, match="article_id is missing"):
        load(tmp_path, [bad])
    with pytest.raises(ExportError, match="data.text is missing"):
        load(tmp_path, [task(text="")])


def test_duplicate_article_ids_are_an_error(tmp_path):
    with pytest.raises(ExportError, match="duplicate article_id"):
        load(tmp_path, [task(1), task(2)])


def test_whitespace_at_span_edges_is_trimmed_and_counted(tmp_path):
    result = load(tmp_path, [task(annotations=[annotation([labels_result("r1", 32, 39, " Erbil.", "LOCATION")])])])
    assert result.articles[0].spans[0].text == "Erbil."
    assert result.report.counts["whitespace_trimmed"] == 1


def test_duplicate_region_is_dropped_and_counted(tmp_path):
    same = [labels_result("r1", 0, 9, "Militants", "ACTOR"), labels_result("r2", 0, 9, "Militants", "ACTOR")]
    result = load(tmp_path, [task(annotations=[annotation(same)])])
    assert len(result.articles[0].spans) == 1
    assert result.report.counts["duplicate_span_dropped"] == 1


def test_non_span_results_are_counted(tmp_path):
    relation = {"id": "x", "type": "relation", "from_id": "r1", "to_id": "r1"}
    result = load(tmp_path, [task(annotations=[annotation([labels_result("r1", 0, 9, "Militants", "ACTOR"), relation])])])
    assert result.report.counts["non_span_result_ignored"] == 1


def test_all_problems_are_reported_together(tmp_path):
    tasks = [task(1, article_id="a1", annotations=[annotation([labels_result("r1", 0, 9, "Militants", "WRONG")])]),
             task(2, article_id="a2", annotations=[annotation([labels_result("r2", 0, 3, "Mil", "ACTOR"), labels_result("r3", 1, 4, "ili", "ACTOR")])])]
    with pytest.raises(ExportError) as err:
        load(tmp_path, tasks)
    assert len(err.value.problems) == 2


def test_not_json_is_a_clear_error(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text("{not json")
    with pytest.raises(ExportError, match="broken.json: not valid JSON"):
        load_export(path)
