"""Classes of phrasing an unseen text will have for its agreements and their parties: deals brokered,
extended or renewed; instrument nouns the tagger took for verbs; instruments states are said to have;
capitals standing for their states; programs of a known owner. Sentences of our own, the real model."""

from __future__ import annotations

import pytest

from pipelines.extract.agreements import extract_agreements
from tests.unit.extract.fact_inputs import build_inputs

STATES = [
    "Ruritania",
    "Osterland",
    "Russia",
    "Georgia",
    "Ukraine",
    "Moldova",
    "France",
    "Norway",
    "Sudan",
    "Chad",
    "Armenia",
    "Azerbaijan",
    "Mongolia",
    "China",
    "Poland",
    "Lithuania",
    "Kazakhstan",
    "Turkey",
]
ENTS = [(n, "COUNTRY", n) for n in STATES] + [
    ("Russian", "COUNTRY", "Russia"),
    ("United States", "COUNTRY", "United States"),
    ("NATO", "ORGANIZATION", "NATO"),
]
CAPITALS = {
    "Moscow": "Russia",
    "Tbilisi": "Georgia",
    "Kiev": "Ukraine",
    "Beijing": "China",
    "Astana": "Kazakhstan",
}
ENTS += [(city, "LOCATION", city) for city in CAPITALS]
REFERS = {city: f"COUNTRY:{state}" for city, state in CAPITALS.items()}
DATES = [(str(y), str(y), "year") for y in range(1990, 2050)] + [
    ("August 2008", "2008-08", "month"),
    ("May 2015", "2015-05", "month"),
]


def run(nlp, paragraph):
    doc, sdocs, entities, mentions, dms = build_inputs("d1", [paragraph], ENTS, DATES, nlp, refers=REFERS)
    return extract_agreements([doc], {"d1": sdocs}, entities, mentions, dms)


def found(tables, name):
    hits = [a for a in tables.agreements if a.name == name]
    assert hits, [a.name for a in tables.agreements]
    who = {
        p.entity_id.split(":", 1)[1]
        for p in tables.agreement_parties
        if p.agreement_id == hits[0].agreement_id
    }
    return hits[0], who


@pytest.mark.parametrize(
    "paragraph, name, who, date",
    [
        # a go-between's deal: the mediator is no party, the sides are
        (
            "In August 2008 France brokered a ceasefire between Russia and Georgia.",
            "ceasefire between Russia and Georgia",
            {"Russia", "Georgia"},
            "2008-08",
        ),
        (
            "The ceasefire between Ruritania and Osterland was brokered by Turkey in 2001.",
            "ceasefire between Ruritania and Osterland",
            {"Ruritania", "Osterland"},
            "2001",
        ),
        (
            "Norway mediated a truce between Sudan and Chad in 2006.",
            "truce between Sudan and Chad",
            {"Sudan", "Chad"},
            "2006",
        ),
    ],
)
def test_brokered_deals_bind_the_sides_not_the_mediator(nlp, paragraph, name, who, date):
    a, parties = found(run(nlp, paragraph), name)
    assert (a.kind, a.date_value, a.action) == ("agreement", date, "signed")
    assert parties == who


@pytest.mark.parametrize(
    "paragraph, renewal, renewed, who, date",
    [
        # the renewal is a deal of its own, dated by its verb ('until' gives when it ends); the renewed
        # instrument keeps its own date, here none
        (
            "In 2010 Russia and Ukraine extended the base lease until 2042.",
            "extension of base lease",
            "base lease",
            {"Russia", "Ukraine"},
            "2010",
        ),
        (
            "In 2009 Moldova and Ukraine renewed their transit agreement.",
            "renewal of their transit agreement",
            "transit agreement",
            {"Moldova", "Ukraine"},
            "2009",
        ),
        (
            "The border treaty between Ruritania and Osterland was prolonged in 2015.",
            "prolongation of border treaty between Ruritania and Osterland",
            "border treaty between Ruritania and Osterland",
            {"Ruritania", "Osterland"},
            "2015",
        ),
        # agreeing to renew: the consent is the deal, the contract one of its own
        (
            "Russia and Ukraine agreed to renew the gas contract in 2009.",
            "agreement to renew the gas contract in 2009",
            "gas contract",
            {"Russia", "Ukraine"},
            "2009",
        ),
    ],
)
def test_a_renewal_is_a_deal_of_its_own(nlp, paragraph, renewal, renewed, who, date):
    t = run(nlp, paragraph)
    deal, deal_parties = found(t, renewal)
    instrument, parties = found(t, renewed)
    assert (deal.date_value, deal_parties, instrument.date_value, parties) == (date, who, None, who)


