import codecs
import hashlib
import re

import pytest

from pipelines.parse.document import doc_id_from_name, parse_document
from pipelines.parse.model import RejectedInput
from tests.unit.parse.conftest import SEED_000, SEED_001, seed_bytes

SMALL = (
    "GLOBAL SECURITY AND CENTRAL ASIA\n\nAnna SMITH\n\n*Senior fellow,\nSome Institute (Almaty, Kazakhstan)*\n\n"
    "In 2006, the Alliance met in Riga.¹ It is open to the U.S. and Dr. Jones of the\n\n"
    '¹ See: J. Doe, "Riga," *Review*, No. 5, 2007, available at [<http://example.org/riga>].\n\n'
    "No. 3(12), 2009\n\n"
    "Alliance. Kazakhstan re-\n\n17\n\njoined later.²\n\n* * *\n\nFinal words.\n\n² Ibidem."
)


def test_doc_id_from_file_name():
    assert doc_id_from_name("000_9180245952a5f4bb.txt") == "000_9180245952a5f4bb"
    assert doc_id_from_name("My report (v2).final.txt") == "My_report__v2_.final"
    assert doc_id_from_name("Rühle notes.txt") == "Rühle_notes"


def test_small_document_end_to_end():
    doc = parse_document("small.txt", SMALL.encode("utf-8"))
    assert doc.title == "GLOBAL SECURITY AND CENTRAL ASIA"
    assert doc.authors == ("Anna Smith",)
    assert doc.affiliation == "Senior fellow, Some Institute (Almaty, Kazakhstan)"
    assert (doc.issue, doc.year, doc.journal) == ("3(12)", 2009, None)
    body = doc.text[: doc.body_end]
    assert body == (
        "Senior fellow, Some Institute (Almaty, Kazakhstan)\n\n"  # front matter: institutions get offsets
        "In 2006, the Alliance met in Riga. It is open to the U.S. and Dr. Jones of the Alliance. "
        "Kazakhstan rejoined later.\n\nFinal words."
    )
    assert doc.text[doc.body_end :] == (
        '\n\n1 See: J. Doe, "Riga," Review, No. 5, 2007, available at http://example.org/riga.\n2 Ibidem.'
    )
    first, second = doc.footnotes
    assert (first.number, first.authors, first.title, first.year, first.urls) == (
        1,
        ("J. Doe",),
        "Riga",
        2007,
        ("http://example.org/riga",),
    )
    assert first.marker_offset == body.index(" It is open")
    assert second.marker_offset == body.index("\n\nFinal")
    assert (second.ibidem_of, second.title) == (1, None)
    assert [s.text for s in doc.sentences] == [
        "Senior fellow, Some Institute (Almaty, Kazakhstan)",
        "In 2006, the Alliance met in Riga.",
        "It is open to the U.S. and Dr. Jones of the Alliance.",
        "Kazakhstan rejoined later.",
        "Final words.",
        'See: J. Doe, "Riga," Review, No. 5, 2007, available at http://example.org/riga.',
        "Ibidem.",
    ]
    assert [s.paragraph for s in doc.sentences] == [0, 1, 1, 1, 2, 3, 4]
    assert [s.footnote_number for s in doc.sentences] == [None, None, None, None, None, 1, 2]
    assert doc.sentences[5].in_footnote and not doc.sentences[4].in_footnote
    assert doc.sentences[6].sentence_id == "small:s0006"
    assert doc.warnings == ()


def test_without_title_author_or_footnotes():
    doc = parse_document("plain.txt", b"Kazakhstan joined the NACC in 1992. It was a first step.\n")
    assert (doc.title, doc.authors, doc.affiliation, doc.footnotes, doc.issue, doc.year) == (
        None,
        (),
        None,
        (),
        None,
        None,
    )
    assert doc.text == "Kazakhstan joined the NACC in 1992. It was a first step."
    assert doc.body_end == len(doc.text)
    assert [s.text for s in doc.sentences] == ["Kazakhstan joined the NACC in 1992.", "It was a first step."]


