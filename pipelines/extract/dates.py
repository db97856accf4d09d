"""Temporal expressions: every date in a text, normalised to a TIMEX3-style ISO value with its precision.

Two layers:

* `find_dates(text, context)` is pure and works on one string (offsets are relative to it). A
  `DateContext` carries the year/month last seen before the string (for "in May of the same year", "In
  the same year"), the quarter a report is about, and the document's reference date (for "Last
  September", "this year", "for the past 15 years"). `find_dates_with_context` also returns the context
  after the string.
* `extract_dates(document)` walks the sentences of a `ParsedDocument` in order (body first, then each
  footnote with a context of its own), and returns `DateMention`s with absolute offsets.

Two strategies, chosen by whether the document has a date of its own (HeidelTime's "news" and
"narratives"):

* news (`DateContext(reference=DCT)`, or a document with a day- or month-precision `date`): yearless
  dates take the reading nearest the DCT, a later one counting twice as far (news reports what has
  happened), or the first one from the DCT after a future cue in the clause ("the rights expire Nov.
  21"; data/dates/future_cues.txt); weekdays are the DCT's day or the last one before it ("said Friday"),
  the next one after a future cue; today/yesterday/tomorrow/tonight, "last week" (2011-W10), "the
  weekend" (2011-W10-WE), "earlier this month", "six months ago", "the end of the month" count from the
  DCT; "the quarter", "the year-ago quarter" and "a year ago" from the quarter the text reports on;
* narrative (`narrative=True`: the reference was inferred from the text's own dates): yearless dates
  take the last year named, and words that need a day to count from (weekdays, "yesterday", "last
  week") are left out.

Grammar (lexicons are in `data/dates/`):

* atoms: "1 March, 2006", "September 29, 2006", "29 sentiabria 2006" (transliterated Russian), "November
  2005", "2003", "the 1990s", "Autumn 2004", "9/11", "01.03.2006", "2006-03-01", and partial atoms that
  need a year from elsewhere: "31 January", "March 24", "March" (a bare month only after a preposition or
  as part of a coordination);
* coordination: atoms joined by "-", "/", "to", "through", "until" (or "between ... and") become one
  range ("24 September-7 October, 2003" -> 2003-09-24/2003-10-07); atoms joined by "and", "or", ","
  stay separate mentions ("March and October 2005" -> 2005-03 and 2005-10). A partial atom takes its
  missing year from the atom on its right, otherwise from the context (anaphora);
* modifiers: "early/mid/late", "the end/beginning/middle of" (EARLY/MID/LATE, part of the surface),
  "since/before/after/prior to" (SINCE/BEFORE/AFTER, not part of the surface), "pre-"/"post-";
* anaphora: "the same year", "that year", "May of the same year", "the following year" -> context year;
* relative (is_relative=True, anchor = reference date): "this/last/next year", "Last September",
  "January this year", "this summer", "for the past 15 years" (-> 1992/2007 with a 2007 reference),
  "more than six years", "ten years ago";
* periods: quarters and halves ("the third quarter of 1989", "third-quarter", "the 1988 second
  quarter", "next year's first quarter" -> 1989-Q3, 1988-Q2, 1990-Q1; "the second half of 1989" ->
  1989-H2), "fiscal 1989" (a year), seasons (2004-FA).

Not dates: years inside URLs, page/issue/volume numbers ("p. 165", "No. 35", "Issue 9"), quantities
("2000 troops", "$1500 million"), model numbers ("C-130"), years that are part of a proper name
("Steppe Eagle 2005": a capitalised word right before the year, unless an event noun such as "Summit"
follows), running headers ("No. 2(50), 2008" alone on a line), durations ("five-year"), vague words.

Choices:

* Seasons take their TIMEX3 codes: "Autumn 2004" -> 2004-FA, covering September to November
  (data/dates/seasons.tsv); "summer 2005-2006" (two summers) is a range of months.
* "the 1990s" -> 199X, precision decade, 1990-01-01..1999-12-31; "the early 1990s" adds mod EARLY.
* EARLY/MID/LATE and SINCE/BEFORE/AFTER keep the value of the date they modify ("late September 2006"
  -> 2006-09, mod LATE).
* Numeric dates: with dots day first (Russian usage: "11.01.2007" -> 2007-01-11), with slashes month
  first (U.S. usage: "9/11/2001" -> 2001-09-11) unless that is impossible ("29/9/2006").
* A partial date ("March 24", "in October") with no year in the context and no document date is dropped.
* Every value that was not read off the text names its anchor: the DCT, the inferred reference, the
  last year or month named, or the quarter reported on (1989-Q3 for "a year ago" -> 1988-Q3).
* Reference date of a document (`reference_date`): the latest explicit day- or month-precision date in
  the document (body and footnotes: the sources an author cites cannot postdate the writing), ignoring
  dates after the printed year when one is printed; failing that 1 January of the printed year; failing
  that 31 December of the latest explicit year. For the seed 000 this gives 2007-01-11; for 001
  2007-09-24 (its issue year is 2008, but the article was written in 2007: "six years since 2001").
  Nothing depends on today's date.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import cache
from pathlib import Path

from pipelines.extract import date_periods as periods
from pipelines.extract.model import DateMention

DATA_DIR = Path(__file__).resolve().parent / "data" / "dates"

__all__ = [
    "DateContext",
    "DateSpan",
    "extract_dates",
    "find_dates",
    "find_dates_with_context",
    "own_date",
    "reference_date",
]


# --------------------------------------------------------------------------- records


@dataclass(frozen=True)
class DateContext:
    """What a text needs from outside itself to resolve partial, anaphoric and relative dates.

    `reference` is by default the document's own date (news: a dateline, a byline, a creation time), and
    yearless dates, weekdays, "yesterday", "last week" are read around it. `narrative=True` says the
    reference was inferred from the dates of a text without a date of its own (a history essay): yearless
    dates then take the last year mentioned, and expressions that need a day to count from are left out.
    """

    year: int | None = None  # year of the last date seen before the text
    month: int | None = None  # month of the last date seen, when it had one
    reference: date | None = None  # the document's reference date for relative expressions
    narrative: bool = False
    quarter: tuple[int, int] | None = None  # (year, quarter) last named: "the quarter", "a year ago"

    @property
    def news(self) -> bool:
        return self.reference is not None and not self.narrative


@dataclass(frozen=True)
class DateSpan:
    start: int
    end: int
    text: str  # == the input text[start:end]
    value: str
    precision: str  # day, week, month, season, quarter, half, year, decade, range
    value_start: date
    value_end: date
    mod: str | None = None
    is_relative: bool = False
    anchor: str | None = None
    anaphoric: bool = False


# --------------------------------------------------------------------------- lexicons


def _rows(name: str) -> list[list[str]]:
    out = []
    for line in (DATA_DIR / name).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        out.append(line.split("\t"))
    return out


@dataclass(frozen=True)
class _Lexicon:
    months: dict[str, int]  # lower-cased surface -> month
    full_months: tuple[str, ...]
    abbr_months: tuple[str, ...]
    ru_months: tuple[str, ...]
    seasons: dict[str, tuple[int, int, str]]  # first month, last month, TIMEX3 code
    numbers: dict[str, int]
    events: tuple[tuple[re.Pattern[str], str], ...]
    name_stopwords: frozenset[str]
    event_nouns: frozenset[str]
    units: frozenset[str]
    weekdays: dict[str, int]  # lower-cased name -> Monday = 0
    deictic_days: dict[str, int]  # today, yesterday ... -> offset in days
    relative_words: dict[str, int]  # last, this, next ... -> offset in units
    future_cue: re.Pattern[str]
    vague_day_nouns: frozenset[str]


def _words(name: str) -> frozenset[str]:
    return frozenset(r[0].strip().lower() for r in _rows(name))


@cache
def _lexicon() -> _Lexicon:
    months: dict[str, int] = {}
    kinds: dict[str, list[str]] = {"full": [], "abbr": [], "ru": []}
    for surface, month, kind in _rows("months.tsv"):
        months[surface.lower()] = int(month)
        kinds[kind].append(surface)
    seasons = {r[0].lower(): (int(r[1]), int(r[2]), r[3].strip()) for r in _rows("seasons.tsv")}
    numbers = {r[0].lower(): int(r[1]) for r in _rows("numbers.tsv")}
    events = tuple((re.compile(r[0]), r[1].strip()) for r in _rows("known_events.tsv"))
    stop = _words("name_stopwords.txt") | {m.lower() for m in months} | set(seasons)
    return _Lexicon(
        months=months,
        full_months=tuple(kinds["full"]),
        abbr_months=tuple(kinds["abbr"]),
        ru_months=tuple(kinds["ru"]),
        seasons=seasons,
        numbers=numbers,
        events=events,
        name_stopwords=frozenset(stop),
        event_nouns=_words("event_nouns.txt"),
        units=_words("quantity_units.txt"),
        weekdays={r[0].lower(): int(r[1]) for r in _rows("weekdays.tsv")},
        deictic_days={r[0].lower(): int(r[1]) for r in _rows("deictic_days.tsv")},
        relative_words={r[0].lower(): int(r[1]) for r in _rows("relative_words.tsv")},
        future_cue=_cue_regex(_words("future_cues.txt")),
        vague_day_nouns=_words("vague_day_nouns.txt"),
    )


def _cue_regex(cues: Iterable[str]) -> re.Pattern[str]:
    """Whole-word cues, never inside a hyphenated compound ("lower-than-expected earnings" looks back); a
    cue such as "'ll" that starts with punctuation is matched after a letter too."""
    parts = [
        (r"(?<![\w-])" if c[0].isalnum() else "") + re.escape(c).replace(r"\ ", r"\s+") + r"(?![\w-])"
        for c in cues
    ]
    return re.compile("|".join(sorted(parts, key=len, reverse=True)), re.IGNORECASE)


# --------------------------------------------------------------------------- grammar

_SP = r"(?:[ \t\u00a0]+|[ \t\u00a0]*\n[ \t\u00a0]*)"  # some white space, at most one line break
_OSP = r"[ \t\u00a0]*\n?[ \t\u00a0]*"
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1\d{3}|20\d{2}|2100)"
# a year is not followed by more digits or letters (a footnote marker such as "²" may follow)
_YEND = r"(?![A-Za-z0-9_%])(?![.,/]\d)"
_YSTART = r"(?<![\w$€£])(?<!\d[.,/])"
_RANGE_WORDS = r"(?:-|–|—|to|through|thru|till|until)"


def _alt(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def _atom_regex() -> re.Pattern[str]:
    lex = _lexicon()
    full = rf"\b(?:{_alt(lex.full_months)})\b"
    month = rf"(?:\b(?:{_alt(lex.full_months)})\b|\b(?:{_alt(lex.abbr_months)})\b\.?|\b(?i:{_alt(lex.ru_months)})\b)"
    season = rf"\b(?i:{_alt(lex.seasons)})\b"
    num = rf"(?:\d{{1,2}}|(?i:{_alt(lex.numbers)}))"
    d, y, sp, osp = _DAY, _YEAR, _SP, _OSP
    weekday = rf"\b(?:{_alt(w.capitalize() for w in lex.weekdays)})\b"
    rel = rf"(?i:{_alt(lex.relative_words)})"
    ordinal = rf"(?i:{_alt(_ORDINALS)})"
    events = "|".join(f"(?P<ev{i}>{p.pattern})" for i, (p, _) in enumerate(lex.events))
    alternatives = [
        rf"(?P<ev>{events})",
        r"(?<![\d/])(?P<iso_y>\d{4})-(?P<iso_m>\d{2})-(?P<iso_d>\d{2})(?![\d/])",
        r"(?<![\d./])(?P<num_a>\d{1,2})(?P<num_sep>[./])(?P<num_b>\d{1,2})(?P=num_sep)(?P<num_y>\d{4})(?![\d])",
        # 5-7 May 2006, 5 and 6 May 2006
        rf"(?<![\w.,])(?P<ddm_d1>{d}){osp}(?P<ddm_sep>-|–|—|to|through|and|&){osp}(?P<ddm_d2>{d}){sp}(?:of{sp})?"
        rf"(?P<ddm_m>{month})(?:,?{sp}(?P<ddm_y>{y}){_YEND})?",
        # May 5-7, 2006
        rf"(?P<mdd_m>{month}){sp}(?P<mdd_d1>{d}){osp}(?P<mdd_sep>-|–|—|to|through|and|&){osp}(?P<mdd_d2>{d}),?{sp}"
        rf"(?P<mdd_y>{y}){_YEND}",
        rf"(?<![\w.,])(?:the{sp})?(?P<dmy_d>{d}){sp}(?:of{sp})?(?P<dmy_m>{month}),?{sp}(?P<dmy_y>{y}){_YEND}",
        rf"(?P<mdy_m>{month}){sp}(?:the{sp})?(?P<mdy_d>{d})(?![\w]),?{sp}(?P<mdy_y>{y}){_YEND}",
        # May of the same year, May of that year
        rf"(?P<mofy_m>{full}){sp}(?:of{sp})?(?:(?:the|that){sp}same|that){sp}year\b(?!s)",
        rf"(?P<my_m>{month}),?{sp}(?:of{sp})?(?P<my_y>{y}){_YEND}",
        rf"(?P<se_s>{season}){sp}(?:of{sp})?(?P<se_y>{y})(?:[-–/](?P<se_y2>{y}))?{_YEND}",
        rf"(?:(?P<dec_the>[Tt]he){sp})?(?:(?P<dec_mod>(?i:early|mid|late))(?:-|{sp}))?(?P<dec_y>(?:1\d|20)\d0)'?s\b",
        rf"(?:(?P<dw_the>[Tt]he){sp})?(?:(?P<dw_mod>(?i:early|mid|late))(?:-|{sp}))?"
        rf"(?P<dw>(?i:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)|'[2-9]0s)\b",
        # the third quarter (of 1989), third-quarter, the 1988 second quarter, next year's first quarter,
        # the fiscal first quarter, the second half of 1989
        rf"(?:[Tt]he{sp})?(?:(?P<q_y>{y}){sp}|(?P<q_rel>(?i:this|last|next)){sp}year's{sp}|"
        rf"(?P<q_ago>(?i:year-ago|year-earlier)){sp})?"
        rf"(?:(?i:fiscal)[ -])?(?P<q_n>{ordinal})[ -](?:(?i:fiscal)[ -])?(?P<q_unit>(?i:quarter|half))\b"
        rf"(?:{sp}of{sp}(?:(?i:fiscal){sp})?(?P<q_y2>{y}){_YEND})?",
        # the quarter, the latest quarter, the year-ago period, that quarter
        rf"(?P<qa>(?i:the|this|that)){sp}(?:(?P<qa_y>{y}){sp})?(?P<qa_adj>(?:(?i:latest|current|same|comparable|year-ago|"
        rf"year-earlier|just-ended|recent|fiscal){sp})*)(?P<qa_unit>(?i:quarter|period))\b(?!-)",
        r"(?P<ya>(?i:year-(?:ago|earlier)))\b",
        rf"(?P<fy>(?i:fiscal)(?:{sp}(?i:year))?){sp}(?P<fy_y>{y}){_YEND}",
        rf"(?<![\w.,])(?:the{sp})?(?P<dm_d>{d}){sp}(?:of{sp})?(?P<dm_m>{month})(?!\w)",
        rf"(?P<md_m>{month}){sp}(?:the{sp})?(?P<md_d>{d})(?![\w.,]\d|\w)",
        # relative spans: for the past 15 years, over the last decade, more than six years
        rf"(?i:(?:for|over|in|during|within|throughout){sp}the{sp}(?:past|last|previous|preceding){sp})"
        rf"(?:(?P<rel_n>{num}){sp}(?P<rel_unit>(?i:years|decades))|(?P<rel_dec>(?i:decade)))\b",
        rf"(?i:more{sp}than){sp}(?P<rel_more>{num}){sp}(?i:years)\b",
        rf"(?P<ago_n>{num}){sp}(?P<ago_unit>(?i:years?|decades?|months?|weeks?|days?)){sp}ago\b",
        # news: weekdays, today, last week, this month, the weekend, the end of the month
        rf"(?:(?:[Tt]he{sp})?(?P<wd_rel>{rel}){sp})?(?P<wd>{weekday})",
        rf"(?P<dx>(?i:{_alt(lex.deictic_days)}))\b",
        rf"(?:[Tt]he{sp})?(?P<rw_rel>{rel}){sp}(?P<rw_unit>(?i:week|weekend|month))\b(?!s)",
        rf"(?P<we>[Tt]he{sp}weekend)\b",
        rf"(?P<eo>(?i:the{sp}(?:very{sp})?(?:end|close|beginning|start|middle)){sp}of{sp}the{sp})"
        rf"(?P<eo_unit>(?i:year|month))\b(?!s)",
        rf"(?P<ry>(?i:this|last|next)|(?i:the){sp}current){sp}year\b(?!s)",
        rf"(?P<rm_dir>[Ll]ast|[Tt]his|[Nn]ext){sp}(?P<rm_m>{full})(?!{sp}\d)",
        rf"(?:[Tt]he{sp})?(?P<rs_rel>{rel}){sp}(?P<rs_s>{season})",
        rf"(?:[Tt]he{sp})?(?P<amd_dir>(?i:following|next|previous|preceding)){sp}(?P<amd_m>{full})(?!{sp}\d)",
        # a day of the month in context: "on the 10th and 11th" (not "the 10th floor", "the 10th of May")
        rf"\b(?i:on|by|until|till|from|since|before|after){sp}(?P<od>[Tt]he{sp}(?P<od_d>3[01]|[12]\d|[1-9])(?:st|nd|rd|th))"
        rf"(?:{sp}(?:and|or|to){sp}(?:the{sp})?(?P<od_d2>3[01]|[12]\d|[1-9])(?:st|nd|rd|th))?(?![ \u00a0]*\w)",
        # January this year, June last year
        rf"(?P<mry_m>{month}){sp}(?P<mry_rel>(?i:this|last|next)){sp}year\b(?!s)",
        # anaphora
        rf"(?P<ay>(?i:(?:the|that){sp}same|that)){sp}year\b(?!s)",
        rf"(?i:the{sp})(?P<ay_dir>(?i:following|next|previous|preceding)){sp}year\b(?!s)",
        rf"(?i:a{sp})year{sp}(?P<ay_later>later|earlier)\b",
        rf"(?P<am>(?i:(?:the|that){sp}same|that)){sp}month\b",
        rf"{_YSTART}(?P<y>{y})(?:(?P<y_sep>{osp}[-–—/]{osp})(?P<y2s>(?:1\d|20)?\d{{2}})(?![\w/-]))?{_YEND}",
        rf"(?P<mo>{full})",
    ]
    # every date starts a word (or is "'90s"): the guard spares the alternatives everywhere else
    return re.compile(r"(?<!\w)(?=[\w'])(?:" + "|".join(alternatives) + ")")


_URL_RE = re.compile(
    r"(?:https?://|ftp://|www\.)[^\s\]>)\"']+|\[<?[^\]\s]*[/@][^\]\s]*>?\]|<[^>\s]*/[^>\s]*>|\S+@\S+\.\w+"
)
_HEADER_LINE_RE = re.compile(r"^\W*(?:[A-Z][\w ]*\s)?No\.\s*\d+\s*\(\d+\),\s*\d{4}\W*$")
_ISSUE_BEFORE_RE = re.compile(r"\bNo\.\s*\d+\s*\(\d+\),\s*$")
_REF_BEFORE_RE = re.compile(
    r"(?:\b(?:p|pp|No|Nos|no|Vol|vol|Issue|issue|Art|art|Ed|ed)\.?|[§#№])\s*(?:\d+\s*[-–]\s*)?$"
)
_MONEY_BEFORE_RE = re.compile(r"(?:[$€£]|\bUS\$|\bUSD|\bEUR)\s*$")
_CODE_BEFORE_RE = re.compile(r"[A-Za-z]-$|[A-Za-z]$")
_CAP_WORD_BEFORE_RE = re.compile(r"([A-Z][\w'’.-]*)[ \u00a0]$")
_CLAUSE_END_RE = re.compile(r"[.,;:()\[\]\"“”!?\n]")
_CUE_BEFORE_RE = re.compile(r"\b(?i:in|since|of|from|until|till|by|year|before|after|around|circa|c\.)\s+$")

_MOD_PREFIX_RE = re.compile(
    r"(?:(?P<emod>\b(?i:early|late|mid))(?:[ \u00a0]*-[ \u00a0]*|[ \u00a0]+)"
    r"|\b(?P<phrase>(?i:(?:the[ \u00a0]+)?(?:very[ \u00a0]+)?(?:end|close|beginning|start|middle|turn)))"
    r"[ \u00a0]+of[ \u00a0]+(?:the[ \u00a0]+)?"
    r"|\b(?P<pp>(?i:pre|post))-)$"
)
_MOD_WORD_RE = re.compile(
    r"\b(?P<w>(?i:since|before|after|prior[ \u00a0]+to|until|till|by|from))[ \u00a0]+(?:the[ \u00a0]+)?$"
)
_LICENSE_MONTH_RE = re.compile(
    r"\b(?i:in|on|by|since|until|till|from|through|during|of|early|late|mid|last|next|this|before|after|"
    r"between|end|beginning|middle)[ \u00a0-]+(?:the[ \u00a0]+)?$"
)
_RANGE_GAP_RE = re.compile(rf"^{_OSP}(?:-|–|—|/|to|through|thru|till|until){_OSP}$")
_LIST_GAP_RE = re.compile(rf"^{_OSP}(?:,|and|or|&|,{_SP}and|,{_SP}or){_OSP}$")
_AND_GAP_RE = re.compile(rf"^{_SP}and{_SP}$")
_BETWEEN_RE = re.compile(r"\b(?i:between)[ \u00a0]+$")
_FROM_RE = re.compile(r"\b(?i:from)[ \u00a0]+$")

_DECADE_WORDS = ("twe", "thi", "for", "fif", "six", "sev", "eig", "nin")  # twenties .. nineties (1900s)
_CLAUSE_MARKS = (".", ";", "!", "?", "\n", '"', "``", "''", "“", "”")  # a cue is not read across these
_OF_BEFORE_RE = re.compile(r"\bof[ \u00a0]+$")
_POSSESSIVE_NOUN_RE = re.compile(r"['’]s[ \u00a0]+(\w+)")
_EVENT_AFTER_RE = re.compile(r"[ \u00a0]+(\w+)")
_ARTICLE_BEFORE_RE = re.compile(r"\b(?i:a|the)[ \u00a0]+$")
_DAY_KINDS = {"dm", "md", "dmy", "mdy", "iso", "num"}
_WEEKDAY_GAP_RE = re.compile(r"^,?[ \u00a0]+$")
_NEWS_KINDS = {"weekday", "deictic_day", "unit_week", "unit_weekend", "unit_month"}
_EARLIER_BEFORE_RE = re.compile(r"\b(?i:earlier|later)[ \u00a0]+(?:(?i:in)[ \u00a0]+)?$")
_PERIOD_ADJ = {"latest", "year-ago", "year-earlier", "comparable", "same", "just-ended"}
_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}
_MOD_OF_WORD = {"early": "EARLY", "mid": "MID", "late": "LATE"}
_MOD_OF_PHRASE = {
    "end": "LATE",
    "close": "LATE",
    "turn": "LATE",
    "beginning": "EARLY",
    "start": "EARLY",
    "middle": "MID",
}
_MOD_OF_PREP = {"since": "SINCE", "before": "BEFORE", "after": "AFTER", "prior to": "BEFORE"}


# --------------------------------------------------------------------------- values


def _last_day(y: int, m: int) -> int:
    return calendar.monthrange(y, m)[1]


@dataclass(frozen=True)
class _Value:
    """A resolved calendar value (year, optional month, optional day) or a decade."""

    year: int
    month: int | None = None
    day: int | None = None
    decade: bool = False

    @property
    def iso(self) -> str:
        if self.decade:
            return f"{self.year // 10}X"
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    @property
    def precision(self) -> str:
        if self.decade:
            return "decade"
        return "year" if self.month is None else ("month" if self.day is None else "day")

    @property
    def first(self) -> date:
        if self.decade:
            return date(self.year, 1, 1)
        return date(self.year, self.month or 1, self.day or 1)

    @property
    def last(self) -> date:
        if self.decade:
            return date(self.year + 9, 12, 31)
        m = self.month or 12
        return date(self.year, m, self.day or _last_day(self.year, m))


def _valid(y: int | None, m: int | None, d: int | None) -> bool:
    if y is None or not 1000 <= y <= 2100:
        return False
    if m is not None and not 1 <= m <= 12:
        return False
    return not (d is not None and (m is None or not 1 <= d <= _last_day(y, m)))


def _int_day(s: str) -> int:
    return int(re.match(r"\d+", s).group())  # type: ignore[union-attr]


def _month_of(s: str) -> int:
    return _lexicon().months[s.rstrip(".").lower()]


def _number(s: str) -> int:
    return int(s) if s.isdigit() else _lexicon().numbers[s.lower()]


# --------------------------------------------------------------------------- atoms


@dataclass
class _Atom:
    start: int
    end: int
    kind: str
    y: int | None = None
    m: int | None = None
    d: int | None = None
    licensed: bool = True  # partial atoms (no year) need a licence or a right-hand neighbour
    extra: dict | None = None  # kind-specific payload

    @property
    def partial(self) -> bool:
        return self.kind in ("dm", "md", "mo")

    @property
    def chainable(self) -> bool:
        return self.kind in ("dmy", "mdy", "iso", "num", "my", "y", "dm", "md", "mo")


def _mask_urls(text: str) -> str:
    return _URL_RE.sub(lambda m: " " * len(m.group()), text)


def _line_of(text: str, pos: int) -> str:
    a = text.rfind("\n", 0, pos) + 1
    b = text.find("\n", pos)
    return text[a : b if b >= 0 else len(text)]


def _bare_year_ok(text: str, start: int, end: int, year: int) -> bool:
    before = text[max(0, start - 40) : start]
    after = text[end : end + 30]
    if _REF_BEFORE_RE.search(before) or _MONEY_BEFORE_RE.search(before):
        return False
    if _CODE_BEFORE_RE.search(before) and not _MOD_PREFIX_RE.search(before):
        return False  # "MiG-2000", but "mid-2005", "post-2001"
    if _HEADER_LINE_RE.match(_line_of(text, start)):
        return False
    if _ISSUE_BEFORE_RE.search(before) and not re.match(r"\s*[,.;:)]", after):
        return False  # a running header glued into the text: "... the No. 2(50), 2008 Alliance's leaders"
    lex = _lexicon()
    next_words = [w.lower() for w in _CLAUSE_END_RE.split(after, maxsplit=1)[0].split()[:3]]
    cue = bool(_CUE_BEFORE_RE.search(before))
    # a quantity: "2000 troops", and without a preposition before it "2000 Kazakh troops"
    if next_words and (
        next_words[0] in lex.units or (not cue and next_words[1:2] and next_words[1] in lex.units)
    ):
        return False
    if after.lstrip().startswith("%"):
        return False
    # "Steppe Eagle 2005": part of a name; "the SCO 2005 Summit", "the Astana 2010 OSCE summit": dated events
    named = _in_name(text, start)
    if named and not any(w in lex.event_nouns for w in next_words):
        return False
    return not (year < 1800 and not _CUE_BEFORE_RE.search(before))


def _dated_event(text: str, start: int, end: int) -> bool:
    """A month naming an event after an article: "a September meeting", "the May elections"."""
    m = _EVENT_AFTER_RE.match(text, end)
    return (
        m is not None
        and m.group(1).lower() in _lexicon().event_nouns
        and bool(_ARTICLE_BEFORE_RE.search(text[max(0, start - 6) : start]))
    )


def _vague_day(text: str, start: int, end: int) -> bool:
    """ "today's world", "the leaders of tomorrow": the present or the future, not a day."""
    if _OF_BEFORE_RE.search(text[max(0, start - 4) : start]):
        return True
    m = _POSSESSIVE_NOUN_RE.match(text, end)
    return m is not None and m.group(1).lower() in _lexicon().vague_day_nouns


def _in_name(text: str, start: int) -> bool:
    """A capitalised word that is no function word stands right before: the date word is part of a name."""
    cap = _CAP_WORD_BEFORE_RE.search(text[max(0, start - 40) : start])
    return cap is not None and cap.group(1).rstrip(".").lower() not in _lexicon().name_stopwords


def _atoms(text: str) -> list[_Atom]:
    masked = _mask_urls(text)
    out: list[_Atom] = []
    lex = _lexicon()
    for mt in _atom_regex().finditer(masked):
        g = mt.groupdict()
        s, e = mt.span()
        a: _Atom | None = None
        if g["ev"]:
            ev = next(v for i, (_, v) in enumerate(lex.events) if g[f"ev{i}"])
            a = _Atom(s, e, "ev", extra={"value": ev})
        elif g["iso_y"]:
            a = _Atom(s, e, "iso", int(g["iso_y"]), int(g["iso_m"]), int(g["iso_d"]))
        elif g["num_a"]:
            p, q, y = int(g["num_a"]), int(g["num_b"]), int(g["num_y"])
            # dots: day first (European); slashes: month first (U.S.) unless impossible
            day, mon = (q, p) if g["num_sep"] == "/" and p <= 12 else (p, q)
            a = _Atom(s, e, "num", y, mon, day)
        elif g["ddm_d1"]:
            y = int(g["ddm_y"]) if g["ddm_y"] else None
            a = _Atom(s, e, "dd", y, _month_of(g["ddm_m"]), None)
            a.extra = {
                "d1": _int_day(g["ddm_d1"]),
                "d2": _int_day(g["ddm_d2"]),
                "sep": g["ddm_sep"],
                "spans": (mt.span("ddm_d1"), (mt.start("ddm_d2"), e)),
            }
        elif g["mdd_m"]:
            a = _Atom(s, e, "dd", int(g["mdd_y"]), _month_of(g["mdd_m"]), None)
            a.extra = {
                "d1": _int_day(g["mdd_d1"]),
                "d2": _int_day(g["mdd_d2"]),
                "sep": g["mdd_sep"],
                "spans": ((s, mt.end("mdd_d1")), (s, e)),
            }
        elif g["dmy_d"]:
            a = _Atom(s, e, "dmy", int(g["dmy_y"]), _month_of(g["dmy_m"]), _int_day(g["dmy_d"]))
        elif g["mdy_m"]:
            a = _Atom(s, e, "mdy", int(g["mdy_y"]), _month_of(g["mdy_m"]), _int_day(g["mdy_d"]))
        elif g["mofy_m"]:
            a = _Atom(s, e, "mofy", None, _month_of(g["mofy_m"]))
        elif g["my_m"]:
            a = _Atom(s, e, "my", int(g["my_y"]), _month_of(g["my_m"]))
        elif g["se_s"]:
            last_year = int(g["se_y2"]) if g["se_y2"] else None  # "the winter of 2005-2006"
            a = _Atom(
                s, e, "season", int(g["se_y"]), extra={"season": g["se_s"].lower(), "last_year": last_year}
            )
        elif g["dec_y"]:
            mod = _MOD_OF_WORD[g["dec_mod"].lower()] if g["dec_mod"] else None
            a = _Atom(s, e, "decade", int(g["dec_y"]), extra={"mod": mod})
        elif g["dw"]:
            word = g["dw"].lower()
            tens = int(word[1]) if word.startswith("'") else _DECADE_WORDS.index(word[:3]) + 2
            mod = _MOD_OF_WORD[g["dw_mod"].lower()] if g["dw_mod"] else None
            a = _Atom(s, e, "decade", 1900 + 10 * tens, extra={"mod": mod})
        elif g["q_n"]:
            n, unit = _ORDINALS[g["q_n"].lower()], g["q_unit"].lower()
            if unit == "half" and n > 2:
                continue
            y = g["q_y"] or g["q_y2"]
            rel = {"this": 0, "last": -1, "next": 1}[g["q_rel"].lower()] if g["q_rel"] else None
            a = _Atom(s, e, unit, int(y) if y else None, extra={"n": n, "rel": rel, "ago": bool(g["q_ago"])})
        elif g["qa"]:
            adj = set(g["qa_adj"].lower().split())
            if g["qa_unit"].lower() == "period" and not adj & _PERIOD_ADJ and not g["qa_y"]:
                continue  # "the period" alone is no date
            y = int(g["qa_y"]) if g["qa_y"] else None
            a = _Atom(s, e, "quarter_ref", y, extra={"adj": adj})
        elif g["ya"]:
            a = _Atom(s, e, "quarter_ref", extra={"adj": {"year-ago"}})
        elif g["fy"]:
            a = _Atom(s, e, "fiscal_year", int(g["fy_y"]))
        elif g["wd"]:
            rel = lex.relative_words[re.sub(r"\s+", " ", g["wd_rel"].lower())] if g["wd_rel"] else 0
            a = _Atom(s, e, "weekday", extra={"weekday": lex.weekdays[g["wd"].lower()], "rel": rel})
        elif g["dx"]:
            if (g["dx"][0].isupper() and _in_name(masked, s)) or _vague_day(masked, s, e):
                continue  # "VOA Today", "USA Today"; "today's world", "the people of tomorrow"
            a = _Atom(s, e, "deictic_day", extra={"offset": lex.deictic_days[g["dx"].lower()]})
        elif g["rw_rel"]:
            if g["rw_unit"][0].isupper():
                continue  # a title: ABC's "This Week"
            rel = lex.relative_words[re.sub(r"\s+", " ", g["rw_rel"].lower())]
            a = _Atom(s, e, "unit_" + g["rw_unit"].lower(), extra={"offset": rel})
        elif g["we"]:
            a = _Atom(s, e, "unit_weekend", extra={"offset": None})
        elif g["eo"]:
            mod = _MOD_OF_PHRASE[g["eo"].lower().split()[-3]]
            a = _Atom(s, e, "edge_of_" + g["eo_unit"].lower(), extra={"mod": mod})
        elif g["rs_rel"]:
            rel = lex.relative_words[re.sub(r"\s+", " ", g["rs_rel"].lower())]
            a = _Atom(s, e, "rel_season", extra={"season": g["rs_s"].lower(), "offset": rel})
        elif g["amd_dir"]:
            step = 1 if g["amd_dir"].lower() in ("following", "next") else -1
            a = _Atom(s, e, "ana_month_dir", m=_month_of(g["amd_m"]), extra={"dir": step})
        elif g["od"]:
            a = _Atom(mt.start("od"), mt.end("od_d2") if g["od_d2"] else e, "month_day")
            a.extra = {"days": [(mt.start("od"), mt.end("od"), int(g["od_d"]))]}
            if g["od_d2"]:
                a.extra["days"].append((mt.start("od_d2"), e, int(g["od_d2"])))
        elif g["mry_m"]:
            rel = {"this": 0, "last": -1, "next": 1}[g["mry_rel"].lower()]
            a = _Atom(s, e, "month_rel_year", m=_month_of(g["mry_m"]), extra={"offset": rel})
        elif g["dm_d"]:
            a = _Atom(s, e, "dm", None, _month_of(g["dm_m"]), _int_day(g["dm_d"]))
        elif g["md_m"]:
            a = _Atom(s, e, "md", None, _month_of(g["md_m"]), _int_day(g["md_d"]))
        elif g["rel_n"] or g["rel_dec"]:
            n = _number(g["rel_n"]) if g["rel_n"] else 1
            if (g["rel_unit"] or g["rel_dec"]).lower().startswith("decade"):
                n *= 10
            a = _Atom(s, e, "rel_span", extra={"n": n})
        elif g["rel_more"]:
            a = _Atom(s, e, "rel_span", extra={"n": _number(g["rel_more"])})
        elif g["ago_n"]:
            unit = g["ago_unit"].lower().rstrip("s")
            n = _number(g["ago_n"]) * (10 if unit == "decade" else 1)
            a = _Atom(s, e, "ago", extra={"n": n, "unit": "year" if unit == "decade" else unit})
        elif g["ry"]:
            w = g["ry"].lower().split()[-1]
            a = _Atom(s, e, "rel_year", extra={"offset": {"this": 0, "current": 0, "last": -1, "next": 1}[w]})
        elif g["rm_dir"]:
            a = _Atom(s, e, "rel_month", m=_month_of(g["rm_m"]), extra={"dir": g["rm_dir"].lower()})
        elif g["ay"]:
            a = _Atom(s, e, "ana_year", extra={"offset": 0})
        elif g["ay_dir"]:
            off = 1 if g["ay_dir"].lower() in ("following", "next") else -1
            a = _Atom(s, e, "ana_year", extra={"offset": off})
        elif g["ay_later"]:
            later = g["ay_later"].lower() == "later"
            a = _Atom(s, e, "ana_year", extra={"offset": 1 if later else -1, "earlier": not later})
        elif g["am"]:
            a = _Atom(s, e, "ana_month")
        elif g["y"]:
            y = int(g["y"])
            if not _bare_year_ok(masked, s, e, y):
                continue
            a = _Atom(s, e, "y", y)
            if g["y2s"]:
                y2 = int(g["y2s"]) if len(g["y2s"]) == 4 else y // 100 * 100 + int(g["y2s"])
                if len(g["y2s"]) == 2 and y2 <= y:
                    y2 += 100
                a = _Atom(s, e, "yy", y, extra={"y2": y2})
        elif g["mo"]:
            lic = bool(_LICENSE_MONTH_RE.search(masked[max(0, s - 30) : s])) or _dated_event(masked, s, e)
            a = _Atom(s, e, "mo", None, _month_of(g["mo"]), licensed=lic)
        if a is not None:
            out.append(a)
    return _weekday_dates(masked, out)


def _weekday_dates(text: str, atoms: list[_Atom]) -> list[_Atom]:
    """ "Friday, Oct. 13": the weekday is part of the date that follows it, not a date of its own."""
    out: list[_Atom] = []
    for a in atoms:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.kind == "weekday"
            and a.kind in _DAY_KINDS
            and _WEEKDAY_GAP_RE.match(text[prev.end : a.start])
        ):
            a.start = prev.start
            out[-1] = a
            continue
        out.append(a)
    return out


# --------------------------------------------------------------------------- resolution


def _prefix(text: str, start: int, allow_mod: bool = True) -> tuple[int, str | None]:
    """Extend a span to the left over early/late/mid, "the end of", "pre-"; return (start, mod)."""
    before = text[max(0, start - 40) : start]
    mod = None
    new_start = start
    m = _MOD_PREFIX_RE.search(before) if allow_mod else None
    if m:
        if m.group("emod"):
            mod = _MOD_OF_WORD[m.group("emod").lower()]
        elif m.group("phrase"):
            mod = _MOD_OF_PHRASE[m.group("phrase").lower().split()[-1]]
        else:
            mod = "BEFORE" if m.group("pp").lower() == "pre" else "AFTER"
        new_start = start - (len(before) - m.start())
    w = _MOD_WORD_RE.search(text[max(0, new_start - 30) : new_start])
    if w and mod is None:
        mod = _MOD_OF_PREP.get(re.sub(r"\s+", " ", w.group("w").lower()))
    return new_start, mod


def _span(text: str, s: int, e: int, v: str, prec: str, first: date, last: date, **kw) -> DateSpan:
    return DateSpan(s, e, text[s:e], v, prec, first, last, **kw)


def _from_value(text: str, s: int, e: int, v: _Value, **kw) -> DateSpan:
    return _span(text, s, e, v.iso, v.precision, v.first, v.last, **kw)


def _range(text: str, s: int, e: int, a: _Value, b: _Value, **kw) -> DateSpan | None:
    if a.first > b.last:
        return None
    return _span(text, s, e, f"{a.iso}/{b.iso}", "range", a.first, b.last, **kw)


def _last_before(month: int, ref: date) -> _Value:
    return _Value(ref.year if month < ref.month else ref.year - 1, month)


def _forward(text: str, start: int) -> bool:
    """A future cue earlier in the clause: "the rights will expire Nov. 21", "talks resume Monday"."""
    window = text[max(0, start - 80) : start]
    window = window[max(window.rfind(c) for c in _CLAUSE_MARKS) + 1 :]
    return _lexicon().future_cue.search(window) is not None


def _relative_start(text: str, start: int) -> tuple[int, str | None]:
    """A relative span takes "early/late", "the end of" and "earlier/later (in)" on its left."""
    s, mod = _prefix(text, start)
    m = _EARLIER_BEFORE_RE.search(text[max(0, s - 20) : s])
    return (s - len(m.group()) if m else s), mod


def _from_period(text: str, s: int, e: int, p: periods.Period, **kw) -> DateSpan:
    return _span(text, s, e, p.value, p.precision, p.first, p.last, **kw)


def _period(unit: str, y: int, n: int) -> periods.Period:
    return periods.quarter(y, n) if unit == "quarter" else periods.half(y, n)


def _base_quarter(ctx: DateContext, latest: bool) -> tuple[int, int] | None:
    """The quarter a news text reports on: the last one it named, else the last one ended (or current)."""
    if ctx.quarter is not None:
        return ctx.quarter
    if ctx.reference is None or ctx.narrative:
        return None
    y, m = periods.shift_month(ctx.reference, -3) if latest else (ctx.reference.year, ctx.reference.month)
    return y, (m - 1) // 3 + 1


def _resolve_period(text: str, a: _Atom, ctx: DateContext) -> list[DateSpan]:
    """Quarters and halves: "the third quarter of 1989", "third-quarter", "next year's first quarter"."""
    ex, ref = a.extra or {}, ctx.reference
    size = 3 if a.kind == "quarter" else 6
    kw: dict = {}
    if a.y is not None:
        y = a.y
    elif ex["rel"] is not None and ref is not None:
        y, kw = ref.year + ex["rel"], {"is_relative": True, "anchor": ref.isoformat()}
    elif ctx.news and ref is not None:
        # results are reported on periods that have begun: a period of the document's year that has
        # begun; one still to come is this year's after a future cue, else last year's (a Q4 in February)
        begun = ex["n"] - 1 <= (ref.month - 1) // size
        y = ref.year if begun or _forward(text, a.start) else ref.year - 1
        kw = {"anchor": ref.isoformat()}
    elif ctx.year is not None:
        y, kw = ctx.year, {"anchor": str(ctx.year), "anaphoric": True}
    else:
        return []
    if ex["ago"]:  # "the year-ago third quarter"
        y, kw = y - 1, {**kw, "is_relative": True, "anaphoric": True}
    return [_from_period(text, a.start, a.end, _period(a.kind, y, ex["n"]), **kw)]


def _resolve_quarter_ref(text: str, a: _Atom, ctx: DateContext) -> list[DateSpan]:
    """ "the quarter", "the latest quarter", "the current quarter", "the year-ago period"."""
    ex = a.extra or {}
    adj = ex["adj"]
    if "current" in adj:
        base = _base_quarter(replace(ctx, quarter=None), latest=False)
    else:
        base = _base_quarter(ctx, latest=True)
    back = 1 if adj & {"year-ago", "year-earlier"} else 0
    if a.y is not None:  # "the 1988 quarter": the quarter reported on, in that year
        p = periods.quarter(a.y, base[1]) if base else periods.year(a.y)
        return [
            _from_period(
                text, a.start, a.end, p, anchor=base and periods.quarter(*base).value, anaphoric=True
            )
        ]
    if base is None:
        if back and ctx.news and ctx.reference is not None:
            y = ctx.reference.year - 1
            return [_from_period(text, a.start, a.end, periods.year(y), anchor=ctx.reference.isoformat())]
        return []
    p = periods.quarter(base[0] - back, base[1])
    anchor = periods.quarter(*base).value
    return [_from_period(text, a.start, a.end, p, anchor=anchor, anaphoric=True, is_relative=bool(back))]


def _years_back(text: str, a: _Atom, ctx: DateContext, n: int) -> list[DateSpan]:
    """ "a year ago", "a year earlier" in news: the quarter reported on a year before, else the year."""
    ref = ctx.reference
    if ref is None:
        return []
    if ctx.quarter is not None and ctx.news:
        p = periods.quarter(ctx.quarter[0] - n, ctx.quarter[1])
        anchor = periods.quarter(*ctx.quarter).value
        return [_from_period(text, a.start, a.end, p, is_relative=True, anchor=anchor, anaphoric=True)]
    return [_from_value(text, a.start, a.end, _Value(ref.year - n), is_relative=True, anchor=ref.isoformat())]


def _resolve_news(text: str, a: _Atom, ctx: DateContext) -> list[DateSpan]:
    """Expressions that count from the document's own date: only in a dated (news) text."""
    ref = ctx.reference
    if ref is None or not ctx.news:
        return []
    k, ex = a.kind, a.extra or {}
    off = ex.get("offset")
    if k == "weekday":
        d = periods.weekday_near(ref, ex["weekday"], ex["rel"], _forward(text, a.start))
        p = periods.day(d)
    elif k == "deictic_day":
        p = periods.day(ref + timedelta(days=off))
    elif k == "unit_week":
        p = periods.week(ref + timedelta(days=7 * off))
    elif k == "unit_weekend":
        if off is None:  # "over the weekend": the last one, or the coming one with a future cue
            off = 0 if ref.weekday() >= 5 or _forward(text, a.start) else -1
        p = periods.weekend(ref + timedelta(days=7 * off))
    elif k == "unit_month":
        p = periods.month(*periods.shift_month(ref, off))
    elif k == "ago":
        n = ex["n"]
        unit = ex["unit"]
        if unit == "day":
            p = periods.day(ref - timedelta(days=n))
        elif unit == "week":
            p = periods.week(ref - timedelta(days=7 * n))
        else:
            p = periods.month(*periods.shift_month(ref, -n))
    else:
        return []
    s, mod = _relative_start(text, a.start)
    return [_from_period(text, s, a.end, p, mod=mod, is_relative=True, anchor=ref.isoformat())]


