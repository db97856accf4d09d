"""Tests for pipelines.extract.events: hand-built documents, entity and date mentions; one spaCy load."""

from __future__ import annotations

from functools import partial

import pytest

from pipelines.extract.events import assign_happenings, extract_events
from tests.unit.extract.fact_inputs import build_inputs

ENTS = [
    ("NATO", "ORGANIZATION", "NATO"),
    ("Jaap de Hoop Scheffer", "PERSON", "Jaap de Hoop Scheffer"),
    ("Kazakhstan", "COUNTRY", "Kazakhstan"),
    ("N. Nazarbaev", "PERSON", "Nursultan Nazarbaev"),
    ("Almaty", "LOCATION", "Almaty"),
    ("B. Sembinov", "PERSON", "B. Sembinov"),
    ("Brussels", "LOCATION", "Brussels"),
    ("R. Simmons", "PERSON", "Robert Simmons"),
    ("M. Altyntaev", "PERSON", "M. Altyntaev"),
    ("K. Tokaev", "PERSON", "Kassym-Jomart Tokaev"),
    ("NATO HQ", "LOCATION", "NATO Headquarters"),
    ("Euro-Atlantic Partnership Council", "ORGANIZATION", "Euro-Atlantic Partnership Council"),
    ("Iliysk", "LOCATION", "Iliysk"),
    ("Kazbat", "ORGANIZATION", "Kazbat"),
    ("United Kingdom", "COUNTRY", "United Kingdom"),
    ("United States", "COUNTRY", "United States"),
    ("U.S.", "COUNTRY", "United States"),
    ("Riga", "LOCATION", "Riga"),
    ("Istanbul", "LOCATION", "Istanbul"),
    ("Shanghai Cooperation Organization", "ORGANIZATION", "SCO"),
    ("SCO", "ORGANIZATION", "SCO"),
    ("Astana", "LOCATION", "Astana"),
    ("R. Cheney", "PERSON", "Dick Cheney"),
    ("Vilnius", "LOCATION", "Vilnius"),
    ("Andijan", "LOCATION", "Andijan"),
    ("Military Institute of Foreign Languages", "ORGANIZATION", "Military Institute of Foreign Languages"),
    ("Ruritania", "COUNTRY", "Ruritania"),
    ("Marta Lind", "PERSON", "Marta Lind"),
    ("Osterby", "LOCATION", "Osterby"),
]


def run(nlp, paragraphs, dates=(), doc_id="d1", ents=ENTS):
    doc, sdocs, entities, mentions, dms = build_inputs(doc_id, paragraphs, ents, dates, nlp)
    return extract_events([doc], {doc_id: sdocs}, entities, mentions, dms)


def event(t, name):
    hits = [e for e in t.events if e.name == name]
    assert hits, [e.name for e in t.events]
    return hits[0]


def roles(t, ev):
    return {p.entity_id.split(":", 1)[1]: p.role for p in t.event_participants if p.event_id == ev.event_id}


def test_meeting_with_participants_date_and_location(nlp):
    t = run(
        nlp,
        [
            "In October 2004, NATO Secretary General Jaap de Hoop Scheffer met with Kazakhstan President N. Nazarbaev in Almaty."
        ],
        [("October 2004", "2004-10", "month")],
    )
    e = event(t, "Jaap de Hoop Scheffer meeting with N. Nazarbaev")
    assert (e.kind, e.date_value, e.date_precision, e.location_entity_id) == (
        "meeting",
        "2004-10",
        "month",
        "LOCATION:Almaty",
    )
    assert {"Jaap de Hoop Scheffer", "Nursultan Nazarbaev"} <= set(roles(t, e))
    assert e.event_id.startswith("d1".join(["evt:", ":meeting:"]))


def test_visits_verbal_nominal_passive_and_plural_with_two_dates(nlp):
    t = run(
        nlp,
        [
            "In January 2005, Deputy Defense Minister B. Sembinov visited the NATO headquarters in Brussels.",
            "Return visits by R. Simmons to Kazakhstan took place in March and October 2005.",
            "For example, R. Cheney's visit to Kazakhstan in May 2006 could have produced a negative effect. Before "
            "coming to Astana, R. Cheney had visited Vilnius.",
            "In June 2010, Ruritania was visited by Marta Lind.",
        ],
        [
            ("January 2005", "2005-01", "month"),
            ("March", "2005-03", "month"),
            ("October 2005", "2005-10", "month"),
            ("May 2006", "2006-05", "month"),
            ("June 2010", "2010-06", "month"),
        ],
    )
    e = event(t, "B. Sembinov visit to NATO headquarters")
    assert (e.kind, e.date_value, e.location_entity_id) == ("visit", "2005-01", "LOCATION:Brussels")
    assert roles(t, e)["B. Sembinov"] == "visitor" and roles(t, e)["NATO"] == "host"
    simmons = sorted(e.date_value for e in t.events if e.name.startswith("R. Simmons visit to Kazakhstan"))
    assert simmons == ["2005-03", "2005-10"]
    cheney = event(t, "R. Cheney visit to Kazakhstan")
    assert cheney.date_value == "2006-05" and roles(t, cheney) == {
        "Dick Cheney": "visitor",
        "Kazakhstan": "host",
    }
    assert event(t, "R. Cheney visit to Vilnius").date_value is None
    lind = event(t, "Marta Lind visit to Ruritania")
    assert roles(t, lind) == {"Marta Lind": "visitor", "Ruritania": "host"}