def test_crlf_and_encodings_through_parse_document():
    text = "NATO AND KAZAKHSTAN\r\n\r\nTimur SHAYMERGENOV\r\n\r\nПервый абзац текста.\r\nВторой абзац.\r"
    cp1251 = parse_document("ru.txt", text.encode("cp1251"))
    assert cp1251.encoding == "cp1251" and "\r" not in cp1251.text
    assert cp1251.text == "Первый абзац текста. Второй абзац."
    utf16 = parse_document("ru16.txt", text.encode("utf-16"))
    assert utf16.encoding == "utf-16" and utf16.text == cp1251.text
    assert utf16.sha256 == hashlib.sha256(text.encode("utf-16")).hexdigest()


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"\n \n", "whitespace only"),
        (b"a\x00b", "NUL"),
        (b"%PDF-1.4", ".pdf"),
        (b"_\n\n62 \xc2\xb7\n", "no body text"),
    ],
)
def test_rejects(data, reason):
    with pytest.raises(RejectedInput, match=re.escape(reason)):
        parse_document("bad.txt", data)


# --- the seeds -------------------------------------------------------------------------------------


def test_seed_metadata(doc000, doc001):
    assert doc000.title == (
        "KAZAKH-U.S. MILITARY-POLITICAL COOPERATION IN THE CONTEXT OF U.S. GEOPOLITICAL INTERESTS IN CENTRAL ASIA"
    )
    assert doc000.authors == ("Marat Nurgaliev",)
    assert doc000.affiliation == (
        "Research associate, the Kazakhstan Institute for Strategic Studies under the President of the "
        "Republic of Kazakhstan (Almaty, Kazakhstan)"
    )
    assert (doc000.journal, doc000.issue, doc000.year) == (None, None, None)
    assert doc001.title == "PROBLEMS AND PROSPECTS OF NATO'S CENTRAL ASIAN STRATEGY: THE ROLE OF KAZAKHSTAN"
    assert doc001.authors == ("Timur Shaymergenov",)
    assert doc001.affiliation == (
        "Official at the Majilis Secretariat of the Parliament of the Republic of Kazakhstan (Astana, Kazakhstan)"
    )
    assert (doc001.journal, doc001.issue, doc001.year) == (None, "2(50)", 2008)
    assert doc000.doc_id == SEED_000 and doc000.encoding == "utf-8"
    assert doc000.sha256 == hashlib.sha256(seed_bytes(SEED_000)).hexdigest()


def test_seed_metadata_matches_gold(seeds, gold):
    for stem, doc in seeds.items():
        expected = gold[stem]["document"]
        assert doc.title == expected["title"]
        assert list(doc.authors) == expected["authors"]
        assert doc.affiliation == expected["affiliation"]
    assert seeds[SEED_001].year == gold[SEED_001]["document"]["year"]


def test_seed_000_footnotes(doc000):
    assert [f.number for f in doc000.footnotes] == list(range(1, 13))
    assert doc000.footnotes[1].urls == (
        "http://www.interfax.kz/?lang=rus&int_id=10&function=view&news_id=1740",
    )
    assert doc000.footnotes[1].year == 2007
    assert doc000.footnotes[0].year is None  # only in the URL
    assert doc000.footnotes[4].urls == ("www.mod.kz",)
    assert doc000.footnotes[10].authors == ("O. Sidorov",)


def test_seed_001_footnotes(doc001):
    by_number = {f.number: f for f in doc001.footnotes}
    assert sorted(by_number) == list(range(1, 21))
    assert by_number[2].authors == ("I. Daalder", "J. Goldgeier") and by_number[2].title == "Global NATO"
    assert by_number[6].text == (
        'Rad van den Akker, M. Rühle, "Putting NATO\'s Riga Summit into Context," Russia in Global Politics, '
        "No. 2, April-June 2007."
    )
    assert by_number[6].authors == ("Rad van den Akker", "M. Rühle") and by_number[6].year == 2007
    assert by_number[5].text.endswith("KISI, Almaty, 2006, p. 147.")
    assert by_number[10].text.startswith("See: A. Ustimenko") and by_number[11].text == "Ibidem."
    assert [(n, by_number[n].ibidem_of) for n in (3, 11, 14)] == [(3, 2), (11, 10), (14, 13)]
    assert by_number[12].authors == ("M. Ashimbaev",)
    assert "footnote 6 printed twice; kept the complete copy" in doc001.warnings


def test_footnote_9_linked_from_foothold(doc001):
    footnote = next(f for f in doc001.footnotes if f.number == 9)
    assert doc001.text[: footnote.marker_offset].endswith("finally gained this foothold.")
    assert "foothold.9" not in doc001.text


