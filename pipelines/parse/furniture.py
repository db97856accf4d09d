"""Page furniture: page numbers, running headers and separators printed by the layout, not the author."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from pipelines.parse.footnotes import starts_with_superscript

# "62 ·", "· 62", "_____ 72 _____", "- 5 -", "— 12 —", "[5]", "Page 5", "Page 5 of 20", "5/20", a lone "17".
PAGE_NUMBER = re.compile(
    r"^(?:[_\-–—=~·•|\[(\s]*\d{1,4}[_\-–—=~·•|\])\s]*"
    r"|(?:page|p\.|стр\.?)\s*\d{1,4}(?:\s*(?:of|/|из)\s*\d{1,4})?"
    r"|\d{1,4}\s*/\s*\d{1,4})$",
    re.IGNORECASE,
)
# A rule printed between text and footnotes, or a decorative line: "_", "____", "-----", "• • •".
SEPARATOR = re.compile(r"^[_\-–—=~·•.\s]+$")
# "* * *", "***", "* * * *": an author's section break.
SECTION_BREAK = re.compile(r"^(?:\*\s*){3,}$|^(?:#\s*){3,}$")
# Issue headers: "No. 2(50), 2008", "Vol. 3, No. 2, 2008", "CENTRAL ASIA AND THE CAUCASUS No. 2(50), 2008".
ISSUE_HEADER = re.compile(
    r"^(?P<journal>\D{0,80}?)[\s,.:|·•–—-]*"
    r"(?:Vol(?:ume)?\.?\s*(?P<volume>\d+)\s*[,.]?\s*)?"
    r"(?:No|Nos|Issue|№)\.?\s*(?P<issue>\d+(?:\s*[-/]\s*\d+)?(?:\s*\(\d+\))?)\s*[,.]?\s*"
    r"(?P<year>(?:1[89]|20)\d\d)$",
    re.IGNORECASE,
)
ISSUE_HEADER_MAX_CHARS = 120
REPEATED_HEADER_MIN = 3  # a short line printed this many times is a running header
REPEATED_HEADER_MAX_CHARS = 100


@dataclass(frozen=True)
class IssueInfo:
    issue: str | None = None
    year: int | None = None
    journal: str | None = None


def is_page_number(line: str) -> bool:
    return bool(PAGE_NUMBER.match(line.strip()))


def is_section_break(line: str) -> bool:
    return bool(SECTION_BREAK.match(line.strip()))


def is_separator(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and bool(SEPARATOR.match(stripped)) and not is_section_break(stripped)


def parse_issue_header(line: str) -> IssueInfo | None:
    """'No. 2(50), 2008' -> issue '2(50)', year 2008; None if the line is not an issue header."""
    stripped = line.strip()
    match = ISSUE_HEADER.match(stripped) if len(stripped) <= ISSUE_HEADER_MAX_CHARS else None
    if not match:
        return None
    issue = re.sub(r"\s+", "", match["issue"])
    if match["volume"]:
        issue = f"{match['volume']}({issue})" if "(" not in issue else issue
    journal = (match["journal"] or "").strip(" ,.:|·•–—-") or None
    if journal is not None:
        journal = " ".join(journal.split())
    return IssueInfo(issue=issue, year=int(match["year"]), journal=journal)


def _looks_like_header(line: str) -> bool:
    """Short, no sentence end, not a footnote or bullet: something a page would repeat."""
    if len(line) > REPEATED_HEADER_MAX_CHARS or starts_with_superscript(line):
        return False
    if line[:2] in {"- ", "• ", "* "} or line.endswith((".", "?", "!", ";", ":", ",")):
        return False
    return any(c.isalpha() for c in line)


def running_headers(lines: list[str]) -> tuple[set[str], IssueInfo]:
    """Lines to drop as running headers, and the issue/year/journal they state.

    An issue header ('No. 2(50), 2008') is furniture wherever it stands; any other short line
    repeated several times (a journal name or author printed on every page) is furniture too.
    """
    counts = Counter(line.strip() for line in lines if line.strip())
    headers: set[str] = set()
    info = IssueInfo()
    for line, count in counts.items():
        parsed = None if starts_with_superscript(line) else parse_issue_header(line)
        if parsed is not None:
            headers.add(line)
            if info.issue is None or count > 1:
                info = parsed
        elif count >= REPEATED_HEADER_MIN and _looks_like_header(line):
            headers.add(line)
    return headers, info


def is_furniture(line: str, headers: set[str]) -> bool:
    stripped = line.strip()
    return bool(stripped) and (stripped in headers or is_page_number(stripped) or is_separator(stripped))