def _resolve_edge(text: str, a: _Atom, ctx: DateContext) -> list[DateSpan]:
    """ "the end of the year", "the beginning of the month": the document's year or month, else the last named."""
    mod = (a.extra or {})["mod"]
    ref = ctx.reference
    if ctx.news and ref is not None:
        v = _Value(ref.year, ref.month if a.kind == "edge_of_month" else None)
        return [_from_value(text, a.start, a.end, v, mod=mod, is_relative=True, anchor=ref.isoformat())]
    if ctx.year is None or (a.kind == "edge_of_month" and ctx.month is None):
        return []
    v = _Value(ctx.year, ctx.month if a.kind == "edge_of_month" else None)
    return [_from_value(text, a.start, a.end, v, mod=mod, anchor=v.iso, anaphoric=True)]


def _season(name: str, y: int) -> periods.Period:
    m1, m2, code = _lexicon().seasons[name]
    last = periods.month(y + 1 if m2 < m1 else y, m2).last
    return periods.Period(f"{y:04d}-{code}", "season", date(y, m1, 1), last)


def _resolve_rel_season(text: str, a: _Atom, ctx: DateContext) -> list[DateSpan]:
    """ "this summer" (of the reference year), "last winter" (the last one over), "next spring" (the next one)."""
    ref, ex = ctx.reference, a.extra or {}
    if ref is None:
        return []
    name, off = ex["season"], ex["offset"]
    if off == 0:
        winter_begun_last_year = _lexicon().seasons[name][0] == 12 and ref.month <= 2
        p = _season(name, ref.year - 1 if winter_begun_last_year else ref.year)
    elif off < 0:
        y = ref.year
        while _season(name, y).last >= ref:
            y -= 1
        p = _season(name, y)
    else:
        y = ref.year - 1
        while _season(name, y).first <= ref:
            y += 1
        p = _season(name, y)
    s, mod = _relative_start(text, a.start)
    return [_from_period(text, s, a.end, p, mod=mod, is_relative=True, anchor=ref.isoformat())]


