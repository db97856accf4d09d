"""A visit that is planned, expected, negated or hypothetical is no event (events.py `_visits`)."""

from __future__ import annotations

import pytest

from tests.unit.extract.test_events import run

DATES = [("2010", "2010", "year")]


@pytest.mark.parametrize(
    "sentence",
    [
        "In 2010 Marta Lind did not visit Ruritania.",
        "In 2010 Marta Lind would visit Ruritania if asked.",
        "In 2010 Marta Lind planned to visit Ruritania.",
        "In 2010 Marta Lind was expected to visit Ruritania.",
        "In 2010 Marta Lind was invited to visit Ruritania.",
        "In 2010 it was announced that Marta Lind is to visit Ruritania.",
        "In 2010 Marta Lind could only travel to Osterby by train.",
    ],
)
def test_an_unrealized_visit_is_no_event(nlp, sentence):
    t = run(nlp, [sentence], DATES)
    assert not [e for e in t.events if e.kind == "visit"], [e.name for e in t.events]


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("In 2010 Marta Lind visited Ruritania.", "Marta Lind visit to Ruritania"),
        ("In 2010 Marta Lind traveled to Osterby.", "Marta Lind visit to Osterby"),
        # no destination named: no dangling preposition in the name
        ("In 2010 Marta Lind visited twice.", "Marta Lind visit"),
    ],
)
def test_a_visit_done_is_an_event(nlp, sentence, name):
    t = run(nlp, [sentence], DATES)
    assert [e.name for e in t.events if e.kind == "visit"] == [name]
