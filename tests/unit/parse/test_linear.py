"""Parse rules are linear in the text: doubling the input roughly doubles the time (issue 17)."""

from __future__ import annotations

import time

import pytest

from pipelines.parse.document import parse_document


def numbered_notes(n: int) -> bytes:
    lines = [f'{i} See: B. Author, "Working paper {i}," Review, No. 4, 2003.' for i in range(1, n + 1)]
    return ("A REPORT ON NOTES\n\nThe report cites a paper.¹\n\n" + "\n".join(lines)).encode()


def wrapped_paragraph(n: int) -> bytes:
    """One paragraph hard-wrapped over n lines, with words hyphenated across some of the breaks."""
    lines = [
        "the delegation met the commit- " if i % 7 == 0 else "tee and the ministers of the region on"
        for i in range(n)
    ]
    return ("A REPORT ON TALKS\n\nIn May " + "\n".join(lines) + " the last day.").encode()


def best_time(data: bytes, runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        parse_document("generated.txt", data)
        times.append(time.perf_counter() - started)
    return min(times)


@pytest.mark.parametrize(("generate", "lines"), [(numbered_notes, 1500), (wrapped_paragraph, 6000)])
def test_doubling_the_input_at_most_triples_the_time(generate, lines):
    parse_document("warm-up.txt", generate(100))  # data files and patterns load on the first call
    small, large = best_time(generate(lines)), best_time(generate(2 * lines))
    assert large / small < 3.0


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
