"""Tests for pipelines.extract.agreements: hand-built documents, entity and date mentions; one spaCy load."""

from __future__ import annotations

import pytest

from pipelines.extract.agreements import extract_agreements
from tests.unit.extract.fact_inputs import build_inputs

COUNTRIES = [
    ("Uzbekistan", "COUNTRY", "Uzbekistan"),
    ("Russia", "COUNTRY", "Russia"),
    ("Kazakh", "COUNTRY", "Kazakhstan"),
    ("Kazakhstan", "COUNTRY", "Kazakhstan"),
    ("U.S.", "COUNTRY", "United States"),
    ("United States", "COUNTRY", "United States"),
    ("Georgia", "COUNTRY", "Georgia"),
    ("Armenia", "COUNTRY", "Armenia"),
    ("NATO", "ORGANIZATION", "NATO"),
    ("EAPC", "ORGANIZATION", "Euro-Atlantic Partnership Council"),
    ("NATO's Maintenance and Supply Organization", "ORGANIZATION", "NAMSO"),
]


def run(nlp, paragraphs, dates=(), ents=COUNTRIES, doc_id="d1"):
    doc, sdocs, entities, mentions, dms = build_inputs(doc_id, paragraphs, ents, dates, nlp)
    tables = extract_agreements([doc], {doc_id: sdocs}, entities, mentions, dms)
    for m in tables.agreement_mentions:
        assert doc.text[m.start : m.end] == m.text
    return tables


def by_name(tables, name):
    hits = [a for a in tables.agreements if a.name == name]
    assert hits, [a.name for a in tables.agreements]
    return hits[0]


def parties(tables, agreement):
    return {
        p.entity_id.split(":", 1)[1]: p.role
        for p in tables.agreement_parties
        if p.agreement_id == agreement.agreement_id
    }


def mentions(tables, agreement):
    return [m.text for m in tables.agreement_mentions if m.agreement_id == agreement.agreement_id]


def test_named_treaty_with_between_parties_date_and_anaphor(nlp):
    t = run(
        nlp,
        [
            "Tashkent set the course for a rapprochement with Moscow, leading, in particular, to the signing of the "
            "Treaty on Allied Relations between Uzbekistan and Russia in November 2005. The treaty marked the start "
            "of the rapprochement."
        ],
        [("November 2005", "2005-11", "month")],
    )
    a = by_name(t, "Treaty on Allied Relations")
    assert a.agreement_id == "agr:treaty:treaty-on-allied-relations"
    assert (a.kind, a.date_value, a.date_precision, a.action) == ("treaty", "2005-11", "month", "signed")
    assert a.date_id is not None and a.date_id.startswith("d1:d")
    assert parties(t, a) == {"Uzbekistan": "party", "Russia": "party"}
    assert mentions(t, a) == ["Treaty on Allied Relations", "treaty"]


def test_acronym_definition_adoption_date_and_later_acronym(nlp):
    t = run(
        nlp,
        [
            "The sides laid the foundation for joint activities as part of the Individual Partnership Action Plan "
            "(IPAP) between NATO and Kazakhstan.",
            "The main outcome of the visit was the final preparation of the IPAP, which was adopted on 31 January, "
            "2006. The Plan defines priority areas.",
        ],
        [("31 January, 2006", "2006-01-31", "day")],
    )
    a = by_name(t, "Individual Partnership Action Plan")
    assert a.agreement_id == "agr:plan:individual-partnership-action-plan"
    assert "IPAP" in a.aliases
    assert (a.date_value, a.action) == ("2006-01-31", "adopted")
    assert {"NATO", "Kazakhstan"} <= set(parties(t, a))
    assert mentions(t, a).count("IPAP") == 1 and "Plan" in mentions(t, a)


def test_described_plan_with_parenthesized_date_and_such_a_document(nlp):
    t = run(
        nlp,
        [
            "The signing of a five-year military cooperation plan (in 2003) became the most important event in "
            "Kazakh-U.S. relations. Kazakhstan became the only country to have signed such a document with the "
            "United States. The five-year plan laid the groundwork for cooperation."
        ],
        [("2003", "2003", "year")],
    )
    a = by_name(t, "five-year military cooperation plan")
    assert (a.kind, a.date_value, a.action) == ("plan", "2003", "signed")
    assert a.agreement_id.startswith("agr:plan:five-year-military-cooperation-plan:")
    assert {"Kazakhstan", "United States"} <= set(parties(t, a))
    assert len(mentions(t, a)) == 3


