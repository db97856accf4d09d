"""Happenings told by their place are events even undated (taxonomy.yaml `told_undated`)."""

from __future__ import annotations

import pytest

from tests.unit.extract.test_events import ENTS, roles, run


@pytest.mark.parametrize(
    ("sentence", "name", "participants"),
    [
        ("The war in Ruritania has cost thousands of lives.", "Ruritania war", {"Ruritania"}),
        # a word placing it in time relative to the text is no part of its name
        ("With the recent turmoil in Kazakhstan, trade fell sharply.", "Kazakhstan turmoil", {"Kazakhstan"}),
        # undated, only its own name words name it, not what the writer thinks of it
        ("NATO feared the expanding war in Ruritania.", "Ruritania war", {"Ruritania"}),
    ],
)
def test_an_undated_happening_told_by_its_place(nlp, sentence, name, participants):
    t = run(nlp, [sentence])
    hits = [e for e in t.events if e.name == name]
    assert hits, [e.name for e in t.events]
    assert hits[0].date_value is None and hits[0].kind == "other"
    assert set(roles(t, hits[0])) == participants


@pytest.mark.parametrize(
    "sentence",
    [
        "The breakup of NATO would change everything.",  # a class that needs a date
        "The invasion of Ruritania shocked the world.",  # told by another complement than its place
        "A rebellion in a former Ruritania province spread.",  # the place is not where it was
    ],
)
def test_no_undated_happening(nlp, sentence):
    t = run(nlp, [sentence])
    assert not [e for e in t.events if e.kind == "other"], [e.name for e in t.events]


def test_the_same_happening_told_by_another_name_undated_is_one_event(nlp):
    t = run(
        nlp,
        ["In 2011 the Ruritanian war ended.", "The war in Ruritania had lasted ten years."],
        [("2011", "2011", "year")],
        ents=[*ENTS, ("Ruritanian", "COUNTRY", "Ruritania")],
    )
    wars = [e for e in t.events if "war" in e.name.lower()]
    assert [(e.name, e.date_value) for e in wars] == [("Ruritanian war", "2011")]