def test_a_later_renewal_leaves_the_date_of_the_instrument_it_renews(nlp):
    t = run(nlp, "Ruritania leased the port to Osterland in 1999. In 2011 the lease was renewed until 2049.")
    a, parties = found(t, "lease of port to Osterland")
    assert (a.date_value, parties) == ("1999", {"Ruritania", "Osterland"})
    assert found(t, "renewal of lease")[0].date_value == "2011"


@pytest.mark.parametrize(
    "paragraph, name, who, date",
    [
        # 'the ceasefire (subject) deal (verb)': the noun its position makes it
        ("In 2011 Sudan and Chad signed the ceasefire deal.", "ceasefire deal", {"Sudan", "Chad"}, "2011"),
        # 'a ceasefire' and 'deal' parsed as two objects, the time hung on the second
        (
            "Armenia and Azerbaijan signed a ceasefire deal in May 2015.",
            "ceasefire deal",
            {"Armenia", "Azerbaijan"},
            "2015-05",
        ),
        ("Sudan and Chad approved the ceasefire deal in 2011.", "ceasefire deal", {"Sudan", "Chad"}, "2011"),
        # 'In [2010 Norway and Russia] signed': the subject swallowed by the opening time phrase
        ("In 2010 Norway and Russia signed the fishing deal.", "fishing deal", {"Norway", "Russia"}, "2010"),
        (
            "In 2012 Mongolia and China concluded the mining deal.",
            "mining deal",
            {"Mongolia", "China"},
            "2012",
        ),
    ],
)
def test_instrument_nouns_and_subjects_the_parse_got_wrong(nlp, paragraph, name, who, date):
    a, parties = found(run(nlp, paragraph), name)
    assert (a.kind, a.date_value) == ("agreement", date)
    assert parties == who


@pytest.mark.parametrize(
    "paragraph, name, who",
    [
        (
            "Poland and Lithuania have a defense cooperation agreement.",
            "defense cooperation agreement",
            {"Poland", "Lithuania"},
        ),
        (
            "Kazakhstan has a status-of-forces agreement with the United States.",
            "status-of-forces agreement with the United States",
            {"Kazakhstan", "United States"},
        ),
        (
            "Mongolia holds an air transit agreement with Russia.",
            "air transit agreement with Russia",
            {"Mongolia", "Russia"},
        ),
    ],
)
def test_an_instrument_states_have_exists_and_binds_them(nlp, paragraph, name, who):
    assert found(run(nlp, paragraph), name)[1] == who


@pytest.mark.parametrize(
    "paragraph, name, who",
    [
        (
            "In 2008 talks between Moscow and Tbilisi produced an accord.",
            "Russia-Georgia accord",
            {"Russia", "Georgia"},
        ),
        (
            "An agreement between Moscow and Kiev was signed in 2010.",
            "agreement between Moscow and Kiev",
            {"Russia", "Ukraine"},
        ),
        (
            "Negotiations between Beijing and Astana yielded a border treaty in 1994.",
            "border treaty",
            {"China", "Kazakhstan"},
        ),
        # a city in the name is where it was signed, no party
        ("The Astana Declaration was adopted by Russia in 2010.", "Astana Declaration", {"Russia"}),
    ],
)
def test_capitals_after_between_stand_for_their_states(nlp, paragraph, name, who):
    assert found(run(nlp, paragraph), name)[1] == who


@pytest.mark.parametrize(
    "paragraph, name, who",
    [
        (
            "Kazakhstan joined the Partnership for Peace in 1994. NATO welcomed the step.",
            "Partnership for Peace",
            {"Kazakhstan", "NATO"},
        ),
        (
            "Moldova signed the Individual Partnership Action Plan in 2006, NATO said.",
            "Individual Partnership Action Plan",
            {"Moldova", "NATO"},
        ),
        # an owner the document never names is not added
        ("Ruritania joined the Partnership for Peace in 1994.", "Partnership for Peace", {"Ruritania"}),
    ],
)
def test_a_known_program_binds_its_owner(nlp, paragraph, name, who):
    assert found(run(nlp, paragraph), name)[1] == who


@pytest.mark.parametrize(
    "paragraph",
    [
        "The two governments deal with the border issue in 2004.",
        "In 2004 the donors helped the country deal with its debts.",
        "In 2003 Ruritania refused to sign the border treaty with Osterland.",
        "In 2005 Osterland failed to ratify the water treaty with Ruritania.",
        "In 2001 Ruritania did not extend the port lease with Osterland.",
        "Russia has an agreement.",
    ],
)
def test_no_instrument_from_a_verb_or_an_action_that_did_not_happen(nlp, paragraph):
    assert [a.name for a in run(nlp, paragraph).agreements] == []