def test_program_with_lowercase_suffix_acronym_and_listed_programs(nlp):
    t = run(
        nlp,
        [
            "Kazakhstan cooperates with NATO within the framework of the Partnership for Peace program. "
            "Kazakhstan is also involved in the EAPC's Planning and Review Process program (PARP) that aims to "
            "assist military reform. There are three stages of cooperation under the PARP program.",
            "The U.S. launched two programs in Kazakhstan—Foreign Military Financing and International Military "
            "Education and Training. Over 250 officers have been trained under the IMET program.",
        ],
    )
    pfp = by_name(t, "Partnership for Peace")
    assert pfp.kind == "program" and mentions(t, pfp) == ["Partnership for Peace program"]
    assert {"NATO", "Kazakhstan"} <= set(parties(t, pfp))
    parp = by_name(t, "Planning and Review Process")
    assert "PARP" in parp.aliases and "PARP program" in mentions(t, parp)
    assert parties(t, parp).get("Euro-Atlantic Partnership Council") == "sponsor"
    imet = by_name(t, "International Military Education and Training")
    assert "IMET" in imet.aliases and "IMET program" in mentions(t, imet)
    fmf = by_name(t, "Foreign Military Financing")
    assert parties(t, fmf)["United States"] == "sponsor"


def test_signed_agreement_with_organization_and_join(nlp):
    t = run(
        nlp,
        [
            "In July 2003, Kazakhstan and NATO signed an agreement with NATO's Maintenance and Supply Organization "
            "(NAMSO). In 2002, Kazakhstan became the first state in the region to join NATO's Planning and Review "
            "Process."
        ],
        [("July 2003", "2003-07", "month"), ("2002", "2002", "year")],
    )
    a = by_name(t, "agreement with NATO's Maintenance and Supply Organization")
    assert (a.date_value, a.action) == ("2003-07", "signed")
    assert set(parties(t, a)) == {"Kazakhstan", "NATO", "NAMSO"}
    p = by_name(t, "Planning and Review Process")
    assert (p.date_value, p.action) == ("2002", "joined")
    assert parties(t, p) == {"NATO": "sponsor", "Kazakhstan": "participant"}


def test_generic_plurals_and_organizations_are_not_agreements(nlp):
    t = run(
        nlp,
        [
            "The two sides signed a number of bilateral treaties. There are many cooperation programs and "
            "individual partnership plans. Georgia joined the Euro-Atlantic Partnership Council and the North "
            "Atlantic Treaty Organization. Armenia spoke on U.S. initiative."
        ],
    )
    assert t.agreements == ()


def test_one_agreement_across_documents(nlp):
    doc1, s1, e1, m1, d1 = build_inputs(
        "a",
        ["In 1994, the Partnership for Peace Program appeared."],
        COUNTRIES,
        [("1994", "1994", "year")],
        nlp,
    )
    doc2, s2, e2, m2, d2 = build_inputs(
        "b", ["Kazakhstan joined the Partnership for Peace program with NATO."], COUNTRIES, (), nlp
    )
    ents = list({e.entity_id: e for e in e1 + e2}.values())
    t = extract_agreements([doc1, doc2], {"a": s1, "b": s2}, ents, m1 + m2, d1 + d2)
    assert len(t.agreements) == 1
    a = t.agreements[0]
    assert (a.name, a.n_documents, a.date_value, a.action) == ("Partnership for Peace", 2, "1994", "launched")
    assert {m.doc_id for m in t.agreement_mentions} == {"a", "b"}


def test_its_framework_document_inherits_the_program_sponsor(nlp):
    t = run(
        nlp,
        [
            "NATO launched the Partnership for Peace Program; in May of the same year, Kazakhstan signed its "
            "Framework Document to become its 19th participant."
        ],
        [("May of the same year", "1994-05", "month")],
    )
    fd = by_name(t, "Partnership for Peace Framework Document")
    assert "Framework Document" in fd.aliases
    assert (fd.kind, fd.date_value, fd.action) == ("document", "1994-05", "signed")
    assert {"Kazakhstan", "NATO"} <= set(parties(t, fd))


def test_treaty_name_inside_an_organization_name_is_not_a_mention(nlp):
    ents = [*COUNTRIES, ("Collective Security Treaty Organization", "ORGANIZATION", "CSTO")]
    t = run(
        nlp,
        [
            "Uzbekistan signed the Collective Security Treaty in May 1992.",
            "Later the Collective Security Treaty Organization held its summit in Minsk.",
        ],
        [("May 1992", "1992-05", "month")],
        ents=ents,
    )
    a = by_name(t, "Collective Security Treaty")
    assert mentions(t, a) == ["Collective Security Treaty"]
    assert len(t.agreements) == 1