def _resolve_month_day(text: str, a: _Atom, ctx: DateContext) -> list[DateSpan]:
    """ "on the 10th": that day of the month around the document date (news), else of the month last named."""
    out = []
    for s, e, d in (a.extra or {})["days"]:
        if ctx.news and ctx.reference is not None:
            ref = ctx.reference
            months = [periods.shift_month(ref, n) for n in (-1, 0, 1)]
            readings = [date(y, m, d) for y, m in months if _valid(y, m, d)]
            if not readings:
                continue
            when = min(
                readings, key=lambda r: abs((r - ref).days) * (periods.FUTURE_WEIGHT if r > ref else 1)
            )
            anchor = ref.isoformat()
        elif ctx.year is not None and ctx.month is not None and _valid(ctx.year, ctx.month, d):
            when, anchor = date(ctx.year, ctx.month, d), _Value(ctx.year, ctx.month).iso
        else:
            continue
        out.append(
            _from_value(text, s, e, _Value(when.year, when.month, when.day), anchor=anchor, anaphoric=True)
        )
    return out


def _resolve_simple(text: str, a: _Atom, ctx: DateContext) -> list[DateSpan]:
    """Atoms that are not part of a coordination."""
    k, ex = a.kind, a.extra or {}
    ref = ctx.reference
    if k in _NEWS_KINDS or (k == "ago" and ex["unit"] != "year"):
        return _resolve_news(text, a, ctx)
    if k in ("quarter", "half"):
        return _resolve_period(text, a, ctx)
    if k == "quarter_ref":
        return _resolve_quarter_ref(text, a, ctx)
    if k in ("edge_of_year", "edge_of_month"):
        return _resolve_edge(text, a, ctx)
    if k == "fiscal_year":
        return [_from_value(text, a.start, a.end, _Value(a.y))]  # type: ignore[arg-type]
    if k == "ev":
        y, m, d = (int(x) for x in ex["value"].split("-"))
        return [_from_value(text, a.start, a.end, _Value(y, m, d))]
    if k == "season":
        m1, m2, _ = _lexicon().seasons[ex["season"]]
        y2 = a.y + 1 if m2 < m1 else a.y  # type: ignore[operator]
        if (ex["last_year"] or y2) == y2:  # "the winter of 2005-2006" is one winter
            return [_from_period(text, a.start, a.end, _season(ex["season"], a.y))]  # type: ignore[arg-type]
        r = _range(text, a.start, a.end, _Value(a.y, m1), _Value(ex["last_year"], m2))  # "summer 2005-2006"
        return [r] if r else []
    if k == "month_day":
        return _resolve_month_day(text, a, ctx)
    if k == "rel_season":
        return _resolve_rel_season(text, a, ctx)
    if k == "ana_month_dir":
        if ctx.year is None or ctx.month is None:
            return []
        m = a.m or 1
        if ex["dir"] > 0:  # "the following October"
            y = ctx.year if m > ctx.month else ctx.year + 1
        else:
            y = ctx.year if m < ctx.month else ctx.year - 1
        v = _Value(y, a.m)
        return [_from_value(text, a.start, a.end, v, anchor=_Value(ctx.year, ctx.month).iso, anaphoric=True)]
    if k == "decade":
        s, mod = _prefix(text, a.start, allow_mod=ex["mod"] is None)
        return [_from_value(text, s, a.end, _Value(a.y, decade=True), mod=ex["mod"] or mod)]  # type: ignore[arg-type]
    if k == "yy":
        s, mod = _prefix(text, a.start)
        r = _range(text, s, a.end, _Value(a.y), _Value(ex["y2"]))  # type: ignore[arg-type]
        return [r] if r else []
    if k == "ago" and ctx.news and ex["n"] < 10:
        return _years_back(text, a, ctx, ex["n"])
    if k == "ana_year" and ex.get("earlier") and ctx.news:
        return _years_back(text, a, ctx, 1)
    if k in ("rel_span", "ago", "rel_year", "rel_month", "month_rel_year"):
        if ref is None:
            return []
        anchor = ref.isoformat()
        if k == "rel_span":
            r = _range(text, a.start, a.end, _Value(ref.year - ex["n"]), _Value(ref.year))
            return [replace(r, is_relative=True, anchor=anchor)] if r else []
        if k == "ago":
            v = _Value(ref.year - ex["n"])
        elif k == "rel_year":
            v = _Value(ref.year + ex["offset"])
        elif k == "month_rel_year":
            v = _Value(ref.year + ex["offset"], a.m)
        else:
            m = a.m or 1
            if ex["dir"] == "last":
                v = _last_before(m, ref)
            elif ex["dir"] == "next":
                v = _Value(ref.year if m > ref.month else ref.year + 1, m)
            else:
                v = _Value(ref.year, m)
        s, mod = _relative_start(text, a.start)
        return [_from_value(text, s, a.end, v, mod=mod, is_relative=True, anchor=anchor)]
    if k == "ana_year":
        if ctx.year is None:
            return []
        v = _Value(ctx.year + ex["offset"])
        return [_from_value(text, a.start, a.end, v, anchor=str(ctx.year), anaphoric=True)]
    if k == "ana_month":
        if ctx.year is None or ctx.month is None:
            return []
        v = _Value(ctx.year, ctx.month)
        return [_from_value(text, a.start, a.end, v, anchor=v.iso, anaphoric=True)]
    if k == "mofy":
        if ctx.year is None:
            return []
        v = _Value(ctx.year, a.m)
        return [_from_value(text, a.start, a.end, v, anchor=str(ctx.year), anaphoric=True)]
    if k == "dd":
        return _resolve_dd(text, a, ctx)
    return []


