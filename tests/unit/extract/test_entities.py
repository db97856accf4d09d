from __future__ import annotations

import pytest

from pipelines.extract.entities import resolve_entities
from pipelines.extract.gazetteer import entity_id, load_gazetteer
from tests.unit.extract.entity_helpers import extract


def spans(mentions, type_=None):
    return [(m.text, m.start, m.end, m.key) for m in mentions if type_ is None or m.type == type_]


def resolved(*docs):
    mentions = [m for d in docs for m in d]
    entities, rms = resolve_entities(mentions)
    by_id = {e.entity_id: e for e in entities}
    return by_id, {(r.mention.doc_id, r.mention.start): by_id[r.entity_id] for r in rms}


# ---------------------------------------------------------------- countries, demonyms, compounds


def test_kazakh_us_compound_gives_both_countries_with_offsets():
    ms = extract("d", ["Kazakh-U.S. relations are developing."])
    assert spans(ms, "COUNTRY") == [("Kazakh", 0, 6, "Kazakhstan"), ("U.S.", 7, 11, "United States")]
    ents, _ = resolved(ms)
    assert {e.iso3 for e in ents.values()} == {"KAZ", "USA"}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("This harms Russian-U.S. relations.", ["Russia", "United States"]),
        ("It also harms U.S.-Chinese relations.", ["United States", "China"]),
        ("This began the Uzbek-Russian rapprochement.", ["Uzbekistan", "Russia"]),
        ("Kyrgyz-U.S. military cooperation is financial.", ["Kyrgyzstan", "United States"]),
        ("The U.S.'s foreign policy and the United States of America.", ["United States", "United States"]),
        ("Kazakhstani officers and American instructors met in 2006.", ["Kazakhstan", "United States"]),
        ("After the breakup of the Soviet Union and the U.S.S.R. ...", ["Soviet Union", "Soviet Union"]),
        # combining forms name both sides of a war or a relation
        ("The Russo-Japanese war ended in 1905.", ["Russia", "Japan"]),
        ("Sino-Indian border talks resumed.", ["China", "India"]),
    ],
)
def test_country_forms(sentence, expected):
    assert [m.key for m in extract("d", [sentence]) if m.type == "COUNTRY"] == expected


def test_nato_kazakhstan_compound_with_odd_spacing():
    ms = extract("d", ["Relations in the NATO-Kazakhstan format and NATO- Kazakhstan talks."])
    keys = [(m.text, m.type) for m in ms]
    assert keys.count(("NATO", "ORGANIZATION")) == 2
    assert keys.count(("Kazakhstan", "COUNTRY")) == 2


def test_historical_states_have_iso_3166_3_codes():
    ms = extract("d", ["The Alliance fought Yugoslavia in 1999, years after the Soviet Union collapsed."])
    ents, _ = resolved(ms)
    assert {e.name: e.iso3 for e in ents.values() if e.type == "COUNTRY"} == {
        "Yugoslavia": "YUG",
        "Soviet Union": "SUN",
    }


def test_the_republic_is_not_an_entity():
    assert extract("d", ["The republic's role in the region is steadily growing."]) == []


# ---------------------------------------------------------------- capitals and organizations


def test_capitals_refer_to_their_state_or_organization():
    ms = extract(
        "d", ["Astana and Washington agree; Brussels speaks for NATO; Kazakhstan and the U.S. signed."]
    )
    ents, _ = resolved(ms)
    assert ents["loc:astana"].type == "LOCATION"
    assert ents["loc:astana"].refers_to_entity_id == "cou:kazakhstan"
    assert ents["loc:washington"].refers_to_entity_id == "cou:united-states"
    assert ents["loc:brussels"].refers_to_entity_id == "org:nato"


def test_capital_without_its_state_has_no_dangling_reference():
    ents, _ = resolved(extract("d", ["Talks were held in Tashkent."]))
    assert ents["loc:tashkent"].refers_to_entity_id is None