def test_session_during_a_visit_takes_the_visit_date(nlp):
    t = run(
        nlp,
        [
            "In December 2005, K. Tokaev visited NATO HQ in Brussels. During his visit, K. Tokaev participated in a "
            "session of the Euro-Atlantic Partnership Council at the level of foreign ministers."
        ],
        [("December 2005", "2005-12", "month")],
    )
    s = next(e for e in t.events if e.name.startswith("session of the Euro-Atlantic Partnership Council"))
    assert s.kind == "meeting"  # analysts file a session as a meeting
    assert s.date_value == "2005-12"
    assert roles(t, s)["Kassym-Jomart Tokaev"] == "participant"


def test_exercise_series_one_event_per_year_and_observer(nlp):
    t = run(
        nlp,
        [
            "Since 2003, Steppe Eagle military exercises have taken place in Kazakhstan every year. In September "
            "2005, an international military exercise, Steppe Eagle 2005, was conducted at the Iliysk training "
            "center with the participation of Kazbat. The United States only participated in the exercise in "
            "observer capacity.",
            "Last September, the Steppe Eagle 2006 exercise took place. In 2009 the Northern Lynx 2009 drills were held in Osterby.",
        ],
        [
            ("Since 2003", "2003", "year"),
            ("September 2005", "2005-09", "month"),
            ("Last September", "2006-09", "month"),
            ("2009", "2009", "year"),
        ],
    )
    ex = {e.name: e for e in t.events if e.kind == "exercise"}
    assert set(ex) >= {"Steppe Eagle", "Steppe Eagle 2005", "Steppe Eagle 2006", "Northern Lynx 2009"}
    assert {ex[n].series for n in ("Steppe Eagle", "Steppe Eagle 2005", "Steppe Eagle 2006")} == {
        "Steppe Eagle"
    }
    assert ex["Steppe Eagle 2005"].date_value == "2005-09"
    assert ex["Steppe Eagle 2005"].location_entity_id == "LOCATION:Iliysk"
    assert ex["Steppe Eagle 2006"].date_value == "2006-09"
    assert ex["Northern Lynx 2009"].location_entity_id == "LOCATION:Osterby"
    assert roles(t, ex["Steppe Eagle 2005"]) == {"Kazbat": "participant", "United States": "observer"}


def test_summits_are_named_dated_located_and_merged(nlp):
    t = run(
        nlp,
        [
            "At the 2006 Riga summit, the NATO countries agreed to intensify their cooperation. The initiative was "
            "adopted at the 2004 NATO summit in Istanbul.",
            "In the course of the July 2005 Summit of the Shanghai Cooperation Organization, in Astana, the SCO "
            "member countries stated their position. The outcome of the SCO 2005 Summit showed it.",
        ],
        [
            ("2006", "2006", "year"),
            ("2004", "2004", "year"),
            ("July 2005", "2005-07", "month"),
            ("2005", "2005", "year"),
        ],
    )
    summits = [e for e in t.events if e.kind == "summit"]
    names = {e.name: e for e in summits}
    assert names["2006 Riga summit"].location_entity_id == "LOCATION:Riga"
    assert names["2004 NATO summit in Istanbul"].location_entity_id == "LOCATION:Istanbul"
    assert names["2004 NATO summit in Istanbul"].date_value == "2004"
    sco = [e for e in summits if "2005" in (e.date_value or "")]
    assert len(sco) == 1 and sco[0].date_value == "2005-07"


def test_signing_events_come_from_agreements_and_other_happenings(nlp):
    t = run(
        nlp,
        [
            "Tashkent moved closer to Moscow, leading to the signing of the Treaty on Allied Relations between "
            "Uzbekistan and Russia in November 2005.",
            "The Andijan events (May 2005) changed the situation. In 2005, the Military Institute of Foreign "
            "Languages was established in Almaty.",
        ],
        [("November 2005", "2005-11", "month"), ("May 2005", "2005-05", "month"), ("2005", "2005", "year")],
    )
    s = event(t, "Signing of the Treaty on Allied Relations")
    assert (s.kind, s.date_value) == ("signing", "2005-11")
    a = event(t, "Andijan events")
    assert (a.kind, a.date_value, a.location_entity_id) == ("other", "2005-05", "LOCATION:Andijan")
    est = next(e for e in t.events if e.name.startswith("Establishment of"))
    assert "Military Institute of Foreign Languages" in est.name and est.date_value == "2005"
    assert len({e.event_id for e in t.events}) == len(t.events)


# ---------------------------------------------------------------- held-out style text (general rules)

MORE_ENTS = [
    *ENTS,
    ("Russia", "COUNTRY", "Russia"),
    ("China", "COUNTRY", "China"),
    ("Tajikistan", "COUNTRY", "Tajikistan"),
    ("Shanghai", "LOCATION", "Shanghai"),
    ("Tashkent", "LOCATION", "Tashkent"),
    ("GUUAM", "ORGANIZATION", "GUAM"),
    ("Felix Kulov", "PERSON", "Felix Kulov"),
    ("Alikbek Jekshenkulov", "PERSON", "Alikbek Jekshenkulov"),
    ("Washington", "LOCATION", "Washington"),
    ("Uzbekistan", "COUNTRY", "Uzbekistan"),
    ("Vladimir Putin", "PERSON", "Vladimir Putin"),
    ("Islam Karimov", "PERSON", "Islam Karimov"),
    ("Moscow", "LOCATION", "Moscow"),
    ("Kyrgyzstan", "COUNTRY", "Kyrgyzstan"),
    ("Emomali Rakhmon", "PERSON", "Emomali Rakhmon"),
    ("Hamid Karzai", "PERSON", "Hamid Karzai"),
    ("Dushanbe", "LOCATION", "Dushanbe"),
    ("Afghanistan", "COUNTRY", "Afghanistan"),
]


