"""Document metadata printed at the top: title, authors, affiliation; and damage worth a warning."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipelines.parse.footnotes import NAME_PARTICLES
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