def _missing_year(text: str, a: _Atom, ctx: DateContext, day: int | None) -> tuple[int, str] | None:
    """The year of a yearless date and its anchor: around the document date in news, else the last year."""
    if ctx.news and ctx.reference is not None and a.m is not None:
        y = periods.nearest_year(ctx.reference, a.m, day, _forward(text, a.start))
        return y, ctx.reference.isoformat()
    if ctx.year is not None:
        return ctx.year, str(ctx.year)
    return None


def _resolve_dd(text: str, a: _Atom, ctx: DateContext) -> list[DateSpan]:
    ex = a.extra or {}
    y, anchor = a.y, None
    if y is None:
        found = _missing_year(text, a, ctx, ex["d1"])
        if found is None:
            return []
        y, anchor = found
    if not _valid(y, a.m, ex["d1"]) or not _valid(y, a.m, ex["d2"]):
        return []
    v1, v2 = _Value(y, a.m, ex["d1"]), _Value(y, a.m, ex["d2"])
    anaphoric = anchor is not None
    if ex["sep"] in ("and", "&"):
        (s1, e1), (s2, e2) = ex["spans"]
        return [
            _from_value(text, s1, e1, v1, anchor=anchor, anaphoric=anaphoric),
            _from_value(text, s2, e2, v2, anchor=anchor, anaphoric=anaphoric),
        ]
    s = a.start
    if _FROM_RE.search(text[max(0, s - 10) : s]) or _BETWEEN_RE.search(text[max(0, s - 12) : s]):
        s = s - len(re.search(r"\w+[ \u00a0]+$", text[:s]).group())  # type: ignore[union-attr]
    r = _range(text, s, a.end, v1, v2, anchor=anchor, anaphoric=anaphoric)
    return [r] if r else []


