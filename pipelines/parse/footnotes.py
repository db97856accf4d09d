"""Footnotes: lines opening with superscript digits, their number, cleaned text, URLs, authors, title, year."""

from __future__ import annotations

import re
from dataclasses import dataclass

SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
SUPERSCRIPT_TO_DIGIT = str.maketrans(SUPERSCRIPTS, "0123456789")
SUP = f"[{SUPERSCRIPTS}]"
FOOTNOTE_START = re.compile(rf"^\s*({SUP}+)\s*(.*)$", re.DOTALL)
# '3 See: ...', '4 Ibid.', '5 V. Shtol, ...', '6 "Global NATO," ...': plain-digit footnotes with a citation opening.
# Numbers of four or five digits count too (long note lists), except years ('2006 "Global NATO"').
PLAIN_FOOTNOTE_START = re.compile(
    r"^(\d{1,3}|(?!(?:1[5-9]|20)\d\d\b)\d{4,5})\s+(?=See\b|Ibid|Cf\.|Based on\b|Quoted\b|[\"“«]|(?:[A-Z]\.\s?){1,3}[A-Z][a-z])"
)
# A second footnote on the same line: superscripts after whitespace, followed by whitespace.
NEXT_ON_LINE = re.compile(rf"\s+(?={SUP}+\s)")

URL = re.compile(r"(?:https?://|ftp://|www\.)[^\s<>\[\]\"“”]+", re.IGNORECASE)
URL_TRAILING = ".,;:!?'\"’”)»"
WRAPPED_URL = re.compile(
    r"\[\s*<?\s*((?:https?://|ftp://|www\.)[^\s<>\[\]]+?)\s*>?\s*\]|<((?:https?://|ftp://|www\.)[^\s<>]+)>"
)
MARKDOWN_LINK = re.compile(r"\[([^\]]+)\]\(((?:https?://|www\.)[^)\s]+)\)")
MARKDOWN_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!$&%<>|~^])")
YEAR = re.compile(r"(?<![\d/.-])((?:1[5-9]|20)\d\d)(?![\d-]|-(?:ti|ie|e|kh|go)\b)")
IBIDEM = re.compile(r"^(?:ibid(?:em)?|ibid|там же)\b\.?", re.IGNORECASE)
LEAD_IN = re.compile(
    r"^(?:see(?:\s+also)?|cf\.|quoted in|cited in|as quoted in|for example, see)\s*:?\s*", re.IGNORECASE
)
QUOTED = re.compile(r"[\"“„«]([^\"“”„«»]{3,}?)[\"”“»]")
ITALIC = re.compile(r"(?<![\w*])\*([^*]{3,}?)\*(?![\w*])")
EDITOR = re.compile(
    r"\b(?:ed(?:ited)?\.?\s+by|eds?\.|под ред\.)\s+(.+?)(?:,?\s+et al\.|,\s+[A-Z][^,]*\b(?:Publishers|Press)\b|[,;(]|$)"
)
INITIALS = re.compile(r"^(?:[^\W\d_]\.\s?-?){1,3}$")
NAME_PARTICLES = {
    "van",
    "von",
    "der",
    "den",
    "de",
    "del",
    "della",
    "di",
    "da",
    "du",
    "la",
    "le",
    "al",
    "el",
    "bin",
    "ibn",
    "ter",
    "zu",
}
NOT_NAME_WORDS = {
    "Publishers",
    "Publishing",
    "Press",
    "University",
    "Institute",
    "Ministry",
    "Agency",
    "Review",
    "Journal",
    "Foreign",
    "Affairs",
    "Official",
    "Committee",
    "Council",
    "Department",
    "Office",
    "Center",
    "Centre",
    "Academy",
    "News",
    "Times",
    "Post",
    "See",
    "Based",
    "Statement",
    "Report",
    "Library",
    "Organization",
}


@dataclass(frozen=True)
class RawFootnote:
    """A footnote as read from the layout, before its place in the cleaned text is known."""

    number: int
    raw: str  # text after the number, markup still in
    order: int  # position of appearance in the file


def superscript_value(marker: str) -> int:
    return int(marker.translate(SUPERSCRIPT_TO_DIGIT))


def starts_with_superscript(line: str) -> bool:
    return bool(FOOTNOTE_START.match(line)) and line.strip()[:1] in SUPERSCRIPTS


def starts_with_plain_number(line: str) -> bool:
    """'12 See: K.K. Tokaev, ...': a footnote numbered with plain digits, recognised only by a citation opening."""
    return bool(PLAIN_FOOTNOTE_START.match(line.strip()))


def split_footnote_line(line: str) -> list[tuple[int, str]]:
    """'⁵ See: ... p. 147. ⁶ Rad van ...' -> [(5, 'See: ... p. 147.'), (6, 'Rad van ...')]."""
    plain = PLAIN_FOOTNOTE_START.match(line.strip())
    if plain:
        return [(int(plain[1]), line.strip()[plain.end(1) :].strip())]
    result: list[tuple[int, str]] = []
    for part in NEXT_ON_LINE.split(line.strip()):
        match = FOOTNOTE_START.match(part)
        if match is None:
            if result:  # superscripts inside the text that did not start a footnote
                number, text = result[-1]
                result[-1] = (number, f"{text} {part}")
            continue
        result.append((superscript_value(match[1]), match[2].strip()))
    return result


