"""The argument rules of events.yaml (visit_arguments, subject_arguments, company_arguments,
gathering_arguments) on sentences of their own; one spaCy load."""

from __future__ import annotations

import pytest

from pipelines.extract.events import _Ev
from tests.unit.extract.test_events import ENTS, event, roles, run

MORE = [
    *ENTS,
    ("Jan Berg", "PERSON", "Jan Berg"),
    ("Planning Office", "ORGANIZATION", "Planning Office"),
]


def visit_roles(nlp, paragraphs, name, dates=(("2011", "2011", "year"),)):
    t = run(nlp, paragraphs, list(dates), ents=MORE)
    return roles(t, event(t, name))


@pytest.mark.parametrize(
    ("sentence", "name", "expected", "absent"),
    [
        # the leader of a visiting group is a visitor, not what the leader chairs
        (
            "In 2011 Ruritania was visited by a delegation, led by Marta Lind, head of the Planning Office.",
            "delegation visit to Ruritania",
            {"Marta Lind": "visitor", "Ruritania": "host"},
            {"Planning Office"},
        ),
        # the people a group subject is spelled out as, after the visit's complement
        (
            "In 2011 a number of senior NATO officials visited Ruritania, in particular, Deputy Secretary"
            " General Marta Lind, director of the Planning Office Jan Berg, and others.",
            "number of senior NATO officials visit to Ruritania",
            {"Marta Lind": "visitor", "Jan Berg": "visitor", "Ruritania": "host"},
            {"Planning Office"},
        ),
        (
            "In 2011 several ministers visited Ruritania, including Marta Lind and Jan Berg.",
            "Marta Lind and Jan Berg visit to Ruritania",
            {"Marta Lind": "visitor", "Jan Berg": "visitor", "Ruritania": "host"},
            set(),
        ),
        # a clause hanging off the destination says nothing about who was visited
        (
            "In 2011 Marta Lind visited Osterby, where she criticised Kazakhstan.",
            "Marta Lind visit to Osterby",
            {"Marta Lind": "visitor"},
            {"Kazakhstan"},
        ),
        # an apposition to the destination is the host
        (
            "In 2011 Marta Lind arrived in Osterby, the capital of Ruritania.",
            "Marta Lind visit to Osterby and Ruritania",
            {"Marta Lind": "visitor", "Ruritania": "host"},
            set(),
        ),
    ],
)
def test_visit_arguments(nlp, sentence, name, expected, absent):
    found = visit_roles(nlp, [sentence], name)
    assert expected.items() <= found.items(), found
    assert not absent & set(found), found


@pytest.mark.parametrize(
    ("second", "companions"),
    [
        ("She was joined by R. Simmons and Jan Berg.", {"Robert Simmons", "Jan Berg"}),
        ("R. Simmons accompanied her.", {"Robert Simmons"}),
        # someone else joined by them is another story
        ("Jaap de Hoop Scheffer was joined by R. Simmons.", set()),
        ("She was not joined by R. Simmons.", set()),
    ],
)
def test_who_joined_a_visitor_visited_too(nlp, second, companions):
    found = visit_roles(
        nlp, ["In 2011 Marta Lind visited Ruritania.", second], "Marta Lind visit to Ruritania"
    )
    assert {k for k, r in found.items() if r == "visitor"} - {"Marta Lind"} == companions


@pytest.mark.parametrize(
    ("paragraphs", "dates", "name", "participant"),
    [
        # the subject of a verb that opens, chairs or attends the gathering
        (
            ["In May 2011 Marta Lind opened a conference in Osterby on regional security."],
            [("May 2011", "2011-05", "month")],
            "conference in Osterby on regional security",
            "Marta Lind",
        ),
        # ... a pronoun for the person named before it
        (
            ["Marta Lind is the envoy of Ruritania.", "In May 2011 she chaired a session of the SCO."],
            [("May 2011", "2011-05", "month")],
            "session of the SCO",
            "Marta Lind",
        ),
        # who presides: "under the chairmanship of X"
        (
            [
                "In 2006 a session of the Euro-Atlantic Partnership Council took place under the chairmanship"
                " of R. Simmons."
            ],
            [("2006", "2006", "year")],
            "session of the Euro-Atlantic Partnership Council",
            "Robert Simmons",
        ),
        # the agent of a passive "chaired by", "attended by"
        (
            ["In May 2011 a session of the SCO in Osterby was chaired by Marta Lind."],
            [("May 2011", "2011-05", "month")],
            "session of the SCO in Osterby",
            "Marta Lind",
        ),
        (
            [
                "In May 2011 the SCO discussed the crisis at a meeting in Osterby, which was attended by Marta Lind."
            ],
            [("May 2011", "2011-05", "month")],
            "meeting in Osterby",
            "Marta Lind",
        ),
        # ... told again by a bare gathering noun right after the gathering
        (
            [
                "In May 2011 a session of the SCO was held in Osterby.",
                "With R. Simmons in attendance, the meeting was chaired by Marta Lind.",
            ],
            [("May 2011", "2011-05", "month")],
            "session of the SCO",
            "Robert Simmons",
        ),
        # the possessor of an attendance at the gathering
        (
            ["In June 2005 R. Simmons flew to Astana before his attendance at the SCO summit in Astana."],
            [("June 2005", "2005-06", "month")],
            "SCO summit in Astana",
            "Robert Simmons",
        ),
    ],
)
def test_gathering_arguments(nlp, paragraphs, dates, name, participant):
    t = run(nlp, paragraphs, dates, ents=MORE)
    assert roles(t, event(t, name)).get(participant) == "participant"


@pytest.mark.parametrize(
    ("spans", "nested"),
    [
        # "the Ruritanian Foreign Ministry": Ruritania is named only inside the ministry's name
        ({"ministry": {(0, 30)}, "ruritania": {(4, 14)}}, {"ruritania"}),
        # ... named on its own too: a participant
        ({"ministry": {(0, 30)}, "ruritania": {(4, 14), (40, 49)}}, set()),
        # the same span twice is no nesting; a participant added without its mention never is
        ({"a": {(0, 10)}, "b": {(0, 10)}, "c": set()}, set()),
    ],
)
def test_a_name_inside_another_participants_name_is_not_a_participant(spans, nested):
    ev = _Ev(None, "meeting", "x", 0, 0)
    ev.spans.update(spans)
    assert ev.nested() == nested


@pytest.mark.parametrize(
    "sentence",
    [
        "In August 2011 soldiers of Ruritania took part in joint exercises in Osterby.",
        "In August 2011 Ruritania conducted joint exercises in Osterby.",
        "In August 2011 the armies of Ruritania participated in joint exercises in Osterby.",
    ],
)
def test_who_held_or_took_part_in_exercises_told_by_a_common_noun(nlp, sentence):
    t = run(nlp, [sentence], [("August 2011", "2011-08", "month")], ents=MORE)
    exercises = [e for e in t.events if e.kind == "exercise"]
    assert exercises, [e.name for e in t.events]
    assert roles(t, exercises[0]).get("Ruritania") == "participant"