def test_eapc_long_form_and_acronym_resolve_together():
    ms = extract(
        "d",
        [
            "Kazakhstan takes part in the Euro-Atlantic Partnership Council (EAPC).",
            "Kazakhstan's participation in the EAPC is designed to maintain dialog.",
        ],
    )
    orgs = {m.text: m.key for m in ms if m.type == "ORGANIZATION"}
    assert orgs == {
        "Euro-Atlantic Partnership Council": "Euro-Atlantic Partnership Council",
        "EAPC": "Euro-Atlantic Partnership Council",
    }
    ents, _ = resolved(ms)
    assert len([e for e in ents.values() if e.type == "ORGANIZATION"]) == 1


def test_acronym_typos_next_to_long_form_resolve_to_the_same_body():
    # doc 001: "The leaders of the Euro-Atlantic Partnership Council (EAPS) ... the EASP leaders"
    ms = extract(
        "d",
        [
            "The leaders of the Euro-Atlantic Partnership Council (EAPS) officially confirmed these obligations.",
            "By signing the document, the EASP leaders recognized that all the states faced the same challenges.",
        ],
    )
    assert {m.text: m.key for m in ms if m.type == "ORGANIZATION"} == {
        "Euro-Atlantic Partnership Council": "Euro-Atlantic Partnership Council",
        "EAPS": "Euro-Atlantic Partnership Council",
        "EASP": "Euro-Atlantic Partnership Council",
    }


def test_unknown_acronym_far_from_known_ones_is_not_an_entity():
    ms = extract(
        "d", ["NATO and Kazakhstan adopted the Individual Partnership Action Plan (IPAP).", "The IPAP works."]
    )
    assert [m.text for m in ms if m.type == "ORGANIZATION"] == ["NATO"]


def test_wto_means_warsaw_treaty_in_former_members_context():
    ms = extract("d", ["NATO set up the NACC to develop contacts with former WTO members."])
    assert [m.key for m in ms if m.text == "WTO"] == ["Warsaw Treaty Organization"]
    ms = extract("e", ["Kazakhstan is negotiating its accession to the WTO."])
    assert [m.key for m in ms if m.text == "WTO"] == ["World Trade Organization"]


def test_learned_acronym_of_a_new_body():
    ms = extract("d", ["He heads the Caspian Security Agency (CSA).", "The CSA was set up in 2005."])
    assert [(m.text, m.key) for m in ms if m.type == "ORGANIZATION"][-1] == ("CSA", "Caspian Security Agency")


def test_alliance_stands_for_nato_when_nato_is_named():
    ms = extract("d", ["NATO is growing.", "The Alliance is working with the states on an individual basis."])
    assert [m.key for m in ms if m.text == "Alliance"] == ["NATO"]
    assert not [m for m in extract("e", ["The Alliance is working."]) if m.text == "Alliance"]


def test_units_and_institutions_are_organizations():
    ms = extract(
        "d",
        [
            "A Kazakhstan engineer battalion (Kazbat) is performing a peacekeeping mission in Iraq.",
            "Specialists from the Arizona Army National Guard arrived to strengthen the Kazakhstan Air Force.",
        ],
    )
    orgs = {m.text for m in ms if m.type == "ORGANIZATION"}
    assert {"Kazbat", "Arizona Army National Guard", "Kazakhstan Air Force"} <= orgs
    # the state an institution is named after is still a country mention
    assert [m.text for m in ms if m.type == "COUNTRY"].count("Kazakhstan") == 2


def test_head_first_institution_nested_in_a_longer_name():
    ms = extract(
        "d", ["He is an official at the Majilis Secretariat of the Parliament of the Republic of Kazakhstan."]
    )
    orgs = {m.key for m in ms if m.type == "ORGANIZATION"}
    assert "Majilis Secretariat of the Parliament of the Republic of Kazakhstan" in orgs
    assert "Parliament of the Republic of Kazakhstan" in orgs


def test_a_body_named_head_first_needs_no_known_name_inside():
    ms = extract(
        "d",
        [
            "Senior research fellow, Institute of World Economy and Politics (Almaty, Kazakhstan).",
            "He spoke at the Council of Europe and the Institute for War and Peace Reporting.",
            "The Majilis Secretariat of the Parliament of the Republic of Kazakhstan met.",
        ],
    )
    orgs = {m.text for m in ms if m.type == "ORGANIZATION"}
    assert {
        "Institute of World Economy and Politics",
        "Council of Europe",
        "Institute for War and Peace Reporting",
    } <= orgs
    assert (
        "Secretariat of the Parliament of the Republic of Kazakhstan" not in orgs
    )  # the middle of a longer name