@pytest.mark.parametrize(
    "paragraph, name, who",
    [
        (
            "In 2004 the Russian defense minister visited Astana, and the two ministries signed an agreement on air"
            " defense.",
            "agreement on air defense",
            {"Russia", "Kazakhstan"},
        ),
        (
            "Ruritania offered Osterland the use of its port. In 2009 the two countries signed a basing agreement.",
            "basing agreement",
            {"Ruritania", "Osterland"},
        ),
        (
            "The leaders of China, Russia and Kazakhstan met in 1996. A year later the same three leaders signed a"
            " border treaty.",
            "border treaty",
            {"China", "Russia", "Kazakhstan"},
        ),
        (
            "In 2001 Armenia and Georgia held talks; both sides signed a transit accord.",
            "transit accord",
            {"Armenia", "Georgia"},
        ),
        # three states named, two counted: no guess; an uncounted 'two countries' are not those named
        (
            "Poland, Lithuania and Ukraine met in 2005. The two sides signed a trade accord.",
            "trade accord",
            set(),
        ),
        (
            "Poland and Lithuania met in 2005. Two countries signed a fishing accord in 2006.",
            "fishing accord",
            set(),
        ),
    ],
)
def test_a_subject_that_counts_the_parties_is_the_states_named_just_before(nlp, paragraph, name, who):
    assert found(run(nlp, paragraph), name)[1] == who


@pytest.mark.parametrize(
    "paragraph, name, who",
    [
        (
            "Ruritania suspended its membership in the Collective Security Treaty in 2012.",
            "Collective Security Treaty",
            {"Ruritania"},
        ),
        (
            "Osterland did not extend its participation in the Warsaw Pact when it came up in 1985.",
            "Warsaw Pact",
            {"Osterland"},
        ),
        # another's or their participation is not the subject's
        (
            "Russia opposed Georgia's participation in the Partnership for Peace.",
            "Partnership for Peace",
            {"Georgia"},
        ),
        ("Russia opposed their participation in the Partnership for Peace.", "Partnership for Peace", set()),
    ],
)
def test_its_own_participation_in_an_instrument_makes_the_subject_a_participant(nlp, paragraph, name, who):
    assert found(run(nlp, paragraph), name)[1] == who


@pytest.mark.parametrize(
    "paragraph, name, who",
    [
        ("Georgia pulled out of the customs treaty in 2008.", "customs treaty", {"Georgia"}),
        (
            "Russia withdrew from the border treaty with Ruritania in 2012.",
            "border treaty with Ruritania",
            {"Russia", "Ruritania"},
        ),
        (
            "In 2019 the United States abandoned the missile treaty with Russia.",
            "missile treaty with Russia",
            {"United States", "Russia"},
        ),
    ],
)
def test_who_leaves_an_instrument_was_its_party_and_the_date_is_not_its_own(nlp, paragraph, name, who):
    a, parties = found(run(nlp, paragraph), name)
    assert (parties, a.date_value) == (who, None)


@pytest.mark.parametrize(
    "paragraph, name, who",
    [
        (
            "Ukraine and Russia concluded the Kharkiv Accords in 2010.",
            "Kharkiv Accords",
            {"Ukraine", "Russia"},
        ),
        (
            "In 2015 Russia, Ukraine and France signed the Minsk Agreements.",
            "Minsk Agreements",
            {"Russia", "Ukraine", "France"},
        ),
        ("Norway ratified the Geneva Conventions in 1951.", "Geneva Conventions", {"Norway"}),
    ],
)
def test_a_definite_plural_name_is_one_set_of_instruments(nlp, paragraph, name, who):
    assert found(run(nlp, paragraph), name)[1] == who


def test_a_plural_name_of_plans_states_have_each_is_a_class(nlp):
    t = run(nlp, "Armenia and Azerbaijan have NATO Individual Partnership Action Plans.")
    assert [a.name for a in t.agreements] == []


@pytest.mark.parametrize(
    "paragraph, name, who, action",
    [
        (
            "Ruritania signed up to the Partnership for Peace in 1994.",
            "Partnership for Peace",
            {"Ruritania"},
            "signed",
        ),
        (
            "Osterland signed on to the Partnership for Peace in 1995.",
            "Partnership for Peace",
            {"Osterland"},
            "signed",
        ),
        # a verb with an object of its own does not act on the instrument after 'to'
        (
            "Ruritania signed the letter to the Border Treaty commission in 2001.",
            "Border Treaty",
            set(),
            None,
        ),
    ],
)
def test_signing_up_to_an_instrument(nlp, paragraph, name, who, action):
    a, parties = found(run(nlp, paragraph), name)
    assert (parties, a.action) == (who, action)


