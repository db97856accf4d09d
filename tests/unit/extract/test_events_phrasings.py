"""Classes of phrasing of events on sentences of their own (events.yaml, taxonomy.yaml); one spaCy load."""

from __future__ import annotations

import pytest

from tests.unit.extract.test_events import ENTS, roles, run

MORE = [
    *ENTS,
    ("Jan Berg", "PERSON", "Jan Berg"),
    ("Osterland", "COUNTRY", "Osterland"),
]
DATES = [("May 2011", "2011-05", "month"), ("2011", "2011", "year")]


def events_of(nlp, sentences, dates=DATES):
    t = run(nlp, sentences, dates, ents=MORE)
    return t, {e.name: e for e in t.events}


@pytest.mark.parametrize(
    ("sentence", "name", "date", "participants"),
    [
        # "X's meeting with Y"
        (
            "In May 2011 Marta Lind's meeting with N. Nazarbaev in Astana focused on energy.",
            "Marta Lind meeting with N. Nazarbaev",
            "2011-05",
            {"Marta Lind", "Nursultan Nazarbaev"},
        ),
        # "X had meetings with A and B": one occasion, undated too
        (
            "Jan Berg had meetings with N. Nazarbaev and K. Tokaev in Astana.",
            "Jan Berg meetings with N. Nazarbaev and K. Tokaev",
            None,
            {"Jan Berg", "Nursultan Nazarbaev", "Kassym-Jomart Tokaev"},
        ),
        # "talks between X and Y"
        (
            "In 2011 talks between Ruritania and Osterland opened in Osterby.",
            "Talks between Ruritania and Osterland",
            "2011",
            {"Ruritania", "Osterland"},
        ),
        # the subject of the clause set after or during a meeting with Y met Y; "his meeting with Y"
        (
            "After a meeting with Jan Berg, N. Nazarbaev said he was hopeful.",
            "N. Nazarbaev meeting with Jan Berg",
            None,
            {"Jan Berg", "Nursultan Nazarbaev"},
        ),
        (
            "N. Nazarbaev flew to Astana in 2011. | His aim in his meeting with Jan Berg was trade.",
            "N. Nazarbaev meeting with Jan Berg",
            "2011",  # the meeting refers back to the dated trip
            {"Jan Berg", "Nursultan Nazarbaev"},
        ),
        # "X held talks with Y": the parser hangs "with" on the verb
        (
            "In 2011 Marta Lind held talks with N. Nazarbaev in Astana.",
            "Marta Lind talks with N. Nazarbaev",
            "2011",
            {"Marta Lind", "Nursultan Nazarbaev"},
        ),
    ],
)
def test_a_meeting_told_by_its_noun_and_its_sides(nlp, sentence, name, date, participants):
    t, evs = events_of(nlp, sentence.split(" | "))
    assert name in evs, list(evs)
    ev = evs[name]
    assert (ev.kind, ev.date_value) == ("meeting", date)
    assert set(roles(t, ev)) == participants


@pytest.mark.parametrize(
    "sentence",
    [
        "Ruritania rejected talks with Osterland.",  # refused
        "NATO called for talks between Ruritania and Osterland.",  # wanted, not held
        "Marta Lind said that talks with Ruritania would resume.",  # planned
        "At a meeting with Jan Berg, N. Nazarbaev would raise trade.",  # hypothetical
        "In 2011 there were regular meetings between Ruritania and Osterland.",  # a habit
        "In 2011 meetings between Ruritania and Osterland improved relations.",  # meetings in general
    ],
)
def test_no_meeting_that_did_not_happen_or_is_a_habit(nlp, sentence):
    _, evs = events_of(nlp, [sentence])
    assert not [n for n, e in evs.items() if e.kind == "meeting"], list(evs)


def test_a_meeting_during_a_visit_names_its_hosts(nlp):
    t, evs = events_of(
        nlp,
        [
            "In May 2011, Jan Berg visited NATO HQ in Brussels where he had meetings with NATO, including R. Simmons."
        ],
    )
    visits = [e for e in evs.values() if e.kind == "visit"]
    assert [e.name for e in visits] == ["Jan Berg visit to NATO HQ"], list(evs)
    assert not [e for e in evs.values() if e.kind == "meeting"]
    assert roles(t, visits[0]).get("Robert Simmons") == "host"


