"""Input formats: each layout in, the same clean text, title, authors, date and footnotes out."""

from __future__ import annotations

import pytest

from pipelines.parse.document import parse_document
from pipelines.parse.formats import (
    detect_format,
    html_layout,
    markdown_layout,
    rewrite_endnotes,
    strip_wiki_residue,
)
from pipelines.parse.metadata import find_printed_date

HTML_PAGE = """<html><head><title>Border talks resume | Weekly Review</title>
<meta name="pubdate" content="2011-03-14">
<style>p { color: red; }</style><script>var x = "<p>not text</p>";</script>
<!--#include virtual="/inc/top.html" --></head>
<body><?php include("menu.php"); ?>
<table><tr><td><P><font size=2><b>ASIA</b></font><br>
<font size=5>Border talks resume</font></P>
<P><b>By Maria Lopez</b> | March 12, 2011 | Page 3</P>
<P>Delegations from Tajikistan and Kyrgyzstan met in Osh &amp; agreed
to resume talks.</P><P>The next round is due in May.</P></td></tr></table></body></html>"""

MARKDOWN_RECORD = """---
layout: record
---

# BORDER SECURITY IN CENTRAL ASIA
## `0123456789abcdef0123456789abcdef`
`Ms. RIVERA of Ohio — 3 March 2009`

---

Ms. RIVERA of Ohio. Madam Speaker, I report on the talks held by Senator John \n
\n
Miller and the delegation in Dushanbe. \n
\n
The delegation met the Foreign Minister.
"""

WIKI_PAGE = """Regional body of five states

The **Caspian Littoral Forum** (**CLF**) is a regional body.[_citation needed_] It was
founded in 1998 by Iran and Kazakhstan.[update]

  * v
  * t
  * e

Forum leaders in 2004

## History

In 2004 the forum met in _Baku_ and adopted a charter.
"""

ESSAY = """# Pipelines and Power in the South
Caucasus

by Daniel Okafor
April 2, 2012

The consortium signed the deal in Tbilisi. [1] The minister said.2 The report
[3]
was published later.

Notes

1) Caucasus Wire, March 3, 2012
2) Ibid
3. Energy Weekly, March 9, 2012
http://example.org/energy-weekly
"""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (HTML_PAGE, "html"),
        (MARKDOWN_RECORD, "markdown"),
        (WIKI_PAGE, "wiki"),
        (ESSAY, "markdown"),
        ("TITLE\n\nJane DOE\n\nThe body.¹\n\n¹ See: A. Writer, Book, 2001.", "journal"),
        ("Plain words wrapped\nat forty columns.\n", "text"),
    ],
)
def test_detect_format(text, expected):
    assert detect_format(text) == expected


def test_html_keeps_text_drops_markup_scripts_includes_and_php():
    layout = html_layout(HTML_PAGE)
    assert layout.title == "Border talks resume"  # the part of <title> printed on the page
    assert "not text" not in layout.text and "color" not in layout.text and "menu.php" not in layout.text
    assert "met in Osh & agreed to resume talks." in layout.text  # entity decoded, source wrap collapsed
    assert ("2011-03-14", "html-meta") in layout.dates


@pytest.mark.parametrize(
    ("name", "raw", "title", "authors", "date", "precision", "source"),
    [
        ("page.html", HTML_PAGE, "Border talks resume", ("Maria Lopez",), "2011-03-12", "day", "byline"),
        (
            "record.md",
            MARKDOWN_RECORD,
            "BORDER SECURITY IN CENTRAL ASIA",
            ("Rivera",),
            "2009-03-03",
            "day",
            "header",
        ),
        ("wiki.md", WIKI_PAGE, "Caspian Littoral Forum", ("Wikipedia contributors",), None, None, None),
        (
            "deck.txt",
            "SECURITY IN THE CASPIAN\n\nAnna Berg looks at the naval pact.\n\nSource: http://example.org/a\n\nIt was signed.\n",
            "SECURITY IN THE CASPIAN",
            ("Anna Berg",),
            None,
            None,
            None,
        ),
        (  # a senator's header names no state
            "senate.md",
            "# TRADE WITH MONGOLIA\n\n`Mr. OKONJO \u2014 4 March 2011`\n\n---\n\nMr. OKONJO. Mr. President, I rise.\n",
            "TRADE WITH MONGOLIA",
            ("Okonjo",),
            "2011-03-04",
            "day",
            "header",
        ),
        (  # a deck under a kicker, a headline and a dateline
            "deck.html",
            "<html><head><title>A deal on the river</title></head><body><p>Behind the talks<br><b>A deal on the"
            " river</b></p><p>March 3, 2011 | Page 4</p><p><b>ANNA BERG looks at the water treaty.</b></p>"
            "<p>IT WAS signed in Tashkent.</p></body></html>",
            "A deal on the river",
            ("Anna Berg",),
            "2011-03-03",
            "day",
            "dateline",
        ),
        (  # a maintenance banner above the lead is page furniture, and a wiki's mark
            "banner.md",
            "Regional forum\n\n| This article **needs additional citations forverification**. Please help\n"
            "improve this article. (Learn how and when to remove this message)  \n---|---  \n\n"
            "The **Caspian Littoral Forum** (**CLF**) is a regional body.\n\n## History\n\nIt met in Baku.\n",
            "Caspian Littoral Forum",
            ("Wikipedia contributors",),
            None,
            None,
            None,
        ),
        (
            "essay.md",
            ESSAY,
            "Pipelines and Power in the South Caucasus",
            ("Daniel Okafor",),
            "2012-04-02",
            "day",
            "byline",
        ),
    ],
)
def test_metadata_per_format(name, raw, title, authors, date, precision, source):
    doc = parse_document(name, raw.encode("utf-8"))
    assert (doc.title, doc.authors) == (title, authors)
    assert (doc.date, doc.date_precision, doc.date_source) == (date, precision, source)


