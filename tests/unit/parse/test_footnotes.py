import pytest

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
    starts_with_superscript,
)

LINE_5_6 = (
    "⁵ See: M. Laumulin, Tsentral'naia Azia v mirovoy politologii i mirovoy geopolitike, Vol. II. "
    "Vneshniaia politika i strategia SShA na sovremennom etape i Tsentral'naia Azia, KISI, Almaty, 2006, "
    'p. 147. ⁶ Rad van den Akker, M. Rühle, "Putting NATO\'s Riga Summit into Context," Russia in Global '
    "Politics, No. 2, April-"
)
FULL_6 = (
    'Rad van den Akker, M. Rühle, "Putting NATO\'s Riga Summit into Context," *Russia in Global Politics,* '
    "No. 2, April-June 2007."
)
FN_8_000 = (
    'See: "Sovremennye kazakhstansko-amerikanskije otnoshenia: mnenie eksperta SShA," available at '
    "[<http://www.inform.kz/newsite/index.php?lang=rus&select=archive§ion=kazinform&y=2006&m=06&d=17#155031>]."
)


def test_superscript_start():
    assert starts_with_superscript("¹⁰ See: A. Ustimenko")
    assert starts_with_superscript("² I. Daalder")
    assert not starts_with_superscript("2 I. Daalder")
    assert not starts_with_superscript("In 2006, NATO²")


def test_multi_digit_numbers():
    assert split_footnote_line("¹⁰ See: A. Ustimenko, p. 24.") == [(10, "See: A. Ustimenko, p. 24.")]
    assert split_footnote_line("²⁰ See: Poslanie") == [(20, "See: Poslanie")]


def test_two_footnotes_on_one_line():
    parts = split_footnote_line(LINE_5_6)
    assert [n for n, _ in parts] == [5, 6]
    assert parts[0][1].endswith("Almaty, 2006, p. 147.")
    assert parts[1][1].startswith("Rad van den Akker")


def test_truncated_duplicate_loses_to_complete_copy():
    truncated = split_footnote_line(LINE_5_6)[1][1]
    kept, warnings = dedupe_footnotes([RawFootnote(6, truncated, 0), RawFootnote(6, FULL_6, 1)])
    assert [k.raw for k in kept] == [FULL_6]
    assert warnings == ["footnote 6 printed twice; kept the complete copy"]


def test_clean_text_strips_markup_but_keeps_urls():
    assert clean_footnote_text(FN_8_000).endswith(
        "available at http://www.inform.kz/newsite/index.php?lang=rus&select=archive§ion=kazinform&y=2006&m=06&d=17#155031."
    )
    assert clean_footnote_text("See: *NATO i Tsentral'naia Azia*, Almaty, 2003, p. 165.") == (
        "See: NATO i Tsentral'naia Azia, Almaty, 2003, p. 165."
    )
    assert clean_footnote_text("Ministry [www.mod.kz].") == "Ministry www.mod.kz."
    assert clean_footnote_text("See [the report](https://example.org/r.pdf).") == (
        "See the report (https://example.org/r.pdf)."
    )


@pytest.mark.parametrize(
    ("text", "urls"),
    [
        (
            "available at http://www.interfax.kz/?lang=rus&int_id=10&function=view&news_id=1740.",
            ("http://www.interfax.kz/?lang=rus&int_id=10&function=view&news_id=1740",),
        ),
        (
            "See the official website of the Republic of Kazakhstan Defense Ministry www.mod.kz.",
            ("www.mod.kz",),
        ),
        ("10 July, 2007 www.kisi.kz.", ("www.kisi.kz",)),
        (
            "(see https://en.wikipedia.org/wiki/NATO_(disambiguation)).",
            ("https://en.wikipedia.org/wiki/NATO_(disambiguation)",),
        ),
        ("No URL, Almaty, 2006, p. 29.", ()),
    ],
)
def test_urls(text, urls):
    assert extract_urls(text) == urls


