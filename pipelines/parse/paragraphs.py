"""Layout units -> body paragraphs: paragraphs split by a page break or a footnote block are re-joined."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from pipelines.parse.footnotes import (
    MARKDOWN_ESCAPE,
    SUP,
    starts_with_plain_number,
    starts_with_superscript,
    superscript_value,
)
from pipelines.parse.furniture import is_furniture, is_section_break
from pipelines.parse.sentences import split_sentences

UnitKind = Literal["text", "bullet", "footnote", "furniture", "break"]
ParagraphKind = Literal["front", "body", "heading", "bullet"]  # front: the affiliation block

BULLET = re.compile(r"^\s*(?:[-–•●▪◦]|\*(?!\s*\*))\s+")
WRAPPED_LINE_MAX = 160  # a physical line shorter than this, followed by more text, is a wrapped line
HEADING_MAX_CHARS = 120
TAIL_CHARS = 200  # how much of the end of a piece the joining rules read
HEADING_MAX_WORDS = 15
TITLE_CASE_SHARE = 0.75  # share of words of 4+ letters that are capitalised in a heading
TERMINAL = ".?!…"
CLOSERS = "\"'”’»)]"
TRAILING_MARKER = re.compile(rf"(?:{SUP}+|(?<=[.?!,;:\"”’)])\d{{1,3}})$")
WORD_AT_END = re.compile(r"([^\W\d_]+)-$")
WORD_AT_START = re.compile(r"^([^\W\d_]+)")
SUPERSCRIPT_MARKER = re.compile(rf"(?<=\S){SUP}+")
# 'foothold.9', 'said."12': a plain number glued after a word (2+ letters) and punctuation.
PLAIN_MARKER = re.compile(r"(?<=[^\W\d_]{2})([.,;:!?]?[\"”’)]?)(\d{1,3})(?=[\s\"”’)]|$)")


@dataclass
class Unit:
    """A block of layout: one paragraph-like piece of text, a footnote line, furniture or a section break."""

    kind: UnitKind
    text: str
    line: int  # 0-based line number where it starts


@dataclass
class Paragraph:
    kind: ParagraphKind
    text: str
    markers: list[tuple[int, int]] = field(default_factory=list)  # (offset in text, footnote number)


def line_kind(line: str, headers: set[str]) -> UnitKind:
    if is_section_break(line):
        return "break"
    if is_furniture(line, headers):
        return "furniture"
    if starts_with_superscript(line) or starts_with_plain_number(line):
        return "footnote"
    if BULLET.match(line):
        return "bullet"
    return "text"


def build_units(
    lines: list[str], headers: set[str], keep: int | None = None, mend_hyphens: bool = True
) -> list[Unit]:
    """Group lines: blank lines separate units; a wrapped line continues the unit above it.

    Line `keep` is never a running header (the title on the first page, repeated on later ones).
    A hyphen at a line end is mended only in printed layouts (`mend_hyphens`); converters and text
    wrappers break lines after real hyphens ('anti-' + 'terrorist') and never add one. The pieces of a unit are joined once at its end, so the work stays linear in the text.
    """
    units: list[Unit] = []
    parts: list[str] = []  # pieces of units[-1], joined when the unit is complete
    previous_line = ""
    for number, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            previous_line = ""
            continue
        kind = line_kind(stripped, headers - {stripped} if number == keep else headers)
        continues = (
            kind == "text"
            and previous_line
            and units
            and units[-1].kind in ("text", "bullet", "footnote")
            and len(previous_line) < WRAPPED_LINE_MAX
        )
        if continues:
            append_piece(parts, stripped, vocabulary=None if mend_hyphens else KEEP_EVERY_HYPHEN)
        else:
            if units:
                units[-1].text = "".join(parts)
            units.append(Unit(kind, stripped, number))
            parts = [stripped]
        previous_line = stripped
    if units:
        units[-1].text = "".join(parts)
    return units


def clean_markup(text: str) -> str:
    """Markdown emphasis and escapes removed ('*First*' -> 'First', '\\$188' -> '$188'), spaces collapsed."""
    text = BULLET.sub("", text, count=1)
    text = MARKDOWN_ESCAPE.sub(r"\1", re.sub(r"(?<!\\)\*+", "", text))
    return " ".join(text.split())


def strip_trailing_markers(text: str) -> str:
    """The text without the footnote markers and closing marks at its end (read from its last characters)."""
    text = text[-TAIL_CHARS:].rstrip()
    previous = None
    while previous != text:
        previous = text
        text = TRAILING_MARKER.sub("", text).rstrip().rstrip(CLOSERS).rstrip()
    return text


def ends_sentence(text: str) -> bool:
    core = strip_trailing_markers(text)
    return bool(core) and core[-1] in TERMINAL


def ends_clause(text: str) -> bool:
    core = strip_trailing_markers(text)
    return bool(core) and core[-1] in TERMINAL + ":;"


def is_heading(text: str) -> bool:
    """Short, in title case, no closing punctuation: 'Astana and Washington: Motives'.

    Title case tells a heading from the short start of a paragraph cut by a page break
    ('The document was handed to the NATO').
    """
    stripped = text.strip()
    if not (
        0 < len(stripped) <= HEADING_MAX_CHARS
        and len(stripped.split()) <= HEADING_MAX_WORDS
        and (stripped[0].isupper() or stripped[0].isdigit() or stripped[0] in "\"“'")
        and not strip_trailing_markers(stripped).endswith((".", ",", ";", ":", "-"))
        and len(split_sentences(stripped)) == 1
    ):
        return False
    words = [w for w in re.findall(r"[^\W\d_][^\s]*", stripped) if len(w.strip(".,:;'\"”’)")) >= 4]
    return not words or sum(w[0].isupper() for w in words) / len(words) >= TITLE_CASE_SHARE


def starts_lowercase(text: str) -> bool:
    first = text.lstrip("\"'“‘(")[:1]
    return first.islower()


class _EveryWord(frozenset):
    """A vocabulary holding every hyphenated word: no hyphen at a line end is mended."""

    def __contains__(self, item: object) -> bool:
        return True


KEEP_EVERY_HYPHEN: set[str] = _EveryWord()  # type: ignore[assignment]


def _joint(left: str, right: str, vocabulary: set[str] | None) -> tuple[int, str]:
    """How to join two pieces of one paragraph: (characters to drop at the end of `left`, separator).

    Only the end of `left` is read, so joining n pieces costs O(n), whatever the paragraph's length.
    """
    tail = left[-TAIL_CHARS:]
    head = WORD_AT_END.search(tail)
    if head and len(left) >= 2 and not tail.endswith(" -"):
        word = WORD_AT_START.match(right)
        if word and word[1][0].islower():
            hyphenated = f"{head[1]}-{word[1]}".lower()
            if vocabulary is not None and hyphenated in vocabulary:
                return 0, ""
            return 1, ""
        return 0, ""
    if tail.endswith("—") or right.startswith("—"):
        return 0, ""
    return 0, " "


def join_pieces(left: str, right: str, vocabulary: set[str] | None) -> str:
    """Join two pieces of one paragraph; a word hyphenated across the break is mended.

    'Uz-' + 'bek-Russian' -> 'Uzbek-Russian'. The hyphen stays when the right piece starts with a
    capital ('Kazakh-' + 'U.S.') or when the document prints the hyphenated form elsewhere.
    """
    left, right = left.rstrip(), right.lstrip()
    drop, separator = _joint(left, right, vocabulary)
    return left[: len(left) - drop] + separator + right


def tail_of(parts: list[str]) -> str:
    """The last characters of a text kept as pieces (each piece is read by at most three calls)."""
    return "".join(parts[-3:])[-TAIL_CHARS:]


def append_piece(parts: list[str], right: str, vocabulary: set[str] | None) -> None:
    """`join_pieces` on a paragraph kept as a list of pieces (the last one already right-stripped)."""
    right = right.lstrip()
    drop, separator = _joint(tail_of(parts), right, vocabulary)
    if drop:
        parts[-1] = parts[-1][:-drop]
    parts.append(separator + right)


def continues(previous: Paragraph | None, text: str, after_break: bool) -> bool:
    """Is `text` the rest of `previous`, cut by a page break or a footnote block printed mid-sentence?"""
    if previous is None or previous.kind == "heading":
        return False
    core = strip_trailing_markers(previous.text)
    if re.search(r"[^\W\d_]-$", core) and text[:1].isalpha():
        return True
    if starts_lowercase(text) and not (core and core[-1] in TERMINAL):
        return True
    # an open sentence ('handed to the NATO') continued by a capitalised word after footnotes/furniture
    return after_break and not (core and core[-1] in TERMINAL + ":;") and not is_heading(text)


def build_paragraphs(units: list[Unit], vocabulary: set[str]) -> tuple[list[Paragraph], int]:
    """Body paragraphs in order; returns also how many joins were made (for reporting).

    The open paragraph is kept as a list of pieces and judged by its last characters, so that
    re-joining stays linear in the text.
    """
    paragraphs: list[Paragraph] = []
    previous: Paragraph | None = None
    parts: list[str] = []
    after_break = False
    joins = 0
    for unit in units:
        if unit.kind == "break":
            if previous is not None:
                previous.text = "".join(parts)
            previous, after_break = None, False
            continue
        if unit.kind in ("footnote", "furniture"):
            after_break = True
            continue
        text = clean_markup(unit.text)
        if not text:
            continue
        view = None if previous is None else Paragraph(previous.kind, tail_of(parts))
        if unit.kind == "text" and continues(view, text, after_break):
            append_piece(parts, text, vocabulary)
            joins += 1
        else:
            if previous is not None:
                previous.text = "".join(parts)
            kind: ParagraphKind = (
                "bullet" if unit.kind == "bullet" else "heading" if is_heading(text) else "body"
            )
            previous = Paragraph(kind, text)
            paragraphs.append(previous)
            parts = [text]
        after_break = False
    if previous is not None:
        previous.text = "".join(parts)
    return paragraphs, joins


def extract_markers(
    text: str, footnote_numbers: set[int], plain_allowed: set[int]
) -> tuple[str, list[tuple[int, int]]]:
    """Remove footnote markers ('year.¹', 'foothold.9') and return where each stood in the cleaned text.

    A superscript is a marker when its number is a footnote of the document; a plain number only
    when it is glued after a word and punctuation and that footnote has no superscript marker
    ('Huey-2', 'C-130', 'No. 35' and 'G-8' are never markers).
    """
    spans: list[tuple[int, int, int]] = []  # (start, end, number) in the input text
    for match in SUPERSCRIPT_MARKER.finditer(text):
        number = superscript_value(match[0])
        if number in footnote_numbers:
            spans.append((match.start(), match.end(), number))
    for match in PLAIN_MARKER.finditer(text):
        number = int(match[2])
        if number in plain_allowed and match[1]:
            spans.append((match.start(2), match.end(2), number))
    spans.sort()
    pieces: list[str] = []
    markers: list[tuple[int, int]] = []
    cursor = 0
    length = 0
    for start, end, number in spans:
        if start < cursor:
            continue
        pieces.append(text[cursor:start])
        length += start - cursor
        markers.append((length, number))
        cursor = end
    pieces.append(text[cursor:])
    return "".join(pieces), markers


def document_vocabulary(text: str) -> set[str]:
    """Lower-cased hyphenated words printed in the document ('kazakh-u'), used to keep real hyphens."""
    return {w.lower() for w in re.findall(r"[^\W\d_]+-[^\W\d_]+", text)}