@pytest.mark.parametrize(
    "paragraph, name",
    [
        # a clause that only tells what the instrument says ("saying that ...") is no part of its name
        (
            "The foreign ministers of Poland and Lithuania issued a joint statement in 2004 saying the border "
            "would stay open.",
            "joint statement",
        ),
        (
            "Russia and China adopted a declaration stating that the region needs no foreign bases.",
            "Russia-China declaration",
        ),
        # a clause with its own object still describes it
        (
            "In 2010 Armenia and Azerbaijan signed a declaration establishing a joint commission.",
            "declaration establishing a joint commission",
        ),
    ],
)
def test_a_clause_of_told_speech_is_no_part_of_the_name(nlp, paragraph, name):
    a, _ = found(run(nlp, paragraph), name)
    assert a.kind in ("statement", "declaration")


@pytest.mark.parametrize(
    "paragraph, name, date",
    [
        # a numbered instrument is named by its number, with or without its body's prefix
        ("In 1999 the council adopted Resolution 1244 on the province.", "Resolution 1244", "1999"),
        (
            "Moscow wants U.N. Resolution 242 implemented, Ruritania said in 2004.",
            "U.N. Resolution 242",
            None,
        ),
        # a year after the name is its date, not its number
        ("Chad and Sudan signed the Tripoli Agreement 2006.", "Tripoli Agreement", "2006"),
    ],
)
def test_a_numbered_instrument_keeps_its_number(nlp, paragraph, name, date):
    a, _ = found(run(nlp, paragraph), name)
    assert a.kind in ("resolution", "agreement")
    assert date is None or a.date_value == date


@pytest.mark.parametrize(
    "paragraph, name, who",
    [
        # whom the signer acts for is the party, before or after the verb
        (
            "In 2001, on behalf of the United States, the secretary of state signed the Washington Treaty.",
            "Washington Treaty",
            {"United States"},
        ),
        (
            "The Treaty of Kars was signed on behalf of Turkey by its foreign minister in 1921.",
            "Treaty of Kars",
            {"Turkey"},
        ),
    ],
)
def test_who_a_signer_acts_for_is_the_party(nlp, paragraph, name, who):
    a, parties = found(run(nlp, paragraph), name)
    assert a.action == "signed"
    assert parties == who


BODIES = [
    ("Parliamentary Assembly", "ORGANIZATION", "Parliamentary Assembly"),
    ("Security Council", "ORGANIZATION", "Security Council"),
    ("Senator Vance", "PERSON", "Ann Vance"),
]


def run_with(nlp, paragraph, extra):
    doc, sdocs, entities, mentions, dms = build_inputs(
        "d1", [paragraph], ENTS + extra, DATES, nlp, refers=REFERS
    )
    return extract_agreements([doc], {"d1": sdocs}, entities, mentions, dms)


@pytest.mark.parametrize(
    "paragraph, name, who",
    [
        # adopted with no adopter named, in a record of the body's session: the body's
        (
            "The Parliamentary Assembly met in Osterby in 2010. Delegates tabled the resolution Condemning "
            "Piracy in the Northern Straits, by Senator Vance. It was adopted on the last day. The "
            "Parliamentary Assembly then closed its session.",
            "Resolution Condemning Piracy in the Northern Straits",
            {"Ann Vance", "Parliamentary Assembly"},
        ),
        # a resolution whose adopter the sentence names keeps it alone
        (
            "The Parliamentary Assembly met in 2010 and the Parliamentary Assembly debated Chad. In 2011 "
            "Norway passed Resolution 17 on fisheries.",
            "Resolution 17",
            {"Norway"},
        ),
        # a body the text names once is no body the text is about
        (
            "Senator Vance spoke at the Security Council. Her resolution Urging Restraint in the Border "
            "Dispute was adopted in 2012.",
            "Resolution Urging Restraint in the Border Dispute",
            set(),
        ),
    ],
)
def test_a_resolution_with_no_party_named_is_the_deliberative_bodys(nlp, paragraph, name, who):
    a, parties = found(run_with(nlp, paragraph, BODIES), name)
    assert a.kind == "resolution"
    assert parties == who