@pytest.mark.parametrize(
    ("sentence", "name", "participants"),
    [
        # the gathering noun is the last conjunct of a capitalized name; who spoke at it took part
        (
            "In May 2011 Jan Berg spoke at the 5th Osterby Oil and Gas Exhibition and Conference held in Astana.",
            "5th Osterby Oil and Gas Exhibition and Conference in Astana",
            {"Jan Berg"},
        ),
        (
            "In May 2011 Marta Lind addressed the Ruritania Energy Fair and Forum in Osterby.",
            "Ruritania Energy Fair and Forum in Osterby",
            {"Marta Lind", "Ruritania"},
        ),
    ],
)
def test_a_gathering_named_by_a_conjoined_name(nlp, sentence, name, participants):
    t, evs = events_of(nlp, [sentence])
    assert name in evs, list(evs)
    assert evs[name].kind == "conference"
    assert set(roles(t, evs[name])) == participants


@pytest.mark.parametrize(
    ("sentence", "name", "visitor"),
    [
        # no comma after the month: the parser takes the name for the object of "In"
        (
            "In May Jan Berg, the envoy of NATO, was in Astana to open an office.",
            "Jan Berg visit to Astana",
            "Jan Berg",
        ),
        ("In May Marta Lind visited Kazakhstan.", "Marta Lind visit to Kazakhstan", "Marta Lind"),
    ],
)
def test_a_subject_after_an_opening_month(nlp, sentence, name, visitor):
    t, evs = events_of(nlp, [sentence], [("May", "2011-05", "month")])
    assert name in evs, list(evs)
    assert (evs[name].kind, evs[name].date_value) == ("visit", "2011-05")
    assert roles(t, evs[name]).get(visitor) == "visitor"


def test_a_place_after_an_opening_preposition_is_no_subject(nlp):
    _, evs = events_of(nlp, ["The largest exercise was held in Southern Ruritania in 2011."])
    assert not [n for n in evs if n.startswith("Ruritania")], list(evs)


@pytest.mark.parametrize(
    ("paragraphs", "name", "date"),
    [
        (["2011 SCO Summit in Astana", "The leaders met for two days."], "2011 SCO Summit in Astana", "2011"),
        (["2011 Ruritanian Revolution", "Crowds filled the squares."], "Ruritanian Revolution", "2011"),
    ],
)
def test_a_heading_names_a_gathering_or_happening_with_its_year(nlp, paragraphs, name, date):
    _, evs = events_of(nlp, paragraphs, [("2011", "2011", "year")])
    assert name in evs, list(evs)
    assert evs[name].date_value == date


def test_a_heading_without_a_year_names_no_event(nlp):
    _, evs = events_of(nlp, ["SCO Summit in Astana", "The leaders met for two days."], [])
    assert not evs, list(evs)


def test_who_boycotted_a_summit_is_a_side_of_it(nlp):
    t, evs = events_of(
        nlp, ["In 2011, Ruritania boycotted the SCO summit in Astana."], [("2011", "2011", "year")]
    )
    assert "Ruritania" in roles(t, evs["SCO summit in Astana"]), list(evs)


@pytest.mark.parametrize(
    ("sentence", "kind", "name"),
    [
        (
            "Kazakhstan's pledge was made at the Riga OSCE Ministerial in May 2011.",
            "meeting",
            "Riga OSCE Ministerial",
        ),
        ("In May 2011 negotiations between Ruritania and Osterland resumed.", "meeting", None),
        (
            "In 2011 a NATO workshop in Osterby discussed cyber defence.",
            "conference",
            "NATO workshop in Osterby",
        ),
        ("Ruritanian airstrikes on Osterby in May 2011 killed dozens.", "other", None),
        ("The Osterby rally in May 2011 drew thousands.", "other", "Osterby rally"),
        ("The Ruritanian annexation of Osterby in 2011 was condemned.", "other", None),
        ("The 2011 trial of Jan Berg in Astana lasted a month.", "other", None),
    ],
)
def test_trigger_nouns_of_the_field(nlp, sentence, kind, name):
    _, evs = events_of(nlp, [sentence])
    hits = [e for e in evs.values() if e.kind == kind and (name is None or e.name.startswith(name))]
    assert hits, list(evs)


