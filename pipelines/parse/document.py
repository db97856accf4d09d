"""parse_document: bytes of one raw file -> ParsedDocument (clean text, metadata, footnotes, sentences)."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import PurePath

from pipelines.parse.decode import decode_bytes, normalize_text
from pipelines.parse.footnotes import (
    RawFootnote,
    clean_footnote_text,
    dedupe_footnotes,
    extract_urls,
    footnote_authors,
    footnote_title,
    footnote_year,
    is_ibidem,
    split_footnote_line,
    superscript_value,
)
from pipelines.parse.formats import JOURNAL, TEXT, Layout, to_layout
from pipelines.parse.furniture import running_headers
from pipelines.parse.metadata import (
    FrontMatter,
    Header,
    PrintedDate,
    damaged_start_warning,
    find_printed_date,
    read_front,
    read_header,
)
from pipelines.parse.model import Footnote, ParsedDocument, RejectedInput, Sentence
from pipelines.parse.paragraphs import (
    SUPERSCRIPT_MARKER,
    Paragraph,
    Unit,
    build_paragraphs,
    build_units,
    clean_markup,
    document_vocabulary,
    extract_markers,
)
from pipelines.parse.sentences import split_sentences

PARAGRAPH_SEPARATOR = "\n\n"
PRINTED = (JOURNAL, TEXT)  # layouts of printed pages: a line-end hyphen may be the printer's


def publication_date(
    layout: Layout, front: FrontMatter, issue_year: int | None
) -> tuple[PrintedDate | None, str | None]:
    """The text's own date: its byline or header first, then page metadata, then the issue's year."""
    if front.date is not None:
        return front.date, front.date_source
    for printed, source in layout.dates:
        found = find_printed_date(printed)
        if found is not None:
            return found, source
    if issue_year is not None:
        return PrintedDate(f"{issue_year:04d}", "year"), "issue-header"
    return None, None


MAX_DOC_ID_BYTES = 120  # doc_ids name stored files: well under the 255-byte limit of a file name


def doc_id_from_name(source_file: str) -> str:
    """File stem, NFC, with anything but letters, digits, '_', '-', '.' replaced by '_'; a long one is
    cut and ends with 12 hex of the whole stem's sha256, so that it stays unique and usable as a file name."""
    stem = unicodedata.normalize("NFC", PurePath(source_file).stem)
    doc_id = re.sub(r"[^\w.-]", "_", stem) or "_"
    if len(doc_id.encode()) <= MAX_DOC_ID_BYTES:
        return doc_id
    digest = hashlib.sha256(stem.encode("utf-8", "surrogateescape")).hexdigest()[:12]
    head = doc_id.encode()[: MAX_DOC_ID_BYTES - 13].decode("utf-8", "ignore")
    return f"{head}-{digest}"


def first_text_line(lines: list[str]) -> int | None:
    """The first printed line: a title repeated as a running header is still the title there."""
    return next((i for i, line in enumerate(lines) if line.strip()), None)


def collect_footnotes(units: list[Unit]) -> tuple[list[RawFootnote], list[str]]:
    raws: list[RawFootnote] = []
    for unit in units:
        if unit.kind == "footnote":
            for number, text in split_footnote_line(unit.text):
                raws.append(RawFootnote(number, text, len(raws)))
    return dedupe_footnotes(raws)


def _strip_markers(paragraphs: list[Paragraph], numbers: set[int]) -> None:
    """Remove markers from every paragraph, keeping where each stood (plain digits only as a fallback)."""
    with_superscript = {
        superscript_value(m[0]) for p in paragraphs for m in SUPERSCRIPT_MARKER.finditer(p.text)
    } & numbers
    plain_allowed = numbers - with_superscript
    for paragraph in paragraphs:
        paragraph.text, paragraph.markers = extract_markers(paragraph.text, numbers, plain_allowed)


