"""Helpers for the entity tests. The spaCy pipeline is cached by `load_nlp`, so it loads once per session."""

from __future__ import annotations

from collections.abc import Sequence

from pipelines.extract.entities import extract_entity_mentions
from pipelines.extract.model import EntityMention
from pipelines.extract.nlp import load_nlp, parse_sentences
from pipelines.parse.model import ParsedDocument, Sentence


def make_document(doc_id: str, body: Sequence[str], footnotes: Sequence[str] = ()) -> ParsedDocument:
    """A ParsedDocument whose sentences are the given strings (body first, then footnotes)."""
    text, sentences = "", []
    for i, (s, in_fn) in enumerate([(b, False) for b in body] + [(f, True) for f in footnotes]):
        if text:
            text += "\n\n" if in_fn else " "
        start = len(text)
        text += s
        sentences.append(Sentence(f"{doc_id}:s{i:04d}", i, i, start, len(text), s, in_fn))
    body_end = sentences[len(body) - 1].end if body else 0
    return ParsedDocument(
        doc_id, f"{doc_id}.txt", "0" * 64, "utf-8", text, body_end, sentences=tuple(sentences)
    )


def extract(doc_id: str, body: Sequence[str], footnotes: Sequence[str] = ()) -> list[EntityMention]:
    """Mentions of a small document built from sentences; checks the offsets on the way."""
    doc = make_document(doc_id, body, footnotes)
    mentions = extract_entity_mentions(doc, parse_sentences(load_nlp(), doc.sentences))
    for m in mentions:
        assert doc.text[m.start : m.end] == m.text
    return mentions