def _chain_values(text: str, chain: list[_Atom], ctx: DateContext) -> list[tuple[_Value, str | None]] | None:
    """Values for a coordination, right to left: a partial atom takes its year from its right neighbour.

    Each value comes with the anchor its year was taken from (None when the text printed it).
    """
    if ctx.news and len(chain) > 1 and all(a.y is None for a in chain):
        return _chain_forward(text, chain, ctx)
    out: list[tuple[_Value, str | None]] = []
    right: _Value | None = None
    for a in reversed(chain):
        y, anchor = a.y, None
        if y is None:
            if right is not None:
                y = right.year
                if a.m is not None and right.month is not None and a.m > right.month:
                    y -= 1  # "December-February 2006"
            else:
                found = _missing_year(text, a, ctx, a.d)
                if found is None:
                    return None
                y, anchor = found
        if not _valid(y, a.m, a.d):
            return None
        v = _Value(y, a.m, a.d)
        out.append((v, anchor))
        right = v
    return list(reversed(out))


def _chain_forward(text: str, chain: list[_Atom], ctx: DateContext) -> list[tuple[_Value, str | None]] | None:
    """A yearless coordination in news ("from April 21 to December 15"): its first date is read around the
    document date, each next one in the same year or, when its month comes earlier, the year after."""
    out: list[tuple[_Value, str | None]] = []
    for a in chain:
        if not out:
            found = _missing_year(text, a, ctx, a.d)
            if found is None:
                return None
            y, anchor = found
        else:
            prev = out[-1][0]
            y = prev.year + (1 if a.m is not None and prev.month is not None and a.m < prev.month else 0)
        if not _valid(y, a.m, a.d):
            return None
        out.append((_Value(y, a.m, a.d), anchor))
    return out