@pytest.mark.parametrize(
    "sentence",
    [
        "NATO warned of the threat of Ruritanian airstrikes on Osterby in 2011.",
        "Moscow said in May 2011 that NATO airstrikes against Ruritania could harm relations.",
        "In 2011 Jan Berg spoke of the risk of a Ruritanian blockade of Osterby.",
    ],
)
def test_a_feared_or_threatened_happening_is_no_event(nlp, sentence):
    _, evs = events_of(nlp, [sentence])
    # (a sentence opened by its date may still be the event of its own clause: "Jan Berg spoke of ...")
    assert not [n for n in evs if n.startswith(("Ruritanian", "NATO airstrikes"))], list(evs)


@pytest.mark.parametrize(
    ("sentence", "name", "participants"),
    [
        # told by who carried it out and what it hit
        (
            "In May 2011 an attack by Ruritania on Osterland killed ten soldiers.",
            "Attack by Ruritania on Osterland",
            {"Ruritania", "Osterland"},
        ),
        # ... and by the verb whose subject carried it out
        (
            "In May 2011, Ruritania launched an offensive against Osterland.",
            "Offensive against Osterland",
            {"Ruritania", "Osterland"},
        ),
        (
            "In 2011 NATO conducted a bombing of Osterby.",
            "Bombing of Osterby",
            {"NATO"},
        ),
    ],
)
def test_who_carried_out_a_happening_and_what_it_hit(nlp, sentence, name, participants):
    t, evs = events_of(nlp, [sentence])
    assert name in evs, list(evs)
    assert evs[name].kind == "other"
    assert set(roles(t, evs[name])) == participants


def test_a_happening_only_planned_by_its_doer_names_no_doer(nlp):
    t, evs = events_of(nlp, ["In 2011 Ruritania did not launch the offensive against Osterland."])
    assert not [n for n, e in evs.items() if "Ruritania" in roles(t, e)], list(evs)


@pytest.mark.parametrize(
    ("sentence", "name", "participants"),
    [
        # where a body's gathering was held is no side of it
        ("In 2011 the SCO summit in Kazakhstan adopted a charter.", "SCO summit in Kazakhstan", {"SCO"}),
        ("In May 2011 the NATO session in Kazakhstan ended.", "NATO session in Kazakhstan", {"NATO"}),
    ],
)
def test_where_a_gathering_was_held_is_no_side_of_it(nlp, sentence, name, participants):
    t, evs = events_of(nlp, [sentence], [*DATES])
    hits = [e for n, e in evs.items() if n.startswith(name)]
    assert hits, list(evs)
    assert set(roles(t, hits[0])) == participants


@pytest.mark.parametrize(
    ("sentence", "name", "date", "participants"),
    [
        ("The treaty took effect in 1994.", "Entry into force of treaty", "1994", set()),
        (
            "In 2011 the Osterby Accord entered into force.",
            "Entry into force of Osterby Accord",
            "2011",
            set(),
        ),
        ("Jan Berg took office in May 2011.", "Jan Berg takes office", "2011-05", {"Jan Berg"}),
        (
            "Jan Berg, who took office in May 2011, visited Astana.",
            "Jan Berg takes office",
            "2011-05",
            {"Jan Berg"},
        ),
        (
            "Jan Berg was sworn in as president of Ruritania in May 2011.",
            "Jan Berg sworn in",
            "2011-05",
            {"Jan Berg"},
        ),
        (
            "In 2011 NATO declared a state of emergency in Osterby.",
            "NATO: State of emergency",
            "2011",
            {"NATO"},
        ),
        (
            "Jan Berg took over the post in May 2011 from R. Simmons.",
            "Jan Berg takes over",
            "2011-05",
            {"Jan Berg"},
        ),
        (
            "In May 2011 Jan Berg succeeded R. Simmons as chairman of the SCO.",
            "Jan Berg succeeds R. Simmons",
            "2011-05",
            {"Jan Berg", "Robert Simmons"},
        ),
    ],
)
def test_a_happening_told_by_a_fixed_phrase(nlp, sentence, name, date, participants):
    t, evs = events_of(nlp, [sentence], [*DATES, ("1994", "1994", "year")])
    assert name in evs, list(evs)
    assert (evs[name].kind, evs[name].date_value) == ("other", date)
    assert set(roles(t, evs[name])) == participants


