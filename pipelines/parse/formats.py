"""Input formats: detect how a raw text is laid out and rewrite it in the line layout the parser reads.

Every format ends as plain lines: paragraphs separated by blank lines, wrapped lines continuing
their paragraph, footnotes as lines opening with superscript numbers (the journal convention the
footnote rules read). `docs/input-formats.md` lists what is done for each format.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from html.parser import HTMLParser
from importlib import resources

import yaml

from pipelines.parse.footnotes import FOOTNOTE_START, SUPERSCRIPTS

HTML = "html"  # a web page: markup, scripts, includes
MARKDOWN = "markdown"  # front matter, '#' headings, '>' quotes, links, emphasis, code spans
WIKI = "wiki"  # an encyclopedia page converted to markdown (html2text): navbox crumbs, maintenance tags
JOURNAL = "journal"  # a printed journal's text: superscript footnotes, page furniture
TEXT = "text"  # plain text, possibly hard-wrapped
FORMATS = (HTML, MARKDOWN, WIKI, JOURNAL, TEXT)

HTML_START = re.compile(r"^\s*(?:<!DOCTYPE\s+html|<html\b|<head\b|<body\b)", re.IGNORECASE)
HTML_TAG = re.compile(r"</?(?:p|div|br|td|tr|table|font|span|a|b|i|h[1-6]|li|ul)\b[^>]*>", re.IGNORECASE)
HTML_TAGS_MIN = 10
PHP = re.compile(r"<\?(?:php|=).*?(?:\?>|$)", re.IGNORECASE | re.DOTALL)
FRONT_MATTER = re.compile(r"\A---[ \t]*\n((?:(?!---[ \t]*\n).*\n)*?)---[ \t]*\n")
FRONT_MATTER_KEY = re.compile(r"^(title|author|authors|date)\s*:\s*(.+?)\s*$", re.IGNORECASE | re.MULTILINE)
ATX_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
BLOCKQUOTE = re.compile(r"^\s{0,3}>\s?")
CODE_SPAN = re.compile(r"`([^`\n]+)`")
IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
LINK = re.compile(r"(?<!!)\[([^\]\n]+)\]\((?:[^()\s]|\([^)]*\))+(?:\s+\"[^\"]*\")?\)")
# '_a title_' or '__a title__', also wrapped over lines of one paragraph ('_Agreement on\nsafety_')
UNDERSCORE_EMPHASIS = re.compile(
    r"(?<![\w\\])_{1,2}([^_\s](?:(?:(?!\n[ \t]*\n)[^_]){0,300}?[^_\s])?)_{1,2}(?!\w)"
)
RECORD_ID = re.compile(r"^[0-9a-fA-F]{16,}$")  # a hash printed as a heading by an archive
TABLE_RULE = re.compile(r"^\s*-{3,}(?:\s*\|\s*-{3,})+\s*$")  # html2text's '---|---' under a table's first row
NAVBOX_CRUMBS = re.compile(r"^\s*(?:[*•-]\s*)?[vte]\s*$")
NAVBOX_LINE = re.compile(r"^\s*(?:[*•]\s*)?v\s*(?:[*•·|]\s*)?t\s*(?:[*•·|]\s*)?e\s*$")
ITALIC_TAG = re.compile(r"\s?\[_[^\]_\n]{1,40}_\]")
SUPERSCRIPT_DIGITS = str.maketrans("0123456789", SUPERSCRIPTS)
NOTE_START = re.compile(r"^\s*(?:\[(\d{1,6})\]|\((\d{1,6})\)|(\d{1,6})[.)](?=\s)|(\d{1,6})(?=\s+\S))\s*(.*)$")
BRACKET_MARKER = re.compile(r"\s*\[(\d{1,6})\]")  # a marker alone on its line joins the line before
PAREN_MARKER = re.compile(r"[ \t]*\((\d{1,6})\)")
HEADING_TAIL_MAX = 60  # a wrapped heading's last line is short
SOFT_WRAP_SHARE = 0.3  # share of lines ending in a space that marks a text whose wraps end in a space


@lru_cache(maxsize=1)
def layout_words() -> dict[str, list[str]]:
    """The layout vocabulary of data/formats.yaml (headings, tags, verbs, honorifics, meta names)."""
    text = resources.files("pipelines.parse").joinpath("data/formats.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


@dataclass
class Layout:
    """A text rewritten in line layout, with what its format states about the document."""

    format: str
    text: str
    title: str | None = None  # <title>/<h1>, the first '#' heading, front matter, a wiki's lead term
    authors: tuple[str, ...] = ()
    dates: list[tuple[str, str]] = field(default_factory=list)  # (date as printed, how it was found)
    warnings: list[str] = field(default_factory=list)


def detect_format(text: str) -> str:
    """HTML, wiki, markdown, journal or plain text, from marks that only that layout prints."""
    if HTML_START.match(text) or len(HTML_TAG.findall(text[:20000])) >= HTML_TAGS_MIN:
        return HTML
    lines = text.split("\n")
    # printed footnotes first: the cheapest test, and the one the seeds' layout passes
    if any(line.lstrip()[:1] in SUPERSCRIPTS and FOOTNOTE_START.match(line) for line in lines):
        return JOURNAL
    if _has_wiki_marks(text, lines):
        return WIKI
    if FRONT_MATTER.match(text) or any(ATX_HEADING.match(line) for line in lines):
        return MARKDOWN
    if sum(bool(BLOCKQUOTE.match(line)) for line in lines) >= 2:
        return MARKDOWN
    return TEXT


def _has_wiki_marks(text: str, lines: list[str]) -> bool:
    if ITALIC_TAG.search(text) or any(NAVBOX_LINE.match(line) for line in lines) or _banners(lines):
        return True
    if any(_is_navbox(lines, i) for i, line in enumerate(lines) if NAVBOX_CRUMBS.match(line)):
        return True
    return bool(_wiki_tag_pattern().search(text))


def _is_navbox(lines: list[str], i: int) -> bool:
    """'* v', '* t', '* e' on consecutive non-blank lines: the links of a wiki navigation box."""
    crumbs = [line.strip().lstrip("*•- ").strip() for line in lines[i : i + 3]]
    return crumbs == ["v", "t", "e"]


@lru_cache(maxsize=1)
def _wiki_tag_pattern() -> re.Pattern[str]:
    tags = "|".join(re.escape(t) for t in sorted(layout_words()["wiki_tags"], key=len, reverse=True))
    return re.compile(rf"\s?\[(?:{tags})\]", re.IGNORECASE)


def to_layout(text: str) -> Layout:
    """Rewrite `text` (already decoded and normalised) in line layout, according to its format."""
    kind = detect_format(text)
    if kind == HTML:
        layout = html_layout(text)
    elif kind in (MARKDOWN, WIKI):
        layout = markdown_layout(text, kind)
    else:
        layout = Layout(kind, text)
    if kind != JOURNAL:
        layout.text = join_soft_wraps(layout.text)
        layout.text = rewrite_endnotes(layout.text)
    return layout


# --------------------------------------------------------------------------- HTML


class _PageText(HTMLParser):
    """Text of a page: blocks become paragraphs, <br> a line break; scripts, styles, comments dropped."""

    BLOCKS = frozenset(
        [
            "p",
            "div",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "li",
            "ul",
            "ol",
            "dl",
            "dt",
            "dd",
            "table",
            "tr",
            "td",
            "th",
            "thead",
            "tbody",
            "blockquote",
            "pre",
            "section",
            "article",
            "header",
            "footer",
            "main",
            "aside",
            "nav",
            "figure",
            "figcaption",
            "address",
            "center",
            "form",
            "hr",
            "title",
            "body",
            "html",
        ]
    )
    SKIPPED = frozenset(["script", "style", "noscript", "template", "svg", "iframe", "object"])

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.current: list[str] = []
        self.skipping = 0
        self.in_head = False
        self.in_title = False
        self.title_parts: list[str] = []
        self.h1: str | None = None
        self.h1_parts: list[str] | None = None
        self.meta: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIPPED:
            self.skipping += 1
        elif tag == "head":
            self.in_head = True
        elif tag == "title":
            self.in_title = True
        elif tag == "meta":
            values = {k.lower(): (v or "") for k, v in attrs}
            name = (values.get("name") or values.get("property") or values.get("itemprop") or "").lower()
            if name and values.get("content"):
                self.meta.append((name, values["content"]))
        elif tag == "time" and dict(attrs).get("datetime"):
            self.meta.append(("time", dict(attrs)["datetime"] or ""))
        if tag == "br":
            self.current.append("\n")
        elif tag in self.BLOCKS:
            self._flush()
        if tag == "h1" and self.h1 is None:
            self.h1_parts = []

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag == "head":
            self.in_head = False
        elif tag == "title":
            self.in_title = False
        if tag == "h1" and self.h1_parts is not None:
            self.h1 = " ".join("".join(self.h1_parts).split()) or None
            self.h1_parts = None
        if tag in self.BLOCKS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if self.skipping:
            return
        if self.in_title:
            self.title_parts.append(data)
            return
        if self.in_head:
            return
        if self.h1_parts is not None:
            self.h1_parts.append(data)
        self.current.append(re.sub(r"\s+", " ", data))

    def _flush(self) -> None:
        lines = [" ".join(line.split()) for line in "".join(self.current).split("\n")]
        block = "\n".join(line for line in lines if line)
        if block:
            self.blocks.append(block)
        self.current = []


def html_layout(text: str) -> Layout:
    """Markup, scripts, styles, SSI includes (comments) and PHP directives dropped; entities decoded."""
    page = _PageText()
    page.feed(PHP.sub(" ", text))
    page.close()
    page._flush()
    title = " ".join("".join(page.title_parts).split()) or None
    blocks = page.blocks
    if page.h1:
        title = page.h1
    elif title is not None:
        title = _headline_in_title(title, blocks)
    names = set(layout_words()["meta_date_names"]) | {"time"}
    dates = [(content, "html-meta") for name, content in page.meta if name in names]
    return Layout(HTML, "\n\n".join(blocks), title=title, dates=dates)


def _headline_in_title(title: str, blocks: list[str]) -> str:
    """'Mass protests | Socialist Worker' -> the part printed as a line of the page, when one is."""
    printed = {line.strip() for block in blocks[:20] for line in block.split("\n")}
    if title in printed:
        return title
    for part in re.split(r"\s+[|–—:-]\s+", title):
        if part.strip() in printed:
            return part.strip()
    return title


# --------------------------------------------------------------------------- markdown and wiki


def markdown_layout(text: str, kind: str) -> Layout:
    """Front matter read and dropped, headings and quotes unmarked, links and emphasis as their text."""
    layout = Layout(kind, text)
    front = FRONT_MATTER.match(text)
    if front:
        for key, value in FRONT_MATTER_KEY.findall(front[1] or ""):
            value = value.strip("\"'")
            if key.lower() == "title":
                layout.title = value
            elif key.lower() == "date":
                layout.dates.append((value, "front-matter"))
            else:
                layout.authors = tuple(
                    a.strip() for a in re.split(r",|\band\b", value.strip("[]")) if a.strip()
                )
        text = text[front.end() :]
    if kind == WIKI:
        text = strip_wiki_residue(text)
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        heading = ATX_HEADING.match(line)
        if heading:
            words = [_inline(heading[2])]
            # a heading wrapped by the converter: the next line continues it when it starts in lower case
            while i + 1 < len(lines) and _continues_heading(lines, i + 1):
                i += 1
                words.append(_inline(lines[i].strip()))
            content = UNDERSCORE_EMPHASIS.sub(r"\1", " ".join(" ".join(words).split()))
            if layout.title is None and heading[1] == "#":
                layout.title = content
            if not RECORD_ID.match(content):
                out.extend(["", content, ""])
        else:
            out.append(_inline(BLOCKQUOTE.sub("", line, count=1)))
        i += 1
    layout.text = UNDERSCORE_EMPHASIS.sub(r"\1", "\n".join(out))  # also where it wraps over lines
    if kind == WIKI:
        if layout.title is None:
            layout.title = lead_term(text)
        if not layout.authors:
            layout.authors = tuple(layout_words()["wiki_authors"])
            layout.warnings.append("authors: no byline; a wiki article is credited to its contributors")
    return layout


def _continues_heading(lines: list[str], i: int) -> bool:
    """A heading wrapped by a converter: the next line starts in lower case, or is a short tail with
    no closing punctuation standing alone before a blank line ('# Pipelines in the South' / 'Caucasus')."""
    line = lines[i].strip()
    if not line or ATX_HEADING.match(line) or BLOCKQUOTE.match(line) or line[:1] in "-*+|`":
        return False
    if line[:1].islower():
        return True
    alone = i + 1 == len(lines) or not lines[i + 1].strip()
    return alone and len(line) <= HEADING_TAIL_MAX and line[-1] not in ".?!:;,"


def _inline(line: str) -> str:
    """Images as their caption, links as their text, code spans as their text ('_' emphasis is read
    over the whole text, where it may wrap over lines)."""
    line = IMAGE.sub(r"\1", line)
    line = LINK.sub(r"\1", line)
    return CODE_SPAN.sub(r"\1", line)


@lru_cache(maxsize=1)
def _banner_opener() -> re.Pattern[str]:
    words = "|".join(map(re.escape, layout_words()["wiki_banner_words"]))
    return re.compile(rf"^\|\s*(?:{words})\b")


def _banners(lines: list[str]) -> list[tuple[int, int]]:
    """(first, end) lines of each maintenance banner: a table row opening with a banner's words, down
    to the table's '---|---' rule."""
    out = []
    for i, line in enumerate(lines):
        if _banner_opener().match(line):
            rule = next(
                (j for j in range(i + 1, min(i + 12, len(lines))) if TABLE_RULE.match(lines[j])), None
            )
            if rule is not None:
                out.append((i, rule + 1))
    return out