@pytest.mark.parametrize(
    "paragraph, name, who",
    [
        # what an instrument is about is no party of it
        (
            "In 2011 the Security Council adopted a resolution on Chad.",
            "resolution on Chad",
            {"Security Council": "party"},
        ),
        (
            "The assembly approved a declaration on Georgia and Moldova in 2009.",
            "declaration on Georgia and Moldova",
            {},
        ),
        # ... but a name under 'with' or 'between' there is
        (
            "In 2009 Norway signed an agreement on fisheries with Russia.",
            "agreement on fisheries with Russia",
            {"Norway": "party", "Russia": "party"},
        ),
        (
            "In 2004 Kazakhstan signed an agreement on the transit of goods between Turkey and China.",
            "agreement on the transit of goods between Turkey and China",
            {"Kazakhstan": "party", "Turkey": "party", "China": "party"},
        ),
        # a name deeper inside the complement may be a party
        (
            "An agreement on the Russian military base in Armenia was signed in 2010.",
            "agreement on the Russian military base in Armenia",
            {"Russia": "party", "Armenia": "party"},
        ),
        # participles on the instrument: who put it forward sponsors it, who adopted it after is a party
        (
            "The resolution on Sudan, sponsored by France and adopted by the Security Council in 2011, "
            "demanded a ceasefire.",
            "resolution on Sudan",
            {"France": "sponsor", "Security Council": "party"},
        ),
        (
            "A declaration on fisheries, drafted by Norway and signed by Russia in 2014, ended the dispute.",
            "declaration on fisheries",
            {"Norway": "sponsor", "Russia": "party"},
        ),
    ],
)
def test_topics_are_no_parties_and_participles_tell_sponsors_and_adopters(nlp, paragraph, name, who):
    t = run_with(nlp, paragraph, BODIES)
    a, _ = found(t, name)
    roles = {
        p.entity_id.split(":", 1)[1]: p.role for p in t.agreement_parties if p.agreement_id == a.agreement_id
    }
    assert roles == who


@pytest.mark.parametrize(
    "paragraph, name, who, date",
    [
        # a bare instrument noun agreed to or signed is named by its parties, never by the noun alone
        ("Sudan and Chad agreed to a truce in 2010.", "Sudan-Chad truce", {"Sudan", "Chad"}, "2010"),
        ("Norway and Russia signed a treaty in 2010.", "Norway-Russia treaty", {"Norway", "Russia"}, "2010"),
        # states said to be its signatories or parties
        (
            "The signatories of the Dunmore Accord include Ruritania, Osterland and Poland.",
            "Dunmore Accord",
            {"Ruritania", "Osterland", "Poland"},
            None,
        ),
        (
            "The parties to the Narva Pact are Lithuania and Poland.",
            "Narva Pact",
            {"Lithuania", "Poland"},
            None,
        ),
        # a participle without a subject of its own has that of the verb it hangs on
        (
            "Ruritania and Osterland signed the Varn Accord in 2011, extending the lease of the harbour.",
            "extension of lease of the harbour",
            {"Ruritania", "Osterland"},
            "2011",
        ),
        # a clause describing the signers names no signer; the names set beside it do
        (
            "In 1993, four states belonging to the Northern Council — Norway, Poland, Lithuania and "
            "Ruritania — signed the Baltic Fisheries Convention.",
            "Baltic Fisheries Convention",
            {"Norway", "Poland", "Lithuania", "Ruritania"},
            "1993",
        ),
    ],
)
def test_parties_name_a_bare_instrument_and_only_the_signers_sign(nlp, paragraph, name, who, date):
    extra = [("Northern Council", "ORGANIZATION", "Northern Council")]
    a, parties = found(run_with(nlp, paragraph, extra), name)
    assert parties == who
    assert a.date_value == date


def test_a_charter_binds_the_members_of_its_organization_not_the_organization(nlp):
    extra = [("Steppe Union", "ORGANIZATION", "Steppe Union")]
    t = run_with(
        nlp,
        "The Steppe Union is an alliance consisting of four states: Mongolia, China, Kazakhstan and Russia. "
        "The Steppe Union charter was signed in 2004.",
        extra,
    )
    a, parties = found(t, "Steppe Union charter")
    assert (a.kind, a.date_value, parties) == (
        "charter",
        "2004",
        {"Mongolia", "China", "Kazakhstan", "Russia"},
    )


@pytest.mark.parametrize(
    "paragraph, name, who",
    [
        # 'their' instrument is its clause's coordinated subject's
        (
            "In their joint statement issued in 2010, Norway and Russia called for restraint.",
            "joint statement",
            {"Norway", "Russia"},
        ),
        (
            "In 2012 Poland and Lithuania published their energy accord.",
            "energy accord",
            {"Poland", "Lithuania"},
        ),
        # ... not a single subject's: 'their' is someone else
        ("Russia rejected their ceasefire agreement in 2014.", "ceasefire agreement", set()),
        # a state organ the text names by a common noun acts for the state of its canonical name
        (
            "In 2006 a Senate subcommittee endorsed a Steppe Democracy Act.",
            "Steppe Democracy Act",
            {"Ruritania", "Ruritania Senate"},
        ),
    ],
)
def test_their_instrument_and_a_state_organ_known_by_its_canonical_name(nlp, paragraph, name, who):
    extra = [("Senate subcommittee", "ORGANIZATION", "Ruritania Senate")]
    assert found(run_with(nlp, paragraph, extra), name)[1] == who