def _group(text: str, atoms: list[_Atom]) -> list[list[_Atom]]:
    groups: list[list[_Atom]] = []
    for a in atoms:
        if groups:
            prev = groups[-1][-1]
            gap = text[prev.end : a.start]
            if prev.chainable and a.chainable and (_RANGE_GAP_RE.match(gap) or _LIST_GAP_RE.match(gap)):
                groups[-1].append(a)
                continue
        groups.append([a])
    return groups


def _resolve_group(text: str, chain: list[_Atom], ctx: DateContext) -> list[DateSpan]:
    if len(chain) == 1 and not chain[0].chainable:
        return _resolve_simple(text, chain[0], ctx)
    has_complete = any(not a.partial for a in chain)
    if not has_complete and not chain[0].licensed and not all(a.kind in ("dm", "md") for a in chain):
        return []
    values = _chain_values(text, chain, ctx)
    if values is None:
        return []
    out: list[DateSpan] = []
    i = 0
    while i < len(chain):
        a, (v, anchor) = chain[i], values[i]
        if i + 1 < len(chain):
            b, (w, anchor_b) = chain[i + 1], values[i + 1]
            gap = text[a.end : b.start]
            before = text[max(0, a.start - 12) : a.start]
            between = bool(_BETWEEN_RE.search(before)) and bool(_AND_GAP_RE.match(gap))
            if _RANGE_GAP_RE.match(gap) or between:
                s = a.start
                if between or _FROM_RE.search(before):
                    s -= len(re.search(r"\w+[ \u00a0]+$", text[:s]).group())  # type: ignore[union-attr]
                r = _range(
                    text, s, b.end, v, w, anchor=anchor or anchor_b, anaphoric=bool(anchor or anchor_b)
                )
                if r:
                    out.append(r)
                    i += 2
                    continue
        if a.kind == "mo" and not a.licensed and len(chain) == 1:
            i += 1
            continue
        s, mod = _prefix(text, a.start)
        out.append(_from_value(text, s, a.end, v, mod=mod, anchor=anchor, anaphoric=anchor is not None))
        i += 1
    return out