def strip_wiki_residue(text: str) -> str:
    """Maintenance banners, navbox crumbs ('* v * t * e') and tags ('[citation needed]') removed."""
    text = _wiki_tag_pattern().sub("", ITALIC_TAG.sub("", text))
    lines = text.split("\n")
    keep = [True] * len(lines)
    for first, end in _banners(lines):
        keep[first:end] = [False] * (end - first)
    for i, line in enumerate(lines):
        if NAVBOX_LINE.match(line):
            keep[i] = False
        elif NAVBOX_CRUMBS.match(line) and _is_navbox(lines, i):
            keep[i : i + 3] = [False, False, False]
    return "\n".join(line for line, kept in zip(lines, keep, strict=True) if kept)


def lead_term(text: str) -> str | None:
    """A wiki article's subject: the first bold term of its first paragraphs ('The **CSTO** is ...')."""
    for paragraph in text.split("\n\n")[:3]:
        match = re.search(r"\*\*(.+?)\*\*", paragraph, re.DOTALL)
        if match:
            return " ".join(match[1].split()).strip(" ,") or None
    return None


# --------------------------------------------------------------------------- wraps and endnotes


def join_soft_wraps(text: str) -> str:
    """Blank lines after a line ending in a space are a wrap, not a paragraph break.

    Some dumps (format=flowed mail, the Congressional Record's text) end every wrapped line with a
    space and print blank lines between the wrapped lines too; a paragraph's last line ends without
    one. Applied only when such lines are frequent, so an occasional trailing space changes nothing.
    """
    lines = text.split("\n")
    printed = [line for line in lines if line.strip()]
    if not printed or sum(line.endswith((" ", "\t")) for line in printed) < SOFT_WRAP_SHARE * len(printed):
        return text
    out: list[str] = []
    wrapped = False
    for line in lines:
        if not line.strip():
            if not wrapped:
                out.append("")
            continue
        out.append(line)
        wrapped = line.endswith((" ", "\t"))
    return "\n".join(out)