def test_a_name_given_in_apposition_is_known_in_the_later_sentences(nlp):
    """'a related initiative, the Harbour Watch project': found by the second pass, the name is then
    known in the rest of the document, where who prepares it sponsors it."""
    extra = [("Northern Command", "ORGANIZATION", "Northern Command")]
    t = run_with(
        nlp,
        "In 2003 Ruritania launched a related initiative, the Harbour Watch project. "
        "The Northern Command was elaborating plans for the Harbour Watch.",
        extra,
    )
    a, parties = found(t, "Harbour Watch")
    assert (a.date_value, parties) == ("2003", {"Ruritania", "Northern Command"})
    assert len([m for m in t.agreement_mentions if m.agreement_id == a.agreement_id]) == 2


@pytest.mark.parametrize(
    "paragraph, name, who",
    [
        ("In 2009 Norway was drafting the text of the Arctic Accord.", "Arctic Accord", {"Norway"}),
        ("Poland prepared a blueprint for the Vistula Pact in 2001.", "Vistula Pact", {"Poland"}),
    ],
)
def test_who_prepares_an_instrument_sponsors_it(nlp, paragraph, name, who):
    a, _ = found(run(nlp, paragraph), name)
    t = run(nlp, paragraph)
    roles = {
        p.entity_id.split(":", 1)[1]: p.role for p in t.agreement_parties if p.agreement_id == a.agreement_id
    }
    assert roles == {w: "sponsor" for w in who}


def test_what_a_text_says_under_an_alias_is_said_of_the_instrument(nlp):
    """'the Dunmore Treaty (also referred to as the Varn Pact)': what the text then says of 'the treaty'
    after the alias, and of the instrument under its name, is one record (the states that acceded are
    among the states that renewed it, less those left out)."""
    t = run(
        nlp,
        "The Dunmore Treaty of 1995 bound Ruritania and Osterland. In 1996, Norway, Poland and Lithuania signed "
        "the Dunmore Treaty (also referred to as the Varn Pact or Varn Treaty). Turkey and Chad acceded in "
        "1997 and the treaty took effect in 1998. In 2003, all but Chad and Norway agreed to renew the treaty.",
    )
    _deal, parties = found(t, "agreement to renew the treaty")
    assert parties == {"Ruritania", "Osterland", "Poland", "Lithuania", "Turkey"}


@pytest.mark.parametrize(
    "paragraph, who",
    [
        # the instrument that bears an organization's name less its head founded it
        (
            "The Baltic Defence Treaty Organization is based in Riga. Article 5 of the Baltic Defence Treaty "
            "is its core.",
            {"Baltic Defence Treaty Organization"},
        ),
        # ... and binds it only where the text names no other party
        (
            "In 1990 Norway and Poland signed the Baltic Defence Treaty. The Baltic Defence Treaty "
            "Organization is based in Riga.",
            {"Norway", "Poland"},
        ),
    ],
)
def test_a_founding_treaty_binds_the_organization_of_its_name(nlp, paragraph, who):
    extra = [("Baltic Defence Treaty Organization", "ORGANIZATION", "Baltic Defence Treaty Organization")]
    assert found(run_with(nlp, paragraph, extra), "Baltic Defence Treaty")[1] == who


@pytest.mark.parametrize(
    "paragraph, name, who",
    [
        # a deal told by its verb is named with the clause its verb takes
        (
            "In 2009 Mongolia agreed to let Chinese trucks cross its territory.",
            "agreement to let Chinese trucks cross its territory",
            {"Mongolia", "China"},
        ),
        (
            "In 2001 Turkey agreed to allow NATO aircraft to use the base.",
            "agreement to allow NATO aircraft to use the base",
            {"Turkey", "NATO"},
        ),
    ],
)
def test_a_deal_is_named_with_the_clause_its_verb_takes(nlp, paragraph, name, who):
    extra = [("Chinese", "COUNTRY", "China")]
    assert found(run_with(nlp, paragraph, extra), name)[1] == who


@pytest.mark.parametrize(
    "paragraph, who",
    [
        # the noun a relative clause hangs off signs, when its pronoun is the signing verb's subject
        ("Norway and Poland, which signed the Oslo Accord in 1993, remain close.", {"Norway", "Poland"}),
        ("Poland, which hosts a NATO base, signed the Oslo Accord in 1993.", {"Poland"}),
        # a fronted participle of the clause whose subject is the instrument
        (
            "Signed in 1993 by Norway and Lithuania, the Oslo Accord remains in force.",
            {"Norway", "Lithuania"},
        ),
        # one of its signatories
        ("Lithuania is one of the signatories of the Oslo Accord.", {"Lithuania"}),
    ],
)
def test_signers_told_by_relative_clauses_participles_and_signatories(nlp, paragraph, who):
    assert found(run(nlp, paragraph), "Oslo Accord")[1] == who