def test_every_footnote_has_its_marker(seeds):
    for doc in seeds.values():
        assert [f.number for f in doc.footnotes if f.marker_offset is None] == []
        offsets = [f.marker_offset for f in doc.footnotes]
        assert offsets == sorted(offsets) and all(o <= doc.body_end for o in offsets)


def test_marker_positions_in_seed_000(doc000):
    by_number = {f.number: f for f in doc000.footnotes}
    assert doc000.text[: by_number[1].marker_offset].endswith("in 2006 and following years.")
    assert doc000.text[: by_number[7].marker_offset].endswith("referring to Kazakhstan as a regional leader,")
    assert doc000.text[by_number[7].marker_offset :].startswith(" it can be assumed")


def test_rejoined_paragraphs(doc000, doc001):
    body000 = doc000.text[: doc000.body_end]
    assert "The treaty marked the start of the Uzbek-Russian rapprochement" in body000
    assert "the importance of Kazakhstan's negotiations with the Central Asian countries" in body000
    assert "the EAPC's Planning and Review Process program (PARP)" in body000
    assert "increases the chance of the successful implementation" in body000
    assert "three main groups—military-political, economic, and ideological" in body000
    assert "south- and west-bound" in body000 and "Kazakh-U.S." in body000
    body001 = doc001.text[: doc001.body_end]
    assert "The document was handed to the NATO Secretary-General at the regular meeting" in body001
    assert "disagreements among the Alliance's leaders notwithstanding" in body001
    assert "in the zone of their natural interests. This will allow it" in body001


def test_headings_and_bullets_are_paragraphs(doc000, doc001):
    paragraphs = doc000.text[: doc000.body_end].split("\n\n")
    assert "Astana and Washington: Motives" in paragraphs
    assert "civil emergency response;" in paragraphs
    assert any(p.startswith("First, the character of Kazakhstan's foreign policy.") for p in paragraphs)
    assert "*" not in doc000.text and "\\$" not in doc000.text
    assert "Kazakhstan and NATO: Cooperation Dynamics" in doc001.text[: doc001.body_end].split("\n\n")


def test_no_furniture_left(seeds):
    for doc in seeds.values():
        body = doc.text[: doc.body_end]
        for noise in ("62 ·", "_____", "No. 2(50), 2008", "\n_\n", "* * *"):
            assert noise not in doc.text
        assert not re.search(r"(?m)^\d+$|\b72\b", body)
        for sentence in doc.sentences:
            assert "No. 2(50)" not in sentence.text and "62 ·" not in sentence.text
            assert sentence.text != "72" and sentence.text.strip("_ ")


def test_abbreviations_keep_seed_sentences_whole(doc000):
    texts = [s.text for s in doc000.sentences]
    assert (
        "In October 2004, NATO Secretary General Jaap de Hoop Scheffer met with Kazakhstan President "
        "N. Nazarbaev in Almaty." in texts
    )
    assert any("Maj. Gen. Federico Janiz" in t for t in texts)
    assert any(
        t.startswith("Then, from 31 January through 2 February, 2006, S. Thomas, AM General Corp.")
        for t in texts
    )


def test_damaged_first_word_reported(doc001):
    first_body_paragraph = doc001.text.split("\n\n")[1]  # after the affiliation
    assert first_body_paragraph.startswith("nce the 1990s")  # never guessed
    assert any("'nce'" in w for w in doc001.warnings)


def test_offsets_are_consistent(seeds):
    for doc in seeds.values():
        for sentence in doc.sentences:
            assert doc.text[sentence.start : sentence.end] == sentence.text
            assert sentence.text == sentence.text.strip() and sentence.text
        for footnote in doc.footnotes:
            assert doc.text[footnote.start : footnote.end] == footnote.text
            assert doc.text[: footnote.start].endswith(f"\n{footnote.number} ")
            assert footnote.start > doc.body_end
        assert [s.index for s in doc.sentences] == list(range(len(doc.sentences)))
        assert [s.sentence_id for s in doc.sentences][:2] == [f"{doc.doc_id}:s0000", f"{doc.doc_id}:s0001"]
        assert all(s.end <= doc.body_end for s in doc.sentences if not s.in_footnote)
        assert all(a.end <= b.start for a, b in zip(doc.sentences, doc.sentences[1:], strict=False))
        footnote_sentences = [s for s in doc.sentences if s.in_footnote]
        assert {s.footnote_number for s in footnote_sentences} == {f.number for f in doc.footnotes}