run_more = partial(run, ents=MORE_ENTS)


def test_summit_held_in_a_place_on_a_date(nlp):
    t = run_more(
        nlp,
        ["The turning point was the summit held in Astana on 5 July, 2005."],
        [("5 July, 2005", "2005-07-05", "day")],
    )
    ev = event(t, "summit in Astana")
    assert (ev.kind, ev.date_value, ev.location_entity_id) == ("summit", "2005-07-05", "LOCATION:Astana")


def test_leaders_met_in_a_place(nlp):
    t = run_more(
        nlp,
        ["On 26 April, 1996, the leaders of China, Russia and Tajikistan met in Shanghai and talked."],
        [("26 April, 1996", "1996-04-26", "day")],
    )
    ev = event(t, "China and Russia meeting in Shanghai")
    assert (ev.kind, ev.date_value, ev.location_entity_id) == ("meeting", "1996-04-26", "LOCATION:Shanghai")
    assert set(roles(t, ev)) == {"China", "Russia", "Tajikistan"}


def test_happening_named_by_its_place_or_its_date(nlp):
    t = run_more(
        nlp,
        [
            "The suppression of the uprising in Andijan on 13 May, 2005 drew criticism.",
            "The events of 24 March, 2005 changed the government.",
        ],
        [("13 May, 2005", "2005-05-13", "day"), ("24 March, 2005", "2005-03-24", "day")],
    )
    assert event(t, "Andijan uprising").date_value == "2005-05-13"
    assert event(t, "events of 24 March, 2005").date_value == "2005-03-24"


def test_threatened_or_agreed_actions_are_not_events(nlp):
    t = run_more(
        nlp,
        ["In 2006, officials threatened to close the office, and the sides agreed to set up a commission."],
        [("2006", "2006", "year")],
    )
    assert [e.name for e in t.events] == []


def test_announced_withdrawal_is_an_event(nlp):
    t = run_more(
        nlp,
        ["On 5 May, 2005, Tashkent announced its withdrawal from GUUAM."],
        [("5 May, 2005", "2005-05-05", "day")],
    )
    ev = event(t, "Withdrawal from GUUAM")
    assert (ev.kind, ev.date_value) == ("other", "2005-05-05")


def test_possessive_pronoun_takes_the_person_of_its_own_sentence(nlp):
    t = run_more(
        nlp,
        [
            "Felix Kulov argued for the base.",
            "Alikbek Jekshenkulov disagreed; during his visit to Washington in 2006 he said so.",
        ],
        [("2006", "2006", "year")],
    )
    ev = event(t, "Alikbek Jekshenkulov visit to Washington")
    assert roles(t, ev)["Alikbek Jekshenkulov"] == "visitor"


def test_signing_event_names_its_parties_when_the_title_does_not(nlp):
    t = run_more(
        nlp,
        [
            "On 4 December, 2001, Kazakhstan and the United States signed an agreement on the status of personnel."
        ],
        [("4 December, 2001", "2001-12-04", "day")],
    )
    signings = [e for e in t.events if e.kind == "signing"]
    assert [e.name for e in signings] == [
        "Kazakhstan and United States: Signing of the agreement on the status of personnel"
    ]


def test_a_second_visit_with_the_same_name_and_another_date_is_its_own_event(nlp):
    t = run(
        nlp,
        [
            "In January 2005, B. Sembinov visited NATO HQ in Brussels. "
            "In September 2005, B. Sembinov made another visit to NATO HQ."
        ],
        [("January 2005", "2005-01", "month"), ("September 2005", "2005-09", "month")],
    )
    visits = sorted((e.date_value, e.name) for e in t.events if e.kind == "visit")
    assert visits == [
        ("2005-01", "B. Sembinov visit to NATO HQ"),
        ("2005-09", "B. Sembinov visit to NATO HQ (September 2005)"),
    ]


def test_a_sentence_initial_adjective_is_not_an_exercise_name(nlp):
    t = run(
        nlp,
        [
            "Joint exercises are a good indication of the level of military cooperation between Kazakhstan "
            "and the United States. Steppe Eagle military exercises took place near Almaty."
        ],
        [],
    )
    assert [e.name for e in t.events if e.kind == "exercise"] == ["Steppe Eagle"]


def test_grammar_of_other_happenings(nlp):
    t = run_more(
        nlp,
        [
            "In 2005, Uzbekistan withdrew from GUUAM. Vladimir Putin and Islam Karimov held talks in Moscow "
            "in November 2005. A referendum on the new constitution took place in Kyrgyzstan in October 2007. "
            "This happened in 2008."
        ],
        [
            ("2005", "2005", "year"),
            ("November 2005", "2005-11", "month"),
            ("October 2007", "2007-10", "month"),
            ("2008", "2008", "year"),
        ],
    )
    found = {(e.kind, e.name, e.date_value) for e in t.events}
    assert found == {
        ("other", "Uzbekistan: Withdrawal from GUUAM", "2005"),
        ("meeting", "Vladimir Putin and Islam Karimov talks", "2005-11"),
        ("other", "Referendum on the new constitution", "2007-10"),
    }
    talks = event(t, "Vladimir Putin and Islam Karimov talks")
    assert roles(t, talks) == {"Vladimir Putin": "participant", "Islam Karimov": "participant"}
    assert talks.location_entity_id == "LOCATION:Moscow"


