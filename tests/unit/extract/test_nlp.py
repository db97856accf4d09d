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


def test_gazetteer_phrases_are_matched_on_words_so_the_tokenizer_makes_them(nlp):
    """load_nlp gives the ruler tokenized phrases only (no tagger or parser run over them): right
    while phrases match on ORTH, and multi-word names are found in parsed sentences as before."""
    ruler = nlp.get_pipe("gazetteer_ruler")
    assert ruler.phrase_matcher_attr in (None, "ORTH")
    assert not any(doc.has_annotation("DEP") for docs in ruler.phrase_patterns.values() for doc in docs)
    doc = make_document("t", ["The Shanghai Cooperation Organization met in the Kyrgyz Republic."])
    (parsed,) = parse_sentences(nlp, doc.sentences)
    labels = {e.text: e.ent_id_ for e in parsed.ents}
    assert labels.get("Shanghai Cooperation Organization", "").endswith("Shanghai Cooperation Organization")