def test_paragraph_numbers_continue_into_footnotes(doc001):
    body_paragraphs = doc001.text[: doc001.body_end].count("\n\n") + 1
    first_footnote_sentence = next(s for s in doc001.sentences if s.in_footnote)
    assert first_footnote_sentence.paragraph == body_paragraphs
    assert first_footnote_sentence.footnote_number == 1


def normalized(text: str) -> str:
    return " ".join(re.sub(r"[\[\]<>*]", "", text).split())


def test_footnotes_match_gold(seeds, gold):
    for stem, doc in seeds.items():
        predicted = {f.number: f for f in doc.footnotes}
        expected = {g["number"]: g for g in gold[stem]["footnotes"]}
        assert sorted(predicted) == sorted(expected)
        for number, item in expected.items():
            assert predicted[number].text == normalized(item["text"]), number
            assert set(predicted[number].urls) == set(item["urls"]), number
            assert predicted[number].year == item["year"], number
            assert predicted[number].ibidem_of == item.get("ibidem_of"), number


def test_footnote_authors_match_gold_where_printed_first(seeds, gold):
    """Gold authors named at the start of the footnote or as editors are all recovered."""
    for stem, doc in seeds.items():
        predicted = {f.number: f for f in doc.footnotes}
        for item in gold[stem]["footnotes"]:
            authors = tuple(item["authors"])
            if all(
                re.sub(r"^See:\s*", "", item["text"]).startswith(a) or f"by {a}" in item["text"]
                for a in authors
            ):
                assert predicted[item["number"]].authors == authors, item["number"]


def test_utf8_bom_seed_parses_the_same(doc000):
    again = parse_document(f"{SEED_000}.txt", codecs.BOM_UTF8 + seed_bytes(SEED_000))
    assert again.text == doc000.text and again.encoding == "utf-8-sig"


def test_crlf_seed_parses_the_same(doc001):
    again = parse_document(f"{SEED_001}.txt", seed_bytes(SEED_001).replace(b"\n", b"\r\n"))
    assert again.text == doc001.text and again.sentences == doc001.sentences


def test_title_only_is_rejected():
    with pytest.raises(RejectedInput, match="no body text"):
        parse_document("t.txt", b"A TITLE ONLY\n\nAnna SMITH\n")


def test_repeated_journal_header_and_title():
    page = "Kazakhstan joined the NACC in 1992 and moved on to the PfP in May of the same year"
    text = (
        "CENTRAL ASIA AND NATO\n\nAnna SMITH\n\n"
        f"{page}\n\nCENTRAL ASIA AND NATO\n\nCENTRAL ASIA AND THE CAUCASUS No. 1(7), 2005\n\n"
        "when it signed.¹ Then it left.\n\nCENTRAL ASIA AND NATO\n\n"
        '¹ See: A. Nursha, "Strategia NATO," 10 July, 2007\n[www.kisi.kz].\n\nCENTRAL ASIA AND NATO\n'
    )
    doc = parse_document("j.txt", text.encode())
    assert doc.title == "CENTRAL ASIA AND NATO" and doc.authors == ("Anna Smith",)
    assert (doc.journal, doc.issue, doc.year) == ("CENTRAL ASIA AND THE CAUCASUS", "1(7)", 2005)
    assert doc.text[: doc.body_end] == f"{page} when it signed. Then it left."
    (footnote,) = doc.footnotes
    assert (
        footnote.text == 'See: A. Nursha, "Strategia NATO," 10 July, 2007 www.kisi.kz.'
    )  # wrapped line joined
    assert footnote.urls == ("www.kisi.kz",) and footnote.authors == ("A. Nursha",)
    assert footnote.marker_offset == len(f"{page} when it signed.")


def test_plain_digit_footnotes_and_markers():
    text = (
        "Kazakhstan received 27 Hummer vehicles in Almaty.1 It also bought C-130 aircraft, as reported.2\n\n"
        "1 See: K.K. Tokaev, Pod stiagom nezavisimosti, 1997.\n2 Ibidem.\n"
    )
    doc = parse_document("p.txt", text.encode())
    body = doc.text[: doc.body_end]
    assert (
        body
        == "Kazakhstan received 27 Hummer vehicles in Almaty. It also bought C-130 aircraft, as reported."
    )
    assert [(f.number, f.marker_offset, f.ibidem_of) for f in doc.footnotes] == [
        (1, body.index(" It also"), None),
        (2, len(body), 1),
    ]