def test_a_ratified_treaty_is_one_ratification_event(nlp):
    t = run_more(
        nlp, ["Kazakhstan ratified the Treaty on Collective Security in 1994."], [("1994", "1994", "year")]
    )
    assert [(e.kind, e.name, e.date_value) for e in t.events] == [
        ("signing", "Kazakhstan: Ratification of the Treaty on Collective Security", "1994")
    ]


def test_a_subject_that_happened_and_one_event_per_named_operation(nlp):
    t = run_more(
        nlp,
        [
            "In 1991, the Soviet Union collapsed. On 7 October, 2001, the United States launched Operation "
            "Enduring Freedom in Afghanistan."
        ],
        [("1991", "1991", "year"), ("7 October, 2001", "2001-10-07", "day")],
    )
    assert sorted((e.name, e.date_value) for e in t.events) == [
        ("Collapse of Soviet Union", "1991"),
        ("Operation Enduring Freedom", "2001-10-07"),  # not also "Launch of Operation Enduring Freedom"
    ]


def test_he_in_a_relative_clause_is_the_person_before_it_in_the_sentence(nlp):
    t = run_more(
        nlp,
        [
            "Islam Karimov spoke in Moscow in 2005. Tajik President Emomali Rakhmon visited Dushanbe's "
            "neighbor, Afghanistan, in May 2006, where he met Hamid Karzai."
        ],
        [("2005", "2005", "year"), ("May 2006", "2006-05", "month")],
    )
    visit = event(t, "Emomali Rakhmon visit to Afghanistan")  # the apposition, not the possessor
    assert roles(t, visit) == {"Emomali Rakhmon": "visitor", "Afghanistan": "host", "Hamid Karzai": "host"}
    assert not [e.name for e in t.events if "Karimov" in e.name]


def test_visits_told_by_a_fronted_phrase_or_a_travel_verb(nlp):
    t = run_more(
        nlp,
        [
            "During his visit to Astana in May 2006, R. Cheney held talks with N. Nazarbaev. Marta Lind "
            "traveled to Ruritania in June 2006. U.S. aircraft fly to Afghanistan every day since 2006."
        ],
        [("May 2006", "2006-05", "month"), ("June 2006", "2006-06", "month"), ("2006", "2006", "year")],
    )
    visits = {(e.name, e.date_value) for e in t.events if e.kind == "visit"}
    assert visits == {
        ("R. Cheney visit to Astana", "2006-05"),
        ("Marta Lind visit to Ruritania", "2006-06"),
    }
    cheney = event(t, "R. Cheney visit to Astana")  # the talks during the visit are part of it
    # a city is where the visit was, not a participant
    assert roles(t, cheney) == {"Dick Cheney": "visitor", "Nursultan Nazarbaev": "host"}
    assert cheney.location_entity_id == "LOCATION:Astana"


def test_a_conference_topic_and_a_year_inside_an_exercise_name(nlp):
    t = run_more(
        nlp,
        [
            "A conference on regional security was held in Almaty on 15 March, 2006. Kazakhstan conducted "
            "the Rubezh-2006 exercise."
        ],
        [("15 March, 2006", "2006-03-15", "day")],
    )
    assert event(t, "Conference on regional security").date_value == "2006-03-15"
    assert event(t, "Rubezh-2006").date_value == "2006"


@pytest.mark.parametrize(
    ("sentence", "dates", "name", "date", "participants"),
    [
        # a modifier-named happening keeps its complement
        (
            "The Ruritanian invasion of Kazakhstan began in 2005.",
            [("2005", "2005", "year")],
            "Ruritanian invasion of Kazakhstan",
            "2005",
            {"Ruritania", "Kazakhstan"},
        ),
        # a happening told by what it happened to
        (
            "Marta Lind spoke after the breakup of Ruritania in 2005.",
            [("2005", "2005", "year")],
            "Breakup of Ruritania",
            "2005",
            {"Ruritania"},
        ),
        # ... or where: a city is the location, not a participant
        (
            "The siege of Osterby ended in 2005.",
            [("2005", "2005", "year")],
            "Siege of Osterby",
            "2005",
            set(),
        ),
        # a happening between two parties
        (
            "In 2005 fighting between Ruritania and Kazakhstan resumed.",
            [("2005", "2005", "year")],
            "2005 fighting between Ruritania and Kazakhstan",
            "2005",
            {"Ruritania", "Kazakhstan"},
        ),
        # a happening named by its place (a country is a participant)
        (
            "The riots in Kazakhstan in 2005 were suppressed.",
            [("2005", "2005", "year")],
            "Kazakhstan riots",
            "2005",
            {"Kazakhstan"},
        ),
        # a capitalized name of a new class (election)
        (
            "The 2005 Ruritanian parliamentary elections were rigged.",
            [("2005", "2005", "year")],
            "2005 Ruritanian parliamentary elections",
            "2005",
            {"Ruritania"},
        ),
    ],
)
def test_happenings_of_the_taxonomy(nlp, sentence, dates, name, date, participants):
    ents = [*ENTS, ("Ruritanian", "COUNTRY", "Ruritania")]
    t = run(nlp, [sentence], dates, ents=ents)
    ev = event(t, name)
    assert (ev.kind, ev.date_value) == ("other", date)
    assert set(roles(t, ev)) == participants


