"""Bytes -> text. Refuse what is not plain text, and never guess an encoding silently."""

from __future__ import annotations

import codecs
import re
import unicodedata

from charset_normalizer import from_bytes

from pipelines.parse.model import RejectedInput

# Magic numbers of formats people drop in by mistake, with the advice shown in `rejects`.
MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF file: .pdf is not supported, convert it to plain text (UTF-8 .txt)"),
    (
        b"PK\x03\x04",
        "a zip container (.docx/.odt/.xlsx/.zip): .docx is not supported, convert it to plain text",
    ),
    (b"\xd0\xcf\x11\xe0", "a legacy MS Office file (.doc/.xls): not supported, convert it to plain text"),
    (b"{\\rtf", "an RTF file: .rtf is not supported, convert it to plain text"),
    (b"\x1f\x8b", "a gzip archive: decompress it and add the plain-text file"),
    (b"\x89PNG", "a PNG image: images are not supported, add the text of the article"),
    (b"\xff\xd8\xff", "a JPEG image: images are not supported, add the text of the article"),
)

BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Single-byte encodings tried in this order when the bytes are not UTF-8.
LEGACY_CANDIDATES = ("cp1252", "cp1251")
MIN_PLAUSIBLE = 0.9  # share of non-ASCII words that must look like real words in the guessed encoding
WORD = re.compile(r"[^\W\d_]+")
NUL = b"\x00"
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def reject_non_text(data: bytes) -> None:
    """Empty files and known binary formats are refused with a reason the user can act on."""
    if not data:
        raise RejectedInput("empty file (0 bytes): nothing to parse")
    for magic, reason in MAGIC:
        if data.startswith(magic):
            raise RejectedInput(f"not a text file but {reason}")


def _script(char: str) -> str:
    name = unicodedata.name(char, "")
    return name.split(" ", 1)[0] if name else "UNKNOWN"


def word_plausibility(text: str) -> float:
    """Share of words with non-ASCII letters that look like words of one script (1.0 if there are none).

    A wrong single-byte guess produces words mixing scripts ("Rьhle"), made almost only of
    accented letters ("Ïðèâåò"), or with the case inverted ("фЙНХТ", KOI8-R read as cp1251, whose
    letters sit in the same range with upper and lower case swapped); real words do none of these.
    """
    words = [w for w in WORD.findall(text) if not w.isascii()]
    if not words:
        return 1.0
    good = 0
    for word in words:
        scripts = {_script(c) for c in word}
        if len(scripts) != 1:
            continue
        if word[0].islower() and any(c.isupper() for c in word[1:]):
            continue
        if scripts == {"LATIN"}:
            accented = sum(not c.isascii() for c in word)
            if accented / len(word) > 0.5 and len(word) > 2:
                continue
        good += 1
    return good / len(words)


def _latin_name(data: bytes, encoding: str) -> str:
    """Report latin-1 when cp1252's extra range (0x80-0x9F) is not used."""
    if encoding == "cp1252" and not any(0x80 <= b <= 0x9F for b in data):
        return "iso-8859-1"
    return encoding


def guess_legacy_encoding(data: bytes) -> tuple[str, str]:
    """Pick a single-byte encoding only when its decoding is clearly plausible; else refuse."""
    candidates: list[str] = list(LEGACY_CANDIDATES)
    best_guess = from_bytes(data).best()
    if best_guess is not None and best_guess.encoding not in candidates:
        candidates.append(best_guess.encoding)
    scored: list[tuple[float, str, str]] = []
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        if CONTROL.search(text):
            continue
        scored.append((word_plausibility(text), encoding, text))
    scored.sort(key=lambda item: -item[0])
    if scored and scored[0][0] >= MIN_PLAUSIBLE:
        ties = [s for s in scored if s[0] == scored[0][0] and s[2] != scored[0][2]]
        if len(ties) <= 1:
            _score, encoding, text = scored[0]
            return text, _latin_name(data, encoding)
    hint = f" (best guess {best_guess.encoding}, not confident)" if best_guess is not None else ""
    raise RejectedInput(
        f"undecodable bytes: not UTF-8 and the character encoding could not be determined confidently{hint}; "
        "re-save the file as UTF-8"
    )


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode raw bytes to text; returns (text, encoding name). Raises RejectedInput."""
    reject_non_text(data)
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as error:
                raise RejectedInput(
                    f"undecodable bytes: file starts with a {encoding} byte-order mark but is not valid "
                    f"{encoding} ({error.reason} at byte {error.start}); re-save the file as UTF-8"
                ) from None
            return _check_text(text.lstrip("\ufeff")), encoding
    if b"\x00" in data:
        raise RejectedInput(
            f"binary content: NUL byte at offset {data.index(NUL)}; not a plain-text file "
            "(UTF-16 without a byte-order mark is not supported either: re-save as UTF-8)"
        )
    try:
        return _check_text(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        pass
    text, encoding = guess_legacy_encoding(data)
    return _check_text(text), encoding


def _check_text(text: str) -> str:
    if not text.strip():
        raise RejectedInput("whitespace only: the file contains no text")
    if "\x00" in text:
        raise RejectedInput("binary content: NUL characters in the decoded text")
    return text


def normalize_text(text: str) -> str:
    """NFC, LF line ends, no BOM: every later offset is into this form."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n\n").replace("\x0c", "\n")
    return unicodedata.normalize("NFC", text)