def test_article_inside_a_name_and_of_complement_of_a_described_instrument(nlp):
    t = run(
        nlp,
        [
            "In September 2006, Kazakhstan and Uzbekistan signed the Treaty on a Nuclear-Weapon-Free Zone in "
            "Central Asia. The Kazakh and Russian presidents signed a declaration of eternal friendship in 1998. "
            "In October 2007, Russia and Armenia signed a memorandum of understanding in Dushanbe."
        ],
        [
            ("September 2006", "2006-09", "month"),
            ("1998", "1998", "year"),
            ("October 2007", "2007-10", "month"),
        ],
    )
    treaty = by_name(t, "Treaty on a Nuclear-Weapon-Free Zone")
    assert (treaty.kind, treaty.date_value, treaty.action) == ("treaty", "2006-09", "signed")
    assert parties(t, treaty) == {"Kazakhstan": "party", "Uzbekistan": "party"}
    assert by_name(t, "declaration of eternal friendship").date_value == "1998"
    memorandum = by_name(t, "memorandum of understanding")  # not "... in Dushanbe", where it was signed
    assert parties(t, memorandum) == {"Russia": "party", "Armenia": "party"}


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("Ruritania has an Annual National Program with NATO.", "Annual National Program"),
        ("Ruritania runs a Special Defence Program with NATO.", "Special Defence Program"),
        ("Armenia joined the Partnership for Peace Program in 1994.", "Partnership for Peace"),
    ],
)
def test_program_keeps_its_head_unless_the_name_has_its_own_complement(nlp, sentence, name):
    """'Program' is dropped only after a name with a complement ('X for Y'); otherwise it is the head."""
    t = run(nlp, [sentence])
    assert name in [a.name for a in t.agreements]


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        (
            "Critics urged the repeal of the Lisbon Protocol, and Armenia's exit from the union.",
            "Lisbon Protocol",
        ),
        ("Ruritania left the Warsaw Pact and NATO welcomed the move.", "Warsaw Pact"),
        ("The Helsinki Accord, the Kyiv Charter and other texts were discussed.", "Helsinki Accord"),
    ],
)
def test_a_named_instrument_ends_before_a_coordinated_phrase(nlp, sentence, name):
    """The head noun followed by ', and ...' or 'and ...' ends the name there, instead of the name being lost."""
    t = run(nlp, [sentence])
    assert name in [a.name for a in t.agreements]


NEW_PLACES = [
    ("Ruritania", "COUNTRY", "Ruritania"),
    ("Osterland", "COUNTRY", "Osterland"),
    ("Russian", "COUNTRY", "Russia"),
    ("Nordic Union", "ORGANIZATION", "Nordic Union"),
    ("Acme Corp.", "ORGANIZATION", "Acme Corp."),
    ("Jones", "PERSON", "Ann Jones"),
    ("Brown", "PERSON", "Tom Brown"),
    ("Vilnius", "LOCATION", "Vilnius"),
]


def test_titled_resolutions_in_a_list_with_their_sponsors(nlp):
    """A list of titles after 'resolutions ...:' and a title after 'resolution': each is an instrument
    named by its title; the person after 'by' sponsors it; the places inside a title are its topic."""
    t = run(
        nlp,
        [
            "Three of the draft items were resolutions tabled by members of our delegation: Promoting Safety "
            "in Civil Aviation, by Senator Jones; Condemning the Seizure of Fishing Vessels by Representative Brown; and "
            "my own resolution Supporting Free Elections in Osterland. All were adopted."
        ],
        ents=NEW_PLACES,
    )
    expected = {
        "Resolution Promoting Safety in Civil Aviation": {"Ann Jones": "sponsor"},
        "Resolution Condemning the Seizure of Fishing Vessels": {"Tom Brown": "sponsor"},
        "Resolution Supporting Free Elections in Osterland": {},
    }
    for name, who in expected.items():
        assert parties(t, by_name(t, name)) == who