def _advance(ctx: DateContext, span: DateSpan) -> DateContext:
    """The context after a date: its year and month, and the quarter a news text reports on."""
    if span.precision == "decade" or (span.is_relative and span.precision == "range"):
        return ctx
    if span.precision in ("quarter", "half", "week", "season"):
        q = ctx.quarter
        if span.precision == "quarter" and not span.anaphoric:
            q = (span.value_start.year, (span.value_start.month - 1) // 3 + 1)
        return replace(ctx, year=span.value_start.year, month=None, quarter=q)
    last = span.value.split("/")[-1]
    y = int(last[:4])
    m = int(last[5:7]) if len(last) >= 7 and last[4] == "-" else None
    return replace(ctx, year=y, month=m)


def find_dates_with_context(
    text: str, context: DateContext | None = None
) -> tuple[list[DateSpan], DateContext]:
    """All dates in `text`, in order, and the context after the text (last year and month seen)."""
    ctx = context or DateContext()
    out: list[DateSpan] = []
    for chain in _group(text, _atoms(text)):
        for span in _resolve_group(text, chain, ctx):
            out.append(span)
            ctx = _advance(ctx, span)
    return out, ctx


def find_dates(text: str, context: DateContext | None = None) -> list[DateSpan]:
    """All dates in `text`, in order; offsets are relative to `text`."""
    return find_dates_with_context(text, context)[0]


# --------------------------------------------------------------------------- documents


def reference_date(spans: Iterable[DateSpan], printed_year: int | None = None) -> date | None:
    """The date relative expressions are resolved against (see the module docstring)."""
    explicit = [s for s in spans if not s.is_relative and not s.anaphoric and s.precision != "decade"]
    if printed_year is not None:
        explicit = [s for s in explicit if s.value_end.year <= printed_year]
    fine = [s.value_end for s in explicit if s.precision in ("day", "month") or "-" in s.value.split("/")[-1]]
    if fine:
        return max(fine)
    if printed_year is not None:
        return date(printed_year, 1, 1)
    if explicit:
        return date(max(s.value_end.year for s in explicit), 12, 31)
    return None


def own_date(document) -> date | None:
    """The document's own date (a dateline, a byline, a meta tag) when it names a day or a month.

    A month-precision date stands for its last day: the text was written by then. A year alone is too
    coarse to count weekdays or weeks from, and the document keeps the inferred reference.
    """
    value, precision = getattr(document, "date", None), getattr(document, "date_precision", None)
    if not value or precision not in ("day", "month"):
        return None
    m = re.fullmatch(r"(\d{4})-(\d{2})(?:-(\d{2}))?", str(value))
    if m is None:
        return None
    y, mo = int(m.group(1)), int(m.group(2))
    if not _valid(y, mo, int(m.group(3)) if m.group(3) else None):
        return None
    return date(y, mo, int(m.group(3)) if m.group(3) else _last_day(y, mo))


def _sentence_groups(document) -> list[list]:
    """Body sentences form one group (one running context); each footnote forms its own."""
    body = [s for s in document.sentences if not s.in_footnote]
    groups: list[list] = [body] if body else []
    notes: dict[object, list] = {}
    for s in document.sentences:
        if s.in_footnote:
            notes.setdefault(s.footnote_number if s.footnote_number is not None else s.paragraph, []).append(
                s
            )
    groups.extend(notes.values())
    return groups


def _run(groups: list[list], reference: date | None, narrative: bool) -> list[tuple[object, DateSpan]]:
    out = []
    for group in groups:
        ctx = DateContext(reference=reference, narrative=narrative)
        for sentence in group:
            spans, ctx = find_dates_with_context(sentence.text, ctx)
            out.extend((sentence, sp) for sp in spans)
    return out


def extract_dates(document) -> list[DateMention]:
    """Every date of a `ParsedDocument`, with offsets into `document.text`, in document order."""
    groups = _sentence_groups(document)
    ref = own_date(document)
    narrative = ref is None
    if ref is None:
        ref = reference_date((sp for _, sp in _run(groups, None, True)), document.year)
    mentions = []
    for sentence, sp in _run(groups, ref, narrative):
        start = sentence.start + sp.start
        end = sentence.start + sp.end
        mentions.append(
            DateMention(
                doc_id=document.doc_id,
                sentence_id=sentence.sentence_id,
                start=start,
                end=end,
                text=document.text[start:end],
                value=sp.value,
                precision=sp.precision,
                value_start=sp.value_start,
                value_end=sp.value_end,
                mod=sp.mod,
                is_relative=sp.is_relative,
                anchor=sp.anchor,
                in_footnote=sentence.in_footnote,
            )
        )
    return sorted(mentions, key=lambda m: (m.start, m.end))