def test_a_company_named_after_its_country_does_not_bind_the_country(nlp):
    extra = [
        ("OOC", "ORGANIZATION", "Osterland Oil Corporation"),
        ("Senate subcommittee", "ORGANIZATION", "Osterland Senate"),
    ]
    t = run_with(
        nlp,
        "In 2006 OOC and Norway signed a supply contract. In 2007 a Senate subcommittee endorsed a Fisheries Act.",
        extra,
    )
    assert found(t, "supply contract")[1] == {"Osterland Oil Corporation", "Norway"}
    assert found(t, "Fisheries Act")[1] == {"Osterland Senate", "Osterland"}


def test_a_bare_noun_whose_clause_names_no_signer_keeps_its_noun(nlp):
    """'a memorandum was signed with X in Y': who signed it the text leaves to its context, so the
    parties found (X, the state of the venue) do not name it."""
    t = run(nlp, "In October 2007 a memorandum was signed with NATO in Astana.")
    assert [a.name for a in t.agreements] == ["memorandum"]


@pytest.mark.parametrize(
    "paragraph, name, kind, who",
    [
        # nouns that head an instrument only inside a capitalized name
        ("In 2002 Norway ratified the Rome Statute.", "Rome Statute", "treaty", {"Norway"}),
        (
            "Poland joined the Wassenaar Arrangement in 1996.",
            "Wassenaar Arrangement",
            "agreement",
            {"Poland"},
        ),
        (
            "Lithuania signed the International Covenant on Fishing Rights in 1999.",
            "International Covenant on Fishing Rights",
            "treaty",
            {"Lithuania"},
        ),
    ],
)
def test_named_only_instrument_nouns(nlp, paragraph, name, kind, who):
    a, parties = found(run(nlp, paragraph), name)
    assert (a.kind, parties) == (kind, who)


def test_a_lower_case_named_only_noun_is_no_instrument(nlp):
    assert (
        run(nlp, "Under a security arrangement agreed in 2004, Norway hosts Polish troops.").agreements == ()
    )


@pytest.mark.parametrize(
    "paragraph, name, who",
    [
        # a signing told with a visit binds the visitor and the host
        (
            "In 2006 the Russian president's visit to Armenia and the signing of a number of bilateral "
            "energy cooperation agreements worried Georgia.",
            "bilateral energy cooperation agreements",
            {"Russia", "Armenia"},
        ),
        (
            "The signing of two fisheries accords during the Norwegian prime minister's visit to Poland in "
            "2004 was welcome.",
            "two fisheries accords",
            {"Norway", "Poland"},
        ),
        (
            "Norway's visit to Poland and the signing of the fisheries accord in 2004 pleased Russia.",
            "fisheries accord",
            {"Norway", "Poland"},
        ),
    ],
)
def test_a_signing_told_with_a_visit_binds_the_visitor_and_the_host(nlp, paragraph, name, who):
    extra = [("Norwegian", "COUNTRY", "Norway")]
    assert found(run_with(nlp, paragraph, extra), name)[1] == who


@pytest.mark.parametrize(
    "paragraph, name, kind",
    [
        # a word that heads a name only when capitalized is, after an instrument noun's preposition, a
        # word of its complement: the name and the kind are the instrument noun's
        (
            "Since 1993 the two states have cooperated within the Statement on Dialogue, Partnership, and "
            "Trust, which Norway signed.",
            "Statement on Dialogue, Partnership, and Trust",
            "statement",
        ),
        (
            "In 2004 Poland and Lithuania signed the Treaty on Strategic Partnership.",
            "Treaty on Strategic Partnership",
            "treaty",
        ),
        # on its own it heads its name
        ("In 1994 Lithuania joined the Partnership for Peace.", "Partnership for Peace", "program"),
    ],
)
def test_a_named_only_noun_in_a_complement_is_no_head(nlp, paragraph, name, kind):
    assert found(run(nlp, paragraph), name)[0].kind == kind


@pytest.mark.parametrize(
    "paragraph, name, who",
    [
        # the body an instrument passed or cleared
        (
            "The resolution on Sudan passed the Security Council in 2008.",
            "resolution on Sudan",
            {"Security Council"},
        ),
        (
            "In 2008 the Fisheries Act cleared the House of Commons.",
            "Fisheries Act",
            {"House of Commons"},
        ),
    ],
)
def test_the_body_an_instrument_passed_is_its_party(nlp, paragraph, name, who):
    extra = [*BODIES, ("House of Commons", "ORGANIZATION", "House of Commons")]
    assert found(run_with(nlp, paragraph, extra), name)[1] == who


def test_a_house_of_commons_is_a_deliberative_body(nlp):
    extra = [("House of Commons", "ORGANIZATION", "House of Commons")]
    t = run_with(
        nlp,
        "The House of Commons met in 2010. The resolution Condemning Piracy in the Straits was adopted. "
        "The House of Commons rose in July.",
        extra,
    )
    assert found(t, "Resolution Condemning Piracy in the Straits")[1] == {"House of Commons"}