def parse_document(source_file: str, data: bytes) -> ParsedDocument:
    """Parse one raw file; raises RejectedInput with an actionable reason when it is not a document."""
    sha256 = hashlib.sha256(data).hexdigest()
    doc_id = doc_id_from_name(source_file)
    decoded, encoding = decode_bytes(data)
    text = normalize_text(decoded)
    layout = to_layout(text)
    front = read_front(layout.text.split("\n"), layout.title, layout.authors)
    lines = front.lines
    headers, issue = running_headers(lines)
    units = build_units(lines, headers, keep=first_text_line(lines), mend_hyphens=layout.format in PRINTED)
    if front.title is None and layout.format in PRINTED:
        header = read_header(units)
        header = Header(header.title, header.authors or front.authors, header.affiliation, header.consumed)
    else:
        header = Header(front.title, front.authors, None, 0)
    body_units = units[header.consumed :]

    raw_footnotes, footnote_warnings = collect_footnotes(body_units)
    warnings = [*layout.warnings, *front.warnings, *footnote_warnings]
    numbers = {f.number for f in raw_footnotes}
    paragraphs, _ = build_paragraphs(body_units, document_vocabulary(text))
    if not paragraphs:
        raise RejectedInput(
            "no body text left after the title/author block, footnotes, page numbers, running headers "
            "and separators were removed; check that the file holds the article's text"
        )
    _strip_markers(paragraphs, numbers)
    damage = damaged_start_warning(paragraphs[0].text)
    paragraphs[:0] = [Paragraph(kind="front", text=clean_markup(line)) for line in front.front]
    if header.affiliation:
        # The affiliation names institutions (entities with offsets), so it opens the text as front matter.
        paragraphs.insert(0, Paragraph(kind="front", text=header.affiliation))

    body_parts: list[str] = []
    marker_offsets: dict[int, int] = {}
    position = 0
    for index, paragraph in enumerate(paragraphs):
        if index:
            position += len(PARAGRAPH_SEPARATOR)
        for offset, number in paragraph.markers:
            marker_offsets.setdefault(number, position + offset)
        body_parts.append(paragraph.text)
        position += len(paragraph.text)
    body = PARAGRAPH_SEPARATOR.join(body_parts)
    body_end = len(body)

    footnote_lines: list[str] = []
    spans: list[tuple[int, int, str]] = []
    cursor = body_end + (len(PARAGRAPH_SEPARATOR) if raw_footnotes and body else 0)
    for i, raw in enumerate(raw_footnotes):
        cleaned = clean_footnote_text(raw.raw)
        prefix = f"{raw.number} "
        if i:
            cursor += 1
        spans.append((cursor + len(prefix), cursor + len(prefix) + len(cleaned), cleaned))
        footnote_lines.append(prefix + cleaned)
        cursor += len(prefix) + len(cleaned)
    full_text = body
    if footnote_lines:
        full_text = (body + PARAGRAPH_SEPARATOR if body else "") + "\n".join(footnote_lines)

    footnotes: list[Footnote] = []
    previous_number: int | None = None
    for raw, (start, end, cleaned) in zip(raw_footnotes, spans, strict=True):
        authors = footnote_authors(raw.raw)
        ibidem = is_ibidem(cleaned)
        footnotes.append(
            Footnote(
                number=raw.number,
                text=cleaned,
                start=start,
                end=end,
                urls=extract_urls(cleaned),
                authors=authors,
                title=None if ibidem else footnote_title(raw.raw, authors),
                year=footnote_year(cleaned),
                marker_offset=marker_offsets.get(raw.number),
                ibidem_of=previous_number if ibidem else None,
            )
        )
        previous_number = raw.number

    sentences = _sentences(doc_id, paragraphs, footnotes)
    published, date_source = publication_date(layout, front, issue.year)
    if published is None and layout.format not in PRINTED:
        warnings.append("no publication date printed in a byline, dateline, header or page metadata")
    if damage:
        warnings.append(damage)
    missing = [f.number for f in footnotes if f.marker_offset is None]
    if missing:
        warnings.append(f"no marker found in the body for footnote(s) {', '.join(map(str, missing))}")
    return ParsedDocument(
        doc_id=doc_id,
        source_file=source_file,
        sha256=sha256,
        encoding=encoding,
        text=full_text,
        body_end=body_end,
        title=header.title,
        authors=header.authors,
        affiliation=header.affiliation,
        journal=issue.journal,
        issue=issue.issue,
        year=issue.year if issue.year is not None else (int(published.value[:4]) if published else None),
        format=layout.format,
        date=published.value if published else None,
        date_precision=published.precision if published else None,
        date_source=date_source,
        sentences=tuple(sentences),
        footnotes=tuple(footnotes),
        warnings=tuple(warnings),
    )


def _sentences(doc_id: str, paragraphs: list[Paragraph], footnotes: list[Footnote]) -> list[Sentence]:
    sentences: list[Sentence] = []
    position = 0
    pieces: list[tuple[int, int, str, int | None]] = []
    for paragraph in paragraphs:
        pieces.append((len(pieces), position, paragraph.text, None))
        position += len(paragraph.text) + len(PARAGRAPH_SEPARATOR)
    for footnote in footnotes:
        pieces.append((len(pieces), footnote.start, footnote.text, footnote.number))
    for paragraph_number, start, text, number in pieces:
        for begin, end in split_sentences(text, start):
            index = len(sentences)
            sentences.append(
                Sentence(
                    sentence_id=f"{doc_id}:s{index:04d}",
                    index=index,
                    paragraph=paragraph_number,
                    start=begin,
                    end=end,
                    text=text[begin - start : end - start],
                    in_footnote=number is not None,
                    footnote_number=number,
                )
            )
    return sentences