def test_a_state_body_in_lower_case():
    ms = extract(
        "d",
        [
            "The NATO-Kazakhstan steering committee met in Astana. The Kyrgyz parliament voted.",
            "Kazakhstan and the committee agreed; Kazakhstan has a commission.",
        ],
    )
    orgs = [m.text for m in ms if m.type == "ORGANIZATION"]
    assert {"NATO-Kazakhstan steering committee", "Kyrgyz parliament"} <= set(orgs)
    assert not any("Kazakhstan and" in o or "has a" in o for o in orgs), orgs


def test_a_sentence_initial_article_is_not_part_of_an_institution():
    ms = extract(
        "d", ["The Collective Rapid Deployment Forces of the CSTO held exercises in the Fergana Valley."]
    )
    orgs = {m.text for m in ms if m.type == "ORGANIZATION"}
    assert not any(o.startswith("The ") for o in orgs), orgs
    assert "Collective Rapid Deployment Forces" in orgs


# ---------------------------------------------------------------- people


def test_president_nazarbaev_title_is_stripped():
    ms = extract("d", ["The regular meetings between President Nazarbaev and NATO leaders helped."])
    (p,) = [m for m in ms if m.type == "PERSON"]
    assert (p.text, p.title) == ("Nazarbaev", "President")
    assert ms[0].text == "Nazarbaev"


def test_titles_and_roles_before_names():
    ms = extract(
        "d",
        [
            "In January 2005, Kazakhstan Deputy Defense Minister B. Sembinov visited Brussels.",
            "In October 2004, NATO Secretary General Jaap de Hoop Scheffer met with Kazakhstan President N. Nazarbaev in Almaty.",
            "They were highly appraised by former U.S. Secretary of Defense D. Rumsfeld.",
        ],
    )
    people = {m.text: m.title for m in ms if m.type == "PERSON"}
    assert people == {
        "B. Sembinov": "Kazakhstan Deputy Defense Minister",
        "Jaap de Hoop Scheffer": "NATO Secretary General",
        "N. Nazarbaev": "Kazakhstan President",
        "D. Rumsfeld": "former U.S. Secretary of Defense",
    }


def test_nazarbaev_forms_resolve_to_one_person_across_documents():
    a = extract("a", ["It was reaffirmed by Kazakhstan President Nursultan Nazarbaev on 11 January, 2007."])
    b = extract("b", ["N. Nazarbaev visited Washington.", "President Nazarbaev points out time and again."])
    c = extract("c", ["It is clear."], ["See: Poslanie Prezidenta RK N.A. Nazarbaeva, Almaty, 2006."])
    ents, _ = resolved(a, b, c)
    people = [e for e in ents.values() if e.type == "PERSON"]
    assert [p.name for p in people] == ["Nursultan Nazarbaev"]
    assert {"N. Nazarbaev", "Nazarbaev", "N.A. Nazarbaeva"} <= set(people[0].aliases)


def test_conflicting_initials_are_never_merged():
    ms = extract("d", ["R. Simmons met J. Simmons.", "Later Robert Simmons left."])
    ents, _ = resolved(ms)
    assert sorted(e.name for e in ents.values() if e.type == "PERSON") == ["J. Simmons", "Robert Simmons"]


def test_well_known_people_get_their_full_name():
    ms = extract("d", ["R. Cheney's visit to Kazakhstan in May 2006 could have produced a negative effect."])
    ents, _ = resolved(ms)
    assert [e.name for e in ents.values() if e.type == "PERSON"] == ["Dick Cheney"]
    assert [m.text for m in ms if m.type == "PERSON"] == ["R. Cheney"]


def test_lesser_known_people_keep_the_longest_form_seen():
    ms = extract("d", ["Aslan Bekov met NATO officials.", "Then A. Bekov left for Astana."])
    ents, _ = resolved(ms)
    assert [e.name for e in ents.values() if e.type == "PERSON"] == ["Aslan Bekov"]


