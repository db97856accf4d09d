import codecs

import pytest

from pipelines.parse.decode import decode_bytes, normalize_text, word_plausibility
from pipelines.parse.model import RejectedInput

RUSSIAN = "Казахстан и НАТО: проблемы и перспективы сотрудничества в Центральной Азии."


def test_utf8_plain_and_with_bom():
    assert decode_bytes("Rühle, Kazakhstan".encode()) == ("Rühle, Kazakhstan", "utf-8")
    assert decode_bytes(codecs.BOM_UTF8 + "Rühle".encode()) == ("Rühle", "utf-8-sig")


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_bom_decoded(codec):
    data = RUSSIAN.encode(codec)
    if codec != "utf-16":
        data = (codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE) + data
    assert decode_bytes(data) == (RUSSIAN, "utf-16")


def test_cp1251_russian_decoded():
    assert decode_bytes(RUSSIAN.encode("cp1251")) == (RUSSIAN, "cp1251")


def test_latin1_decoded_not_mangled():
    text = "Rad van den Akker, M. Rühle, « Café de la Paix », déjà vu."
    assert decode_bytes(text.encode("latin-1")) == (text, "iso-8859-1")


def test_cp1252_quotes_decoded():
    text = "“Global NATO” — Foreign Affairs"
    assert decode_bytes(text.encode("cp1252")) == (text, "cp1252")


def test_wrong_guess_is_implausible():
    assert word_plausibility("Ïðèâåò ìèð") < 0.5  # cp1251 bytes read as cp1252
    assert word_plausibility("The Rьhle paper") == 0.0  # latin-1 bytes read as cp1251
    assert word_plausibility("Rühle and Казахстан") == 1.0


def test_seed_is_utf8():
    from tests.unit.parse.conftest import SEED_000, seed_bytes

    assert decode_bytes(seed_bytes(SEED_000))[1] == "utf-8"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"  \n\r\n\t ", "whitespace only"),
        (b"Kazakhstan\x00\x01\x02NATO", "NUL byte"),
        (b"%PDF-1.7\n%\xe2\xe3", ".pdf is not supported, convert it to plain text"),
        (b"PK\x03\x04\x14\x00\x06\x00", ".docx is not supported"),
        (bytes(range(128, 256)) * 2, "undecodable bytes"),
    ],
)
def test_rejected_with_reason(data, reason):
    with pytest.raises(RejectedInput, match=reason.replace(".", r"\.")):
        decode_bytes(data)


def test_normalize_line_ends_and_nfc():
    assert normalize_text("a\r\nb\rc\n") == "a\nb\nc\n"
    assert normalize_text("\ufeffRu\u0308hle") == "Rühle"  # combining diaeresis composed