@pytest.mark.parametrize(
    "sentence",
    [
        "The law would take effect in 2011.",  # modal
        "Jan Berg did not take office in 2011.",  # negated
        "In 2011 Jan Berg took the office of his predecessor.",  # no phrase
        "Jan Berg took office after the war.",  # undated
        "In 2011 NATO succeeded in reaching Astana.",  # no one followed
    ],
)
def test_no_phrase_event(nlp, sentence):
    _, evs = events_of(nlp, [sentence])
    phrases = [
        n for n in evs if n.split()[-1] in ("office", "over") or " succeeds " in n or n.startswith("Entry")
    ]
    assert not phrases, list(evs)


BODIES = [
    *MORE,
    ("Standing Committee", "ORGANIZATION", "Standing Committee"),
    ("Helsinki Board", "ORGANIZATION", "Helsinki Board"),
]


def test_a_body_that_met_held_a_meeting_and_who_spoke_to_it_took_part(nlp):
    t = run(
        nlp,
        [
            "The Standing Committee, which is the governing body of NATO, met before the session.",
            "Chaired by the President, Marta Lind, the committee heard reports from Jan Berg.",
        ],
        [],
        ents=BODIES,
    )
    ev = next(e for e in t.events if e.name == "Standing Committee meeting")
    assert (ev.kind, ev.date_value) == ("meeting", None)
    assert set(roles(t, ev)) == {"Standing Committee", "Marta Lind", "Jan Berg"}


@pytest.mark.parametrize(
    "sentence",
    [
        "Ruritania and Kazakhstan met.",  # states, undated and without a place: no body in session
        "The Helsinki Board did not meet.",  # negated
        "The Helsinki Board will meet next week.",  # planned
    ],
)
def test_no_body_meeting(nlp, sentence):
    t = run(nlp, [sentence], [("2011", "2011", "year")], ents=BODIES)
    assert not [e.name for e in t.events if e.kind == "meeting"]


@pytest.mark.parametrize(
    "second",
    [
        "The delegates were welcomed by Kazakhstan's President, N. Nazarbaev.",
        "The two Speakers of the Senate, N. Nazarbaev and K. Tokaev, also addressed the delegates.",
    ],
)
def test_who_addressed_the_audience_of_a_gathering_took_part(nlp, second):
    t = run(
        nlp,
        ["In May 2011 Marta Lind opened the Plenary Session of the SCO in Astana.", second],
        [("May 2011", "2011-05", "month")],
        ents=MORE,
    )
    ev = next(e for e in t.events if e.kind == "meeting")
    assert "Nursultan Nazarbaev" in roles(t, ev), [e.name for e in t.events]


def test_an_audience_long_after_a_gathering_is_no_one_s(nlp):
    t = run(
        nlp,
        [
            "In May 2011 Marta Lind opened the Plenary Session of the SCO in Astana.",
            "The session lasted two days.",
            "Trade grew.",
            "The delegates were welcomed by N. Nazarbaev.",
        ],
        [("May 2011", "2011-05", "month")],
        ents=MORE,
    )
    assert not [e.name for e in t.events if "Nursultan Nazarbaev" in roles(t, e)]


