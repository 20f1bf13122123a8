"""The spaCy baseline: label mapping, rule layer, and its place in the harness."""

from __future__ import annotations

import pytest

from eval.baseline import SPACY_LABEL_MAP, SpacyBaseline


@pytest.fixture(scope="module")
def baseline():
    return SpacyBaseline()


def found(baseline, text):
    return {(s.text, s.label) for s in baseline(text)}


def test_label_map_covers_places_and_parties_only():
    assert {k: v for k, v in SPACY_LABEL_MAP.items() if v == "LOCATION"}.keys() == {"GPE", "LOC", "FAC"}
    assert {k for k, v in SPACY_LABEL_MAP.items() if v == "ACTOR"} == {"ORG", "NORP"}
    assert not {"PERSON", "CARDINAL", "DATE", "QUANTITY"} & SPACY_LABEL_MAP.keys()
    assert set(SPACY_LABEL_MAP.values()) <= {"WEAPON", "COUNT", "LOCATION", "CASUALTY", "ACTOR"}


def test_places_map_to_location_and_numbers_are_not_entities(baseline):
    spans = found(baseline, "Rockets were fired at Ain al-Asad airbase in Anbar province on Monday, 2021.")
    assert ("Anbar", "LOCATION") in spans
    assert not any(label == "COUNT" for _, label in spans)  # no munition after a number: no COUNT
    assert all(text.lower() not in ("monday", "2021") for text, _ in spans)  # DATE is unmapped


def test_rule_layer_weapon_count_casualty(baseline):
    spans = found(baseline, "Militants fired two one-way attack drones at the base. Two US soldiers were killed.")
    assert ("one-way attack drones", "WEAPON") in spans and ("two", "COUNT") in spans
    assert ("Two US soldiers", "CASUALTY") in spans
    assert ("No injuries", "CASUALTY") in found(baseline, "No injuries were reported after the rocket attack.")
    single = found(baseline, "A Katyusha rocket hit the base, and a dozen drones followed.")
    assert not any(text.lower() == "a" for text, _ in single)  # "a" is never a COUNT
    assert ("a dozen", "COUNT") in single
    assert ("An Iraqi employee", "CASUALTY") in found(baseline, "An Iraqi employee was injured when a rocket hit the base.")


def test_adjectival_nationality_is_not_an_actor(baseline):
    spans = found(baseline, "Iraqi forces said a Katyusha rocket hit the base.")
    assert ("Iraqi", "ACTOR") not in spans and ("Katyusha rocket", "WEAPON") in spans


def test_spans_are_offsets_into_the_text_without_overlaps(baseline):
    text = "At least 12 Grad rockets hit Kramatorsk; the Islamic State claimed the attack, killing 3 civilians."
    spans = sorted(baseline(text))
    for s in spans:
        assert text[s.start:s.end] == s.text and not s.text.lower().startswith("the ")
    assert all(a.end <= b.start for a, b in zip(spans, spans[1:]))