def clean_footnote_text(raw: str) -> str:
    """Markdown emphasis and URL wrappers removed, whitespace collapsed; the URL text stays."""
    text = MARKDOWN_LINK.sub(lambda m: f"{m[1]} ({m[2]})", raw)
    text = WRAPPED_URL.sub(lambda m: m[1] or m[2], text)
    text = MARKDOWN_ESCAPE.sub(r"\1", text.replace("*", ""))
    return " ".join(text.split())


def extract_urls(text: str) -> tuple[str, ...]:
    """URLs in order, without wrappers or trailing punctuation; 'www.mod.kz' counts."""
    urls: list[str] = []
    for match in URL.finditer(text):
        url = match[0]
        while url and url[-1] in URL_TRAILING:
            if url[-1] == ")" and url.count("(") >= url.count(")"):
                break
            url = url[:-1]
        if url and url not in urls and "." in url.split("//")[-1]:
            urls.append(url)
    return tuple(urls)


def footnote_year(text: str) -> int | None:
    """The last year printed in the footnote (the publication date comes last), never one from a URL."""
    years = [int(m[1]) for m in YEAR.finditer(URL.sub(" ", text))]
    return years[-1] if years else None


def is_ibidem(text: str) -> bool:
    return bool(IBIDEM.match(text.strip()))


def _is_person(chunk: str, allow_full_name: bool) -> bool:
    """'V. Shtol', 'A.P. Alekseev', 'M. Rühle'; 'Rad van den Akker' only when allow_full_name."""
    tokens = chunk.split()
    if not 2 <= len(tokens) <= 5:
        return False
    surname = tokens[-1]
    if not (surname[:1].isupper() and surname.replace("-", "").replace("'", "").replace("’", "").isalpha()):
        return False
    if surname.isupper() and len(surname) > 1 and not allow_full_name:
        return False
    has_initial = False
    for token in tokens[:-1]:
        if INITIALS.match(token):
            has_initial = True
        elif token in NAME_PARTICLES or (token[:1].isupper() and token.isalpha() and not token.isupper()):
            continue
        else:
            return False
    if any(t in NOT_NAME_WORDS for t in tokens):
        return False
    return has_initial or allow_full_name


def _chunks(text: str) -> list[str]:
    return [c.strip() for c in re.split(r",\s+|\s+and\s+|\s+&\s+", text)]


def footnote_authors(raw: str) -> tuple[str, ...]:
    """People named as authors at the start ('I. Daalder, J. Goldgeier, "Global NATO"') or as editors."""
    text = LEAD_IN.sub("", clean_footnote_text(raw))
    authors: list[str] = []
    chunks = _chunks(text)
    for i, chunk in enumerate(chunks):
        if _is_person(chunk, allow_full_name=False):
            authors.append(chunk)
            continue
        # a full name without initials counts when a co-author with initials or a title follows it
        following = chunks[i + 1] if i + 1 < len(chunks) else ""
        if _is_person(chunk, allow_full_name=True) and (
            _is_person(following, allow_full_name=False) or following[:1] in '"“«*' or authors
        ):
            authors.append(chunk)
            continue
        break
    if not authors:
        editor = EDITOR.search(text)
        if editor:
            for chunk in _chunks(editor[1]):
                if _is_person(chunk, allow_full_name=False):
                    authors.append(chunk)
    return tuple(dict.fromkeys(authors))


def _strip_title(title: str) -> str | None:
    title = " ".join(title.split())
    title = re.sub(r"[,;:.]+(['’\"”]?)$", r"\1", title).strip()
    return title or None


def footnote_title(raw: str, authors: tuple[str, ...]) -> str | None:
    """The quoted or italic title where one is printed; else the item right after the authors."""
    text = LEAD_IN.sub("", MARKDOWN_ESCAPE.sub(r"\1", WRAPPED_URL.sub(" ", raw.strip())))
    candidates = [m for m in (QUOTED.search(text), ITALIC.search(text)) if m]
    if candidates:
        first = min(candidates, key=lambda m: m.start())
        return _strip_title(first[1].replace("*", ""))
    plain = clean_footnote_text(text)
    editor = EDITOR.search(plain)
    if editor:
        return _strip_title(plain[: editor.start()])
    if authors:
        rest = _chunks(plain)[len(authors) :]
        if rest and len(rest[0].split()) >= 2 and rest[0][:1].isupper():
            return _strip_title(rest[0])
    return None


def dedupe_footnotes(raws: list[RawFootnote]) -> tuple[list[RawFootnote], list[str]]:
    """One footnote per number: a truncated duplicate (a copy glued to another line) loses to the complete one."""
    by_number: dict[int, RawFootnote] = {}
    warnings: list[str] = []
    for raw in raws:
        kept = by_number.get(raw.number)
        if kept is None:
            by_number[raw.number] = raw
            continue
        warnings.append(f"footnote {raw.number} printed twice; kept the complete copy")
        if _completeness(raw.raw) > _completeness(kept.raw):
            by_number[raw.number] = RawFootnote(raw.number, raw.raw, kept.order)
    return sorted(by_number.values(), key=lambda f: f.number), warnings


def _completeness(text: str) -> tuple[bool, int]:
    stripped = text.rstrip()
    return (stripped.endswith((".", "]", ")", "”", '"')) and not stripped.endswith("-"), len(stripped))
