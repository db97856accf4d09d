from __future__ import annotations

import pytest

from pipelines.extract.nlp import load_nlp, parse_sentences
from tests.unit.extract.entity_helpers import make_document


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def test_pipeline_is_cached_and_ruler_precedes_ner(nlp):
    assert load_nlp() is nlp
    names = nlp.pipe_names
    assert names.index("gazetteer_ruler") < names.index("ner")
    assert "parser" in names  # the dates and agreements extractors read dependencies


def test_one_doc_per_sentence_with_gazetteer_ids(nlp):
    doc = make_document("t", ["Kazakhstan joined the NACC in 1992.", "Astana and Washington agreed."])
    docs = parse_sentences(nlp, doc.sentences, batch_size=1)
    assert [d.text for d in docs] == [s.text for s in doc.sentences]
    ids = {(e.text, e.ent_id_) for d in docs for e in d.ents}
    assert ("Kazakhstan", "COUNTRY:Kazakhstan") in ids
    assert ("Astana", "LOCATION:Astana") in ids
    assert parse_sentences(nlp, []) == []


def test_docs_keep_no_tensor(nlp):
    # the tok2vec output is what made long documents' Docs big; no extractor reads it
    doc = make_document("t", ["Kazakhstan joined the NACC in 1992."])
    (parsed,) = parse_sentences(nlp, doc.sentences)
    assert parsed.tensor.size == 0
    assert [t.dep_ for t in parsed if t.text == "joined"] == ["ROOT"]