@pytest.mark.parametrize(
    ("sentence", "dates", "name", "who", "date"),
    [
        (
            "On 3 March 2011, Ruritania and Osterland agreed to extend the lease of the naval base for ten years.",
            [("3 March 2011", "2011-03-03", "day")],
            "agreement to extend the lease of the naval base for ten years",
            {"Ruritania", "Osterland"},
            "2011-03-03",
        ),
        (
            "In May 2004, the Nordic Union members agreed to a joint air patrol of the region.",
            [("May 2004", "2004-05", "month")],
            "agreement on joint air patrol of the region",
            {"Nordic Union"},
            "2004-05",
        ),
        (
            "The trader Acme Corp., which sold its refineries in Ruritania to a Russian state company, left.",
            [],
            "sale of its refineries in Ruritania to Russian state company",
            {"Acme Corp.", "Russia"},
            None,
        ),
        (
            "Osterland, which agreed to house Russian troops, was criticised.",
            [],
            "agreement to house Russian troops",
            {"Osterland", "Russia"},
            None,
        ),
    ],
)
def test_implicit_deals_told_by_their_verb(nlp, sentence, dates, name, who, date):
    """'X agreed to <deal verb> ...', 'X agreed to a <noun>', 'X sold Y to Z': an agreement of kind
    `agreement` named from what was agreed, with the subject (and recipient) as parties."""
    t = run(nlp, [sentence], dates, ents=NEW_PLACES)
    a = by_name(t, name)
    assert (a.kind, a.date_value) == ("agreement", date)
    assert set(parties(t, a)) == who


@pytest.mark.parametrize(
    "sentence",
    [
        "The ministers of Ruritania and Osterland agreed to meet again in June 2005.",
        "In 2003 Ruritania was unable to agree to extend the lease of the base.",
        "In 2003 Osterland did not agree to host the base.",
        "Ruritania decided to sell its refineries to Osterland in 2003.",
        "In 2003 Ruritania and Osterland agreed to talks on the border.",
    ],
)
def test_no_deal_without_a_deal_verb_or_when_negated(nlp, sentence):
    t = run(nlp, [sentence], [("June 2005", "2005-06", "month"), ("2003", "2003", "year")], ents=NEW_PLACES)
    assert [a.name for a in t.agreements] == []


def test_a_city_in_the_name_is_no_party(nlp):
    """'the Vilnius Declaration': the capital standing for its state is where it was adopted, not a party."""
    ents = [*NEW_PLACES, ("Lithuania", "COUNTRY", "Lithuania")]
    text = "Ruritania and Osterland adopted the Vilnius Declaration in 2009."
    doc, sdocs, entities, ments, dms = build_inputs(
        "d1", [text], ents, [("2009", "2009", "year")], nlp, refers={"Vilnius": "COUNTRY:Lithuania"}
    )
    t = extract_agreements([doc], {"d1": sdocs}, entities, ments, dms)
    assert set(parties(t, by_name(t, "Vilnius Declaration"))) == {"Ruritania", "Osterland"}


def test_alias_in_brackets_and_objectless_accession(nlp):
    """'the X Treaty (also referred to as the Y Pact or Y Treaty)': one instrument with two aliases;
    'A and B acceded in 1995 and the treaty took effect': A and B join the treaty of the sentence."""
    t = run(
        nlp,
        [
            "On 2 May 1993, Ruritania and Osterland signed the Treaty on Mutual Defence (also referred to as "
            "the Gdansk Pact or Gdansk Treaty). Georgia and Armenia acceded in 1995 and the treaty took effect "
            "in 1996."
        ],
        [("2 May 1993", "1993-05-02", "day"), ("1995", "1995", "year"), ("1996", "1996", "year")],
        ents=[*NEW_PLACES, *COUNTRIES],
    )
    assert [a.name for a in t.agreements] == ["Treaty on Mutual Defence"]
    a = t.agreements[0]
    assert {"Gdansk Pact", "Gdansk Treaty"} <= set(a.aliases)
    assert set(parties(t, a)) == {"Ruritania", "Osterland", "Georgia", "Armenia"}


def test_adopted_at_a_gathering_of_a_body(nlp):
    """'adopted at the 2004 NATO summit in Istanbul': the body whose gathering it was is a party; the city
    is the venue."""
    ents = [*COUNTRIES, ("Istanbul", "LOCATION", "Istanbul")]
    t = run(
        nlp,
        ["The Baltic Security Initiative was adopted at the 2004 NATO summit in Istanbul."],
        ents=ents,
    )
    assert parties(t, by_name(t, "Baltic Security Initiative")) == {"NATO": "party"}


def test_a_charter_binds_the_members_the_text_lists(nlp):
    """'The Nordic Union is an alliance consisting of three states: A, B and C': the charter of the Nordic
    Union has A, B and C as parties; another instrument of the union does not."""
    t = run(
        nlp,
        [
            "The Nordic Union is an alliance consisting of three states: Ruritania, Osterland and Georgia.",
            "The 2004 Nordic Union charter set out its aims. In May 2006, the Nordic Union signed a "
            "memorandum with Armenia.",
        ],
        [("2004", "2004", "year"), ("May 2006", "2006-05", "month")],
        ents=[*NEW_PLACES, *COUNTRIES],
    )
    charter = next(a for a in t.agreements if a.kind == "charter")
    assert {"Ruritania", "Osterland", "Georgia"} <= set(parties(t, charter))
    memo = next(a for a in t.agreements if a.kind == "memorandum")
    assert set(parties(t, memo)) == {"Nordic Union", "Armenia"}