def test_html_body_paragraphs_and_byline_kept_headline_dropped():
    doc = parse_document("page.html", HTML_PAGE.encode())
    body = doc.text[: doc.body_end]
    assert body.split("\n\n") == [
        "ASIA",
        "By Maria Lopez | March 12, 2011 | Page 3",
        "Delegations from Tajikistan and Kyrgyzstan met in Osh & agreed to resume talks.",
        "The next round is due in May.",
    ]
    assert doc.format == "html"


def test_blank_lines_after_soft_wraps_are_not_paragraph_breaks():
    doc = parse_document("record.md", MARKDOWN_RECORD.encode())
    body = doc.text[: doc.body_end]
    assert (
        "Senator John Miller and the delegation in Dushanbe. The delegation met" in body
    )  # one name, one paragraph
    assert "0123456789abcdef" not in body and "layout: record" not in body


def test_wiki_residue_removed_captions_kept():
    doc = parse_document("wiki.md", WIKI_PAGE.encode())
    body = doc.text[: doc.body_end]
    assert "citation needed" not in body and "[update]" not in body and "* v" not in body
    assert "is a regional body. It was founded in 1998 by Iran and Kazakhstan." in body
    assert "Forum leaders in 2004" in body.split("\n\n")  # an image caption stays a paragraph
    assert "met in Baku and adopted" in body  # '_' emphasis removed


def test_wiki_maintenance_tags():
    assert (
        strip_wiki_residue("founded in 1998.[_when?_] It grew.[citation needed]")
        == "founded in 1998. It grew."
    )


def test_hard_wrap_keeps_real_hyphens_outside_printed_layouts():
    raw = "# Notes on a Treaty\n\nThe forces conduct anti-\nterrorist operations and state-\nbuilding.\n"
    doc = parse_document("wrap.md", raw.encode())
    assert "conduct anti-terrorist operations and state-building." in doc.text


def test_endnotes_with_bracketed_glued_and_lone_line_markers():
    doc = parse_document("essay.md", ESSAY.encode())
    body = doc.text[: doc.body_end]
    assert "[1]" not in body and "said.2" not in body and "[3]" not in body
    assert [(f.number, f.text) for f in doc.footnotes] == [
        (1, "Caucasus Wire, March 3, 2012"),
        (2, "Ibid"),
        (3, "Energy Weekly, March 9, 2012 http://example.org/energy-weekly"),
    ]
    assert doc.footnotes[1].ibidem_of == 1
    assert doc.footnotes[2].urls == ("http://example.org/energy-weekly",)
    before = {f.number: body[: f.marker_offset] for f in doc.footnotes}
    assert before[1].endswith("signed the deal in Tbilisi.")
    assert before[2].endswith("The minister said.")
    assert before[3].endswith("The report")


@pytest.mark.parametrize(
    ("body", "notes", "expected_body"),
    [
        (
            "A claim (1) and another (2).",
            "References\n(1) First source.\n(2) Second source.",
            "A claim¹ and another².",
        ),
        ("A claim [1] and a year [1999].", "Endnotes\n[1] A source.", "A claim¹ and a year [1999]."),
        ("Words [are] kept.[1]", "## Footnotes\n1 A source, 2004.", "Words [are] kept.¹"),
    ],
)
def test_endnote_styles(body, notes, expected_body):
    rewritten = rewrite_endnotes(f"{body}\n\n{notes}\n")
    assert rewritten.split("\n\n")[0] == expected_body


def test_no_notes_section_leaves_brackets():
    assert rewrite_endnotes("He said [1] nothing.\n") == "He said [1] nothing.\n"


@pytest.mark.parametrize(
    ("printed", "value", "precision"),
    [
        ("December 5, 2003", "2003-12-05", "day"),
        ("25 July 2008", "2008-07-25", "day"),
        ("2010-06-09T08:00:00Z", "2010-06-09", "day"),
        ("Sept. 2007", "2007-09", "month"),
        ("2008", "2008", "year"),
        ("February 30, 2004", None, None),
    ],
)
def test_find_printed_date(printed, value, precision):
    found = find_printed_date(printed)
    assert (found.value, found.precision) == (value, precision) if value else found is None


def test_unreadable_byline_is_flagged_not_guessed():
    doc = parse_document("odd.md", b"# A Title\n\nby the editors of this page\n\nBody text here.\n")
    assert doc.authors == ()
    assert any("byline" in w for w in doc.warnings)


def test_emphasis_wrapped_over_lines_is_its_text():
    raw = (
        "# Treaties\n\nIn 2019 Ruritania left the 1998 _Agreement on cooperation in the\n"
        "provision of safety of dams_ , and the _Charter_ too.\n\nA new _paragraph\n\nhere_ stays.\n"
    )
    body = markdown_layout(raw, "markdown").text
    assert "1998 Agreement on cooperation in the\nprovision of safety of dams , and the Charter too." in body
    assert "_paragraph" in body and "here_" in body  # emphasis never spans two paragraphs