def test_year_never_from_url():
    assert (
        footnote_year("See: Kongressmeny, available at http://sngnews.ru/archive/2006/03/01/2409.html.")
        is None
    )
    assert footnote_year("11 January, 2007, available at http://www.interfax.kz/?id=2005") == 2007
    assert footnote_year("Kontinent, No. 18 (105), 24 September-7 October, 2003.") == 2003
    assert footnote_year("stran mira (50-ti), Almaty, 2006, p. 29.") == 2006
    assert footnote_year("Ibidem.") is None


@pytest.mark.parametrize(
    ("raw", "authors"),
    [
        ("See: V. Shtol, *Evoliutsia NATO v realiiakh globalizatsii*, Moscow, 2004.", ("V. Shtol",)),
        (
            'I. Daalder, J. Goldgeier, "Global NATO," Foreign Affairs, No. 5, September/October 2006.',
            ("I. Daalder", "J. Goldgeier"),
        ),
        (FULL_6, ("Rad van den Akker", "M. Rühle")),
        ('A.P. Alekseev, "NATO na putiakh transformatsii," 2003, p. 2.', ("A.P. Alekseev",)),
        (
            "See: National'naia bezopasnost: itogi desiatiletia, ed. by M. Ashimbaev et al., Elorda Publishers, "
            "Astana, 2001, p. 15.",
            ("M. Ashimbaev",),
        ),
        ("See: K.K. Tokaev, Pod stiagom nezavisimosti, Bilim Publishers, Almaty, 1997.", ("K.K. Tokaev",)),
        ("Based on the materials of the Khabar information agency, available at [www.khabar.kz].", ()),
        ("See the official website of the Republic of Kazakhstan Defense Ministry [www.mod.kz].", ()),
        ("Elorda Publishers, Astana, 2001.", ()),
        ('See: J. Smith and A. B. Jones, "A Title," 1999.', ("J. Smith", "A. B. Jones")),
    ],
)
def test_authors(raw, authors):
    assert footnote_authors(raw) == authors


@pytest.mark.parametrize(
    ("raw", "title"),
    [
        ('I. Daalder, J. Goldgeier, "Global NATO," Foreign Affairs, No. 5, 2006.', "Global NATO"),
        (
            "See: V. Shtol, *Evoliutsia NATO v realiiakh globalizatsii*, Moscow, 2004.",
            "Evoliutsia NATO v realiiakh globalizatsii",
        ),
        (
            'A.P. Alekseev, "NATO na putiakh transformatsii," *Evropeyskaia bezopasnost*, 2003.',
            "NATO na putiakh transformatsii",
        ),
        (
            "See: K.K. Tokaev, Pod stiagom nezavisimosti, Bilim Publishers, Almaty, 1997.",
            "Pod stiagom nezavisimosti",
        ),
        (
            "See: National'naia bezopasnost: itogi desiatiletia, ed. by M. Ashimbaev et al., Astana, 2001.",
            "National'naia bezopasnost: itogi desiatiletia",
        ),
        ("Based on the materials of the Khabar information agency, available at [www.khabar.kz].", None),
    ],
)
def test_titles(raw, title):
    assert footnote_title(raw, footnote_authors(raw)) == title


def test_ibidem():
    assert is_ibidem("Ibidem.") and is_ibidem("Ibid., p. 5.") and is_ibidem("ibid.")
    assert not is_ibidem("Ibidemia Press, 2001.")


def test_plain_digit_footnote_lines():
    from pipelines.parse.footnotes import starts_with_plain_number

    assert split_footnote_line("12 See: K.K. Tokaev, Pod stiagom nezavisimosti, 1997.") == [
        (12, "See: K.K. Tokaev, Pod stiagom nezavisimosti, 1997.")
    ]
    assert split_footnote_line("3 Ibidem.") == [(3, "Ibidem.")]
    assert starts_with_plain_number('2 I. Daalder, J. Goldgeier, "Global NATO," 2006.')
    assert starts_with_plain_number('7 "Global NATO," Foreign Affairs, 2006.')
    assert not starts_with_plain_number("15 countries signed the Istanbul Cooperation Initiative.")
    assert not starts_with_plain_number("2003 was the year of Steppe Eagle.")
    assert not starts_with_plain_number("27 Hummer vehicles arrived.")
