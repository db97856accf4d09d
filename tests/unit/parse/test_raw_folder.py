"""Bad input in the raw folder: every file ends as a document or as a reject with a clear reason.

Each test builds a small raw folder in tmp_path and reads it with `parse_raw_folder`, the function
the `parsed_corpus` asset calls; nothing here runs Dagster or spaCy.
"""

from __future__ import annotations

import codecs
import hashlib
import io
import os
import zipfile
from pathlib import Path

import pytest

from pipelines.parse.raw_folder import Reject, holds_no_texts, parse_raw_folder, raw_fingerprints
from tests.unit.parse.conftest import RAW, SEED_000, SEED_001

ARTICLE = (
    "KAZAKHSTAN AND NATO: PROBLEMS AND PROSPECTS\n"
    "\n"
    "Timur SHAYMERGENOV\n"
    "\n"
    "Official at the Majilis Secretariat of the Parliament of the Republic of Kazakhstan (Astana, Kazakhstan)\n"
    "\n"
    "Kazakhstan joined NATO's Partnership for Peace program in May 1994. The sides signed an "
    "Individual Partnership Action Plan in January 2006.¹\n"
    "\n"
    '¹ See: M. Laumulin, "NATO v Tsentral\'noy Azii," Kontinent, No. 18 (105), 2003.\n'
    "\n"
    "In 2007, the Steppe Eagle exercise was held near Almaty. Observers from Russia and China attended.\n"
)
RUSSIAN = (
    "КАЗАХСТАН И НАТО: ПРОБЛЕМЫ И ПЕРСПЕКТИВЫ\n"
    "\n"
    "Тимур ШАЙМЕРГЕНОВ\n"
    "\n"
    "Казахстан присоединился к программе НАТО «Партнерство ради мира» в мае 1994 года. "
    "Это сотрудничество важно для безопасности в Центральной Азии.\n"
    "\n"
    "В январе 2006 года стороны подписали Индивидуальный план действий партнерства.\n"
)
LATIN_1 = (
    "COOPÉRATION FRANCO-KAZAKHE EN ASIE CENTRALE\n"
    "\n"
    "Jean-Loïc MÜLLER\n"
    "\n"
    "La coopération entre la France et le Kazakhstan s'est développée après 1991. "
    "Le président a visité Astana en février 2008, où l'on a signé un accord.\n"
    "\n"
    "Un deuxième paragraphe sur la sécurité régionale et l'énergie à Almaty.\n"
)


def read(folder: Path, max_bytes: int | None = None) -> tuple[dict[str, object], dict[str, Reject]]:
    documents, rejects = parse_raw_folder(folder, max_bytes)
    by_source = {d.source_file: d for d in documents}
    rejected = {r.source_file: r for r in rejects}
    assert len(by_source) == len(documents) and len(rejected) == len(rejects)
    return by_source, rejected


def only_reject(folder: Path, name: str) -> str:
    documents, rejects = read(folder)
    assert not documents, f"{name} should have been rejected"
    assert list(rejects) == [name]
    return rejects[name].reason