@pytest.mark.parametrize(
    ("paragraphs", "name", "who"),
    [
        (
            [
                "In 1995 the Ruritanian programme appeared; in June, Osterland signed its Framework Memorandum. "
                "It drew up its Action Document, which listed the priorities. The document was handed to the "
                "NATO Secretary-General in 1996."
            ],
            "Action Document",
            {"Osterland", "NATO"},
        ),
        (  # the subject carried over stands far into its own, longer sentence (it once raised IndexError)
            [
                "In June, after a long and difficult round of talks with all of its many neighbours in the "
                "region, Osterland signed its Framework Memorandum. It drew up its Action Document."
            ],
            "Action Document",
            {"Osterland"},
        ),
        (
            ["In 2011 the union members approved a declaration establishing a Nordic Union patrol force."],
            "declaration establishing a Nordic Union patrol force",
            {"Nordic Union"},
        ),
    ],
)
def test_parties_by_pronoun_handover_and_clause_owner(nlp, paragraphs, name, who):
    """'It drew up its document' (the last actor subject before), 'was handed to the NATO Secretary-General',
    'a declaration establishing a Nordic Union force'."""
    dates = [("1995", "1995", "year"), ("1996", "1996", "year"), ("2011", "2011", "year")]
    t = run(nlp, paragraphs, dates, ents=[*NEW_PLACES, *COUNTRIES])
    assert who <= set(parties(t, by_name(t, name)))


def test_an_implicit_consent_is_adopted_and_a_sale_is_no_signing(nlp):
    """'agreed to ...' is adopted (a signing event may follow); 'sold X to Y' carries no action."""
    t = run(
        nlp,
        [
            "In May 2004, the Nordic Union members agreed to a joint air patrol of the region. Acme Corp., "
            "which sold its refineries in Ruritania to a Russian state company, left."
        ],
        [("May 2004", "2004-05", "month")],
        ents=NEW_PLACES,
    )
    assert by_name(t, "agreement on joint air patrol of the region").action == "adopted"
    assert by_name(t, "sale of its refineries in Ruritania to Russian state company").action is None


def test_my_own_resolution_is_the_authors(nlp):
    """In a first-person record, 'my own resolution ...' is sponsored by the document's author."""
    import dataclasses

    text = "Senator Jones spoke first. My own resolution Supporting Free Elections in Osterland was adopted."
    doc, sdocs, entities, ments, dms = build_inputs("d1", [text], NEW_PLACES, (), nlp)
    doc = dataclasses.replace(doc, authors=("A. Jones",))
    t = extract_agreements([doc], {"d1": sdocs}, entities, ments, dms)
    assert parties(t, by_name(t, "Resolution Supporting Free Elections in Osterland")) == {
        "Ann Jones": "sponsor"
    }


def test_a_year_in_an_anaphor_is_the_antecedents_date_and_a_nested_clause_ends_a_name(nlp):
    """'the 1998 agreement' is the agreement signed in 1998; 'a resolution urging the cabinet to revise
    the 1998 agreement' is named without its nested clause, which holds a mention of its own."""
    t = run(
        nlp,
        [
            "In 1998 Ruritania signed an agreement on fishing rights with Osterland.",
            "In 2004 the assembly passed a resolution urging the cabinet to revise the 1998 agreement.",
        ],
        [("1998", "1998", "year"), ("2004", "2004", "year")],
        ents=NEW_PLACES,
    )
    names = [a.name for a in t.agreements]
    assert "resolution urging the cabinet" in names and "1998 agreement" not in names
    assert mentions(t, by_name(t, "agreement on fishing rights with Osterland"))[-1] == "1998 agreement"


CAUCASUS = [
    ("Azerbaijan", "COUNTRY", "Azerbaijan"),
    ("Georgia", "COUNTRY", "Georgia"),
    ("Armenia", "COUNTRY", "Armenia"),
    ("Kazakhstan", "COUNTRY", "Kazakhstan"),
    ("Turkey", "COUNTRY", "Turkey"),
    ("Russia", "COUNTRY", "Russia"),
    ("Ukraine", "COUNTRY", "Ukraine"),
    ("India", "COUNTRY", "India"),
    ("Pakistan", "COUNTRY", "Pakistan"),
    ("Belarus", "COUNTRY", "Belarus"),
    ("NATO", "ORGANIZATION", "NATO"),
    ("Pentagon", "ORGANIZATION", "Pentagon"),
]
YEARS = [(str(y), str(y), "year") for y in range(1990, 2011)]


