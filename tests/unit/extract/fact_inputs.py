"""Hand-built inputs for the agreement and event extractors: a document, its entity and date mentions.

The extractors take resolved entities and dates; building them by hand keeps these tests independent
of the entity and date extractors.
"""

from __future__ import annotations

import re
from datetime import date

from pipelines.extract.model import DateMention, Entity, EntityMention, ResolvedMention
from pipelines.parse.model import ParsedDocument, Sentence


def build_inputs(doc_id, paragraphs, ents=(), dates=(), nlp=None, refers=None):
    text = "\n\n".join(paragraphs)
    sents, pos = [], 0
    for pi, para in enumerate(paragraphs):
        start = text.index(para, pos)
        for m in re.finditer(r"\S.*?(?:(?<=[a-z0-9)\]][.!?])(?=\s+[A-Z\"])|$)", para, flags=re.S):
            s, e = start + m.start(), start + m.end()
            sents.append(Sentence(f"{doc_id}:s{len(sents):04d}", len(sents), pi, s, e, text[s:e], False))
        pos = start + len(para)
    doc = ParsedDocument(doc_id, doc_id + ".txt", "0", "utf-8", text, len(text), sentences=tuple(sents))

    def sent_of(s):
        return next(x for x in sents if x.start <= s < x.end)

    entities, mentions, taken = {}, [], set()
    for surface, typ, name in sorted(ents, key=lambda x: -len(x[0])):
        eid = f"{typ}:{name}"
        entities.setdefault(eid, Entity(eid, name, typ, (), None, None, (refers or {}).get(name)))
        for m in re.finditer(r"(?<![\w-])" + re.escape(surface) + r"(?![\w])", text):
            if set(range(m.start(), m.end())) & taken:
                continue
            taken |= set(range(m.start(), m.end()))
            st = sent_of(m.start())
            em = EntityMention(doc_id, st.sentence_id, m.start(), m.end(), surface, typ, name, None, False)
            mentions.append(ResolvedMention(f"{doc_id}:m{m.start()}", eid, em))
    dms, dtaken = [], set()
    for surface, value, precision in sorted(dates, key=lambda x: -len(x[0])):
        for m in re.finditer(re.escape(surface), text):
            if set(range(m.start(), m.end())) & dtaken:
                continue
            dtaken |= set(range(m.start(), m.end()))
            st = sent_of(m.start())
            dms.append(
                DateMention(
                    doc_id,
                    st.sentence_id,
                    m.start(),
                    m.end(),
                    surface,
                    value,
                    precision,
                    date(2000, 1, 1),
                    date(2000, 1, 1),
                    None,
                    False,
                    None,
                    False,
                )
            )
    sdocs = list(nlp.pipe(s.text for s in sents)) if nlp else []
    return doc, sdocs, list(entities.values()), mentions, dms