def test_every_file_is_a_document_or_a_reject(tmp_path):
    """The folder-level promise on a mix of good and bad files: nothing dropped, nothing twice."""
    (tmp_path / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b" \n\t\r\n  ")
    (tmp_path / "binary.bin").write_bytes(b"\x00\x01\x02\xff" * 50)
    (tmp_path / "paper.pdf").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    (tmp_path / "copy of good.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "SOURCES.md").write_text("provenance, not a text")
    (tmp_path / ".hidden.txt").write_text(ARTICLE + "x")
    (tmp_path / "..txt").write_text(ARTICLE + "y")
    (tmp_path / "README.md").write_text("notes on this folder")
    documents, rejects = read(tmp_path)
    listed = {"good.txt", "empty.txt", "blank.txt", "binary.bin", "paper.pdf", "copy of good.txt"}
    listed |= {"SOURCES.md", ".hidden.txt", "..txt", "README.md"}  # nothing is skipped silently
    assert set(documents) | set(rejects) == listed
    assert not set(documents) & set(rejects)
    # sorted by name: "copy of good.txt" < "good.txt"; dot-files are texts like any other
    assert set(documents) == {"copy of good.txt", ".hidden.txt", "..txt"}
    assert {documents[".hidden.txt"].doc_id, documents["..txt"].doc_id} == {".hidden", "."}
    assert all(r.reason for r in rejects.values())
    assert rejects["README.md"].reason.startswith("the raw folder's own documentation")


def test_empty_file(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    assert only_reject(tmp_path, "empty.txt") == "empty file (0 bytes): nothing to parse"


@pytest.mark.parametrize("content", [b"   ", b"\n\n\r\n\t \n", "\u00a0\u2003\n".encode()])
def test_whitespace_only(tmp_path, content):
    (tmp_path / "blank.txt").write_bytes(content)
    assert "whitespace only" in only_reject(tmp_path, "blank.txt")


def test_binary_content_with_nul_bytes(tmp_path):
    (tmp_path / "data.txt").write_bytes(b"Kazakhstan and NATO\x00\x00\x07\x00\xfe\xfe")
    reason = only_reject(tmp_path, "data.txt")
    assert reason.startswith("binary content: NUL byte at offset 19")


def test_windows_1251_russian_is_decoded(tmp_path):
    (tmp_path / "ru.txt").write_bytes(RUSSIAN.encode("cp1251"))
    documents, rejects = read(tmp_path)
    assert not rejects
    document = documents["ru.txt"]
    assert document.encoding == "cp1251"
    assert document.title == "КАЗАХСТАН И НАТО: ПРОБЛЕМЫ И ПЕРСПЕКТИВЫ"
    assert document.authors == ("Тимур Шаймергенов",)
    assert document.text.startswith("Казахстан присоединился к программе НАТО «Партнерство ради мира»")


def test_koi8_r_russian_is_not_mistaken_for_windows_1251(tmp_path):
    """KOI8-R read as cp1251 gives Cyrillic with upper and lower case swapped ("фЙНХТ"): not plausible."""
    text = RUSSIAN.replace("«", '"').replace("»", '"')  # KOI8-R has no guillemets
    (tmp_path / "ru.txt").write_bytes(text.encode("koi8_r"))
    documents, rejects = read(tmp_path)
    assert not rejects
    assert documents["ru.txt"].encoding == "koi8_r"
    assert documents["ru.txt"].authors == ("Тимур Шаймергенов",)


def test_latin_1_is_decoded(tmp_path):
    (tmp_path / "fr.txt").write_bytes(LATIN_1.encode("latin-1"))
    documents, rejects = read(tmp_path)
    assert not rejects
    document = documents["fr.txt"]
    assert document.encoding == "iso-8859-1"
    assert document.title == "COOPÉRATION FRANCO-KAZAKHE EN ASIE CENTRALE"
    assert document.authors == ("Jean-Loïc Müller",)
    assert "développée après 1991" in document.text


def test_undeterminable_encoding_is_rejected(tmp_path):
    """cp1251 Russian and latin-1 French in one file: no single encoding reads both, so no guess."""
    mixed = RUSSIAN.encode("cp1251") + b"\n\n" + LATIN_1.encode("latin-1")
    (tmp_path / "mixed.txt").write_bytes(mixed)
    reason = only_reject(tmp_path, "mixed.txt")
    assert reason.startswith(
        "undecodable bytes: not UTF-8 and the character encoding could not be determined"
    )
    assert reason.endswith("re-save the file as UTF-8")


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom(tmp_path, codec):
    bom = codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE
    (tmp_path / "utf16.txt").write_bytes(bom + RUSSIAN.encode(codec))
    (tmp_path / "utf8.txt").write_text(RUSSIAN, encoding="utf-8")
    documents, rejects = read(tmp_path)
    assert not rejects
    assert documents["utf16.txt"].encoding == "utf-16"
    assert documents["utf16.txt"].text == documents["utf8.txt"].text
    assert documents["utf16.txt"].title == documents["utf8.txt"].title


def test_utf16_without_bom_is_rejected(tmp_path):
    (tmp_path / "utf16.txt").write_bytes(RUSSIAN.encode("utf-16-le"))
    assert "UTF-16 without a byte-order mark is not supported" in only_reject(tmp_path, "utf16.txt")


def test_crlf_line_ends_give_the_same_document(tmp_path):
    (tmp_path / "crlf.txt").write_bytes(ARTICLE.replace("\n", "\r\n").encode())
    (tmp_path / "lf.txt").write_bytes(ARTICLE.encode() + b"\n")  # differs by a byte: not a duplicate
    documents, rejects = read(tmp_path)
    assert not rejects
    crlf, lf = documents["crlf.txt"], documents["lf.txt"]
    assert "\r" not in crlf.text
    assert crlf.text == lf.text
    assert [(s.start, s.end) for s in crlf.sentences] == [(s.start, s.end) for s in lf.sentences]
    assert (crlf.title, crlf.authors, crlf.affiliation) == (lf.title, lf.authors, lf.affiliation)
    assert len(crlf.footnotes) == 1 and crlf.footnotes[0].marker_offset is not None


def seed_paragraphs() -> list[str]:
    """Body paragraphs of both seeds (no footnotes, headings or page furniture)."""
    paragraphs = []
    for stem in (SEED_000, SEED_001):
        for block in (RAW / f"{stem}.txt").read_text(encoding="utf-8").split("\n\n"):
            if len(block) > 300 and block[0].isupper():
                paragraphs.append(block.strip())
    return paragraphs


@pytest.mark.slow
def test_text_of_20_mb_parses(tmp_path):
    paragraphs = seed_paragraphs()
    parts, size, index = ["A VERY LONG TEXT ON CENTRAL ASIAN SECURITY", "Marat NURGALIEV"], 0, 0
    while size < 20 * 1024**2:
        paragraph = paragraphs[index % len(paragraphs)]
        parts.append(paragraph)
        size += len(paragraph.encode()) + 2
        index += 1
    (tmp_path / "big.txt").write_text("\n\n".join(parts) + "\n", encoding="utf-8")
    assert (tmp_path / "big.txt").stat().st_size > 20 * 1024**2
    documents, rejects = read(tmp_path, max_bytes=32 * 1024**2)
    assert not rejects
    document = documents["big.txt"]
    assert document.title == "A VERY LONG TEXT ON CENTRAL ASIAN SECURITY"
    assert document.authors == ("Marat Nurgaliev",)
    assert len(document.sentences) > 100_000
    assert document.text.endswith(paragraphs[(index - 1) % len(paragraphs)])


def test_identical_content_is_one_document_and_one_reject(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.txt").write_text(ARTICLE, encoding="utf-8")
    documents, rejects = read(tmp_path)
    assert list(documents) == ["a.txt"]
    assert list(rejects) == ["b.txt"]
    assert rejects["b.txt"].reason == "same content as a.txt; published once under that name"
    assert rejects["b.txt"].sha256 == documents["a.txt"].sha256


def test_copy_of_a_rejected_file_does_not_claim_it_was_published(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"")
    (tmp_path / "b.txt").write_bytes(b"")
    _, rejects = read(tmp_path)
    assert set(rejects) == {"a.txt", "b.txt"}
    assert "published" not in rejects["b.txt"].reason


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr("word/document.xml", "<w:document><w:body>Kazakhstan and NATO</w:body></w:document>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        (
            "article.pdf",
            b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\n",
            "not a text file but a PDF file: .pdf is not supported, convert it to plain text (UTF-8 .txt)",
        ),
        (
            "article.docx",
            docx_bytes(),
            "not a text file but a zip container (.docx/.odt/.xlsx/.zip): .docx is not supported, "
            "convert it to plain text",
        ),
        ("scan.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not a text file but a PNG image"),
    ],
)
def test_not_a_text_file(tmp_path, name, content, reason):
    (tmp_path / name).write_bytes(content)
    assert only_reject(tmp_path, name).startswith(reason)


def test_pdf_named_txt_is_still_recognised(tmp_path):
    (tmp_path / "article.txt").write_bytes(b"%PDF-1.4\n" + ARTICLE.encode())
    assert "a PDF file" in only_reject(tmp_path, "article.txt")


def test_symbolic_link_outside_the_folder_is_rejected(tmp_path):
    raw, elsewhere = tmp_path / "raw", tmp_path / "elsewhere"
    raw.mkdir()
    elsewhere.mkdir()
    (elsewhere / "secret.txt").write_text(ARTICLE, encoding="utf-8")
    (raw / "absolute.txt").symlink_to(elsewhere / "secret.txt")
    (raw / "relative.txt").symlink_to(Path("..") / "elsewhere" / "secret.txt")
    documents, rejects = read(raw)
    assert not documents
    assert set(rejects) == {"absolute.txt", "relative.txt"}
    for reject in rejects.values():
        assert reject.reason.startswith("symbolic link pointing outside the raw folder")
        assert reject.reason.endswith("copy the file in")
        assert reject.sha256 is None  # never read


def test_symbolic_link_inside_the_folder_is_read(tmp_path):
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "article.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "linked.txt").symlink_to(Path("drafts") / "article.txt")
    (tmp_path / "main.txt").write_text(RUSSIAN, encoding="utf-8")
    (tmp_path / "alias.txt").symlink_to("main.txt")  # a second name for a file already read
    documents, rejects = read(tmp_path)
    assert set(documents) == {"linked.txt", "alias.txt"}  # "alias.txt" sorts before "main.txt"
    assert documents["linked.txt"].doc_id == "linked"
    assert rejects["main.txt"].reason == "same content as alias.txt; published once under that name"
    assert rejects["drafts"].reason == "a folder, not a file; put texts directly in the raw folder"


def test_broken_link_is_rejected(tmp_path):
    (tmp_path / "gone.txt").symlink_to("nowhere.txt")
    assert only_reject(tmp_path, "gone.txt") == (
        "a broken symbolic link (No such file or directory): copy the file in"
    )


@pytest.mark.parametrize(
    "links",
    [
        {"self.txt": "self.txt"},  # ln -s self.txt self.txt
        {"ping.txt": "pong.txt", "pong.txt": "ping.txt"},
    ],
)
def test_symbolic_link_loop_is_a_reject_not_a_crash(tmp_path, links):
    (tmp_path / "good.txt").write_text(ARTICLE, encoding="utf-8")
    for name, target in links.items():
        (tmp_path / name).symlink_to(target)
    documents, rejects = read(tmp_path)
    assert set(documents) == {"good.txt"}
    assert set(rejects) == set(links)
    for reject in rejects.values():
        assert reject.reason == "a symbolic link loop: replace the link by the file it should name"
    assert raw_fingerprints(tmp_path).keys() == {"good", *(Path(n).stem for n in links)}


@pytest.mark.parametrize(
    ("stem", "head"),
    [("L" * 251, "L" * 107), ("Ж" * 125, "Ж" * 53), ("日" * 80, "日" * 35)],
    ids=["latin", "cyrillic", "cjk"],
)
def test_over_long_name_gives_a_bounded_doc_id(tmp_path, stem, head):
    """A 251-byte stem made `<doc_id>.pickle` too long for the file system; the doc_id is cut to at most
    120 bytes and ends in 12 hex of the full stem, so two long names sharing a start stay apart."""
    (tmp_path / f"{stem}.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / f"{stem[:-1]}x.txt").write_text(LATIN_1, encoding="utf-8")
    documents, rejects = read(tmp_path)
    assert not rejects
    doc_ids = {d.doc_id for d in documents.values()}
    assert len(doc_ids) == 2
    for doc_id in doc_ids:
        assert len(doc_id.encode()) <= 120
        assert doc_id.startswith(head + "-") and len(doc_id) == len(head) + 13
    assert documents[f"{stem}.txt"].sentences[0].sentence_id.startswith(documents[f"{stem}.txt"].doc_id)


@pytest.mark.parametrize(("size", "rejected"), [(999, False), (1000, False), (1001, True), (250_000, True)])
def test_size_limit_per_document(tmp_path, size, rejected):
    text = (ARTICLE + "\n") * (size // len(ARTICLE) + 1)
    (tmp_path / "long.txt").write_bytes(text.encode()[:size])
    documents, rejects = read(tmp_path, max_bytes=1000)
    if not rejected:
        assert "long.txt" in documents or "long.txt" in rejects  # read (it may end mid-sentence)
        assert "split it" not in getattr(rejects.get("long.txt"), "reason", "")
        return
    reject = rejects["long.txt"]
    assert reject.reason.endswith(
        "over the limit of 0.000954 MB per document ($PIPELINES_MAX_DOCUMENT_MB): split it into smaller texts"
    )
    assert reject.sha256 == hashlib.sha256((tmp_path / "long.txt").read_bytes()).hexdigest()


def test_size_limit_comes_from_the_environment(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text(ARTICLE * 20, encoding="utf-8")
    monkeypatch.setenv("PIPELINES_MAX_DOCUMENT_MB", "0.001")
    assert "0.001 MB per document" in only_reject(tmp_path, "a.txt")
    monkeypatch.setenv("PIPELINES_MAX_DOCUMENT_MB", "ten")
    with pytest.raises(ValueError, match="PIPELINES_MAX_DOCUMENT_MB='ten' is not a number"):
        read(tmp_path)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file_is_rejected(tmp_path):
    (tmp_path / "locked.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "locked.txt").chmod(0)
    assert only_reject(tmp_path, "locked.txt").startswith("could not be read: [Errno 13] Permission denied")


def test_names_with_spaces_and_non_latin_letters(tmp_path):
    (tmp_path / "доклад 2008.txt").write_text(RUSSIAN, encoding="utf-8")
    (tmp_path / "my text.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "NATO & CSTO (draft) v2.TXT").write_text(LATIN_1, encoding="utf-8")
    documents, rejects = read(tmp_path)
    assert not rejects
    assert documents["доклад 2008.txt"].doc_id == "доклад_2008"
    assert documents["my text.txt"].doc_id == "my_text"
    assert documents["NATO & CSTO (draft) v2.TXT"].doc_id == "NATO___CSTO__draft__v2"
    assert documents["доклад 2008.txt"].sentences[0].sentence_id == "доклад_2008:s0000"


def test_decomposed_name_gives_a_composed_doc_id(tmp_path):
    name = "Ru\u0308hle.txt"  # as macOS writes it (NFD); the file keeps that name
    (tmp_path / name).write_text(ARTICLE, encoding="utf-8")
    documents, _ = read(tmp_path)
    (source,) = documents
    assert documents[source].doc_id == "Rühle"


def test_names_that_sanitize_to_the_same_doc_id(tmp_path):
    (tmp_path / "my text.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "my_text.txt").write_text(RUSSIAN, encoding="utf-8")
    documents, rejects = read(tmp_path)
    assert len({d.doc_id for d in documents.values()}) == len(documents)
    assert set(documents) | set(rejects) == {"my text.txt", "my_text.txt"}
    assert set(documents) == {"my text.txt"}  # file-name order: the first name keeps the doc_id
    assert rejects["my_text.txt"].reason == (
        "its name gives the same doc_id (my_text) as my text.txt; rename one of the two files"
    )


def test_text_without_footnotes(tmp_path):
    (tmp_path / "plain.txt").write_text(ARTICLE.split("¹ See")[0].replace("¹", ""), encoding="utf-8")
    documents, rejects = read(tmp_path)
    assert not rejects
    document = documents["plain.txt"]
    assert document.footnotes == ()
    assert not any(s.in_footnote for s in document.sentences)
    assert document.body_end == len(document.text)
    assert document.title == "KAZAKHSTAN AND NATO: PROBLEMS AND PROSPECTS"


def test_text_without_title_or_author(tmp_path):
    body = ARTICLE.split("\n\n", 3)[3]
    (tmp_path / "body.txt").write_text(body, encoding="utf-8")
    documents, rejects = read(tmp_path)
    assert not rejects
    document = documents["body.txt"]
    assert (document.title, document.authors, document.affiliation) == (None, (), None)
    assert document.text.startswith("Kazakhstan joined NATO's Partnership for Peace program")
    assert len(document.footnotes) == 1


def test_text_with_title_but_no_author(tmp_path):
    title, _author, _affiliation, body = ARTICLE.split("\n\n", 3)
    (tmp_path / "untitled.txt").write_text(f"{title}\n\n{body}", encoding="utf-8")
    documents, _ = read(tmp_path)
    document = documents["untitled.txt"]
    assert document.title == title
    assert document.authors == ()
    assert document.text.startswith("Kazakhstan joined NATO")


def test_short_title_without_author_is_not_an_author(tmp_path):
    body = ARTICLE.split("\n\n", 3)[3]
    (tmp_path / "short.txt").write_text(f"CENTRAL ASIAN SECURITY\n\n{body}", encoding="utf-8")
    documents, _ = read(tmp_path)
    assert documents["short.txt"].authors == ()
    assert documents["short.txt"].title == "CENTRAL ASIAN SECURITY"


def test_only_a_title_is_rejected(tmp_path):
    (tmp_path / "title.txt").write_text("KAZAKHSTAN AND NATO: PROBLEMS AND PROSPECTS\n", encoding="utf-8")
    assert only_reject(tmp_path, "title.txt").startswith("no body text left after the title/author block")


def test_missing_folder_is_an_error_not_an_empty_release(tmp_path):
    with pytest.raises(FileNotFoundError, match="does not exist: create it or pass --raw"):
        parse_raw_folder(tmp_path / "missing")


@pytest.mark.parametrize(
    ("names", "empty"),
    [
        ((), True),
        (("SOURCES.md", "README.md"), True),
        (("SOURCES.md", "a.txt"), False),
        ((".gitkeep",), False),
    ],
)
def test_a_folder_of_nothing_but_its_documentation_holds_no_texts(tmp_path, names, empty):
    for name in names:
        (tmp_path / name).write_text("x")
    assert holds_no_texts(tmp_path) is empty


def test_a_parse_over_the_time_budget_is_a_reject_and_the_others_are_read(tmp_path, monkeypatch):
    wrapped = "\n".join(
        "the delegation met the ministers of the region on the last day of" for _ in range(40_000)
    )
    (tmp_path / "slow.txt").write_text(
        "A REPORT ON TALKS\n\nIn May " + wrapped + " 2006.\n", encoding="utf-8"
    )
    (tmp_path / "short.txt").write_text(ARTICLE, encoding="utf-8")
    monkeypatch.setenv("PIPELINES_PARSE_SECONDS", "0.2")
    documents, rejects = read(tmp_path)
    assert "short.txt" in documents
    assert rejects["slow.txt"].reason == (
        "its parse took longer than 0.2 s ($PIPELINES_PARSE_SECONDS): split it into smaller texts, "
        "or report the file if it is small"
    )
    assert rejects["slow.txt"].sha256 == hashlib.sha256((tmp_path / "slow.txt").read_bytes()).hexdigest()
    monkeypatch.setenv("PIPELINES_PARSE_SECONDS", "0")
    with pytest.raises(ValueError, match="PIPELINES_PARSE_SECONDS='0' must be more than 0"):
        read(tmp_path)
