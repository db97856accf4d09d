"""Dates: grammar table, anaphora and context carry-over, relative resolution, offsets, documents."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import pytest

from pipelines.extract.dates import (
    DateContext,
    DateSpan,
    extract_dates,
    find_dates,
    find_dates_with_context,
    own_date,
    reference_date,
)
from pipelines.parse.model import ParsedDocument, Sentence
from schemas.dates import VALUE_FORMS

REF = date(2007, 1, 11)
CTX = DateContext(year=2005, month=10, reference=REF, narrative=True)

# (sentence, expected [(surface, value, precision[, mod])]); found with context CTX (year 2005, reference
# 2007-01-11). The first block comes from the seed texts, the rest is written beyond them.
CASES: list[tuple[str, list[tuple]]] = [
    # --- seed forms
    (
        "Consider: On 1 March, 2006, a House subcommittee endorsed it.",
        [("1 March, 2006", "2006-03-01", "day")],
    ),
    ("in a statement dated 11 September, 2001, said", [("11 September, 2001", "2001-09-11", "day")]),
    ("On 14 June, 2000, the president issued a decree.", [("14 June, 2000", "2000-06-14", "day")]),
    ("signed on 29 September 2006 in Washington", [("29 September 2006", "2006-09-29", "day")]),
    ("signed on September 29, 2006 in Washington", [("September 29, 2006", "2006-09-29", "day")]),
    ("In November 2005, a technical service center was opened.", [("November 2005", "2005-11", "month")]),
    ("In July 2003, Kazakhstan and NATO signed an agreement.", [("July 2003", "2003-07", "month")]),
    ("In 2003, Kazakhstan became the only state to do so.", [("2003", "2003", "year")]),
    ("Thus, since 2002, servicemen have been trained.", [("2002", "2002", "year", "SINCE")]),
    ("nce the 1990s, Central Asia has been moving", [("the 1990s", "199X", "decade")]),
    ("We know that in the early 1990s Kazakhstan", [("the early 1990s", "199X", "decade", "EARLY")]),
    (
        "Then, from 31 January through 2 February, 2006, S. Thomas visited Almaty.",
        [("from 31 January through 2 February, 2006", "2006-01-31/2006-02-02", "range")],
    ),
    ("In 2003 and 2004 there were", [("2003", "2003", "year"), ("2004", "2004", "year")]),
    (
        "Return visits took place in March and October 2005.",
        [("March", "2005-03", "month"), ("October 2005", "2005-10", "month")],
    ),
    ("Russia in Global Politics, No. 2, April-June 2007.", [("April-June 2007", "2007-04/2007-06", "range")]),
    (
        "Foreign Affairs, No. 5, September/October 2006.",
        [("September/October 2006", "2006-09/2006-10", "range")],
    ),
    (
        "Kontinent, No. 18 (105), 24 September-7 October, 2003.",
        [("24 September-7 October, 2003", "2003-09-24/2003-10-07", "range")],
    ),
    (
        "during his visit in late September 2006, the sides",
        [("late September 2006", "2006-09", "month", "LATE")],
    ),
    ("which lasted until early 2006 and was", [("early 2006", "2006", "year", "EARLY")]),
    ("At the 2006 Riga summit, the NATO countries agreed", [("2006", "2006", "year")]),
    ("The outcome of the SCO 2005 Summit showed", [("2005", "2005", "year")]),
    ("The 2002 Prague summit adopted the project", [("2002", "2002", "year")]),
    (
        "Thus, in September 2005, an exercise, Steppe Eagle 2005, was conducted",
        [("September 2005", "2005-09", "month")],
    ),
    ("In March 2005, the Balance-Zhardem 2005 exercise was held.", [("March 2005", "2005-03", "month")]),
    ("the Steppe Eagle 2006 exercise took place", []),
    (
        "Zaiavlenie ... v SShA 11 sentiabria 2001 g., Official website",
        [("11 sentiabria 2001", "2001-09-11", "day")],
    ),
    ("Washington, 29 sentiabria 2006, available at", [("29 sentiabria 2006", "2006-09-29", "day")]),
    ("In the wake of the 9/11 events, Kazakhstan condemned", [("9/11", "2001-09-11", "day")]),
    ("NATO Review, Autumn 2004, available at [www.nato.int].", [("Autumn 2004", "2004-FA", "season")]),
    (
        "during the winter of 2005-2006 the talks stalled",
        [("winter of 2005-2006", "2005-WI", "season")],
    ),
    (
        "The second stage began in 1994 and ended in September 2001.",
        [("1994", "1994", "year"), ("September 2001", "2001-09", "month")],
    ),
    ("No. 2(50), 2008", []),
    ("Profil, No. 35, 24 September, 2007, pp. 24-25.", [("24 September, 2007", "2007-09-24", "day")]),
    ("Issue 9, 2003, p. 2.", [("2003", "2003", "year")]),
    ("KISI, Almaty, 2006, p. 147.", [("2006", "2006", "year")]),
    ("available at [<http://sngnews.ru/archive/2006/03/01/2409.html>].", []),
    ("available at [http://www.inform.kz/index.php?y=2006&m=06&d=17#155031].", []),
    ("the signing of a five-year military cooperation plan", []),
    ("over 250 Kazakhstan servicemen have received training", []),
    ("under which $188 million was earmarked", []),
    ("to become its 19th participant", []),
    ("deliver Huey-2 helicopters and C-130 military transport aircraft", []),
    ("one of the 50 Most Competitive Countries of the World", []),
    ("Vol. II. Vneshniaia politika", []),
    ("Today, the U.S.'s key objectives are as follows", []),
    ("In recent years, NATO set up institutional mechanisms", []),
    ("in the past few years there have been regular meetings", []),
    (
        "Yugoslavia in 1999, Afghanistan in 2001, and Iraq in 2003",
        [("1999", "1999", "year"), ("2001", "2001", "year"), ("2003", "2003", "year")],
    ),
    # --- beyond the seeds: other formats
    ("The treaty was signed on 5 May 2006 in Astana.", [("5 May 2006", "2006-05-05", "day")]),
    ("The treaty was signed on May 5th, 2006 in Astana.", [("May 5th, 2006", "2006-05-05", "day")]),
    ("It was adopted on the 3rd of April 1998.", [("the 3rd of April 1998", "1998-04-03", "day")]),
    ("The law of 12 Dec. 2004 changed this.", [("12 Dec. 2004", "2004-12-12", "day")]),
    ("signed in Sept. 2003 by both", [("Sept. 2003", "2003-09", "month")]),
    ("Published 11.01.2007 on the website.", [("11.01.2007", "2007-01-11", "day")]),
    ("Retrieved 2006-03-01 from the archive.", [("2006-03-01", "2006-03-01", "day")]),
    ("Statement of 7 marta 2005 g.", [("7 marta 2005", "2005-03-07", "day")]),
    ("Interfax, 3 dekabria 2006.", [("3 dekabria 2006", "2006-12-03", "day")]),
    ("Izvestia, 15 iiunia 2001.", [("15 iiunia 2001", "2001-06-15", "day")]),
    ("Kommersant, 2 fevralia 2004.", [("2 fevralia 2004", "2004-02-02", "day")]),
    ("In May of 2004 the talks resumed.", [("May of 2004", "2004-05", "month")]),
    ("The talks were held on 5-7 May 2006 in Almaty.", [("5-7 May 2006", "2006-05-05/2006-05-07", "range")]),
    (
        "Meetings took place on 5 and 6 May 2006.",
        [("5", "2006-05-05", "day"), ("6 May 2006", "2006-05-06", "day")],
    ),
    (
        "The exercise ran May 10-14, 2004 near Almaty.",
        [("May 10-14, 2004", "2004-05-10/2004-05-14", "range")],
    ),
    ("from 1994 to 2001 the programme grew", [("from 1994 to 2001", "1994/2001", "range")]),
    ("between 2003 and 2005 the number rose", [("between 2003 and 2005", "2003/2005", "range")]),
    ("During 2003-2005 the army was reformed.", [("2003-2005", "2003/2005", "range")]),
    ("In the 1994-95 period the army was reformed.", [("1994-95", "1994/1995", "range")]),
    ("from March 2005 to June 2006 the base", [("from March 2005 to June 2006", "2005-03/2006-06", "range")]),
    (
        "in March, May and October 2004",
        [("March", "2004-03", "month"), ("May", "2004-05", "month"), ("October 2004", "2004-10", "month")],
    ),
    ("the November 2005-January 2006 talks", [("November 2005-January 2006", "2005-11/2006-01", "range")]),
    ("in the spring of 2005 the troops left", [("spring of 2005", "2005-SP", "season")]),
    ("in summer 2003 they met", [("summer 2003", "2003-SU", "season")]),
    ("in winter 2004 the talks stalled", [("winter 2004", "2004-WI", "season")]),
    ("throughout the 2000s the economy grew", [("the 2000s", "200X", "decade")]),
    ("in the late 1980s the USSR", [("the late 1980s", "198X", "decade", "LATE")]),
    ("in the mid-1990s Kazakhstan", [("the mid-1990s", "199X", "decade", "MID")]),
    ("by mid-2005 the talks had ended", [("mid-2005", "2005", "year", "MID")]),
    ("at the end of 2004 the base closed", [("the end of 2004", "2004", "year", "LATE")]),
    (
        "at the beginning of March 2006 they met",
        [("the beginning of March 2006", "2006-03", "month", "EARLY")],
    ),
    ("before 2004 there was no such plan", [("2004", "2004", "year", "BEFORE")]),
    ("after 2004 the plan changed", [("2004", "2004", "year", "AFTER")]),
    ("prior to 1991 it was Soviet", [("1991", "1991", "year", "BEFORE")]),
    ("the post-2001 security order", [("post-2001", "2001", "year", "AFTER")]),
    ("He arrived after a September meeting in Vienna.", [("September", "2005-09", "month")]),
    ("The September weather was mild.", []),
    (
        "In October they met again on the 12th.",
        [("October", "2005-10", "month"), ("the 12th", "2005-10-12", "day")],
    ),
    ("Both sides met in summer 2005-2006.", [("summer 2005-2006", "2005-06/2006-08", "range")]),
    ("They signed the following October.", [("the following October", "2006-10", "month")]),
    ("They had met the previous March.", [("the previous March", "2005-03", "month")]),
    ("in the first half of 2006 the army", [("the first half of 2006", "2006-H1", "half")]),
    ("the Berlin Congress of 1878 divided", [("1878", "1878", "year")]),
    ("after the September 11 attacks the U.S.", [("September 11", "2001-09-11", "day")]),
    ("In 2007/2008 the budget rose.", [("2007/2008", "2007/2008", "range")]),
    ("Kazakhstan (1991–2006) was stable.", [("1991–2006", "1991/2006", "range")]),
    (
        "In the nineties and in the '90s.",
        [("the nineties", "199X", "decade"), ("the '90s", "199X", "decade")],
    ),
    (
        "In the first quarter of 2006 exports grew.",
        [("the first quarter of 2006", "2006-Q1", "quarter")],
    ),
    ("Putin visited Astana on 12-13 June.", [("12-13 June", "2005-06-12/2005-06-13", "range")]),
    ("The attacks of 9/11/2001 changed everything.", [("9/11/2001", "2001-09-11", "day")]),
    ("The Astana 2010 OSCE summit was a milestone.", [("2010", "2010", "year")]),
    (
        "The Tashkent Treaty (1992) and the Shanghai Five (1996)",
        [("1992", "1992", "year"), ("1996", "1996", "year")],
    ),
    ("a 2005 OSCE report on the 2005 elections", [("2005", "2005", "year"), ("2005", "2005", "year")]),
    ("reaffirmed on 11 January, 2007² in Astana", [("11 January, 2007", "2007-01-11", "day")]),
    ("The Law of 27 December 2005 No. 109-III.", [("27 December 2005", "2005-12-27", "day")]),
    ("Central Asia and the Caucasus, No. 3 (45), 2007, pp. 7-15.", [("2007", "2007", "year")]),
    ("at 10:00 on 1st January 2007", [("1st January 2007", "2007-01-01", "day")]),
    # --- beyond the seeds: negatives
    ("CENTRAL ASIA AND THE CAUCASUS No. 2(50), 2008", []),
    ("disagreements among the No. 2(50), 2008 Alliance's leaders", []),
    ("Central Asia and the Caucasus, No. 2(50), 2008, p. 62.", [("2008", "2008", "year")]),
    ("The Kazakhstan-2030 Strategy and Strategy 2030 set goals.", []),
    ("Some 2000 Kazakh troops served there.", []),
    ("Windows 2000 and Euro 2012 and Article 51 of the Charter", []),
    ("ISBN 5-7777-0123-4; tel. 8 (7172) 75-20-08.", []),
    ("over 1500 km of border and the 1,500-km border", []),
    ("in the 20th century and in the past year", []),
    ("The unit numbers 2000 troops and 1500 vehicles.", []),
    ("a budget of $2500 million was approved", []),
    ("the S-300 and MiG-2000 systems", []),
    ("UN Security Council Resolution 1540 obliges states", []),
    ("see pp. 1998-2003 of the report", []),
    ("The Kazakhstan 2030 Strategy sets goals", []),
    ("He may come in May.", [("May", "2005-05", "month")]),
    ("It may well be so.", []),
    ("Tom and May Smith met in Astana.", []),
    ("The fifteen-year plan and 10-year strategy", []),
    ("The length is 12,000 km.", []),
    ("The population reached 15.3 million in total.", []),
    ("a March on the capital was planned", []),
    ("In the course of his October visit, he met", []),
    ("This is 4 million explosive devices.", []),
    ("Stage 3 provides for direct training.", []),
    ("NATO+1 and NATO + 1 formats", []),
    ("the G-8 and the 2+2 format", []),
]


def _expect(row: tuple) -> tuple:
    surface, value, precision, *mod = row
    return surface, value, precision, (mod[0] if mod else None)


@pytest.mark.parametrize(("sentence", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_grammar_table(sentence: str, expected: list[tuple]) -> None:
    spans = find_dates(sentence, CTX)
    got = [(s.text, s.value, s.precision, s.mod) for s in spans]
    assert got == [_expect(e) for e in expected]
    for s in spans:
        assert sentence[s.start : s.end] == s.text
        assert s.value_start <= s.value_end


def test_table_is_large_enough() -> None:
    assert sum(max(1, len(e)) for _, e in CASES) >= 70


# --------------------------------------------------------------------------- precision vs value


@pytest.mark.parametrize(("sentence", "_"), CASES, ids=[c[0][:40] for c in CASES])
def test_precision_agrees_with_value(sentence: str, _: list) -> None:
    for s in find_dates(sentence, CTX):
        assert re.match(VALUE_FORMS[s.precision], s.value), s


def test_decade_bounds() -> None:
    (s,) = find_dates("since the 1990s", DateContext())
    assert (s.value_start, s.value_end) == (date(1990, 1, 1), date(1999, 12, 31))


def test_bounds_of_day_month_year() -> None:
    day, month, year = find_dates("on 29 February, 2004, in February 2004 and in 2004", DateContext())
    assert (day.value_start, day.value_end) == (date(2004, 2, 29), date(2004, 2, 29))
    assert (month.value_start, month.value_end) == (date(2004, 2, 1), date(2004, 2, 29))
    assert (year.value_start, year.value_end) == (date(2004, 1, 1), date(2004, 12, 31))


def test_impossible_day_is_not_a_date() -> None:
    assert find_dates("on 31 February, 2005 nothing happened", DateContext()) == []


# --------------------------------------------------------------------------- anaphora and context


def test_same_year_takes_the_last_year_seen() -> None:
    text = "In 1994, the Partnership for Peace Program appeared; in May of the same year, Kazakhstan signed."
    spans = find_dates(text, DateContext())
    assert [(s.text, s.value, s.anchor) for s in spans] == [
        ("1994", "1994", None),
        ("May of the same year", "1994-05", "1994"),
    ]
    assert not spans[1].is_relative and spans[1].anaphoric


def test_context_carries_across_texts() -> None:
    _, ctx = find_dates_with_context("In February 2004, the republic joined the concept.", DateContext())
    assert (ctx.year, ctx.month) == (2004, 2)
    (s,) = find_dates("In the same year, Kazakhstan acquired observer status.", ctx)
    assert (s.text, s.value, s.precision) == ("the same year", "2004", "year")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("They met again on March 24.", "2005-03-24"),
        ("They met again on 24 March.", "2005-03-24"),
        ("A further round followed on May 13 in Astana.", "2005-05-13"),
        ("In October the talks resumed.", "2005-10"),
        ("The following year the base closed.", "2006"),
        ("A year earlier the base had opened.", "2004"),
        ("Later that month the base closed.", "2005-10"),
        ("In that year the base closed.", "2005"),
    ],
)
def test_partial_dates_take_the_context_year(text: str, value: str) -> None:
    (s,) = find_dates(text, CTX)
    assert s.value == value
    assert s.anaphoric and not s.is_relative


def test_partial_date_without_context_is_dropped() -> None:
    assert find_dates("They met again on March 24 and in October.", DateContext()) == []


def test_coordinated_month_takes_the_year_on_its_right_not_the_context() -> None:
    spans = find_dates("visits took place in March and October 2005", DateContext(year=1999))
    assert [s.value for s in spans] == ["2005-03", "2005-10"]


def test_cross_year_month_range() -> None:
    (s,) = find_dates("in December-February 2006", DateContext())
    assert s.value == "2005-12/2006-02"


# --------------------------------------------------------------------------- relative dates


@pytest.mark.parametrize(
    ("text", "surface", "value", "precision"),
    [
        ("Last September, the exercise took place.", "Last September", "2006-09", "month"),
        ("Next March the talks resume.", "Next March", "2007-03", "month"),
        ("this year the plan was adopted", "this year", "2007", "year"),
        ("last year the plan was adopted", "last year", "2006", "year"),
        ("growth for the past 15 years after the breakup", "for the past 15 years", "1992/2007", "range"),
        ("for the last fifteen years, NATO has", "for the last fifteen years", "1992/2007", "range"),
        ("for the last six years (since 2001)", "for the last six years", "2001/2007", "range"),
        ("after more than six years of presence", "more than six years", "2001/2007", "range"),
        ("over the past decade the region", "over the past decade", "1997/2007", "range"),
        ("ten years ago the base opened", "ten years ago", "1997", "year"),
    ],
)
def test_relative_dates_use_the_reference(text: str, surface: str, value: str, precision: str) -> None:
    s = find_dates(text, DateContext(reference=REF))[0]
    assert (s.text, s.value, s.precision) == (surface, value, precision)
    assert s.is_relative and s.anchor == "2007-01-11"


def test_relative_dates_need_a_reference() -> None:
    assert find_dates("Last September, for the past 15 years, this year", DateContext(year=2005)) == []


def test_last_month_when_reference_is_later_in_the_year() -> None:
    (s,) = find_dates("Last March the talks began.", DateContext(reference=date(2007, 9, 24)))
    assert s.value == "2007-03"


def _span(value: str, precision: str, end: date, **kw) -> DateSpan:
    return DateSpan(0, 1, "x", value, precision, end, end, **kw)


def test_reference_date_rule() -> None:
    spans = [
        _span("2007-09-24", "day", date(2007, 9, 24)),
        _span("2008", "year", date(2008, 12, 31)),
        _span("2015-01", "month", date(2015, 1, 31)),
        _span("2009-01", "month", date(2009, 1, 31), is_relative=True),
    ]
    assert reference_date(spans, printed_year=2008) == date(2007, 9, 24)
    assert reference_date(spans[1:2], printed_year=2008) == date(2008, 1, 1)
    assert reference_date(spans[1:2]) == date(2008, 12, 31)
    assert reference_date([]) is None


# --------------------------------------------------------------------------- documents


def _document(body: list[str], footnotes: list[str], year: int | None = None) -> ParsedDocument:
    text, sentences, pos = "", [], 0
    for i, part in enumerate(body + footnotes):
        in_fn = i >= len(body)
        if i:
            text += "\n\n" if not in_fn or i == len(body) else "\n"
            pos = len(text)
        text += part
        sentences.append(
            Sentence(
                sentence_id=f"d:s{i:04d}",
                index=i,
                paragraph=i,
                start=pos,
                end=pos + len(part),
                text=part,
                in_footnote=in_fn,
                footnote_number=(i - len(body) + 1) if in_fn else None,
            )
        )
    body_end = sentences[len(body) - 1].end if body else 0
    return ParsedDocument(
        doc_id="d",
        source_file="d.txt",
        sha256="0",
        encoding="utf-8",
        text=text,
        body_end=body_end,
        year=year,
        sentences=tuple(sentences),
    )


def test_extract_dates_offsets_anaphora_and_reference() -> None:
    doc = _document(
        [
            "In February 2004, the republic joined.",
            "In the same year, it became an observer.",
            "Last September, the Steppe Eagle 2006 exercise took place.",
        ],
        ["1 Interfax, 11 January, 2007.", "2 On March 24 nothing was dated."],
    )
    mentions = extract_dates(doc)
    for m in mentions:
        assert doc.text[m.start : m.end] == m.text
        assert m.date_id.startswith("d:d")
    got = [(m.text, m.value, m.in_footnote, m.is_relative) for m in mentions]
    assert got == [
        ("February 2004", "2004-02", False, False),
        ("the same year", "2004", False, False),
        ("Last September", "2006-09", False, True),
        ("11 January, 2007", "2007-01-11", True, False),
    ]
    assert mentions[2].anchor == "2007-01-11"


def test_extract_dates_prefers_dates_before_the_printed_year() -> None:
    doc = _document(["Plans run until 2015 and for the last six years little changed."], [], year=2008)
    values = [m.value for m in extract_dates(doc)]
    assert values == ["2015", "2002/2008"]


def test_extract_dates_without_sentences() -> None:
    assert extract_dates(_document([], [])) == []


# --------------------------------------------------------------------------- news: the document's own date

# A wire story dated Thursday 17 March 2011 (ISO week 2011-W11); each sentence is read on its own.
DCT = date(2011, 3, 17)
NEWS = DateContext(reference=DCT)

NEWS_CASES: list[tuple[str, list[tuple]]] = [
    # weekdays: that day or the last one before it; after it with a future cue; last/next move a week
    ("The minister said Tuesday that the talks had failed.", [("Tuesday", "2011-03-15", "day")]),
    ("The envoy arrived in Vienna Thursday.", [("Thursday", "2011-03-17", "day")]),
    ("Rebels shelled the port on Friday, officials said.", [("Friday", "2011-03-11", "day")]),
    ("The vote will take place Saturday.", [("Saturday", "2011-03-19", "day")]),
    ("The panel is scheduled to report on Monday.", [("Monday", "2011-03-21", "day")]),
    # a cue inside a hyphenated compound is an adjective, not a plan
    ("Shares fell on lower-than-expected sales Tuesday.", [("Tuesday", "2011-03-15", "day")]),
    ("Delegates first met last Thursday.", [("last Thursday", "2011-03-10", "day")]),
    ("The summit opens next Monday in Rome.", [("next Monday", "2011-03-21", "day")]),
    ("The ceasefire began on Sunday, Feb. 27.", [("Sunday, Feb. 27", "2011-02-27", "day")]),
    # today, yesterday, tomorrow, tonight
    ("The council meets today in closed session.", [("today", "2011-03-17", "day")]),
    ("Yesterday the border was closed again.", [("Yesterday", "2011-03-16", "day")]),
    ("The foreign ministers will meet tomorrow.", [("tomorrow", "2011-03-18", "day")]),
    ("The president speaks tonight.", [("tonight", "2011-03-17", "day")]),
    ("Talks broke down late yesterday.", [("late yesterday", "2011-03-16", "day", "LATE")]),
    ("Now the troops are leaving, and they recently left two towns.", []),
    ("In today's world the leaders of tomorrow travel light.", []),
    (
        "Today's session and tomorrow's vote were moved.",
        [("Today", "2011-03-17", "day"), ("tomorrow", "2011-03-18", "day")],
    ),
    # weeks and weekends
    ("Fighting resumed last week near the airport.", [("last week", "2011-W10", "week")]),
    ("The monitors arrive this week.", [("this week", "2011-W11", "week")]),
    ("A new round is due next week.", [("next week", "2011-W12", "week")]),
    ("The blockade was eased over the past week.", [("the past week", "2011-W10", "week")]),
    ("Two convoys crossed over the weekend.", [("the weekend", "2011-W10-WE", "week")]),
    ("Protests are planned for this weekend.", [("this weekend", "2011-W11-WE", "week")]),
    ("The offer was made two weeks ago.", [("two weeks ago", "2011-W09", "week")]),
    ("He was detained three days ago.", [("three days ago", "2011-03-14", "day")]),
    # months and years around the document date
    ("Exports fell last month.", [("last month", "2011-02", "month")]),
    ("The deal was struck earlier this month.", [("earlier this month", "2011-03", "month")]),
    ("Elections are expected next month.", [("next month", "2011-04", "month")]),
    ("The mission ends at the end of the month.", [("the end of the month", "2011-03", "month", "LATE")]),
    ("Prices doubled six months ago.", [("six months ago", "2010-09", "month")]),
    ("The accord was signed a year ago.", [("a year ago", "2010", "year")]),
    ("The budget is due by the end of the year.", [("the end of the year", "2011", "year", "LATE")]),
    ("In January this year the army withdrew.", [("January this year", "2011-01", "month")]),
    ("In June last year the army returned.", [("June last year", "2010-06", "month")]),
    ("The envoy is to visit this summer.", [("this summer", "2011-SU", "season")]),
    ("Floods hit the north last winter.", [("last winter", "2010-WI", "season")]),
    ("Talks resume next autumn.", [("next autumn", "2011-FA", "season")]),
    ("The rains came late last July.", [("late last July", "2010-07", "month", "LATE")]),
    # yearless dates: the nearest reading around the document date, forward with a future cue
    ("The treaty was signed on Dec. 8 in Minsk.", [("Dec. 8", "2010-12-08", "day")]),
    ("The embargo expires Oct. 1.", [("Oct. 1", "2011-10-01", "day")]),
    ("In January the council voted to lift it.", [("January", "2011-01", "month")]),
    ("The next session opens on April 4.", [("April 4", "2011-04-04", "day")]),
    # a yearless coordination: its first date around the document date, the next ones after it
    (
        "Courses run from April 21 to December 15.",
        [("from April 21 to December 15", "2011-04-21/2011-12-15", "range")],
    ),
    # a day of the month alone: the nearest such day, the past counting more
    (
        "The chiefs meet in Brussels on the 21st and 22nd.",
        [("the 21st", "2011-03-21", "day"), ("22nd", "2011-03-22", "day")],
    ),
    ("He flew home on the 15th.", [("the 15th", "2011-03-15", "day")]),
    ("It opened on the 10th floor and closed on the 2nd of May.", [("the 2nd of May", "2011-05-02", "day")]),
    # a later reading counts twice as far: news reports what has happened
    ("The mine closed on Sept. 1.", [("Sept. 1", "2010-09-01", "day")]),
    ("The strike began in November.", [("November", "2010-11", "month")]),
    # a future cue is not read across a quotation
    ('"We will win," the general said Friday.', [("Friday", "2011-03-11", "day")]),
    # titles and names are not dates
    ('He spoke on ABC\'s "This Week" and to VOA Today.', []),
    (
        "In 1995 the plant closed; on Aug. 2 it was sold.",
        [("1995", "1995", "year"), ("Aug. 2", "2010-08-02", "day")],
    ),
]

# A company report dated Wednesday 2 November 2011 (fourth quarter of 2011).
REPORT = DateContext(reference=date(2011, 11, 2))

QUARTER_CASES: list[tuple[str, list[tuple]]] = [
    ("Third-quarter profit rose 5%.", [("Third-quarter", "2011-Q3", "quarter")]),
    ("Sales in the fourth quarter will be weaker.", [("the fourth quarter", "2011-Q4", "quarter")]),
    ("It took a charge in the 2009 second quarter.", [("the 2009 second quarter", "2009-Q2", "quarter")]),
    ("The plant opens in next year's first quarter.", [("next year's first quarter", "2012-Q1", "quarter")]),
    ("Margins shrank in the third quarter of 2008.", [("the third quarter of 2008", "2008-Q3", "quarter")]),
    ("Orders slowed in the fiscal first quarter.", [("the fiscal first quarter", "2011-Q1", "quarter")]),
    ("Debt peaked in the second half of 2010.", [("the second half of 2010", "2010-H2", "half")]),
    ("The unit lost money in fiscal 2010.", [("fiscal 2010", "2010", "year")]),
    ("Revenue in the latest quarter was flat.", [("the latest quarter", "2011-Q3", "quarter")]),
    ("Orders in the current quarter are up.", [("the current quarter", "2011-Q4", "quarter")]),
    ("It expects to report third-quarter results.", [("third-quarter", "2011-Q3", "quarter")]),
    (
        "Net fell in the third quarter from the year-ago third quarter.",
        [("the third quarter", "2011-Q3", "quarter"), ("the year-ago third quarter", "2010-Q3", "quarter")],
    ),
    (
        "Third-quarter sales beat those of the 2009 quarter.",
        [("Third-quarter", "2011-Q3", "quarter"), ("the 2009 quarter", "2009-Q3", "quarter")],
    ),
    (
        "Third-quarter net income rose to $5 million from $4 million a year ago.",
        [("Third-quarter", "2011-Q3", "quarter"), ("a year ago", "2010-Q3", "quarter")],
    ),
    (
        "Second-quarter sales beat the year-earlier quarter.",
        [("Second-quarter", "2011-Q2", "quarter"), ("the year-earlier quarter", "2010-Q2", "quarter")],
    ),
]


@pytest.mark.parametrize(("sentence", "expected"), NEWS_CASES, ids=[c[0][:40] for c in NEWS_CASES])
def test_news_grammar_table(sentence: str, expected: list[tuple]) -> None:
    got = [(s.text, s.value, s.precision, s.mod) for s in find_dates(sentence, NEWS)]
    assert got == [_expect(e) for e in expected]


@pytest.mark.parametrize(("sentence", "expected"), QUARTER_CASES, ids=[c[0][:40] for c in QUARTER_CASES])
def test_quarter_grammar_table(sentence: str, expected: list[tuple]) -> None:
    got = [(s.text, s.value, s.precision, s.mod) for s in find_dates(sentence, REPORT)]
    assert got == [_expect(e) for e in expected]


@pytest.mark.parametrize(
    ("sentence", "_"), NEWS_CASES + QUARTER_CASES, ids=[c[0][:40] for c in NEWS_CASES + QUARTER_CASES]
)
def test_news_values_fit_the_schema(sentence: str, _: list) -> None:
    for s in find_dates(sentence, NEWS):
        assert re.match(VALUE_FORMS[s.precision], s.value), s
        assert s.value_start <= s.value_end


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("Fourth-quarter sales rose.", "2011-Q4"),  # in February: the quarter just ended
        ("First-quarter sales fell.", "2012-Q1"),  # the quarter under way
        ("Sales will rise in the third quarter.", "2012-Q3"),  # still to come, with a future cue
        ("Third-quarter sales rose.", "2011-Q3"),  # still to come in this year: last year's
    ],
)
def test_yearless_quarter_early_in_the_year(sentence: str, value: str) -> None:
    (s,) = find_dates(sentence, DateContext(reference=date(2012, 2, 8)))
    assert s.value == value


def test_relative_news_dates_name_their_anchor() -> None:
    yesterday, last_week = find_dates("Yesterday the envoy said the deal of last week held.", NEWS)
    assert (yesterday.is_relative, yesterday.anchor) == (True, "2011-03-17")
    assert (last_week.value_start, last_week.value_end) == (date(2011, 3, 7), date(2011, 3, 13))
    quarter, ago = find_dates("Third-quarter sales rose from a year ago.", REPORT)
    assert (quarter.anchor, ago.anchor) == ("2011-11-02", "2011-Q3")


@pytest.mark.parametrize(
    ("text", "narrative_values", "news_values"),
    [
        # a history essay (no date of its own): the last year named wins, day-counting words stay out
        ("In 1995 the plant closed; on Aug. 2 it was sold.", ["1995", "1995-08-02"], ["1995", "2010-08-02"]),
        ("The minister said Friday that last week was calm.", [], ["2011-03-11", "2011-W10"]),
        ("Yesterday, in the third quarter, it rained.", ["2005-Q3"], ["2011-03-16", "2010-Q3"]),
    ],
)
def test_strategy_follows_whether_the_document_has_a_date(
    text: str, narrative_values: list[str], news_values: list[str]
) -> None:
    narrative = DateContext(year=2005, reference=DCT, narrative=True)
    assert [s.value for s in find_dates(text, narrative)] == narrative_values
    assert [s.value for s in find_dates(text, NEWS)] == news_values


@dataclass(frozen=True)
class _DatedDocument:
    """Stand-in for a parsed document that carries its own date (the fields the parse stage adds)."""

    doc_id: str
    text: str
    sentences: tuple
    year: int | None
    date: str | None
    date_precision: str | None


def _dated(body: list[str], value: str | None, precision: str | None) -> _DatedDocument:
    base = _document(body, [])
    return _DatedDocument(base.doc_id, base.text, base.sentences, base.year, value, precision)


BODY = ["In 2004 the republic joined.", "On Friday the envoy said talks resume on June 9."]


@pytest.mark.parametrize(
    ("value", "precision", "expected"),
    [
        # a dateline names the day: news reading (Friday of that week, June 9 after the date)
        ("2010-06-02", "day", [("2004", None), ("Friday", "2010-05-28"), ("June 9", "2010-06-09")]),
        # a month: counted from its last day
        ("2010-06", "month", [("2004", None), ("Friday", "2010-06-25"), ("June 9", "2010-06-09")]),
        # a year only, or no date: narrative reading (June 9 of the last year named, no weekday)
        ("2010", "year", [("2004", None), ("June 9", "2004-06-09")]),
        (None, None, [("2004", None), ("June 9", "2004-06-09")]),
    ],
)
def test_extract_dates_uses_the_document_date(value, precision, expected) -> None:
    mentions = extract_dates(_dated(BODY, value, precision))
    got = [(m.text, None if m.text == "2004" else m.value) for m in mentions]
    assert got == expected
    for m in mentions:
        if m.text != "2004":
            assert m.anchor is not None


def test_own_date_reads_day_and_month_precision_only() -> None:
    assert own_date(_dated([], "2003-12-05", "day")) == date(2003, 12, 5)
    assert own_date(_dated([], "2008-02", "month")) == date(2008, 2, 29)
    assert own_date(_dated([], "2008", "year")) is None
    assert own_date(_document([], [])) is None
