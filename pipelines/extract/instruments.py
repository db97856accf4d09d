"""Shared plumbing for the agreement and event extractors.

Both extractors read the same inputs: parsed documents, one spaCy Doc per sentence, resolved entity
mentions and date mentions. This module lines them up per sentence (`SentenceView`), maps character
offsets to tokens, and holds small text helpers (normalisation, slugs, capitalized name sequences).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import OrderedDict, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

import yaml
from spacy.tokens import Doc, DocBin, Span, Token

from pipelines.extract.memo import digest
from pipelines.extract.model import DateMention, Entity, ResolvedMention
from pipelines.parse.model import ParsedDocument, Sentence

DATA_DIR = Path(__file__).parent / "data"

ACTOR_TYPES = ("COUNTRY", "ORGANIZATION")
PLACE_TYPES = ("LOCATION", "COUNTRY")


@cache
def load_data(relpath: str) -> dict:
    """A YAML file under data/ (lexicons, grammar files)."""
    with open(DATA_DIR / relpath, encoding="utf-8") as f:
        return yaml.safe_load(f)


def load_lexicon(kind: str) -> dict:
    """`kind` is "agreements" or "events": data/<kind>/lexicon.yaml."""
    return load_data(f"{kind}/lexicon.yaml")


# --------------------------------------------------------------------------- text helpers


def clean_space(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@lru_cache(maxsize=65536)  # asked again and again for the same few thousand names, as norm_name is
def norm_key(text: str) -> str:
    """Case-, accent- and punctuation-insensitive key: 'the Partnership for Peace Programme' ->
    'partnership for peace program'."""
    s = unicodedata.normalize("NFKD", text)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = s.replace("\u2019", "'").replace("&", " and ")
    s = re.sub(r"'s\b", "", s).replace(".", "")
    s = re.sub(r"[^\w\s]", " ", s)
    toks = [t for t in s.split() if t not in ("the", "a", "an")]
    toks = ["program" if t == "programme" else "dialog" if t == "dialogue" else t for t in toks]
    return " ".join(toks)


@lru_cache(maxsize=65536)
def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", norm_key(text)).strip("-") or "x"


def is_capitalized(tok: Token) -> bool:
    t = tok.text
    return bool(t) and t[0].isupper() and any(c.isalpha() for c in t)


def is_acronym(text: str) -> bool:
    """IPAP, PfP, PAP-T, NAMSO: mostly upper-case letters, 2-8 characters."""
    letters = [c for c in text if c.isalpha()]
    if not 2 <= len(letters) <= 8 or not text[0].isupper():
        return False
    return sum(c.isupper() for c in letters) >= max(2, len(letters) - 2) and " " not in text


FUNCTION_WORDS = frozenset(load_data("grammar/words.yaml")["function_words"])


def acronym_matches(acr: str, name: str) -> bool:
    """True when `acr` spells the initials of `name`'s words in order: every content word must be
    used; function words ('and', 'for') may be. IMET ~ International Military Education and Training,
    PARP ~ Planning and Review Process, PfP ~ Partnership for Peace."""
    letters = [c.lower() for c in acr if c.isalpha()]
    words = [w for w in re.split(r"[\s\-]+", name) if w and w[0].isalpha()]
    # A trailing generic noun may be left out of the acronym ("PARP" for "... Process program").
    return any(ws and _initials_match(letters, [w.lower() for w in ws]) for ws in (words, words[:-1]))


def _initials_match(letters: list[str], words: list[str]) -> bool:
    if not letters and not words:
        return True
    if not words:
        return False
    w = words[0]
    optional = w in FUNCTION_WORDS
    if letters and letters[0] == w[0] and _initials_match(letters[1:], words[1:]):
        return True
    # a word may contribute two letters (NAMSO: "NAto's" is not allowed, but "Sub-" forms are rare)
    return optional and _initials_match(letters, words[1:])


# --------------------------------------------------------------------------- sentence views


@dataclass
class EntitySpan:
    mention: ResolvedMention
    entity: Entity  # the entity the mention stands for (metonyms followed to their state/organization)
    span: Span  # tokens in the sentence Doc
    literal: Entity  # the entity as written (Astana the city, before following the metonym)

    @property
    def type(self) -> str:
        return self.entity.type


@dataclass
class DateSpan:
    date: DateMention
    span: Span | None


@dataclass
class SentenceView:
    doc_id: str
    position: int  # index in document.sentences
    sentence: Sentence
    sdoc: Doc
    entities: list[EntitySpan] = field(default_factory=list)
    dates: list[DateSpan] = field(default_factory=list)

    @property
    def base(self) -> int:
        return self.sentence.start

    @property
    def text(self) -> str:
        """The sentence Doc's text: the sentence's, since spaCy keeps its input text (Doc.text would join
        the tokens anew each time it is asked)."""
        return self.sentence.text

    def char_span(self, start: int, end: int) -> Span | None:
        """Document offsets -> tokens of this sentence (expanded to whole tokens)."""
        s, e = start - self.base, end - self.base
        if s < 0 or e > len(self.text) or s >= e:
            return None
        return self.sdoc.char_span(s, e, alignment_mode="expand")

    def offsets(self, span: Span | Token) -> tuple[int, int]:
        if isinstance(span, Token):
            return self.base + span.idx, self.base + span.idx + len(span.text)
        return self.base + span.start_char, self.base + span.end_char

    def text_of(self, first: Token, last: Token) -> str:
        return self.text[first.idx : last.idx + len(last.text)]

    def entities_in(self, tokens: Iterable[Token], types: Sequence[str] = ACTOR_TYPES) -> list[EntitySpan]:
        idx = {t.i for t in tokens}
        return [
            e
            for e in self.entities
            if e.type in types and any(i in idx for i in range(e.span.start, e.span.end))
        ]

    def entity_at(self, tok: Token) -> EntitySpan | None:
        for e in self.entities:
            if e.span.start <= tok.i < e.span.end:
                return e
        return None


class StoredParses(Mapping[str, list[Doc]]):
    """Each document's sentence Docs, read from its stored DocBin bytes only when a step needs them (a
    remembered result needs none)."""

    def __init__(self, docbins: Mapping[str, bytes], vocab):
        self.docbins = docbins
        self.vocab = vocab

    def __getitem__(self, doc_id: str) -> list[Doc]:
        return list(DocBin().from_bytes(self.docbins[doc_id]).get_docs(self.vocab))

    def __iter__(self) -> Iterator[str]:
        return iter(self.docbins)

    def __len__(self) -> int:
        return len(self.docbins)


@dataclass(frozen=True)
class DocumentInputs:
    """What one document's sentence views are made of, in a form another process can be sent: the
    per-document passes of agreements and events run on several processes (`CorpusViews.inputs`,
    `document_views`)."""

    key: str  # CorpusViews.fingerprint: what the views hold
    document: ParsedDocument
    docbin: bytes | None  # None: Docs that are not stored (tests'); serialized when sent
    entities: tuple[Entity, ...]  # those its mentions stand for, with the ones they refer to
    mentions: tuple[ResolvedMention, ...]
    dates: tuple[DateMention, ...]
    # in the process that made them: the corpus' own views of the document, built once for every pass
    # (not sent to another process, which builds them again)
    local_views: Callable[[], list[SentenceView]] | None = field(default=None, compare=False, repr=False)

    def __getstate__(self) -> dict:
        docbin = self.docbin
        if docbin is None and self.local_views is not None:
            docs = [v.sdoc for v in self.local_views()]
            docbin = DocBin(docs=docs, store_user_data=False).to_bytes()
        return {**self.__dict__, "docbin": docbin, "local_views": None}


# Another process keeps the views it built for the last documents it was sent, for the next pass over
# them (agreements read a document twice, events once): building them is a third of a pass's work.
KEPT_VIEWS = 500
_kept_views: OrderedDict[str, list[SentenceView]] = OrderedDict()


def document_views(inputs: DocumentInputs, vocab) -> list[SentenceView]:
    """The document's sentence views, as CorpusViews of the whole corpus gives them."""
    if inputs.local_views is not None:
        return inputs.local_views()
    if inputs.key in _kept_views:
        _kept_views.move_to_end(inputs.key)
        return _kept_views[inputs.key]
    doc_id = inputs.document.doc_id
    docs = StoredParses({doc_id: inputs.docbin}, vocab)
    views = CorpusViews([inputs.document], docs, inputs.entities, inputs.mentions, inputs.dates)[doc_id]
    _kept_views[inputs.key] = views
    while len(_kept_views) > KEPT_VIEWS:
        _kept_views.popitem(last=False)
    return views