def test_hummer_and_kazbat_are_not_people():
    ms = extract(
        "d",
        [
            "In March 2006, a team of Hummer service and maintenance specialists arrived in Kazakhstan.",
            "Kazbat has since neutralized more than 4 million explosive devices.",
        ],
    )
    assert not [m for m in ms if m.type == "PERSON"]
    assert [m.type for m in ms if m.text == "Kazbat"] == ["ORGANIZATION"]


def test_footnotes_keep_authors_and_gazetteer_names_only():
    ms = extract(
        "d",
        ["NATO is changing."],
        [
            "See: M. Laumulin, Tsentral'naia Azia v mirovoy politologii, KISI, Almaty, 2006, p. 147.",
            '¹⁰ Poslanie Prezidenta RK "Strategia vkhozhdeniia Kazakhstana", Kazakhstanskaia pravda, 29 June, 2004.',
            'I. Daalder, J. Goldgeier, "Global NATO," Foreign Affairs, No. 5, 2006, available at [www.nato.int].',
        ],
    )
    fn = [(m.text, m.type) for m in ms if m.in_footnote]
    assert (
        ("M. Laumulin", "PERSON") in fn
        and ("I. Daalder", "PERSON") in fn
        and ("J. Goldgeier", "PERSON") in fn
    )
    assert ("Almaty", "LOCATION") in fn and ("RK", "COUNTRY") in fn
    texts = {t for t, _ in fn}
    assert not texts & {
        "Tsentral'naia Azia",
        "Poslanie Prezidenta",
        "Foreign Affairs",
        "Kazakhstanskaia pravda",
    }


# ---------------------------------------------------------------- resolution records


def test_ids_are_stable_and_ordering_deterministic():
    ms = extract("doc", ["Kazakhstan and NATO signed; Astana welcomed R. Simmons."])
    e1, r1 = resolve_entities(ms)
    e2, r2 = resolve_entities(list(reversed(ms)))
    assert e1 == e2 and r1 == r2
    assert [e.entity_id for e in e1] == sorted(e.entity_id for e in e1)
    assert {e.entity_id for e in e1} >= {"cou:kazakhstan", "org:nato", "loc:astana", "per:robert-simmons"}
    m = next(r for r in r1 if r.mention.text == "Kazakhstan")
    assert m.mention_id == "doc:m000000-000010"
    assert entity_id("COUNTRY", "United States") == "cou:united-states"


def test_gazetteer_wikidata_ids_are_the_checked_ones():
    gz = load_gazetteer()
    expected = {
        "ORGANIZATION:NATO": "Q7184",
        "COUNTRY:Kazakhstan": "Q232",
        "COUNTRY:United States": "Q30",
        "COUNTRY:Russia": "Q159",
        "COUNTRY:China": "Q148",
    }
    assert {k: gz.entries[k].wikidata_id for k in expected} == expected
    assert gz.entries["COUNTRY:Soviet Union"].iso3 == "SUN"
    # every ISO country is known, under its common name
    assert gz.entries["COUNTRY:Mozambique"].iso3 == "MOZ"


def test_unseen_text_of_the_same_kind():
    ms = extract(
        "x",
        [
            "According to Mr. Abuseitov, the Caspian Pipeline Consortium will grow.",
            "The Collective Rapid Deployment Forces (CRDF) of the CSTO held exercises near Osh.",
        ],
        ['See: S. Blank, "U.S. Military in Central Asia," Eurasia Insight, 12 May 2005.'],
    )
    got = {(m.text, m.type, m.title) for m in ms}
    assert ("Abuseitov", "PERSON", "Mr.") in got
    assert ("Caspian Pipeline Consortium", "ORGANIZATION", None) in got
    assert ("CRDF", "ORGANIZATION", None) in got and ("Osh", "LOCATION", None) in got
    assert ("S. Blank", "PERSON", None) in got
    assert not [m for m in ms if "Insight" in m.text]  # a journal in a footnote


# ---------------------------------------------------------------- held-out style text (general rules)


def test_heading_line_gives_only_gazetteer_entities():
    # a one-sentence paragraph in title case without final punctuation is a section heading
    ms = extract("d", ["The Tashkent Turning Point", "Relations improved after that."])
    assert [(m.text, m.type) for m in ms] == [("Tashkent", "LOCATION")]