@pytest.mark.parametrize(
    ("sentence", "dates", "happening"),
    [
        ("Generic violence is everywhere.", [], False),  # a sentence-initial capital is no name
        ("The violence in Kazakhstan shocked Marta Lind.", [], False),  # not placed in time
        ("The violence in Kazakhstan in 2005 shocked Marta Lind.", [("2005", "2005", "year")], True),
    ],
)
def test_a_happening_without_a_name_needs_a_date(nlp, sentence, dates, happening):
    t = run(nlp, [sentence], dates)
    assert bool([e for e in t.events if "violence" in e.name.lower()]) is happening


def test_the_same_happening_in_two_documents_gets_one_happening_id(nlp):
    dates = [("2005", "2005", "year")]
    a = run(nlp, ["The Ruritania uprising of 2005 was crushed.", "Marta Lind visited Almaty in 2005."], dates)
    b = run(nlp, ["In 2005 the Ruritania uprising was crushed. NATO met in Brussels."], dates, doc_id="d2")
    both = assign_happenings([*a.events, *b.events])
    ups = [e for e in both if "uprising" in e.name]
    assert len(ups) == 2 and {e.doc_id for e in ups} == {"d1", "d2"}
    assert ups[0].happening_id == ups[1].happening_id
    assert len({e.happening_id for e in both}) == len(both) - 1  # every other row is its own happening


@pytest.mark.parametrize(
    ("sentence", "dates", "name", "date", "participants"),
    [
        # a conjoined verb shares the subject, and takes the date of its own clause
        (
            "Ruritania left the customs union in 2005 and joined NATO in 2006.",
            [("2005", "2005", "year"), ("2006", "2006", "year")],
            "Ruritania: Accession to NATO",
            "2006",
            {"Ruritania", "NATO"},
        ),
        # names in apposition to a common-noun subject are the agents of an intransitive act
        (
            "Two more states - Ruritania and Kazakhstan - acceded in 1998.",
            [("1998", "1998", "year")],
            "Accession of Ruritania and Kazakhstan",
            "1998",
            {"Ruritania", "Kazakhstan"},
        ),
        # the subject of the controlling verb
        (
            "Marta Lind was forced to resign on 3 May 2005.",
            [("3 May 2005", "2005-05-03", "day")],
            "Resignation of Marta Lind",
            "2005-05-03",
            {"Marta Lind"},
        ),
        # an act of one state on another, named by its agent
        (
            "In 2005 Ruritania recognized the independence of Kazakhstan.",
            [("2005", "2005", "year")],
            "Ruritania: Recognition of independence of Kazakhstan",
            "2005",
            {"Ruritania", "Kazakhstan"},
        ),
        # the passive agent is who did it; a relative clause on the object adds no one
        (
            "The Osterby Institute, founded in 1997 by Ruritania, trains officers.",
            [("1997", "1997", "year")],
            "Ruritania: Founding of Osterby Institute",
            "1997",
            {"Ruritania", "Osterby Institute"},
        ),
    ],
)
def test_clause_arguments_of_a_verb_happening(nlp, sentence, dates, name, date, participants):
    ents = [*ENTS, ("Osterby Institute", "ORGANIZATION", "Osterby Institute")]
    t = run(nlp, [sentence], dates, ents=ents)
    ev = event(t, name)
    assert (ev.kind, ev.date_value) == ("other", date)
    assert set(roles(t, ev)) == participants


@pytest.mark.parametrize(
    "sentence",
    [
        "In 2005 Ruritania did not recognize Kazakhstan.",  # negated
        "In 2005 Ruritania said that it would withdraw from NATO.",  # hypothetical
        "Marta Lind could resign in 2006.",  # modal
    ],
)
def test_negated_and_hypothetical_acts_are_not_events(nlp, sentence):
    dates = [("2005", "2005", "year"), ("2006", "2006", "year")]
    t = run(nlp, [sentence], dates)
    assert not [e for e in t.events if e.kind == "other"], [e.name for e in t.events]


def test_a_person_who_was_in_a_place_visited_it(nlp):
    t = run(
        nlp,
        ["In April 2005 Marta Lind was in Almaty to discuss border security."],
        [("April 2005", "2005-04", "month")],
    )
    ev = event(t, "Marta Lind visit to Almaty")
    assert (ev.kind, ev.date_value, ev.location_entity_id) == ("visit", "2005-04", "LOCATION:Almaty")
    assert roles(t, ev) == {"Marta Lind": "visitor"}
    # a state or an undated present is no visit
    t = run(nlp, ["In 2005 Ruritania was in Almaty.", "Marta Lind is in Almaty."], [("2005", "2005", "year")])
    assert not [e for e in t.events if e.kind == "visit"]


def test_a_visit_from_a_person_to_a_place(nlp):
    t = run(
        nlp,
        ["A visit from Marta Lind to Astana on 5 May 2005 surprised NATO."],
        [("5 May 2005", "2005-05-05", "day")],
    )
    ev = next(e for e in t.events if e.kind == "visit")
    assert ev.date_value == "2005-05-05"
    assert roles(t, ev).get("Marta Lind") == "visitor"