def notes_section(lines: list[str]) -> int | None:
    """Line index of a notes heading ('Notes', 'References', ...) followed by numbered notes to the end."""
    headings = {h.lower() for h in layout_words()["notes_headings"]}
    for index in range(len(lines) - 1, -1, -1):
        label = lines[index].strip().strip("#*_: ").lower()
        if label not in headings:
            continue
        notes = [NOTE_START.match(line) for line in lines[index + 1 :] if line.strip()]
        if notes and notes[0] is not None and _note_number(notes[0]) == 1:
            return index
    return None


def _note_number(match: re.Match[str]) -> int:
    return int(next(g for g in match.groups()[:4] if g))


def rewrite_endnotes(text: str) -> str:
    """A notes section at the end becomes footnote lines, and its body markers superscripts.

    'Notes / 1) Agency, May 10, 2005' -> '¹ Agency, May 10, 2005'; '... department [1] to' ->
    '... department¹ to' (a marker alone on its line joins the line before). Only numbers of listed
    notes are markers, so '[are]' and '(1992)' stay as printed.
    """
    lines = text.split("\n")
    start = notes_section(lines)
    if start is None:
        return text
    notes: list[tuple[int, list[str]]] = []
    for line in lines[start + 1 :]:
        match = NOTE_START.match(line)
        if match and (not notes or _note_number(match) == notes[-1][0] + 1):
            notes.append((_note_number(match), [match[5].strip()]))
        elif line.strip() and notes:
            notes[-1][1].append(line.strip())
    numbers = {number for number, _ in notes}
    body = "\n".join(lines[:start])
    superscript = lambda m: str(int(m[1])).translate(SUPERSCRIPT_DIGITS) if int(m[1]) in numbers else m[0]  # noqa: E731
    marked = BRACKET_MARKER.sub(superscript, body)
    if marked == body:
        marked = PAREN_MARKER.sub(superscript, body)
    note_lines = [f"{str(n).translate(SUPERSCRIPT_DIGITS)} {' '.join(parts)}" for n, parts in notes]
    return marked.rstrip() + "\n\n" + "\n\n".join(note_lines) + "\n"
