"""Rule-based sentence splitter: fast, deterministic, and aware of the abbreviations of this genre."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

ABBREVIATIONS_FILE = "abbreviations.txt"
OPENERS_FILE = "sentence_openers.txt"
# A sentence may end at . ? ! or … (then closing quotes/brackets), before whitespace and a capital,
# a digit or an opening quote/bracket.
CANDIDATE = re.compile(r"[.?!…]+[\"'”’»)\]]*(?=\s+[\"'“‘«(\[]?[^\W_a-z])")
INITIALISM = re.compile(r"^(?:[^\W\d_]\.){2,}$")  # U.S., U.K., e.g., i.e., K.K., U.S.S.R.
INITIAL = re.compile(r"^[^\W\d_]\.$")  # a single capital initial: N. Nazarbaev
ROMAN = re.compile(r"^[IVXLC]+\.$")
TOKEN_BEFORE = re.compile(r"(\S+)$")
OPENERS = "\"'“‘«(["
PREFIX_WINDOW = 120  # characters around a candidate end that the abbreviation rules read
UPPER_INITIALISM = re.compile(r"^(?:[A-Z]\.){2,}$")  # U.S., U.K., U.S.S.R.: may end a sentence


def _word_list(name: str) -> frozenset[str]:
    """A data file of this package: one entry per line, '#' comments."""
    text = resources.files("pipelines.parse").joinpath(name).read_text(encoding="utf-8")
    entries = (line.strip() for line in text.splitlines())
    return frozenset(e for e in entries if e and not e.startswith("#"))


@lru_cache(maxsize=1)
def abbreviations() -> frozenset[str]:
    return _word_list(ABBREVIATIONS_FILE)


@lru_cache(maxsize=1)
def sentence_openers() -> frozenset[str]:
    return _word_list(OPENERS_FILE)


@lru_cache(maxsize=1)
def _multiword() -> tuple[str, ...]:
    return tuple(a for a in abbreviations() if " " in a)


def is_abbreviation(prefix: str) -> bool:
    """Does `prefix` (text up to and including a period) end with an abbreviation or an initial?"""
    match = TOKEN_BEFORE.search(prefix)
    if match is None:
        return False
    token = match[1].lstrip(OPENERS)
    if token in abbreviations() or INITIALISM.match(token.rsplit("-", 1)[-1]):
        return True
    if INITIAL.match(token) and token[0].isupper():
        return True
    if any(prefix.endswith(" " + a) or prefix == a for a in _multiword()):
        return True
    if ROMAN.match(token):  # 'Vol. II. Vneshniaia': a numeral after a reference abbreviation
        before = TOKEN_BEFORE.search(prefix[: match.start()].rstrip())
        return before is not None and before[1].lstrip(OPENERS) in abbreviations()
    return False


def ends_with_initialism_before_opener(prefix: str, rest: str) -> bool:
    """'... with the U.S. The character ...': an upper-case initialism, then a sentence opener."""
    before, after = TOKEN_BEFORE.search(prefix), re.match(r"\s+[\"'“‘«(\[]?([A-Z][a-z]*)\b(?!\.)", rest)
    return (
        before is not None
        and after is not None
        and bool(UPPER_INITIALISM.match(before[1].lstrip(OPENERS)))
        and after[1] in sentence_openers()
    )


def split_sentences(text: str, offset: int = 0) -> list[tuple[int, int]]:
    """Spans (start, end) of the sentences of `text`, shifted by `offset`, without surrounding whitespace."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in CANDIDATE.finditer(text):
        end = match.end()
        punctuation = match[0].rstrip("\"'”’»)]")
        # Only the last characters before the period decide; a bounded window keeps the split linear.
        prefix = text[max(0, match.start() + 1 - PREFIX_WINDOW) : match.start() + 1]
        if (
            punctuation == "."
            and is_abbreviation(prefix)
            and not ends_with_initialism_before_opener(prefix, text[end : end + PREFIX_WINDOW])
        ):
            continue
        spans.append((start, end))
        start = end
    spans.append((start, len(text)))
    result = []
    for begin, finish in spans:
        piece = text[begin:finish]
        stripped_start = begin + (len(piece) - len(piece.lstrip()))
        stripped_end = finish - (len(piece) - len(piece.rstrip()))
        if stripped_end > stripped_start:
            result.append((stripped_start + offset, stripped_end + offset))
    return result
