"""A handful of short annotated articles for end-to-end tests (markup bodies)."""

from __future__ import annotations

from pathlib import Path

from tests.exports import task_from_markup, write_export

ARTICLES = [
    ("[[Two|COUNT]] [[Katyusha rockets|WEAPON]] that were fired at the [[Ain al-Assad airbase|LOCATION]] in "
     "[[western Iraq|LOCATION]] left [[several US troops|CASUALTY]] badly injured.", "seed"),
    ("[[Militants|ACTOR]] fired [[three|COUNT]] [[rockets|WEAPON]] at [[Erbil airport|LOCATION]]; "
     "[[no injuries|CASUALTY]] were reported.", "written"),
    ("[[Houthi rebels|ACTOR]] launched [[drones|WEAPON]] at the [[destroyer USS Carney|WEAPON]] in the "
     "[[Red Sea|LOCATION]]. [[All|COUNT]] were shot down.", "written"),
    ("A [[roadside bomb|WEAPON]] killed [[two soldiers|CASUALTY]] near [[Kandahar|LOCATION]], said officials "
     "who blamed the [[Taliban|ACTOR]].", "written"),
    ("[[Russia|ACTOR]] launched [[at least 40|COUNT]] [[missiles|WEAPON]] at [[Kyiv|LOCATION]] overnight, "
     "wounding [[12 people|CASUALTY]].", "written"),
    ("[[Gunmen|ACTOR]] attacked a village in [[Zamfara state|LOCATION]], killing [[at least 30|CASUALTY]] with "
     "[[rifles|WEAPON]].", "written"),
    ("[[Al-Shabaab|ACTOR]] detonated a [[car bomb|WEAPON]] in [[Mogadishu|LOCATION]]; the toll rose to "
     "[[at least 34|CASUALTY]].", "written"),
    ("The [[Israeli military|ACTOR]] said its [[Iron Dome|WEAPON]] intercepted [[dozens|COUNT]] of "
     "[[rockets|WEAPON]] fired from [[Gaza|LOCATION]] toward [[Sderot|LOCATION]].", "written"),
]


def corpus_tasks() -> list[dict]:
    tasks = []
    for n, (body, source) in enumerate(ARTICLES, 1):
        aid = f"seed-{n}" if source == "seed" else f"w-{n}"
        tasks.append(task_from_markup(body, aid, n, source=source, incident=f"inc-{n}"))
    return tasks


def write_corpus(folder: Path) -> Path:
    return write_export(folder / "corpus.json", corpus_tasks())


def texts() -> list[str]:
    return [t["data"]["text"] for t in corpus_tasks()]