class CorpusViews(Mapping[str, list[SentenceView]]):
    """The sentence views of every document (keyed by doc_id, in document order), each built when first
    asked for: a document whose results are remembered (`pipelines.extract.memo`) needs neither its
    views nor its spaCy parse, only its `fingerprint`."""

    def __init__(
        self,
        documents: Sequence[ParsedDocument],
        docs: Mapping[str, Sequence[Doc]],
        entities: Sequence[Entity],
        mentions: Sequence[ResolvedMention],
        dates: Sequence[DateMention],
    ):
        self.documents = {d.doc_id: d for d in documents}
        self.docs = docs
        self.entities = {e.entity_id: e for e in entities}
        self.mentions: dict[str, list[ResolvedMention]] = defaultdict(list)
        for m in mentions:
            self.mentions[m.mention.doc_id].append(m)
        self.dates: dict[str, list[DateMention]] = defaultdict(list)
        for d in dates:
            self.dates[d.doc_id].append(d)
        self._views: dict[str, list[SentenceView]] = {}
        self._fingerprints: dict[str, str] = {}

    def __getitem__(self, doc_id: str) -> list[SentenceView]:
        if doc_id not in self._views:
            self._views[doc_id] = self._build(self.documents[doc_id])
        return self._views[doc_id]

    def __iter__(self) -> Iterator[str]:
        return iter(self.documents)

    def __len__(self) -> int:
        return len(self.documents)

    def entity_of(self, entity_id: str) -> Entity | None:
        """The entity a mention stands for: metonyms followed to their state or organization."""
        ent = self.entities.get(entity_id)
        seen = {entity_id}
        while ent is not None and ent.refers_to_entity_id in self.entities:
            if ent.refers_to_entity_id in seen:
                break
            seen.add(ent.refers_to_entity_id)
            ent = self.entities[ent.refers_to_entity_id]
        return ent

    def inputs(self, doc_id: str) -> DocumentInputs:
        """What the document's views are made of (`document_views` makes them again)."""
        return DocumentInputs(
            self.fingerprint(doc_id),
            self.documents[doc_id],
            self.docs.docbins[doc_id] if isinstance(self.docs, StoredParses) else None,
            self.related_entities(doc_id),
            tuple(self.mentions.get(doc_id, ())),
            tuple(self.dates.get(doc_id, ())),
            local_views=lambda: self[doc_id],
        )

    def related_entities(self, doc_id: str) -> tuple[Entity, ...]:
        """The entities the document's mentions stand for, as written and as followed (metonyms)."""
        entities: dict[str, Entity] = {}
        for m in self.mentions.get(doc_id, ()):
            ent = self.entities.get(m.entity_id)
            while ent is not None and ent.entity_id not in entities:
                entities[ent.entity_id] = ent
                ent = self.entities.get(ent.refers_to_entity_id or "")
        return tuple(entities.values())

    def entity_ids(self, doc_id: str) -> frozenset[str]:
        """The entities the document's mentions stand for (metonyms followed), without its views."""
        return frozenset(
            ent.entity_id
            for m in self.mentions.get(doc_id, ())
            if m.entity_id in self.entities and (ent := self.entity_of(m.entity_id)) is not None
        )

    def fingerprint(self, doc_id: str) -> str:
        """Digest of everything a document's views hold: its text and sentences, its dates, and each
        entity mention with what it resolved to (id, type, name; as written and as followed). Computed
        once per document: agreements and events both ask."""
        if doc_id not in self._fingerprints:
            self._fingerprints[doc_id] = self._fingerprint(doc_id)
        return self._fingerprints[doc_id]

    def _fingerprint(self, doc_id: str) -> str:
        document = self.documents[doc_id]
        resolved = []
        for m in sorted(self.mentions.get(doc_id, ()), key=lambda m: (m.mention.start, m.mention.end)):
            literal, ent = self.entities.get(m.entity_id), self.entity_of(m.entity_id)
            resolved.append((m, *((e.entity_id, e.type, e.name) if e else None for e in (literal, ent))))
        sentences = [(s.sentence_id, s.start, s.end, s.paragraph, s.in_footnote) for s in document.sentences]
        return digest(
            doc_id,
            hashlib.sha256(document.text.encode("utf-8", "surrogatepass")).hexdigest(),
            repr(sentences),
            repr(sorted(self.dates.get(doc_id, ()), key=lambda d: (d.start, d.end))),
            repr(resolved),
        )

    def _build(self, document: ParsedDocument) -> list[SentenceView]:
        ments: dict[str, list[ResolvedMention]] = defaultdict(list)
        for m in self.mentions.get(document.doc_id, ()):
            ments[m.mention.sentence_id].append(m)
        dts: dict[str, list[DateMention]] = defaultdict(list)
        for d in self.dates.get(document.doc_id, ()):
            dts[d.sentence_id].append(d)
        out = []
        sdocs = self.docs.get(document.doc_id, ())
        for i, (sent, sdoc) in enumerate(zip(document.sentences, sdocs, strict=False)):
            v = SentenceView(document.doc_id, i, sent, sdoc)
            for m in sorted(ments.get(sent.sentence_id, ()), key=lambda m: m.mention.start):
                span = v.char_span(m.mention.start, m.mention.end)
                lit = self.entities.get(m.entity_id)
                if span is None or lit is None:
                    continue
                v.entities.append(EntitySpan(m, self.entity_of(m.entity_id), span, lit))
            for d in sorted(dts.get(sent.sentence_id, ()), key=lambda d: d.start):
                v.dates.append(DateSpan(d, v.char_span(d.start, d.end)))
            out.append(v)
        return out


def build_views(
    documents: Sequence[ParsedDocument],
    docs: Mapping[str, Sequence[Doc]],
    entities: Sequence[Entity],
    mentions: Sequence[ResolvedMention],
    dates: Sequence[DateMention],
) -> CorpusViews:
    return CorpusViews(documents, docs, entities, mentions, dates)


# --------------------------------------------------------------------------- token helpers


def verb_ancestor(tok: Token, max_steps: int = 6) -> Token | None:
    """The nearest verb governing `tok` (itself included)."""
    cur = tok
    for _ in range(max_steps):
        if cur.pos_ in ("VERB", "AUX"):
            return cur
        if cur.head.i == cur.i:
            return None
        cur = cur.head
    return None


def token_distance(a: Span | Token, b: Span | Token) -> int:
    a0, a1 = (a.i, a.i) if isinstance(a, Token) else (a.start, a.end - 1)
    b0, b1 = (b.i, b.i) if isinstance(b, Token) else (b.start, b.end - 1)
    if a1 < b0:
        return b0 - a1
    if b1 < a0:
        return a0 - b1
    return 0