@pytest.mark.parametrize(
    ("sentence", "dates", "name", "participants"),
    [
        (
            "In 2005, Kazakhstan and Ruritania conducted joint military exercises.",
            [("2005", "2005", "year")],
            "Kazakhstan and Ruritania joint military exercises",
            {"Kazakhstan", "Ruritania"},
        ),
        (
            "In 2007 troops of Kazakhstan took part in mountain warfare drills in Almaty.",
            [("2007", "2007", "year")],
            "Kazakhstan mountain warfare drills in Almaty",
            {"Kazakhstan"},
        ),
    ],
)
def test_dated_exercises_told_by_a_common_noun(nlp, sentence, dates, name, participants):
    t = run(nlp, [sentence], dates)
    ev = event(t, name)
    assert (ev.kind, ev.date_value) == ("exercise", dates[0][1])
    assert set(roles(t, ev)) == participants


@pytest.mark.parametrize(
    ("sentence", "dates"),
    [
        ("Such exercises were held by Kazakhstan in 2005.", [("2005", "2005", "year")]),  # refers back
        ("Kazakhstan conducts joint exercises.", []),  # not placed in time
    ],
)
def test_common_noun_exercises_that_are_no_event(nlp, sentence, dates):
    t = run(nlp, [sentence], dates)
    assert not [e for e in t.events if e.kind == "exercise"], [e.name for e in t.events]


@pytest.mark.parametrize(
    ("sentence", "dates", "name"),
    [
        (
            "Ethnic riots broke out in Osterby in June 2005.",
            [("June 2005", "2005-06", "month")],
            "Ethnic riots",
        ),
        (
            "Marta Lind leads before the parliamentary elections that take place on 4 May 2006.",
            [("4 May 2006", "2006-05-04", "day")],
            "Parliamentary elections",
        ),
        ("Ruritania is in deep political crisis in 2005.", [("2005", "2005", "year")], None),  # a state
        ("Such violent protests shook Osterby in 2005.", [("2005", "2005", "year")], None),  # refers back
        ("Violent protests are common.", [], None),  # not placed in time
    ],
)
def test_a_happening_told_by_a_common_noun_and_its_adjectives(nlp, sentence, dates, name):
    t = run(nlp, [sentence], dates)
    names = [e.name for e in t.events if e.kind == "other"]
    assert (name in names) if name else not names, names


def test_the_subject_of_a_clause_set_at_a_summit_took_part_in_it(nlp):
    t = run(
        nlp,
        ["At the 2006 Riga summit, Ruritania and Kazakhstan agreed to cooperate."],
        [("2006", "2006", "year")],
        ents=[*ENTS, ("Ruritania", "COUNTRY", "Ruritania")],
    )
    ev = next(e for e in t.events if e.kind == "summit")
    assert {"Ruritania", "Kazakhstan"} <= set(roles(t, ev))


@pytest.mark.parametrize(
    ("paragraph", "name", "participants"),
    [
        # the pronoun stands for the subject of the sentence before, not its last-named person
        (
            "Marta Lind worked in Almaty, where she met N. Nazarbaev. She became the president of Ruritania in 2005.",
            "Marta Lind becomes president of Ruritania",
            {"Marta Lind", "Ruritania"},
        ),
        ("Kazakhstan became the first state to join the pact in 2005.", None, None),  # a ranking
        ("Kazakhstan became the 19th participant in 2005.", None, None),
        ("Ruritania became the largest donor of the fund in 2009.", None, None),  # a superlative
        ("In 2010 Ruritania became a state that hosts the secretariat.", None, None),  # a defining clause
    ],
)
def test_taking_a_role_is_an_event(nlp, paragraph, name, participants):
    ents = [*ENTS, ("Ruritania", "COUNTRY", "Ruritania")]
    t = run(nlp, [paragraph], [("2005", "2005", "year")], ents=ents)
    found = [e for e in t.events if " becomes " in e.name]
    if name is None:
        assert not found, [e.name for e in found]
        return
    ev = event(t, name)
    assert ev.date_value == "2005"
    assert set(roles(t, ev)) == participants


@pytest.mark.parametrize(
    ("sentence", "name", "participants"),
    [
        # what a happening's verb of onset tells of it: between whom and where
        (
            "In 2005, violent clashes broke out between Ruritania and Kazakhstan.",
            "Violent clashes",
            {"Ruritania", "Kazakhstan"},
        ),
        # a war with someone
        (
            "In 2005 the Salt War with Ruritania ended.",
            "Salt War with Ruritania",
            {"Ruritania"},
        ),
    ],
)
def test_happening_arguments_of_grammar_rules(nlp, sentence, name, participants):
    ents = [*ENTS, ("Ruritania", "COUNTRY", "Ruritania")]
    t = run(nlp, [sentence], [("2005", "2005", "year")], ents=ents)
    ev = event(t, name)
    assert set(roles(t, ev)) == participants


def test_an_announced_plan_is_an_announcement_event(nlp):
    t = run(
        nlp,
        ["On 5 May 2005, Ruritania announced that it would withdraw from NATO."],
        [("5 May 2005", "2005-05-05", "day")],
    )
    ev = event(t, "Ruritania: Announced withdrawal from NATO")
    assert ev.date_value == "2005-05-05"
    assert set(roles(t, ev)) == {"Ruritania", "NATO"}
    # said, not announced: no event
    t = run(
        nlp,
        ["On 5 May 2005, Marta Lind said that Ruritania would withdraw from NATO."],
        [("5 May 2005", "2005-05-05", "day")],
    )
    assert not [e for e in t.events if e.kind == "other"]


