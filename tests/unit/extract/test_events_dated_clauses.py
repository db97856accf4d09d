"""A sentence opened by its date reports a happening, whatever its verb (events.py `_dated_clause`)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from pipelines.extract.events import extract_events
from tests.unit.extract.fact_inputs import build_inputs
from tests.unit.extract.test_events import ENTS, roles

DATES = [
    ("12 March 2011", "2011-03-12", "day"),
    ("4 June 2012", "2012-06-04", "day"),
    ("May 2013", "2013-05", "month"),
    ("2014", "2014", "year"),
    ("On Tuesday", "2011-03-08", "day"),
]
RELATIVE = {"On Tuesday"}


def run(nlp, sentence):
    doc, sdocs, entities, mentions, dates = build_inputs("d1", [sentence], ENTS, DATES, nlp)
    dates = [replace(d, is_relative=d.text in RELATIVE) for d in dates]
    return extract_events([doc], {"d1": sdocs}, entities, mentions, dates)


@pytest.mark.parametrize(
    ("sentence", "name", "date", "participants"),
    [
        # any verb of an actor's, named by its clause up to the first comma
        (
            "On 12 March 2011, Ruritania called for the withdrawal of NATO troops from Osterby, "
            "citing the ceasefire.",
            "Ruritania called for the withdrawal of NATO troops from Osterby",
            "2011-03-12",
            {"Ruritania", "NATO"},
        ),
        # the clause an announcement reports, up to the adjunct
        (
            "In May 2013, Ruritania announced it had stopped paying its dues to NATO because of the crisis.",
            "Ruritania announced it had stopped paying its dues to NATO",
            "2013-05",
            {"Ruritania", "NATO"},
        ),
        # words said on an occasion are named by the occasion
        (
            "On 4 June 2012, during an interview, Marta Lind stated that Ruritania would stay neutral.",
            "Marta Lind interview",
            "2012-06-04",
            {"Marta Lind"},
        ),
        # a bare year opens the sentence too
        (
            "In 2014, Kazakhstan recalled its ambassador from Ruritania.",
            "Kazakhstan recalled its ambassador from Ruritania",
            "2014",
            {"Kazakhstan", "Ruritania"},
        ),
    ],
)
def test_a_clause_opened_by_its_date_is_an_event(nlp, sentence, name, date, participants):
    t = run(nlp, sentence)
    hits = [e for e in t.events if e.name == name]
    assert hits, [e.name for e in t.events]
    assert hits[0].date_value == date and hits[0].kind == "other"
    assert set(roles(t, hits[0])) == participants


@pytest.mark.parametrize(
    "sentence",
    [
        "In 2014, Ruritania had fifteen million inhabitants.",  # a state of things
        "In 2014, the economy of Ruritania grew by five percent.",  # the subject is no actor
        "On 12 March 2011, Ruritania did not sign the protocol.",  # negated
        "On 12 March 2011, Ruritania would have withdrawn from NATO.",  # modal
        "In 2014, Ruritania said that it would leave NATO.",  # words said on no occasion
        "In 2014, Ruritania threatened to leave NATO.",  # what it threatens is not done
        "On Tuesday, Ruritania recalled its ambassador from Osterby.",  # a relative date
        "Ruritania recalled its ambassador from Osterby on 12 March 2011 after the vote.",  # not opened by it
    ],
)
def test_no_event_from_a_dated_clause(nlp, sentence):
    t = run(nlp, sentence)
    assert not [e for e in t.events if e.name.startswith("Ruritania")], [e.name for e in t.events]
