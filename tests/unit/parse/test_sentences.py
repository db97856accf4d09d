import pytest

from pipelines.parse.sentences import abbreviations, is_abbreviation, split_sentences


def sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text)]


def test_abbreviations_file_loaded():
    entries = abbreviations()
    assert {
        "Mr.",
        "Dr.",
        "Maj.",
        "Gen.",
        "No.",
        "pp.",
        "p.",
        "Vol.",
        "et al.",
        "ed.",
        "Corp.",
        "Inc.",
    } <= entries
    assert not any(e.startswith("#") for e in entries)


def test_seed_sentence_with_initial_stays_whole():
    text = (
        "In October 2004, NATO Secretary General Jaap de Hoop Scheffer met with Kazakhstan President "
        "N. Nazarbaev in Almaty. The two sides agreed to pool their efforts."
    )
    assert sentences(text) == [
        "In October 2004, NATO Secretary General Jaap de Hoop Scheffer met with Kazakhstan President "
        "N. Nazarbaev in Almaty.",
        "The two sides agreed to pool their efforts.",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Assistant to the NATO International Staff Head Maj. Gen. Federico Janiz visited Almaty.",
        "Mr. Günther Altenburg met Dr. Rose Gottemoeller in the U.S. Capitol and the U.K. Embassy.",
        "See: K.K. Tokaev, Pod stiagom nezavisimosti, Bilim Publishers, Almaty, 1997.",
        'See: G. Djemal, "Dvoynoy okhvat," Profil, No. 35, 24 September, 2007, pp. 24-25.',
        "See: NATO i Tsentral'naia Azia, Almaty, 2003, p. 165.",
        "See: M. Laumulin, Tsentral'naia Azia, Vol. II. Vneshniaia politika, KISI, Almaty, 2006, p. 147.",
        "See: National'naia bezopasnost, ed. by M. Ashimbaev et al. Elorda Publishers, Astana, 2001.",
        "S. Thomas, AM General Corp. International marketing director, and Acme Inc. Staff visited.",
        "Some states, e.g. Kazakhstan, and some blocs, i.e. The CSTO, took part.",
        "It moved in the direction of the U.S.S.R. Foreign Ministry.",
    ],
)
def test_abbreviations_do_not_split(text):
    assert sentences(text) == [text]


def test_sentence_ends():
    text = 'He said: "We are a state." Then he left! Did he? 2006 was the year. (He did.) "Yes," he said.'
    assert sentences(text) == [
        'He said: "We are a state."',
        "Then he left!",
        "Did he?",
        "2006 was the year.",
        "(He did.)",
        '"Yes," he said.',
    ]


def test_lowercase_after_period_does_not_split():
    assert sentences("Kazakhstan is a leader in WMD nonproliferation. the rest") == [
        "Kazakhstan is a leader in WMD nonproliferation. the rest"
    ]


def test_offsets_shifted_and_stripped():
    assert split_sentences("  One. Two.  ", offset=100) == [(102, 106), (107, 111)]
    assert split_sentences("   ") == []


def test_is_abbreviation():
    assert is_abbreviation("President N.") and is_abbreviation("the U.S.") and is_abbreviation("et al.")
    assert is_abbreviation("Vol. II.")
    assert not is_abbreviation("the year.") and not is_abbreviation("World War II.")


def test_upper_case_initialism_ends_a_sentence_before_an_opener():
    """The seed's 'cooperation with the U.S. The character of this cooperation ...' is two sentences;
    a name after the initialism ('U.S. Army') or an initial ('U.S. A. Smith') keeps one."""
    text = (
        "Partnership is an important component of Kazakhstan's cooperation with the U.S. The character "
        "of this cooperation is acquiring a special dynamism. The U.S. Army and the U.S. A. Smith agreed. "
        "It was the U.S.S.R. In 1991 it fell."
    )
    assert sentences(text) == [
        "Partnership is an important component of Kazakhstan's cooperation with the U.S.",
        "The character of this cooperation is acquiring a special dynamism.",
        "The U.S. Army and the U.S. A. Smith agreed.",
        "It was the U.S.S.R.",
        "In 1991 it fell.",
    ]
