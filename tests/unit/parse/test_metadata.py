import pytest

from pipelines.parse.metadata import (
    damaged_start_warning,
    looks_like_affiliation,
    normalize_name,
    read_header,
    split_author_names,
)
from pipelines.parse.paragraphs import build_units


def header_of(text: str):
    return read_header(build_units(text.split("\n"), set()))


def test_seed_like_header():
    header = header_of(
        "\n\nKAZAKH-U.S. MILITARY-POLITICAL COOPERATION IN THE CONTEXT OF U.S. GEOPOLITICAL INTERESTS IN CENTRAL ASIA\n\n"
        "Marat NURGALIEV\n\n*Research associate,\nthe Kazakhstan Institute\nfor Strategic Studies under the President of\n"
        "the Republic of Kazakhstan\n(Almaty, Kazakhstan)*\n\nAs is known, Central Asia is important."
    )
    assert header.title == (
        "KAZAKH-U.S. MILITARY-POLITICAL COOPERATION IN THE CONTEXT OF U.S. GEOPOLITICAL INTERESTS IN CENTRAL ASIA"
    )
    assert header.authors == ("Marat Nurgaliev",)
    assert header.affiliation == (
        "Research associate, the Kazakhstan Institute for Strategic Studies under the President of the "
        "Republic of Kazakhstan (Almaty, Kazakhstan)"
    )
    assert header.consumed == 3


def test_plain_affiliation_line():
    header = header_of(
        "PROBLEMS AND PROSPECTS OF NATO'S CENTRAL ASIAN STRATEGY: THE ROLE OF KAZAKHSTAN\n\nTimur SHAYMERGENOV\n\n"
        "Official at the Majilis Secretariat of the Parliament of the Republic of Kazakhstan (Astana, Kazakhstan)\n\n"
        "nce the 1990s, Central Asia has been moving into the limelight."
    )
    assert header.authors == ("Timur Shaymergenov",)
    assert header.affiliation.startswith("Official at the Majilis Secretariat")
    assert header.consumed == 3


def test_no_title_no_author():
    header = header_of("Kazakhstan joined the NACC on 10 March, 1992. It was a first step.\n\nMore text.")
    assert (header.title, header.authors, header.affiliation, header.consumed) == (None, (), None, 0)


def test_title_in_title_case_with_two_authors():
    header = header_of("Global NATO\n\nIvo DAALDER and James GOLDGEIER\n\nThe Alliance has gone global.")
    assert header.title == "Global NATO"
    assert header.authors == ("Ivo Daalder", "James Goldgeier")
    assert header.affiliation is None  # the next block is a sentence: body, not affiliation


def test_author_line_without_title():
    header = header_of("Marat NURGALIEV\n\nAs is known, Central Asia is important.")
    assert header.title is None and header.authors == ("Marat Nurgaliev",)


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("Marat NURGALIEV", ["Marat NURGALIEV"]),
        ("Rad van den AKKER, Michael RÜHLE", ["Rad van den AKKER", "Michael RÜHLE"]),
        ("Astana and Washington: Motives", None),
        ("As is known, Central Asia is an important strategic element.", None),
        ("No. 2(50), 2008", None),
        ("Introduction", None),
    ],
)
def test_author_lines(line, names):
    assert split_author_names(line) == names


def test_normalize_name():
    assert normalize_name("Marat NURGALIEV") == "Marat Nurgaliev"
    assert normalize_name("Timur SHAYMERGENOV") == "Timur Shaymergenov"
    assert normalize_name("Anna ABDUL-KARIM") == "Anna Abdul-Karim"
    assert normalize_name("K.K. TOKAEV") == "K.K. Tokaev"
    assert normalize_name("Michael RÜHLE") == "Michael Rühle"


def test_affiliation_shapes():
    assert looks_like_affiliation("*Research associate,\nthe Kazakhstan Institute (Almaty, Kazakhstan)*")
    assert looks_like_affiliation("Official at the Majilis Secretariat (Astana, Kazakhstan)")
    assert not looks_like_affiliation("As is known, Central Asia is an important strategic element.")


def test_damaged_first_word_reported_not_guessed():
    warning = damaged_start_warning("nce the 1990s, Central Asia has been stead ily moving")
    assert warning is not None and "'nce'" in warning and "kept as printed" in warning
    assert damaged_start_warning("Since the 1990s, Central Asia") is None
    assert damaged_start_warning(None) is None


def test_open_first_paragraph_is_not_an_affiliation():
    assert not looks_like_affiliation(
        "Kazakhstan joined the NACC in 1992 and moved on to the PfP in May of the same"
    )
    assert looks_like_affiliation("Senior fellow, Kazakhstan Institute for Strategic Studies")