def test_a_decision_is_an_event_and_a_threat_is_not(nlp):
    dates = [("December 2005", "2005-12", "month")]
    t = run(nlp, ["In December 2005, NATO decided to suspend Kazakhstan."], dates)
    ev = event(t, "NATO: Decision on suspension of Kazakhstan")
    assert (ev.date_value, set(roles(t, ev))) == ("2005-12", {"NATO", "Kazakhstan"})
    t = run(nlp, ["In December 2005, NATO threatened to suspend Kazakhstan."], dates)
    assert not [e for e in t.events if e.kind == "other"]


def test_a_gathering_with_a_capitalized_name_needs_no_entity(nlp):
    t = run(nlp, ["Marta Lind opened the Inaugural Plenary Session."])
    assert [e.name for e in t.events if e.kind == "meeting"] == ["Inaugural Plenary Session"]
    t = run(nlp, ["Marta Lind opened the session."])
    assert not [e for e in t.events if e.kind == "meeting"]


def test_dated_statements_of_states_are_events_once_a_day(nlp):
    dates = [("12 May 2005", "2005-05-12", "day")]
    t = run(
        nlp,
        [
            "On 12 May 2005, Kazakhstan appealed to NATO for help.",
            "On 12 May 2005, Ruritania condemned the attacks. On 12 May 2005, Ruritania condemned the violent acts.",
        ],
        dates,
    )
    ev = event(t, "Kazakhstan: Appeal to NATO")
    assert set(roles(t, ev)) == {"Kazakhstan", "NATO"}
    # one act of one agent on one day is one row, however often it is told
    assert len([e for e in t.events if e.name.startswith("Ruritania: Condemnation")]) == 1


def test_an_offer_or_refusal_is_named_by_its_infinitive(nlp):
    t = run(
        nlp,
        ["On 12 May 2005, Ruritania offered to send observers to Kazakhstan."],
        [("12 May 2005", "2005-05-12", "day")],
    )
    ev = event(t, "Ruritania: Offer to send observers to Kazakhstan")
    assert (ev.date_value, set(roles(t, ev))) == ("2005-05-12", {"Ruritania", "Kazakhstan"})
    # what was offered did not happen: no dispatch event
    assert not [e for e in t.events if "Dispatch" in e.name]


@pytest.mark.parametrize(
    ("sentence", "name", "participants"),
    [
        # the noun a relative clause reports about is its object
        (
            "Marta Lind praised the Osterby project NATO launched in 2005.",
            "NATO: Launch of Osterby project",
            {"NATO", "Osterby"},
        ),
        # ... and a participle's, with its passive agent as who did it
        (
            "Kazakhstan joined the Osterby group, founded in 2005 by Ruritania.",
            "Ruritania: Founding of Osterby group",
            {"Ruritania", "Osterby"},
        ),
    ],
)
def test_the_noun_a_relative_clause_or_participle_reports_about(nlp, sentence, name, participants):
    ents = [*ENTS, ("Osterby", "ORGANIZATION", "Osterby")]
    ents = [e for e in ents if e[0] != "Osterby" or e[1] == "ORGANIZATION"]
    t = run(nlp, [sentence], [("2005", "2005", "year")], ents=ents)
    ev = event(t, name)
    assert ev.date_value == "2005"
    assert set(roles(t, ev)) == participants


@pytest.mark.parametrize(
    ("paragraphs", "name", "participants"),
    [
        # a passive election, the office given by "to serve as", with no date in the sentence
        (
            ["Marta Lind, a lawyer from Ruritania, was elected to serve as President of the Assembly."],
            "Election of Marta Lind as President of the Assembly",
            {"Marta Lind", "Assembly"},
        ),
        # the office as the attribute of "to be"; the pronoun stands for the person named before it
        (
            [
                "Marta Lind spoke for Osterby Council, and she was later elected to be the panel chair for a year."
            ],
            "Election of Marta Lind as panel chair",
            {"Marta Lind"},
        ),
        # an active election with "as"
        (
            ["The delegates elected Marta Lind as Secretary General of NATO."],
            "Election of Marta Lind as Secretary General of NATO",
            {"Marta Lind", "NATO"},
        ),
        # an appointment
        (
            ["Marta Lind was appointed as ambassador to Kazakhstan."],
            "Appointment of Marta Lind as ambassador",
            {"Marta Lind", "Kazakhstan"},
        ),
        # the office two clauses down: "appointed to go on serving as"
        (
            ["Marta Lind was appointed to continue to serve as Secretary General of NATO."],
            "Appointment of Marta Lind as Secretary General of NATO",
            {"Marta Lind", "NATO"},
        ),
    ],
)
def test_a_person_put_in_an_office_is_an_event_without_a_date(nlp, paragraphs, name, participants):
    # "Osterby Council" mistyped as a person: the subject before the pronoun is its antecedent
    ents = [*ENTS, ("Assembly", "ORGANIZATION", "Assembly"), ("Osterby Council", "PERSON", "Osterby Council")]
    t = run(nlp, paragraphs, ents=ents)
    ev = event(t, name)
    assert ev.kind == "other"
    assert set(roles(t, ev)) == participants