def test_a_phone_call_is_an_event_of_both_sides(nlp):
    t, evs = events_of(
        nlp, ["In May 2011 the SCO met in Astana, and Jan Berg phoned N. Nazarbaev to lend support."]
    )
    ev = evs["Jan Berg: Phone call to N. Nazarbaev"]
    assert (ev.kind, ev.date_value) == ("other", "2011-05")
    assert set(roles(t, ev)) == {"Jan Berg", "Nursultan Nazarbaev"}


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("Ruritania and Kazakhstan met in 2011 to discuss trade.", "Ruritania and Kazakhstan meeting"),
        ("In 2011 Jan Berg and N. Nazarbaev met in Astana.", "Jan Berg and N. Nazarbaev meeting in Astana"),
    ],
)
def test_a_dated_meeting_of_the_sides_a_subject_names(nlp, sentence, name):
    t, evs = events_of(nlp, [sentence])
    assert name in evs, list(evs)
    assert evs[name].kind == "meeting" and evs[name].date_value == "2011"
    assert len(roles(t, evs[name])) == 2


@pytest.mark.parametrize(
    "sentence",
    ["Jan Berg and N. Nazarbaev have met three times.", "Jan Berg and N. Nazarbaev will meet in 2011."],
)
def test_no_meeting_of_the_sides_undated_or_planned(nlp, sentence):
    _, evs = events_of(nlp, [sentence])
    assert not [n for n, e in evs.items() if e.kind == "meeting"], list(evs)


@pytest.mark.parametrize(
    "sentence",
    [
        "In May 2011 the possibility of a meeting between Jan Berg and N. Nazarbaev reemerged.",
        "In May 2011 Ruritania agreed to hand the two suspects over for trial in Osterland.",
        "In 2011 the group held 3,027,330 Rally shares.",
    ],
)
def test_no_happening_in_passing(nlp, sentence):
    _, evs = events_of(nlp, [sentence])
    # ("Holding of 3,027,330 Rally shares" is the dated clause's own event, not a rally)
    assert not [n for n in evs if "meeting" in n.lower() or "trial" in n.lower() or n.endswith("Rally")], (
        list(evs)
    )


@pytest.mark.parametrize(
    ("sentence", "name", "visitor", "host"),
    [
        (
            "In May 2011 Jan Berg led a delegation to Kazakhstan.",
            "Jan Berg visit to Kazakhstan",
            "Jan Berg",
            "Kazakhstan",
        ),
        (
            "In May 2011 N. Nazarbaev hosted Jan Berg in Astana.",
            "Jan Berg visit to Astana",
            "Jan Berg",
            "Nursultan Nazarbaev",
        ),
    ],
)
def test_a_visit_told_by_its_leader_or_its_host(nlp, sentence, name, visitor, host):
    t, evs = events_of(nlp, [sentence])
    assert name in evs, list(evs)
    assert (evs[name].kind, evs[name].date_value) == ("visit", "2011-05")
    assert roles(t, evs[name]) == {visitor: "visitor", host: "host"}


@pytest.mark.parametrize(
    "sentence",
    [
        "Jan Berg will lead a delegation to Kazakhstan.",  # planned
        "In May 2011 Kazakhstan hosted the SCO summit.",  # a gathering, not a guest
        "In 2011 Kazakhstan received aid from NATO.",  # a thing, not a guest
    ],
)
def test_no_visit_told_by_a_leader_or_host(nlp, sentence):
    _, evs = events_of(nlp, [sentence])
    assert not [n for n, e in evs.items() if e.kind == "visit"], list(evs)


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ('In 2004 the so-called "orange revolution" swept Ruritania.', "Orange Revolution"),
        ('Jan Berg resigned in 2004 after what has been called the "rose revolution."', "Rose Revolution"),
    ],
)
def test_a_happening_named_in_quotes(nlp, sentence, name):
    _, evs = events_of(nlp, [sentence], [("2004", "2004", "year")])
    assert name in evs, list(evs)
    assert (evs[name].kind, evs[name].date_value) == ("other", "2004")


def test_words_quoted_are_no_name(nlp):
    _, evs = events_of(
        nlp, ['In 2004 NATO condemned the "terrorist bomb attacks" in Osterby.'], [("2004", "2004", "year")]
    )
    assert "Terrorist Bomb Attacks" not in evs, list(evs)