def test_organization_cut_before_a_country_is_extended():
    ms = extract("d", ["The fighters of the Popular Front of Tajikistan met in Khorog."])
    orgs = [m.key for m in ms if m.type == "ORGANIZATION"]
    assert orgs == ["Popular Front of Tajikistan"]
    assert ("Tajikistan", "COUNTRY") in [(m.text, m.type) for m in ms]
    assert ("Khorog", "LOCATION") in [(m.text, m.type) for m in ms]


def test_facility_and_lake_names_are_places_whatever_the_model_says():
    ms = extract("d", ["Transport aircraft flew from Dzhartygul Air Base to Lake Sarez last year."])
    assert [(m.text, m.type) for m in ms] == [("Dzhartygul Air Base", "LOCATION"), ("Lake Sarez", "LOCATION")]


def test_gazetteer_place_followed_by_airport_is_the_facility():
    ms = extract("d", ["Coalition aircraft used Manas International Airport near Bishkek."])
    assert ("Manas International Airport", "LOCATION", "Manas airport") in [
        (m.text, m.type, m.key) for m in ms
    ]


def test_words_inside_an_instrument_title_are_not_places():
    ms = extract(
        "d", ["In 1998 they signed the Agreement on Mutual Trust in the Military Field in the Border Area."]
    )
    assert [m for m in ms if m.type in ("LOCATION", "ORGANIZATION")] == []


def test_demonym_parliament_is_an_organization():
    ms = extract("d", ["The Turkmen parliament approved the law."])
    assert [(m.text, m.type) for m in ms] == [("Turkmen", "COUNTRY"), ("Turkmen parliament", "ORGANIZATION")]


def test_known_body_of_another_body_stays_two_entities():
    ms = extract(
        "d",
        [
            "Its aircraft serve the Collective Rapid Deployment Forces of the Collective Security Treaty Organization."
        ],
    )
    assert [m.key for m in ms if m.type == "ORGANIZATION"] == [
        "Collective Rapid Deployment Forces",
        "Collective Security Treaty Organization",
    ]


def test_bare_organization_referring_back_is_not_an_entity():
    ms = extract("d", ["The Organization's summits began to attract attention."])
    assert ms == []


@pytest.mark.parametrize(
    ("sentence", "surface", "type_", "key"),
    [
        ("Gazprom bought the gas.", "Gazprom", "ORGANIZATION", "Gazprom"),
        (
            "KazMunaiGaz built the pipeline with CNPC.",
            "CNPC",
            "ORGANIZATION",
            "China National Petroleum Corporation",
        ),
        ("The RATS office moved.", "RATS", "ORGANIZATION", "Regional Anti-Terrorist Structure"),
        ("Militants of the IMU crossed the border.", "IMU", "ORGANIZATION", "Islamic Movement of Uzbekistan"),
        ("Russian pilots stayed at Kant for a year.", "Kant", "LOCATION", "Kant air base"),
        ("The plant near Navoi was closed.", "Navoi", "LOCATION", "Navoi"),
        ("Fighting began in the Batken Region.", "Batken Region", "LOCATION", "Batken Region"),
        ("The Zhogorku Kenesh voted.", "Zhogorku Kenesh", "ORGANIZATION", "Zhogorku Kenesh"),
    ],
)
def test_regional_gazetteer_coverage(sentence, surface, type_, key):
    assert (surface, type_, key) in [(m.text, m.type, m.key) for m in extract("d", [sentence])]


# ---------------------------------------------------------------- official records: roles, titled members


@pytest.mark.parametrize(
    ("sentence", "absent"),
    [
        (
            "She reported as the Special Representative on Energy Security to the assembly.",
            "Special Representative on Energy Security",
        ),
        ("The Heads of Delegations met before the vote.", "Heads of Delegations"),
        (
            "The motion was tabled by Ms. Ortega, Combating the Illicit Trade in Small Arms.",
            "Combating the Illicit Trade in Small Arms",
        ),
        ("The Opening Plenary Session began at noon in Vienna.", "Opening Plenary Session"),
    ],
)
def test_roles_and_sittings_are_not_organizations(sentence, absent):
    assert absent not in [m.key for m in extract("d", [sentence]) if m.type == "ORGANIZATION"]