@pytest.mark.parametrize(
    "sentence",
    [
        "Marta Lind hopes to be elected President of the Assembly.",  # not (yet) done
        "The Assembly was elected in a free vote.",  # no person put in an office
    ],
)
def test_no_office_event_without_a_person_or_when_only_hoped_for(nlp, sentence):
    ents = [*ENTS, ("Assembly", "ORGANIZATION", "Assembly")]
    t = run(nlp, [sentence], ents=ents)
    assert not [e for e in t.events if e.name.startswith("Election")]


@pytest.mark.parametrize(
    ("paragraphs", "gatherings"),
    [
        # "the NATO meeting" after "the NATO defense chiefs meeting in Brussels": the same meeting
        (
            [
                "Marta Lind attended the NATO defense chiefs meeting in Brussels in 2005.",
                "On the way to the NATO meeting she stopped in Almaty.",
            ],
            1,
        ),
        # ... also under another gathering noun ("the conference in Riga" after "the summit in Riga")
        (
            [
                "Marta Lind attended the annual security summit in Riga in 2005.",
                "After the conference in Riga she flew to Almaty.",
            ],
            1,
        ),
        # a gathering with words of its own is another one
        (
            [
                "Marta Lind attended the NATO defense chiefs meeting in Brussels in 2005.",
                "In 2006 she attended the NATO meeting in Riga.",
            ],
            2,
        ),
    ],
)
def test_a_gathering_told_again_is_one_event(nlp, paragraphs, gatherings):
    t = run(nlp, paragraphs, [("2005", "2005", "year"), ("2006", "2006", "year")])
    found = [e for e in t.events if e.kind in ("meeting", "summit", "conference")]
    assert len(found) == gatherings, [e.name for e in found]


@pytest.mark.parametrize(
    ("sentence", "adopted"),
    [
        # a named instrument adopted by a body is an event though the sentence gives no date
        ("The final Osterby Declaration was adopted by NATO at the closing plenary.", True),
        # an undated signing is not (the date tells a signing from a mention of the signed text)
        ("The Osterby Declaration was signed by NATO at the closing plenary.", False),
    ],
)
def test_an_undated_adoption_is_an_event(nlp, sentence, adopted):
    ents = [e for e in ENTS if e[0] != "Osterby"]
    t = run(nlp, [sentence], ents=ents)
    found = [e for e in t.events if e.kind == "signing"]
    assert bool(found) is adopted, [e.name for e in t.events]
    if adopted:
        assert "Adoption of the Osterby Declaration" in found[0].name
        assert found[0].date_value is None


@pytest.mark.parametrize(
    "sentence",
    [
        'According to the ministry, "More military exercises with Ruritania came up during the talks in 2005.',
        "According to the ministry, More military exercises with Ruritania came up during the talks in 2005.",
    ],
)
def test_a_word_capitalized_by_a_quotation_names_no_exercise(nlp, sentence):
    t = run(nlp, [sentence], [("2005", "2005", "year")])
    assert not [e for e in t.events if e.kind == "exercise" and e.name.startswith("More")]


@pytest.mark.parametrize(
    ("sentence", "name", "visitor"),
    [
        # "did" stands for the visit verb it hangs on; the destination is that verb's object
        (
            "Marta Lind was the first minister to visit Kazakhstan since Jaap de Hoop Scheffer did in 2005.",
            "Jaap de Hoop Scheffer visit to Kazakhstan",
            "Jaap de Hoop Scheffer",
        ),
        # ... or that of the visit the verb is conjoined to
        (
            "Marta Lind was the first minister to visit Kazakhstan in years and the first envoy to visit"
            " since Jaap de Hoop Scheffer did in 2005.",
            "Jaap de Hoop Scheffer visit to Kazakhstan",
            "Jaap de Hoop Scheffer",
        ),
    ],
)
def test_a_visit_told_by_an_elided_verb(nlp, sentence, name, visitor):
    t = run(nlp, [sentence], [("2005", "2005", "year")])
    names = [e.name for e in t.events]
    hits = [e for e in t.events if e.name.startswith("Jaap") and "visit to Kazakhstan" in e.name]
    assert hits, names
    ev = hits[0]
    assert ev.date_value == "2005"
    assert roles(t, ev).get(visitor) == "visitor" and roles(t, ev).get("Kazakhstan") == "host"
    # the other visit is not dated by the elided clause
    assert all(e.date_value != "2005" for e in t.events if e is not ev and e.kind == "visit"), names


@pytest.mark.parametrize(
    ("second", "hosts"),
    [
        # a meeting whose subject names no one, right after a visit: the people met are the visit's hosts
        (
            "The delegation met with President N. Nazarbaev and K. Tokaev.",
            {"Nursultan Nazarbaev", "Kassym-Jomart Tokaev"},
        ),
        ("They met with K. Tokaev.", {"Kassym-Jomart Tokaev"}),
        # a subject that names someone else is another meeting, not the visit's
        ("A Ruritanian envoy met with K. Tokaev.", set()),
    ],
)
def test_a_meeting_told_after_a_visit_is_part_of_it(nlp, second, hosts):
    t = run(
        nlp,
        ["In 2005 Marta Lind used the trip to visit nearby Kazakhstan.", second],
        [("2005", "2005", "year")],
    )
    ev = event(t, "Marta Lind visit to nearby Kazakhstan")
    people = {k for k, r in roles(t, ev).items() if r == "host"} - {"Kazakhstan"}
    assert people == hosts