@pytest.mark.parametrize(
    "sentence, name, who",
    [
        # the instrument is the subject of a verb of inclusion: its object takes part
        (
            "The Caspian Guard initiative, launched by the Pentagon in 2003, involves Azerbaijan and Kazakhstan.",
            "Caspian Guard initiative",
            {"Pentagon", "Azerbaijan", "Kazakhstan"},
        ),
        (
            "The Black Sea Harmony program, launched in 2004, includes Turkey and Russia.",
            "Black Sea Harmony",
            {"Turkey", "Russia"},
        ),
        (
            "The treaty of 1992 binds Armenia, Belarus and Russia.",
            "treaty of 1992",
            {"Armenia", "Belarus", "Russia"},
        ),
        # 'X and Y are parties to', 'X, a signatory of', 'X became a party to'
        (
            "Azerbaijan and Georgia are parties to the Baku-Tbilisi pipeline agreement of 2002.",
            "Baku-Tbilisi pipeline agreement of 2002",
            {"Azerbaijan", "Georgia"},
        ),
        (
            "Armenia, a signatory of the Collective Security Treaty, asked for help.",
            "Collective Security Treaty",
            {"Armenia"},
        ),
        (
            "Kazakhstan became a party to the Treaty on Conventional Armed Forces in 1992.",
            "Treaty on Conventional Armed Forces",
            {"Kazakhstan"},
        ),
        # 'X and Y agreed on a <noun>': a deal
        (
            "Ukraine and Russia agreed on a new gas price in 2010.",
            "agreement on new gas price",
            {"Ukraine", "Russia"},
        ),
        (  # a ceasefire is itself an instrument (taxonomy.yaml), agreed on, named by its parties
            "In 2003 India and Pakistan agreed on a ceasefire.",
            "India-Pakistan ceasefire",
            {"India", "Pakistan"},
        ),
    ],
)
def test_parties_by_inclusion_party_nouns_and_agreeing_on(nlp, sentence, name, who):
    t = run(nlp, [sentence], YEARS, ents=CAUCASUS)
    assert set(parties(t, by_name(t, name))) == who


@pytest.mark.parametrize(
    "sentence",
    ["Georgia agreed on the need for reforms in 2004.", "The two ministers agreed on talks in 2005."],
)
def test_agreeing_on_a_view_or_a_happening_is_no_deal(nlp, sentence):
    t = run(nlp, [sentence], YEARS, ents=CAUCASUS)
    assert [a.name for a in t.agreements] == []


@pytest.mark.parametrize(
    "paragraph, name, who",
    [
        # a possessive that lost its apostrophe (HTML text) is the owner, not part of the name
        (
            "Azerbaijan is a partner. In 2005 NATO approved Azerbaijans Individual Partnership Action Plan.",
            "Azerbaijan Individual Partnership Action Plan",
            {"Azerbaijan", "NATO"},
        ),
        (
            "NATO welcomed Azerbaijan. Azerbaijan joined NATOs Partnership for Peace in 1994.",
            "Partnership for Peace",
            {"Azerbaijan", "NATO"},
        ),
        # a state's own plan is not another state's plan of the same name
        (
            "Georgia and Armenia are partners. Armenia's Individual Partnership Action Plan was signed in 2005.",
            "Armenia Individual Partnership Action Plan",
            {"Armenia"},
        ),
    ],
)
def test_possessive_owner_with_or_without_apostrophe(nlp, paragraph, name, who):
    t = run(nlp, [paragraph], YEARS, ents=CAUCASUS)
    assert set(parties(t, by_name(t, name))) == who


def test_a_possessive_s_of_no_entity_stays_in_the_name(nlp):
    t = run(nlp, ["In 2005 the Douglas Partnership Action Plan was signed by Georgia."], YEARS, ents=CAUCASUS)
    assert set(parties(t, by_name(t, "Douglas Partnership Action Plan"))) == {"Georgia"}


def test_a_part_inherits_only_the_parties_its_own_document_gives_the_whole(nlp):
    """Georgia joins the Partnership for Peace in one text; in another, Armenia signs its Framework
    Document: the document is Armenia's (and NATO's, the program's sponsor), not Georgia's."""
    doc1, s1, e1, m1, d1 = build_inputs(
        "a", ["In 1994 Georgia joined NATO's Partnership for Peace."], CAUCASUS, YEARS, nlp
    )
    doc2, s2, e2, m2, d2 = build_inputs(
        "b",
        ["NATO launched the Partnership for Peace in 1994; that year Armenia signed its Framework Document."],
        CAUCASUS,
        YEARS,
        nlp,
    )
    ents = list({e.entity_id: e for e in e1 + e2}.values())
    t = extract_agreements([doc1, doc2], {"a": s1, "b": s2}, ents, m1 + m2, d1 + d2)
    assert {"Georgia", "NATO"} <= set(parties(t, by_name(t, "Partnership for Peace")))
    assert set(parties(t, by_name(t, "Partnership for Peace Framework Document"))) == {"Armenia", "NATO"}