def test_a_noun_the_parse_made_the_root_has_no_subject_inside_it(nlp):
    """'A and B have X Plans and C a special Y Program': the parse makes 'Program' the root, with the
    clause's subject on its left; only its own modifiers are inside the mention."""
    t = run(
        nlp,
        "Armenia and Azerbaijan have NATO Individual Partnership Action Plans and Georgia a special, even more "
        "advanced, Annual National Program.",
    )
    assert found(t, "Annual National Program")[1] <= {"Georgia", "NATO"}


@pytest.mark.parametrize(
    "paragraph, name, who",
    [
        # the subject of a signing clause may be persons, as the action verb's own subject may
        (
            "In their joint statement issued in 2010, Presidents Holm and Berg called for restraint.",
            "joint statement",
            {"Erik Holm", "Anna Berg"},
        ),
        (
            "Holm and Berg, who signed the Oslo Accord in 1993, met again in 2003.",
            "Oslo Accord",
            {"Erik Holm", "Anna Berg"},
        ),
    ],
)
def test_signers_told_by_a_signing_clause_may_be_persons(nlp, paragraph, name, who):
    extra = [("Holm", "PERSON", "Erik Holm"), ("Berg", "PERSON", "Anna Berg")]
    assert found(run_with(nlp, paragraph, extra), name)[1] == who


@pytest.mark.parametrize(
    ("paragraph", "names"),
    [
        # an act on an instrument, as a caption or a table cell, names the instrument, not one of its own
        (
            "Ruritania and Osterland signed the Tarnow Accords in 2001. Signing of the Tarnow Accords, 2001",
            ["Tarnow Accords"],
        ),
        (
            "Osterland ratified the Vyborg Protocol in 2003. Signatory of the Vyborg Protocol.",
            ["Vyborg Protocol"],
        ),
        # 'Charter of the X' and 'the X Charter' are one instrument
        (
            "The NATO Charter was signed in 1995. The Charter of the NATO was amended in 2001.",
            ["NATO Charter"],
        ),
        # a common noun that opens the sentence is no word of the name
        (
            "Ruritania signed the Lublin Accords in 1994. Critics of the Lublin Accords were many.",
            ["Lublin Accords"],
        ),
        # a name spelled two ways is one instrument, under the spelling written more often
        (
            "Ruritania and Osterland signed the Pereyaslavl Accords in 1991. The Pereyaslav Accords ended the "
            "union. Ruritania later left the Pereyaslavl Accords.",
            ["Pereyaslavl Accords"],
        ),
        # a declaration of war binds no one
        ("In 2003 Ruritania issued a declaration of war against Osterland.", []),
    ],
)
def test_one_instrument_however_it_is_told(nlp, paragraph, names):
    assert sorted(a.name for a in run(nlp, paragraph).agreements) == names


def test_an_instrument_is_dated_by_its_founding_not_by_a_later_mention(nlp):
    paragraph = (
        "In 2009 NATO officials discussed the Tarnow Cooperation Initiative in Astana. "
        "The Tarnow Cooperation Initiative was formed at the NATO summit in 2004."
    )
    (initiative,) = [a for a in run(nlp, paragraph).agreements if a.name == "Tarnow Cooperation Initiative"]
    assert initiative.date_value == "2004"


@pytest.mark.parametrize(
    "refusal",
    [
        "Ukraine never ratified the Tarnow Charter.",
        "Ukraine has not ratified the Tarnow Charter and therefore is not a member.",
        "Ukraine chose not to ratify the Tarnow Charter.",
    ],
)
def test_who_did_not_act_on_an_instrument_is_no_party(nlp, refusal):
    _charter, who = found(run(nlp, f"Moldova signed the Tarnow Charter in 1993. {refusal}"), "Tarnow Charter")
    assert who == {"Moldova"}


def test_states_a_subject_leaves_out_are_no_parties(nlp):
    paragraph = "All the founding states apart from Ukraine and Moldova ratified the Tarnow Charter in 1994."
    _charter, who = found(run(nlp, paragraph), "Tarnow Charter")
    assert not who & {"Ukraine", "Moldova"}


@pytest.mark.parametrize(
    "paragraph",
    [
        "In 2023 Ukraine withdrew from the Tarnow Agreement on Border Guards and the Lublin Convention.",
        "In 2023 Ukraine withdrew from a number of agreements including the 2001 Tarnow Agreement on Border "
        "Guards, the 1996 Agreement on Fisheries and the Lublin Convention.",
    ],
)
def test_instruments_listed_together_share_who_acted_on_them(nlp, paragraph):
    tables = run(nlp, paragraph)
    for name in ("Tarnow Agreement on Border Guards", "Lublin Convention"):
        assert found(tables, name)[1] == {"Ukraine"}
