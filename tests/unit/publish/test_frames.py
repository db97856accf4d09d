"""`frame`: the published columns read from dataclass rows, mappings or whole columns."""

from pipelines.parse.model import Footnote, ParsedDocument, Sentence
from pipelines.parse.raw_folder import Reject
from pipelines.publish.frames import footnotes_frame, frame, sentences_frame
from schemas.documents import Rejects, Sentences

SENTENCES = (
    Sentence("d1:s0000", 0, 0, 0, 21, "NATO met in Riga.", False),
    Sentence("d1:s0001", 1, 1, 22, 40, "1 See the record.", True, footnote_number=1),
)
DOCUMENT = ParsedDocument(
    doc_id="d1",
    source_file="d1.txt",
    sha256="0" * 64,
    encoding="utf-8",
    title="A title",
    text="NATO met in Riga.    1 See the record.",
    body_end=21,
    sentences=SENTENCES,
    footnotes=(
        Footnote(number=1, start=22, end=40, text="1 See the record.", urls=("https://example.org/r",)),
    ),
)


def test_columns_come_from_dataclass_fields_and_given_columns_in_the_models_order():
    sentences = sentences_frame([DOCUMENT])
    assert list(sentences.columns) == list(Sentences.to_schema().columns)
    assert sentences["doc_id"].tolist() == ["d1", "d1"]
    assert sentences["sentence_id"].tolist() == ["d1:s0000", "d1:s0001"]
    assert sentences["footnote_number"].tolist()[1] == 1
    assert sentences["in_footnote"].tolist() == [False, True]


def test_derived_columns_are_given_per_row_and_tuples_become_lists():
    footnotes = footnotes_frame([DOCUMENT])
    assert footnotes["footnote_id"].tolist() == ["d1:fn001"]
    assert footnotes["doc_id"].tolist() == ["d1"]
    assert footnotes.loc[0, "urls"] == ["https://example.org/r"]


def test_a_key_missing_from_a_mapping_row_is_null():
    rejects = frame(Rejects, [{"source_file": "bad.pdf", "reason": "not text"}])
    assert rejects.loc[0, "source_file"] == "bad.pdf"
    assert rejects["sha256"].isna().all()


def test_dataclass_rows_and_no_rows():
    rejects = frame(Rejects, [Reject(source_file="bad.pdf", reason="not text", sha256=None)])
    assert rejects.loc[0, "reason"] == "not text"
    empty = frame(Rejects, [])
    assert list(empty.columns) == list(Rejects.to_schema().columns) and len(empty) == 0