@pytest.mark.parametrize(
    "sentence, name, who",
    [
        # a bare definite instrument first met where its clause signs it between named parties
        (
            "The pact, concluded between Turkey and Azerbaijan in 2010, provides for mutual defense.",
            "Turkey-Azerbaijan pact",
            {"Turkey", "Azerbaijan"},
        ),
        (
            "The agreement, signed by Georgia and Russia in 2008, ended the war.",
            "Georgia-Russia agreement",
            {"Georgia", "Russia"},
        ),
        # 'signed a ceasefire deal' parsed as two objects of the verb: one described instrument
        ("Georgia and Russia signed a ceasefire deal in 2008.", "ceasefire deal", {"Georgia", "Russia"}),
    ],
)
def test_unnamed_instruments_with_their_signing_parties(nlp, sentence, name, who):
    t = run(nlp, [sentence], YEARS, ents=CAUCASUS)
    assert [a.name for a in t.agreements] == [name]
    assert set(parties(t, by_name(t, name))) == who


def test_a_bare_definite_after_an_instrument_of_its_kind_refers_back(nlp):
    t = run(
        nlp,
        [
            "In 2008 Georgia and Russia signed the Moscow Agreement on the Withdrawal of Forces.",
            "The agreement, signed by Georgia and Russia in 2008, ended the war.",
        ],
        YEARS,
        ents=CAUCASUS,
    )
    assert [a.name for a in t.agreements] == ["Moscow Agreement on the Withdrawal of Forces"]


@pytest.mark.parametrize(
    "sentence, name, who",
    [
        (
            "Mr. President, the agreement between Russia and Ukraine on the fleet deserves support.",
            "agreement between Russia and Ukraine",
            {"Russia", "Ukraine"},
        ),
        (
            "The treaty between Armenia and Georgia on friendship remains in force.",
            "treaty between Armenia and Georgia",
            {"Armenia", "Georgia"},
        ),
        (
            "Azerbaijan and Georgia are parties to the Baku-Tbilisi pipeline agreement.",
            "Baku-Tbilisi pipeline agreement",
            {"Azerbaijan", "Georgia"},
        ),
        ("Azerbaijan and Georgia are parties to the dispute.", None, None),
        ("An agreement between Russia and Ukraine would help.", None, None),
        ("The talks between Russia and Ukraine failed.", None, None),
    ],
)
def test_the_instrument_between_two_named_parties_needs_no_signing(nlp, sentence, name, who):
    """'the agreement between A and B', 'A and B are parties to the agreement': one instrument though the
    sentence neither signs nor dates it; 'an agreement between A and B would ...' is none yet."""
    t = run(nlp, [sentence], YEARS, ents=CAUCASUS)
    if name is None:
        assert [a.name for a in t.agreements] == []
    else:
        assert set(parties(t, by_name(t, name))) == who


@pytest.mark.parametrize(
    "sentence, name, who",
    [
        # the entity extractor took the program's own name for an organization ('Guard', 'Harmony')
        (
            "The Caspian Guard initiative, launched by the Pentagon in 2003, involves Azerbaijan and Kazakhstan.",
            "Caspian Guard initiative",
            {"Pentagon", "Azerbaijan", "Kazakhstan"},
        ),
        (
            "The Black Sea Harmony program, launched in 2004, includes Turkey and Russia.",
            "Black Sea Harmony",
            {"Turkey", "Russia"},
        ),
        # a body's own instrument keeps the body
        (
            "In 2004 the Black Sea Council adopted the Black Sea Council declaration with Turkey.",
            "Black Sea Council declaration",
            {"Black Sea Council", "Turkey"},
        ),
    ],
)
def test_a_program_named_like_an_organization_is_not_its_own_party(nlp, sentence, name, who):
    ents = [
        *CAUCASUS,
        ("Caspian Guard", "ORGANIZATION", "Caspian Guard"),
        ("Black Sea Harmony", "ORGANIZATION", "Black Sea Harmony"),
        ("Black Sea Council", "ORGANIZATION", "Black Sea Council"),
    ]
    t = run(nlp, [sentence], YEARS, ents=ents)
    assert set(parties(t, by_name(t, name))) == who


