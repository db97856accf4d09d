"""Records produced by the parser and consumed by every extractor.

All offsets are character offsets into `ParsedDocument.text`, the cleaned text of the document:
the body paragraphs joined by blank lines, then (after `body_end`) one line per footnote,
written as `<number> <footnote text>`.
"""

from __future__ import annotations

from dataclasses import dataclass, field


class RejectedInput(ValueError):
    """A raw file that cannot become a document; the message is the reason shown in `rejects`."""


@dataclass(frozen=True)
class Sentence:
    sentence_id: str  # f"{doc_id}:s{index:04d}", stable for a given text
    index: int  # 0-based position in the document (body first, then footnotes)
    paragraph: int  # 0-based paragraph number; footnotes continue the numbering
    start: int
    end: int
    text: str  # == document.text[start:end]
    in_footnote: bool
    footnote_number: int | None = None


@dataclass(frozen=True)
class Footnote:
    number: int
    text: str  # == document.text[start:end]
    start: int
    end: int
    urls: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    title: str | None = None
    year: int | None = None
    marker_offset: int | None = None  # where its marker stood in the body (offset into text)
    ibidem_of: int | None = None  # "Ibidem." points at the footnote before it


@dataclass(frozen=True)
class ParsedDocument:
    doc_id: str
    source_file: str
    sha256: str
    encoding: str
    text: str
    body_end: int  # text[:body_end] is the body, the rest the footnotes
    title: str | None = None
    authors: tuple[str, ...] = ()
    affiliation: str | None = None
    journal: str | None = None
    issue: str | None = None
    year: int | None = None
    format: str = "text"  # layout read: html, markdown, wiki, journal or text (pipelines/parse/formats.py)
    date: str | None = None  # the document's own publication date, TIMEX-style: 2003-12-05, 2010-06, 2008
    date_precision: str | None = None  # day, month or year
    date_source: str | None = None  # byline, dateline, header, html-meta, front-matter or issue-header
    sentences: tuple[Sentence, ...] = ()
    footnotes: tuple[Footnote, ...] = ()
    warnings: tuple[str, ...] = field(default=())  # repairs that were flagged, never guessed