def test_a_standing_committee_stays_a_body():
    ms = extract("d", ["The report of the Standing Committee was adopted by the Assembly."])
    assert "Standing Committee" in [m.key for m in ms if m.type == "ORGANIZATION"]


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("Mr. GARCIA of Texas. Madam Speaker, I rise to report on the trip.", "Garcia"),
        ("They were joined by Representatives Maria Lindqvist and others.", "Maria Lindqvist"),
    ],
)
def test_titled_members_of_official_records_are_people(sentence, name):
    assert name in [m.key for m in extract("d", [sentence]) if m.type == "PERSON"]


@pytest.mark.parametrize(
    ("sentence", "person"),
    [
        # the model leaves out the given name before a two-word surname
        ("The alliance's new chief, Jens Hoop Solberg, is to travel south this spring.", "Jens Hoop Solberg"),
        # initials, then a given name the person goes by, then the surname
        ("The report was read out by the clerk, H. Ross Whitcombe of Ohio.", "H. Ross Whitcombe"),
        # the model splits one long name into two people
        ("The envoy met Prime Minister Syed Yousaf Raza Gillani in Islamabad.", "Syed Yousaf Raza Gillani"),
        # ... but a capitalized word that ends a title or a body's name is no given name
        ("The White House Chief of Staff Robert Halloway resigned.", "Robert Halloway"),
        ("The Special Envoy for Caspian Energy Paul Dressler arrived.", "Paul Dressler"),
    ],
)
def test_a_persons_name_is_kept_whole(sentence, person):
    people = [m.text for m in extract("d", [sentence]) if m.type == "PERSON"]
    assert people == [person]


@pytest.mark.parametrize(
    ("sentence", "places"),
    [
        ("Georgia backs the Tabriz-Erzurum gas pipeline.", ["Tabriz-Erzurum pipeline"]),
        ("Russia may lose the Qabala radar station in 2012.", ["Qabala radar station"]),
        ("The Ruritanian Air Force flies from the Osterby air base.", ["Osterby air base"]),
        # a state's or a people's facility has no name of its own
        ("There is a U.S. air base near the city.", []),
        ("The Russian naval base stays.", []),
    ],
)
def test_a_name_before_a_facility_noun_is_a_place(sentence, places):
    assert [m.key for m in extract("d", [sentence]) if m.type == "LOCATION"] == places


@pytest.mark.parametrize(
    ("sentence", "body"),
    [
        ("In an interview with the BBC aired on Monday, the minister denied it.", "BBC"),
        ("He served in the KGB before entering politics.", "KGB"),
        ("A Levada Center poll found little support for the war.", "Levada Center"),
    ],
)
def test_broadcasters_pollsters_and_services_are_organizations(sentence, body):
    assert body in [m.key for m in extract("d", [sentence]) if m.type == "ORGANIZATION"]


@pytest.mark.parametrize(
    ("sentence", "body"),
    [
        (
            "She chairs the Standing Committee on Trade, Industry and Labour Questions.",
            "Standing Committee on Trade, Industry and Labour Questions",
        ),
        (
            "The Senate Armed Services Committee on Tuesday approved the bill.",
            "Senate Armed Services Committee",
        ),
        # a comma that opens no list ends the name
        ("The Commission on Energy, Brussels said, will meet.", "Commission on Energy"),
    ],
)
def test_a_body_named_head_first_keeps_its_subjects(sentence, body):
    assert body in [m.key for m in extract("d", [sentence]) if m.type == "ORGANIZATION"]


def test_the_surname_of_a_person_named_in_full_is_that_person_again():
    ms = extract(
        "d",
        [
            "Prime Minister Arman Velikyan spoke in Yerevan.",
            "On 28 February Velikyan stated that the country had frozen its participation.",
        ],
    )
    people = [(m.text, m.sentence_id) for m in ms if m.type == "PERSON"]
    assert people == [("Arman Velikyan", "d:s0000"), ("Velikyan", "d:s0001")]
