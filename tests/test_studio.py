"""Label Studio round trip against a real server (label-studio 1.23.2 on 127.0.0.1)."""

from __future__ import annotations

import json

import pytest

from data.labels import bio_labels
from data.labelstudio import load_exports
from data.markup import parse_markup
from studio.__main__ import main, make_predict, model_version
from studio.offsets import normalize_export, to_utf16
from tests.corpus import ARTICLES
from tests.studio_server import TOKEN, free_port

EMOJI_BODY = "🚀🚀 [[Militants|ACTOR]] fired [[three|COUNT]] [[rockets|WEAPON]] at [[Erbil|LOCATION]] 💥 today; [[no injuries|CASUALTY]] 👍."


def gold_articles():
    bodies = [(f"art-{n}", body) for n, (body, _) in enumerate(ARTICLES[:3], 1)] + [("emoji-1", EMOJI_BODY)]
    return [parse_markup(f"article_id: {aid}\n---\n{body}") for aid, body in bodies]


def write_jsonl(path, articles):
    path.write_text("".join(json.dumps({"article_id": a.article_id, "text": a.text, "metadata": {"source": "labelstudio-test"}},
                                       ensure_ascii=False) + "\n" for a in articles), encoding="utf-8")
    return path


def cli(server, *args, project):
    return main([*args, "--url", server.url, "--token", TOKEN, "--project", project])


def sdk(server):
    from studio.client import Connection, connect

    return connect(Connection(server.url, TOKEN))


def project_tasks(server, title):
    client = sdk(server)
    pid = next(p.id for p in client.projects.list(title=title) if p.title == title)
    return client, pid, list(client.tasks.list(project=pid, fields="all", page_size=100))


def test_utf16_offsets_round_trip_without_server():
    text = "a🚀b 💥 rockets"
    index = text.index("rockets")
    assert to_utf16(text, index) == index + 2
    tasks = [{"data": {"text": text}, "annotations": [{"result": [
        {"type": "labels", "value": {"start": index + 2, "end": index + 9, "text": "rockets", "labels": ["WEAPON"]}}]}]}]
    assert normalize_export(tasks) == 1
    assert tasks[0]["annotations"][0]["result"][0]["value"]["start"] == index


def test_unreachable_url_is_one_clear_line(tmp_path, capsys):
    path = write_jsonl(tmp_path / "a.jsonl", gold_articles()[:1])
    assert main(["push", str(path), "--url", f"http://127.0.0.1:{free_port()}", "--token", "x"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: cannot reach Label Studio at http://127.0.0.1:") and err.count("\n") == 1


def test_missing_token_is_one_clear_line(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("LABEL_STUDIO_API_KEY", raising=False)
    assert main(["push", str(tmp_path), "--url", "http://127.0.0.1:1"]) == 2
    assert "no Label Studio API token" in capsys.readouterr().err


@pytest.mark.integration
def test_bad_token_is_one_clear_line(label_studio, tmp_path, capsys):
    path = write_jsonl(tmp_path / "a.jsonl", gold_articles()[:1])
    assert main(["push", str(path), "--url", label_studio.url, "--token", "not-a-token"]) == 2
    err = capsys.readouterr().err
    assert "rejected the API token (HTTP 401)" in err and err.count("\n") == 1 and "Traceback" not in err


@pytest.mark.integration
def test_push_annotate_pull_load_train_round_trip(label_studio, tiny_trained, tmp_path, capsys):
    model = tiny_trained / "model"
    gold = gold_articles()
    path = write_jsonl(tmp_path / "articles.jsonl", gold)
    assert cli(label_studio, "push", str(path), "--model", str(model), project="roundtrip") == 0
    client, pid, tasks = project_tasks(label_studio, "roundtrip")
    assert sorted(t.data["article_id"] for t in tasks) == sorted(a.article_id for a in gold)
    by_id = {a.article_id: a for a in gold}
    for task in tasks:
        (prediction,) = task.predictions
        assert prediction.model_version == model_version(model) and 0 <= prediction.score <= 1
        text = task.data["text"]
        for item in prediction.result:  # pushed in the editor's UTF-16 units
            value = item["value"]
            assert 0 <= item["score"] <= 1
            assert text[value["start"]:value["end"]] == value["text"] or "🚀" in text
        # annotate through the API as the editor would: UTF-16 offsets
        result = [{"id": f"g{n}", "from_name": "label", "to_name": "text", "type": "labels",
                   "value": {"start": to_utf16(text, s.start), "end": to_utf16(text, s.end), "text": s.text, "labels": [s.label]}}
                  for n, s in enumerate(by_id[task.data["article_id"]].spans)]
        client.annotations.create(id=task.id, result=result, lead_time=1.0, was_cancelled=False, ground_truth=False)

    out = tmp_path / "annotations"
    assert cli(label_studio, "pull", "--out-dir", str(out), project="roundtrip") == 0
    assert "0 error(s)" in capsys.readouterr().out
    (export,) = out.glob("labelstudio-roundtrip-*.json")
    raw = json.loads(export.read_text())
    assert all(isinstance(p, dict) and p["model_version"] for t in raw for p in t["predictions"])  # full predictions
    loaded = load_exports([export])
    assert loaded.report.counts.get("utf16_offsets_fixed", 0) == 0  # pull normalised them
    for article in loaded.articles:
        assert article.text == by_id[article.article_id].text
        assert article.spans == by_id[article.article_id].spans  # offsets and labels unchanged

    from transformers import AutoTokenizer

    from training.train import encode_split

    label2id = {t: i for i, t in enumerate(bio_labels())}
    rows, report = encode_split(AutoTokenizer.from_pretrained(model), loaded.articles, label2id, 24, 6)
    assert rows and report["spans"] == sum(len(a.spans) for a in gold) and not report["misaligned"]


@pytest.mark.integration
def test_repush_is_idempotent(label_studio, tiny_trained, tmp_path, capsys):
    path = write_jsonl(tmp_path / "articles.jsonl", gold_articles())
    assert cli(label_studio, "push", str(path), project="idempotent") == 0
    assert cli(label_studio, "push", str(path), "--model", str(tiny_trained / "model"), project="idempotent") == 0
    assert "0 task(s) imported, 4 already there" in capsys.readouterr().out
    assert len(project_tasks(label_studio, "idempotent")[2]) == 4


@pytest.mark.integration
def test_select_pushes_exactly_n_most_uncertain(label_studio, tiny_trained, tmp_path):
    model = tiny_trained / "model"
    pool = [parse_markup(f"article_id: pool-{n}\n---\n{body}") for n, (body, _) in enumerate(ARTICLES)]
    path = write_jsonl(tmp_path / "pool.jsonl", pool)
    assert cli(label_studio, "select", str(path), "--model", str(model), "--n", "3",
               "--annotations", str(tmp_path / "none"), project="select") == 0
    _, _, tasks = project_tasks(label_studio, "select")
    assert len(tasks) == 3 and all(len(t.predictions) == 1 for t in tasks)
    _, uncertainty = make_predict(model)
    scores = sorted((-uncertainty(a), a.article_id) for a in pool)
    assert sorted(t.data["article_id"] for t in tasks) == sorted(aid for _, aid in scores[:3])
    # selecting again skips what the project already has
    assert cli(label_studio, "select", str(path), "--model", str(model), "--n", "2",
               "--annotations", str(tmp_path / "none"), project="select") == 0
    assert len(project_tasks(label_studio, "select")[2]) == 5
