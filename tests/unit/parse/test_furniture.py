import pytest

from pipelines.parse.furniture import (
    IssueInfo,
    is_furniture,
    is_page_number,
    is_section_break,
    is_separator,
    parse_issue_header,
    running_headers,
)
from tests.unit.parse.conftest import SEED_001, seed_lines


@pytest.mark.parametrize("line", ["62 ·", "_____ 72 _____", "17", "· 63", "- 5 -", "Page 4 of 12", "[12]"])
def test_page_numbers(line):
    assert is_page_number(line)


@pytest.mark.parametrize("line", ["2003 and 2004 were busy.", "No. 2(50), 2008", "Huey-2", "C-130 aircraft"])
def test_not_page_numbers(line):
    assert not is_page_number(line)


def test_separators_and_breaks():
    assert is_separator("_") and is_separator("_____") and is_separator("- - -")
    assert is_section_break("* * *") and is_section_break("***")
    assert not is_separator("* * *")
    assert not is_separator("- civil emergency response;")


def test_issue_header_parsed():
    assert parse_issue_header("No. 2(50), 2008") == IssueInfo("2(50)", 2008, None)
    assert parse_issue_header("CENTRAL ASIA AND THE CAUCASUS No. 2(50), 2008") == IssueInfo(
        "2(50)", 2008, "CENTRAL ASIA AND THE CAUCASUS"
    )
    assert parse_issue_header("Vol. 3, No. 2, 2008") == IssueInfo("3(2)", 2008, None)
    assert parse_issue_header("See: Kontinent, No. 18 (105), 24 September-7 October, 2003.") is None
    assert parse_issue_header("Foreign Affairs, No. 5, September/October 2006.") is None


def test_running_headers_of_seed():
    headers, info = running_headers(seed_lines(SEED_001))
    assert headers == {"No. 2(50), 2008"}
    assert info == IssueInfo("2(50)", 2008, None)


def test_repeated_short_line_is_a_header_but_a_sentence_is_not():
    lines = ["JOURNAL OF SECURITY"] * 3 + ["Ibidem."] * 3 + ["Kazakhstan joined."] * 3
    headers, info = running_headers(lines)
    assert headers == {"JOURNAL OF SECURITY"}
    assert info == IssueInfo()


def test_is_furniture():
    headers = {"No. 2(50), 2008"}
    assert is_furniture("No. 2(50), 2008", headers)
    assert is_furniture("_", headers)
    assert is_furniture("62 ·", headers)
    assert not is_furniture("NATO's Central Asian Diplomacy", headers)


def test_issue_header_is_not_found_inside_a_long_line():
    assert parse_issue_header("Kazakhstan " * 300 + "No. 5, 2006") is None
    assert parse_issue_header("a" * 100 + " x") is None


def test_footnote_line_is_not_an_issue_header():
    headers, info = running_headers(["² I. Daalder, Foreign Affairs, No. 5, 2006"] * 2)
    assert headers == set() and info == IssueInfo()
