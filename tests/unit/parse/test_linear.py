"""Long runs of numbered notes (issue 17). That parsing stays linear in the text is measured by
`benchmarks/parse_scaling.py`, not timed here."""

from __future__ import annotations

from pipelines.parse.document import parse_document


def numbered_notes(n: int) -> bytes:
    lines = [f'{i} See: B. Author, "Working paper {i}," Review, No. 4, 2003.' for i in range(1, n + 1)]
    return ("A REPORT ON NOTES\n\nThe report cites a paper.¹\n\n" + "\n".join(lines)).encode()


def test_every_numbered_note_becomes_a_footnote_except_year_numbers():
    doc = parse_document("notes.txt", numbered_notes(2200))
    numbers = {f.number for f in doc.footnotes}
    assert {1, 999, 1000, 1499, 2100, 2200} <= numbers
    assert not numbers & {1500, 2006}  # a line opening with a year is never a note number


def test_an_endnotes_section_of_more_than_ten_thousand_notes_keeps_every_note():
    notes = "\n".join(
        f'{n}. A. Author, "Security in Central Asia," Review {n % 40} (2007): {n % 300 + 1}.'
        for n in range(1, 10_051)
    )
    doc = parse_document(
        "endnotes.txt",
        f"A REPORT\n\nGiven Author\n\nThe program began in 1994.[1]\n\nNotes\n\n{notes}\n".encode(),
    )
    numbers = [f.number for f in doc.footnotes]
    assert numbers == list(range(1, 10_051))
    assert (
        doc.footnotes[-1].text.startswith("A. Author") and "Review 10 (2007): 151." in doc.footnotes[-1].text
    )
