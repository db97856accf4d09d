"""Document metadata printed at the top: title, authors, affiliation; and damage worth a warning."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources

from pipelines.parse.footnotes import NAME_PARTICLES
from pipelines.parse.formats import layout_words
from pipelines.parse.paragraphs import Unit, clean_markup, ends_sentence

TITLE_MAX_CHARS = 300
AUTHOR_LINE_MAX_WORDS = 12
AFFILIATION_MAX_CHARS = 400
NAME_WORD = re.compile(r"^(?:[^\W\d_]\.){1,3}$|^[^\W\d_][^\W\d_'’.-]*(?:[-'’][^\W\d_]+)*$")
AFFILIATION_WORDS = re.compile(
    r"\b(?:Institute|University|Academy|Ministry|Cent(?:er|re)|Secretariat|Parliament|Council|School|"
    r"Department|Faculty|Foundation|Agency|Fellow|Professor|Researcher|Research|Director|Associate|Official|"
    r"Analyst|Lecturer|Candidate|Doctor|Ph\.?D|Head|Chair|Senior|Expert)\b",
    re.IGNORECASE,
)
NOT_NAMES = {
    "Introduction",
    "Abstract",
    "Summary",
    "Contents",
    "Conclusion",
    "Preface",
    "Foreword",
    "Keywords",
}


@dataclass(frozen=True)
class Header:
    title: str | None
    authors: tuple[str, ...]
    affiliation: str | None
    consumed: int  # how many leading units were metadata


def _mostly_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) / len(letters) >= 0.6


def looks_like_title(text: str) -> bool:
    stripped = clean_markup(text)
    return (
        0 < len(stripped) <= TITLE_MAX_CHARS
        and not stripped.endswith((".", ",", ";"))
        and (stripped[0].isupper() or stripped[0].isdigit() or stripped[0] in "\"“'«")
    )


def split_author_names(line: str) -> list[str] | None:
    """'Marat NURGALIEV' -> ['Marat NURGALIEV']; None if the line is not a list of person names."""
    text = clean_markup(line)
    if not text or len(text.split()) > AUTHOR_LINE_MAX_WORDS or any(c.isdigit() for c in text):
        return None
    if text[-1] in ".:;,!?" and not re.search(r"\b[^\W\d_]\.$", text):
        return None
    names = [n.strip() for n in re.split(r",\s*|\s+and\s+|\s+&\s+|\s+и\s+", text) if n.strip()]
    for name in names:
        words = name.split()
        if not 2 <= len(words) <= 4 or any(w in NOT_NAMES for w in words):
            return None
        for word in words:
            if word in NAME_PARTICLES:
                continue
            if not NAME_WORD.match(word) or not word[0].isupper():
                return None
    return names


def normalize_name(name: str) -> str:
    """'Marat NURGALIEV' -> 'Marat Nurgaliev'; 'ABDUL-KARIM' -> 'Abdul-Karim'; initials stay."""
    words = []
    for word in name.split():
        if word.isupper() and len(word.replace(".", "")) > 1 and "." not in word:
            word = re.sub(r"[^\W\d_]+", lambda m: m[0].capitalize(), word.lower())
        words.append(word)
    return " ".join(words)


def looks_like_affiliation(text: str) -> bool:
    """Italic block after the author, or a short line that is not a sentence: '... (Almaty, Kazakhstan)'."""
    stripped = text.strip()
    if stripped.startswith("*") and stripped.rstrip(".").endswith("*"):
        return True
    cleaned = clean_markup(stripped)
    if not 0 < len(cleaned) <= AFFILIATION_MAX_CHARS or ends_sentence(cleaned):
        return False
    return cleaned.endswith(")") or bool(AFFILIATION_WORDS.search(cleaned))


def read_header(units: list[Unit]) -> Header:
    """Title (first line, kept as printed), authors (next line) and affiliation (the block after)."""
    text_units = [i for i, u in enumerate(units) if u.kind == "text"]
    if not text_units or units[text_units[0]].kind != "text":
        return Header(None, (), None, 0)
    first = text_units[0]
    if any(u.kind in ("text", "bullet", "footnote") for u in units[:first]):
        return Header(None, (), None, 0)
    title_unit = units[first]
    nxt = units[first + 1] if first + 1 < len(units) else None
    first_names = split_author_names(title_unit.text)
    next_names = split_author_names(nxt.text) if nxt is not None and nxt.kind == "text" else None
    title: str | None = None
    position = first
    names: list[str] | None = None
    # A line set entirely in capitals is a title even when its words could be a name
    # ("CENTRAL ASIAN SECURITY"); author lines print the first name in lower case ("Marat NURGALIEV").
    all_caps = title_unit.text.upper() == title_unit.text
    if looks_like_title(title_unit.text) and (
        next_names is not None or ((first_names is None or all_caps) and _mostly_upper(title_unit.text))
    ):
        title = clean_markup(title_unit.text)
        position = first + 1
        names = next_names
    elif first_names is not None:
        names = first_names
    if names is None:
        return Header(title, (), None, position)
    authors = tuple(normalize_name(n) for n in names)
    position += 1
    affiliation = None
    if (
        position < len(units)
        and units[position].kind == "text"
        and looks_like_affiliation(units[position].text)
    ):
        affiliation = clean_markup(units[position].text)
        position += 1
    return Header(title, authors, affiliation, position)


def damaged_start_warning(first_paragraph: str | None) -> str | None:
    """'nce the 1990s': a body that starts mid-word lost letters in extraction; report it, never guess."""
    if not first_paragraph:
        return None
    word = first_paragraph.split()[0]
    if word[:1].islower():
        return (
            f"first body word {word!r} starts in lower case: its first letters were probably lost in "
            "extraction (kept as printed)"
        )
    return None


# --------------------------------------------------------------------------- bylines and dates

FRONT_LINES_MAX = 12  # a byline, a dateline or a header stands among the first lines of a text
FRONT_LINE_MAX_CHARS = 160
# a deck naming the author ("JANE DOE looks at ...") stands under a kicker, a headline and a dateline
DECK_LINES_MAX = 5
MONTHS_FILE = "data/dates/months.tsv"  # the extractors' month names (English full and abbreviated)


@dataclass(frozen=True)
class PrintedDate:
    value: str  # TIMEX-style: '2003-12-05', '2010-06' or '2008'
    precision: str  # 'day', 'month' or 'year'


@dataclass(frozen=True)
class FrontMatter:
    """What the first lines state (title, authors, date) and the lines left for the body."""

    lines: list[str]  # the lines left for the body
    front: tuple[str, ...] = ()  # bylines, datelines, headers: each a paragraph of its own at the top
    title: str | None = None
    authors: tuple[str, ...] = ()
    date: PrintedDate | None = None
    date_source: str | None = None
    warnings: tuple[str, ...] = ()


@lru_cache(maxsize=1)
def month_numbers() -> dict[str, int]:
    """English month names and abbreviations, lower case -> 1..12 (from the extractors' months.tsv)."""
    text = resources.files("pipelines.extract").joinpath(MONTHS_FILE).read_text(encoding="utf-8")
    months: dict[str, int] = {}
    for line in text.splitlines():
        fields = line.split("\t")
        if len(fields) == 3 and not line.startswith("#") and fields[2] in ("full", "abbr"):
            months[fields[0].lower()] = int(fields[1])
    return months


@lru_cache(maxsize=1)
def _date_patterns() -> tuple[re.Pattern[str], ...]:
    month = "|".join(sorted(month_numbers(), key=len, reverse=True))
    return (
        re.compile(rf"\b(?P<m>{month})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})\b", re.I),
        re.compile(rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m>{month})\.?,?\s+(?P<y>\d{{4}})\b", re.I),
        re.compile(r"\b(?P<y>\d{4})-(?P<mm>\d{2})-(?P<d>\d{2})(?!\d)"),
        re.compile(rf"\b(?P<m>{month})\.?,?\s+(?P<y>\d{{4}})\b", re.I),
        re.compile(r"^\s*(?P<y>(?:1[89]|20)\d\d)\s*$"),
    )


def find_printed_date(text: str) -> PrintedDate | None:
    """The first calendar date printed in `text` ('December 5, 2003', '25 July 2008', '2010-06-09')."""
    for pattern in _date_patterns():
        match = pattern.search(text)
        if match is None:
            continue
        groups = match.groupdict()
        year = int(groups["y"])
        month = (
            int(groups["mm"]) if groups.get("mm") else month_numbers().get((groups.get("m") or "").lower())
        )
        if not 1000 <= year <= 2100 or (month is not None and not 1 <= month <= 12):
            continue
        if groups.get("d"):
            try:
                return PrintedDate(date(year, month or 0, int(groups["d"])).isoformat(), "day")
            except ValueError:
                continue
        if month:
            return PrintedDate(f"{year:04d}-{month:02d}", "month")
        return PrintedDate(f"{year:04d}", "year")
    return None


def is_date_line(line: str) -> bool:
    """A line that is only a date ('June 9, 2010'), as a dateline under a byline prints it."""
    found = find_printed_date(line)
    return found is not None and len(re.sub(r"[\d\s,.]", "", line)) <= len(line.strip()) // 2 + 1


@lru_cache(maxsize=1)
def _front_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    words = layout_words()
    honorific = "|".join(re.escape(h) for h in words["honorifics"])
    verbs = "|".join(re.escape(v) for v in words["deck_verbs"])
    name = r"[A-Z][\w'’.-]+(?:\s+(?:[A-Z][\w'’.-]*|de|van|von|al))*"
    return (
        re.compile(r"^by\s+(?P<rest>.+)$", re.IGNORECASE),
        re.compile(
            rf"^(?:{honorific})\.?\s+(?P<name>{name}?)(?:\s+of\s+[A-Z][\w .]*?)?\s*[—–-]+\s*(?P<date>.+)$"
        ),
        re.compile(rf"^(?P<name>{name})\s+(?:{verbs})\b"),
    )


def _byline(line: str) -> tuple[list[str] | None, PrintedDate | None]:
    """'By Jane Doe and John Roe | December 5, 2003 | Page 5' -> (names, date)."""
    match = _front_patterns()[0].match(line)
    if match is None:
        return None, None
    parts = re.split(r"\s+[|•·]\s+|\s+[—–]\s+", match["rest"])
    names = split_author_names(parts[0].rstrip(",")) or split_author_names(parts[0].split(",")[0])
    found = next((d for d in map(find_printed_date, parts[1:]) if d), None)
    return names, found


def read_front(lines: list[str], layout_title: str | None, layout_authors: tuple[str, ...]) -> FrontMatter:
    """Title, authors and date from the first lines: bylines, datelines, a member's header, a deck.

    Recognised lines stay in the body, as paragraphs of their own at its top (their names and
    dates are facts of the text); the title line and a 'Source:' line are taken out. Nothing is guessed: a byline
    whose names cannot be read leaves the authors empty with a warning.
    """
    byline_re, header_re, deck_re = _front_patterns()
    printed = [i for i, line in enumerate(lines) if line.strip()][:FRONT_LINES_MAX]
    title = layout_title
    authors: tuple[str, ...] = ()  # as printed in this text's first lines
    found: PrintedDate | None = None
    source: str | None = None
    warnings: list[str] = []
    drop: set[int] = set()
    isolate: set[int] = set()
    bylines = [i for i in printed if byline_re.match(lines[i].strip())]
    for i in printed:
        line = " ".join(lines[i].split())
        if re.match(r"^source:\s*\S+$", line, re.IGNORECASE):
            drop.add(i)
            continue
        if bylines and i < bylines[0] and len(line) <= FRONT_LINE_MAX_CHARS and not ends_sentence(line):
            # kicker, headline and deck printed above the byline
            if title is None and looks_like_title(line) and i == max(j for j in printed if j < bylines[0]):
                title = clean_markup(line)
            (drop if title is not None and clean_markup(line) == title else isolate).add(i)
            continue
        if title is not None and clean_markup(line) == title and not drop:
            drop.add(i)
            continue
        names, byline_date = _byline(line)
        header = header_re.match(line)
        deck = deck_re.match(line)
        if names is not None or byline_re.match(line):
            isolate.add(i)
            if names is None:
                warnings.append(f"byline {line!r}: the names could not be read; authors left empty")
            elif not authors:
                authors = tuple(normalize_name(n) for n in names)
            if byline_date and found is None:
                found, source = byline_date, "byline"
        elif header and find_printed_date(header["date"]):
            isolate.add(i)
            authors = authors or (normalize_name(header["name"]),)
            if found is None:
                found, source = find_printed_date(header["date"]), "header"
        elif is_date_line(line) and found is None and (isolate or drop):
            isolate.add(i)
            found, source = find_printed_date(line), "byline" if i - 1 in isolate and bylines else "dateline"
        elif line.lower() == "from" and (isolate or drop):
            isolate.update({i, i + 1})  # 'from / GlobalResearch Website': where the text was first published
        elif deck and not authors and i in printed[:DECK_LINES_MAX]:
            split = split_author_names(deck["name"])
            if split:
                authors = tuple(normalize_name(n) for n in split)
        elif i not in isolate and not (i == printed[0] and len(line) <= FRONT_LINE_MAX_CHARS):
            break  # the body starts (a first short line may be a title, read by read_header)
    rest = [line for i, line in enumerate(lines) if i not in drop and i not in isolate]
    front = tuple(" ".join(lines[i].split()) for i in sorted(isolate) if i < len(lines) and lines[i].strip())
    return FrontMatter(rest, front, title, authors or layout_authors, found, source, tuple(warnings))