@pytest.mark.parametrize(
    "sentence, name, who, action",
    [
        # 'X's accession to the Y agreement': X joins it
        (
            "In 2015 Kazakhstan's accession to the NATO agreement was completed.",
            "NATO agreement",
            {"Kazakhstan", "NATO"},
            "joined",
        ),
        # 'signed in <place> by A, B and C', 'by' parsed as the place's modifier
        (
            "The Collective Security Treaty was signed in Tashkent by Russia, Kazakhstan and Armenia in 1992.",
            "Collective Security Treaty",
            {"Russia", "Kazakhstan", "Armenia"},
            "signed",
        ),
    ],
)
def test_accession_noun_and_signers_after_the_place(nlp, sentence, name, who, action):
    t = run(nlp, [sentence], YEARS, ents=[*CAUCASUS, ("Tashkent", "LOCATION", "Tashkent")])
    a = by_name(t, name)
    assert (set(parties(t, a)), a.action) == (who, action)


@pytest.mark.parametrize(
    "paragraph, name, who",
    [
        (
            "In 1992 Armenia, Belarus, Kazakhstan, Russia, Georgia and Azerbaijan signed the Collective Security "
            "Treaty. In 1999 four of the six, all but Georgia and Azerbaijan, agreed to renew the treaty.",
            "agreement to renew the treaty",
            {"Armenia", "Belarus", "Kazakhstan", "Russia"},
        ),
        (
            "In 1992 Armenia, Belarus, Kazakhstan, Russia and Georgia signed the Tashkent Pact. In 1999 all members "
            "except Georgia agreed to extend the pact.",
            "agreement to extend the pact",
            {"Armenia", "Belarus", "Kazakhstan", "Russia"},
        ),
    ],
)
def test_a_deal_of_all_but_some_members_binds_the_others(nlp, paragraph, name, who):
    """'six of the nine, all but A and B, agreed to renew the treaty': the treaty's parties less A and B
    (and 'the treaty' there is the treaty, not the deal it is part of)."""
    t = run(nlp, [paragraph], YEARS, ents=CAUCASUS)
    assert set(parties(t, by_name(t, name))) == who


MEMBERS = "The Eurasian Union is an alliance consisting of five states: Armenia, Belarus, Kazakhstan, Russia and Georgia. "


@pytest.mark.parametrize(
    "sentence, name, who",
    [
        # the signers are the members, unnamed; a bracket (KSOR) (Russian: ...) split the parse in two
        (
            "On 4 February 2009, an agreement to create the Joint Air Force (JAF) (Russian: Объединённые силы) was "
            "reached by four of the five members.",
            "agreement to create the Joint Air Force",
            {"Armenia", "Belarus", "Kazakhstan", "Russia", "Georgia"},
        ),
        (
            "In 2009 the members signed a memorandum on air defense.",
            "memorandum on air defense",
            {"Armenia", "Belarus", "Kazakhstan", "Russia", "Georgia"},
        ),
        # the organization named: the organization, as before
        (
            "In 2009 Eurasian Union members agreed to a major expansion of the union.",
            "agreement on major expansion of the union",
            {"Eurasian Union"},
        ),
    ],
)
def test_an_instrument_of_the_unnamed_members_binds_the_listed_members(nlp, sentence, name, who):
    t = run(
        nlp,
        [MEMBERS + sentence],
        YEARS,
        ents=[*CAUCASUS, ("Eurasian Union", "ORGANIZATION", "Eurasian Union")],
    )
    assert set(parties(t, by_name(t, name))) == who


@pytest.mark.parametrize(
    "sentence, name, who",
    [
        (
            "In 2003 the talks focused on a related initiative, the Caspian Guard project the Pentagon launched in 2003.",
            "Caspian Guard",
            {"Pentagon"},
        ),
        ("In 2004 Turkey signed a new deal, the European Union said on Monday.", "new deal", {"Turkey"}),
    ],
)
def test_a_definite_name_beside_an_indefinite_instrument_names_it(nlp, sentence, name, who):
    """'a related initiative, the Caspian Guard project': one instrument, the Caspian Guard (not a
    'related initiative'); 'a new deal, the European Union said': no name."""
    ents = [
        *CAUCASUS,
        ("Caspian Guard", "ORGANIZATION", "Caspian Guard"),
        ("European Union", "ORGANIZATION", "European Union"),
    ]
    t = run(nlp, [sentence], YEARS, ents=ents)
    assert [a.name for a in t.agreements] == [name]
    assert set(parties(t, by_name(t, name))) == who
