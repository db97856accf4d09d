"""Agreements: treaties, plans, programs, acts, statements... named or described in the texts.

Grammar and lexicon driven (lexicon in data/agreements/lexicon.yaml):

* named instruments: a capitalized sequence headed by an instrument noun ("Treaty on Allied Relations",
  "Individual Partnership Action Plan", "Statement on Dialog, Partnership, and Cooperation") or followed
  by a lower-case one ("Partnership for Peace program"), with a trailing "(ACRONYM)" learned as an alias;
  capitalized names listed after a plural instrument noun ("two programs—A and B");
* described instruments: determiner + modifiers + instrument noun in a sentence where a signing verb
  governs it or a date is given ("a five-year military cooperation plan (in 2003)");
* anaphora: "the Plan", "this document", "such a document" -> the most recent instrument of that kind;
* acronyms ("IPAP", "PARP program") -> the instrument whose long form they abbreviate.

Named instruments are merged across the corpus by normalised name or acronym; described ones are
local to their document. Parties come from the grammar of the sentences that mention the instrument
("between X and Y", the subject of "signed", "with Y", demonym compounds, possessors) and, for a
well-known program, its owner (instrument_owners: NATO's Partnership for Peace); dates from the date
mentions nearest the action verb.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from itertools import pairwise

from spacy.tokens import Doc, Token

from pipelines.extract.grammar import (
    apply_rules,
    argument_rules,
    argument_tokens,
    event_nouns,
    flagged_instrument_kinds,
    follow,
    instrument_nouns,
    load_grammar,
    parse_path,
    reached,
)
from pipelines.extract.instruments import (
    ACTOR_TYPES,
    CorpusViews,
    DateSpan,
    DocumentInputs,
    EntitySpan,
    SentenceView,
    acronym_matches,
    build_views,
    clean_space,
    document_views,
    is_acronym,
    is_capitalized,
    load_lexicon,
    norm_key,
    slugify,
    token_distance,
)
from pipelines.extract.memo import NO_MEMO, Memo, digest
from pipelines.extract.model import DateMention, Entity, ResolvedMention
from pipelines.extract.nlp import stored_vocab
from pipelines.parse.model import ParsedDocument

LEX = load_lexicon("agreements")
INSTRUMENTS: dict[str, str] = instrument_nouns()
NAMED_ONLY: dict[str, str] = instrument_nouns(named_only=True)
ORG_HEADS = frozenset(LEX["organization_heads"])
INSTITUTION_HEADS = frozenset(LEX["institution_heads"])
GENERIC_ANAPHORS = frozenset(LEX["generic_anaphors"])
ACTIONS: dict[str, str] = LEX["actions"]
OBJECT_ONLY = frozenset(LEX["object_only_actions"])
PARTICIPATION_ACTIONS = frozenset(LEX["participation_actions"])
SPONSOR_ACTIONS = frozenset(LEX["sponsor_actions"])
MEDIATION_ACTIONS = frozenset(LEX["mediation_actions"])
FAILURE_VERBS = frozenset(LEX["failure_verbs"])
END_PREPS = frozenset(LEX["end_prepositions"])
ANAPHORIC_DETS = frozenset(LEX["anaphoric_determiners"])
INDEFINITE_DETS = frozenset(LEX["indefinite_determiners"])
LIST_MARKERS = tuple(LEX["list_markers"])
LIST_DASHES = frozenset(m for m in LIST_MARKERS if not m.isalpha() and " " not in m)  # "—", "–", ":"
CONNECTORS = frozenset(LEX["name_connectors"])
NAME_PREPS = frozenset(LEX["name_prepositions"])
INTRANSITIVE_ACTIONS = frozenset(LEX["intransitive_actions"])  # "the Program appeared in 1994"
# "agreed on X", "acceded to X", "the signing of X" (empty set: any nominalization)
OBJECT_PREPS = {p: set(verbs) for p, verbs in LEX["object_prepositions"].items()}
# Dependents that are a noun phrase's own modifiers ("the joint Kazakh-U.S. statement")
NP_MODIFIERS = frozenset(
    ("det", "predet", "poss", "amod", "compound", "nummod", "nmod", "npadvmod", "quantmod", "advmod", "punct")
)
ROLE_RANK = {"sponsor": 0, "party": 1, "participant": 2}
ANAPHORA_WINDOW = 12  # sentences
STOP_STARTS = frozenset(LEX["name_stop_starts"])
NO_INSTRUMENT_COMPLEMENTS = frozenset(LEX["no_instrument_complements"])
SPELLING_VARIANT_MIN = 6  # letters of the shorter spelling of a word two names may spell two ways
LIST_JOINERS = frozenset(LEX["list_joiners"])
ACRONYM_PRECEDERS = frozenset(LEX["acronym_preceders"])
DESCRIBED_PREPS = frozenset(LEX["described_prepositions"])
SETTING_PREPS = frozenset(LEX["setting_prepositions"])
TITLE_WORDS = frozenset(LEX["title_function_words"])
TITLE_SEPARATORS = frozenset(LEX["title_separators"])
SPONSOR_PREPS = frozenset(LEX["title_sponsor_prepositions"])
DEAL_NOMINALS: dict[str, str] = LEX["deal_nominals"]
OBJECTLESS_ACCESSIONS = frozenset(LEX["objectless_accession_verbs"])
CONSTITUTIVE_KINDS = frozenset(load_grammar("agreements")["lists"]["constitutive_kinds"])
NATIONAL_KINDS = frozenset(load_grammar("agreements")["lists"]["national_kinds"])
MEMBER_NOUNS = frozenset(load_grammar("agreements")["lists"]["member_nouns"])
DELIBERATIVE_HEADS = frozenset(load_grammar("agreements")["lists"]["deliberative_heads"])
EXAMPLE_PREPS = frozenset(load_grammar("agreements")["lists"]["example_prepositions"])
QUANTITY_NOUNS = frozenset(load_grammar("agreements")["lists"]["quantity_nouns"])
LIST_HOPS = 8  # tokens a listed instrument may hang below the one it is listed with
BODY_KINDS = flagged_instrument_kinds("adopted_by_body")
EXCLUSION_CUES = tuple(tuple(c.split()) for c in load_grammar("agreements")["lists"]["exclusion_cues"])
ALIAS_CUES = frozenset(LEX["alias_cues"])
ALIAS_JOINERS = frozenset(LEX["alias_joiners"])
FIRST_PERSON = frozenset(LEX["first_person_possessives"])
HAPPENINGS = event_nouns()
ALIAS_WINDOW = 8  # tokens between a name and the alias that follows it
MAX_DEAL_WORDS = 14  # an implicit deal's name is cut at this many words


# --------------------------------------------------------------------------- records


@dataclass(frozen=True)
class Agreement:
    agreement_id: str
    name: str
    kind: str
    aliases: tuple[str, ...]
    date_value: str | None
    date_precision: str | None
    date_id: str | None
    action: str | None
    n_documents: int


@dataclass(frozen=True)
class AgreementMention:
    agreement_id: str
    doc_id: str
    sentence_id: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class AgreementParty:
    agreement_id: str
    entity_id: str
    role: str  # party, sponsor, participant


@dataclass(frozen=True)
class AgreementAction:
    """A sentence saying what happened to an agreement (signed, adopted, ...): the evidence that
    `pipelines.extract.events` turns into signing events. Not a published table."""

    agreement_id: str
    name: str
    doc_id: str
    sentence_id: str
    start: int
    end: int
    action: str
    date: DateMention | None
    date_rank: int | None  # 0-3: the date is in the sentence and tied to the action; 4-5: weaker
    entity_ids: tuple[str, ...]  # parties named in this sentence


@dataclass(frozen=True)
class AgreementTables:
    agreements: tuple[Agreement, ...] = ()
    agreement_mentions: tuple[AgreementMention, ...] = ()
    agreement_parties: tuple[AgreementParty, ...] = ()
    actions: tuple[AgreementAction, ...] = ()


# --------------------------------------------------------------------------- working state


@dataclass
class _Found:
    """One place a sentence names or refers to an instrument."""

    view: SentenceView
    first: Token
    last: Token
    head: Token  # the noun that governs the mention in the parse
    name: str
    kind: str
    how: str  # named, list, acronym, known, described, anaphor
    acronym: str | None = None
    plural: bool = False

    @property
    def start(self) -> int:
        return self.view.base + self.first.idx

    @property
    def end(self) -> int:
        return self.view.base + self.last.idx + len(self.last.text)


@dataclass
class _Agr:
    key: str
    name: str
    kind: str
    named: bool
    doc_id: str | None  # set for described (document-local) instruments
    aliases: set[str] = field(default_factory=set)
    acronyms: set[str] = field(default_factory=set)
    mentions: list[tuple[str, str, int, int, str]] = field(default_factory=list)
    parties: dict[str, str] = field(default_factory=dict)
    dates: list[tuple[int, int, DateMention, str | None]] = field(default_factory=list)
    actions: list[str] = field(default_factory=list)
    evidence: list[tuple] = field(default_factory=list)
    parents: list[_Agr] = field(default_factory=list)  # "Kazakhstan signed its Framework Document"
    parent_keys: list[str] = field(default_factory=list)  # the same, by key, between passes
    inherited: list[tuple] = field(default_factory=list)  # (parent, its parties there, entities named there)
    order: int = 0

    def add_party(self, entity_id: str, role: str) -> None:
        old = self.parties.get(entity_id)
        if old is None or ROLE_RANK[role] < ROLE_RANK[old]:
            self.parties[entity_id] = role


def _name_key(name: str) -> str:
    """One key for the ways a name is written: 'Partnership for Peace Program' is the 'Partnership for
    Peace'; 'Charter of the CIS' is the 'CIS Charter' (an instrument noun of one name)."""
    toks = norm_key(name).split()
    if len(toks) > 2 and toks[-1] in ("program", "programme"):
        toks = toks[:-1]
    if len(toks) == 3 and toks[1] == "of" and toks[0] in INSTRUMENTS:
        toks = [toks[2], toks[0]]
    return " ".join(toks)


def _registry_key(name: str, named: bool, doc_id: str | None) -> str:
    """Named instruments are one across the corpus; described ones are local to their document."""
    return _name_key(name) if named else f"{doc_id}|{_name_key(name)}"


def _kind_of(tok: Token) -> str | None:
    low, lemma = tok.lower_, tok.lemma_.lower()
    for w in (low, lemma):
        if w in INSTRUMENTS:
            return INSTRUMENTS[w]
    return None


def _is_plural(tok: Token) -> bool:
    return tok.tag_ in ("NNS", "NNPS") or (tok.lower_ != tok.lemma_.lower() and tok.lower_.endswith("s"))


def _is_heading(view: SentenceView) -> bool:
    words = [t.text for t in view.sdoc if t.is_alpha and len(t.text) > 1]
    return bool(words) and sum(w.isupper() for w in words) > 0.6 * len(words)


# --------------------------------------------------------------------------- named instruments


def _cap_sequences(sdoc: Doc) -> list[list[Token]]:
    out, i, n = [], 0, len(sdoc)
    while i < n:
        tok = sdoc[i]
        if (
            not is_capitalized(tok)
            or tok.lower_ in STOP_STARTS
            or tok.pos_ in ("ADP", "DET", "PRON", "CCONJ")
        ):
            i += 1
            continue
        seq, j = [tok], i
        while j + 1 < n:
            nxt = sdoc[j + 1]
            if is_capitalized(nxt) and nxt.lower_ not in STOP_STARTS:
                seq.append(nxt)
                j += 1
            elif (
                nxt.text in ("-", "–")
                and not sdoc[j].whitespace_
                and j + 2 < n
                and is_capitalized(sdoc[j + 2])
            ):
                seq += [nxt, sdoc[j + 2]]
                j += 2
            elif nxt.lower_ in CONNECTORS and j + 2 < n:
                k = j + 2
                extra = [nxt]
                if nxt.text == "," and sdoc[k].lower_ == "and" and k + 1 < n:
                    extra.append(sdoc[k])
                    k += 1
                if sdoc[k].lower_ in ("the", "a", "an") and nxt.lower_ in NAME_PREPS and k + 1 < n:
                    extra.append(sdoc[k])
                    k += 1
                if is_capitalized(sdoc[k]) and sdoc[k].lower_ not in STOP_STARTS:
                    seq += [*extra, sdoc[k]]
                    j = k
                else:
                    break
            else:
                break
        out.append(seq)
        i = j + 1
    return out


def _overlaps_entity(view: SentenceView, toks: list[Token], types=None) -> bool:
    idx = {t.i for t in toks}
    return any(
        (types is None or e.literal.type in types) and any(t.i in idx for t in e.span) for e in view.entities
    )


def _within_entity(view: SentenceView, toks: list[Token], types) -> bool:
    for e in view.entities:
        if e.literal.type in types and e.span.start <= toks[0].i and toks[-1].i < e.span.end:
            return True
    return False


def _covered_by_entities(view: SentenceView, toks: list[Token], types) -> bool:
    """'Kazakh-U.S.': every word belongs to some country mention."""
    covered = {t.i for e in view.entities if e.literal.type in types for t in e.span}
    words = [t for t in toks if any(c.isalpha() for c in t.text)]
    return bool(words) and all(t.i in covered for t in words)


def _trim(seq: list[Token]) -> list[Token]:
    while seq and (seq[-1].lower_ in CONNECTORS or seq[-1].lower_ == "the"):
        seq = seq[:-1]
    while seq and (seq[0].lower_ in CONNECTORS or seq[0].lower_ == "the"):
        seq = seq[1:]
    return seq


def _cut_complement(view: SentenceView, seq: list[Token], head_pos: int) -> list[Token]:
    """'Partnership for Peace and North Atlantic Partnership Council' -> 'Partnership for Peace'."""
    for c in range(head_pos + 1, len(seq)):
        if seq[c].lower_ in ("and", ","):
            rest = _trim(seq[c + 1 :])
            if rest and (rest[-1].lower_ in ORG_HEADS or _overlaps_entity(view, rest)):
                return _trim(seq[:c])
    return seq


def _cut_prefix(view: SentenceView, seq: list[Token], head_pos: int) -> list[Token]:
    """'NACC and Partnership for Peace Program' -> 'Partnership for Peace Program'."""
    for c in range(head_pos - 1, 0, -1):
        if seq[c].lower_ in ("and", ","):
            left = _trim(seq[:c])
            if left and (
                left[-1].lower_ in ORG_HEADS
                or _overlaps_entity(view, left)
                or (len(left) == 1 and is_acronym(left[0].text))
            ):
                return _trim(seq[c + 1 :])
    return seq


def _cut_opening_noun(seq: list[Token]) -> list[Token]:
    """'Critics of the Pereyaslavl Accords ...': a common noun capitalized only because it opens the
    sentence, then 'of', is no word of the name after it."""
    if (
        len(seq) > 2
        and seq[0].i == 0
        and seq[0].pos_ == "NOUN"
        and _kind_of(seq[0]) is None
        and seq[1].lower_ == "of"
    ):
        return _trim(seq[2:])
    return seq


def _cut_sponsor(view: SentenceView, seq: list[Token]) -> list[Token]:
    """'NATO Partnership for Peace' -> the instrument's own name: a state or organization written before
    it is its sponsor or party, not part of its name."""
    if len(seq) < 3:
        return seq
    for e in view.entities:
        if (
            e.literal.type in ACTOR_TYPES
            and e.span.start == seq[0].i
            and e.span.end <= seq[-2].i
            and view.sdoc[e.span.end - 1].whitespace_
            and is_capitalized(view.sdoc[e.span.end])
        ):
            return seq[e.span.end - seq[0].i :]
    return seq


def _state_owner(view: SentenceView, first: Token, actors: Mapping[str, EntitySpan]) -> str | None:
    """The state a name is written as the possession of ("Armenia's", "Azerbaijans" before it): the
    words of the state's mention, or None."""
    sdoc = view.sdoc
    bare = _bare_possessor(view, first, actors)
    if bare is not None:
        return first.text[:-1] if bare.literal.type == "COUNTRY" else None
    if first.i >= 2 and sdoc[first.i - 1].text in ("'s", "’s", "'"):
        owner = sdoc[first.i - 2]
        for e in view.entities:
            if e.literal.type == "COUNTRY" and e.span.start <= owner.i < e.span.end:
                return e.span.text
    return None


def _name_lemma(tok: Token) -> str:
    """The lemma of a word in a name: the tagger leaves a proper noun's plural as it is ('the Kharkiv
    Accords', 'the Geneva Conventions'), its singular is the instrument noun."""
    lemma = tok.lemma_.lower()
    if lemma not in INSTRUMENTS and tok.tag_ in ("NNP", "NNPS") and lemma.endswith("s"):
        return lemma[:-1] if lemma[:-1] in INSTRUMENTS else lemma
    return lemma


def _name_number(view: SentenceView, tok: Token | None) -> bool:
    """A numeral that is part of an instrument's name ("Resolution 425"), not the start of a date."""
    return (
        tok is not None
        and tok.text.isdigit()
        and not any(d.span is not None and d.span.start <= tok.i < d.span.end for d in view.dates)
    )


def _find_named(view: SentenceView, actors: Mapping[str, EntitySpan] | None = None) -> list[_Found]:
    sdoc, out = view.sdoc, []
    for seq in _cap_sequences(sdoc):
        heads, owner = [], None
        for p, tok in enumerate(seq):
            low, lemma = tok.lower_, _name_lemma(tok)
            if not is_capitalized(tok) or not (
                low in INSTRUMENTS or low in NAMED_ONLY or lemma in INSTRUMENTS
            ):
                continue
            # a head ends the name at the sequence's end, before its complement ("Treaty on ..."), or
            # before a coordinated name ("the Alma-Ata Protocol, and Armenia's withdrawal"); a noun that
            # heads a name only when capitalized is a word of the complement of an instrument noun
            # before it ("the Statement on Dialog, Partnership, and Cooperation")
            in_complement = (
                any(
                    seq[h].lower_ in INSTRUMENTS or _name_lemma(seq[h]) in INSTRUMENTS
                    for h in heads
                    if seq[h + 1].lower_ in NAME_PREPS
                )
                if heads
                else False
            )
            if in_complement and low not in INSTRUMENTS and lemma not in INSTRUMENTS:
                continue
            if p == len(seq) - 1 or seq[p + 1].lower_ in NAME_PREPS or seq[p + 1].lower_ in ("and", ","):
                heads.append(p)
        nxt = sdoc[seq[-1].i + 1] if seq[-1].i + 1 < len(sdoc) else None
        if heads:
            p = heads[-1]
            head = seq[p]
            kind = (
                INSTRUMENTS.get(head.lower_) or NAMED_ONLY.get(head.lower_) or INSTRUMENTS[_name_lemma(head)]
            )
            ends_at_head = p < len(seq) - 1 and seq[p + 1].lower_ not in NAME_PREPS
            name_toks = _cut_prefix(view, seq[: p + 1] if ends_at_head else _cut_complement(view, seq, p), p)
            name_toks = _cut_opening_noun(_cut_sponsor(view, name_toks))
            if len(name_toks) >= 3 and _bare_possessor(view, name_toks[0], actors or {}):
                owner = _state_owner(view, name_toks[0], actors or {})
                name_toks = name_toks[1:]  # "Azerbaijans Individual Partnership Action Plan": its owner
            elif name_toks:
                owner = _state_owner(view, name_toks[0], actors or {})
            if name_toks and name_toks[-1] is seq[-1] and _name_number(view, nxt):
                name_toks = [*name_toks, nxt]  # "U.N. Resolution 425", "Resolution 1244": the number names it
            suffix = None
            if (
                len(name_toks) >= 3
                and name_toks[-1].lower_ in ("program", "programme")
                and any(t.lower_ in NAME_PREPS for t in name_toks[1:-1])
            ):
                # 'Partnership for Peace Program' is the 'Partnership for Peace' (a name with its own
                # complement); 'Annual National Program' keeps its head noun
                suffix = name_toks[-1]
                name_toks = _trim(name_toks[:-1])
            last = name_toks[-1] if name_toks else head
            if len(name_toks) < 2:
                continue
            after = sdoc[last.i + 1] if last.i + 1 < len(sdoc) else None
            if (
                suffix is None
                and after is not None
                and after.text.islower()
                and after.lower_ in INSTRUMENTS
                and not _is_plural(after)
            ):
                suffix = after  # "the Partnership for Peace program"
        elif (
            nxt is not None
            and nxt.text.islower()
            and nxt.lower_ in INSTRUMENTS
            and not _is_plural(nxt)
            and nxt.dep_ != "compound"
        ):
            name_toks = _trim(seq)
            if not name_toks or _covered_by_entities(view, name_toks, ("PERSON", "COUNTRY", "LOCATION")):
                continue
            if len(name_toks) == 1 and (
                not is_acronym(name_toks[0].text) or _overlaps_entity(view, name_toks)
            ):
                continue
            if name_toks[-1].lower_ in ORG_HEADS:
                continue
            head = suffix = nxt
            kind = INSTRUMENTS[nxt.lower_]
            last = name_toks[-1]
        else:
            continue
        name = clean_space(view.text_of(name_toks[0], last))
        if heads and owner and kind in NATIONAL_KINDS:
            name = f"{owner} {name}"  # "Armenia's Individual Partnership Action Plan": Armenia's own
        end_tok = suffix or last
        acronym = _paren_acronym(sdoc, end_tok, name)
        # a plural name is a class ("NATO Individual Partnership Action Plans"), but for a definite set
        # of instruments that is not any state's own ("the Kharkiv Accords", "the Geneva Conventions")
        definite = name_toks[0].i > 0 and sdoc[name_toks[0].i - 1].lower_ == "the"
        if _is_plural(head) and suffix is None and (kind in NATIONAL_KINDS or not definite):
            continue
        root = sdoc[name_toks[0].i : end_tok.i + 1].root
        out.append(_Found(view, name_toks[0], end_tok, root, name, kind, "named", acronym=acronym))
    return out


def _paren_acronym(sdoc: Doc, tok: Token, name: str) -> str | None:
    i = tok.i
    if (
        i + 3 < len(sdoc)
        and sdoc[i + 1].text == "("
        and sdoc[i + 3].text == ")"
        and is_acronym(sdoc[i + 2].text)
    ):
        acr = sdoc[i + 2].text
        if acronym_matches(acr, name) or acr[0].upper() == name[0].upper():
            return acr
    return None


def _find_lists(view: SentenceView, taken: set[int]) -> list[_Found]:
    """'two programs in Kazakhstan—Foreign Military Financing and International Military Education
    and Training', 'several initiatives, including Science for Peace and the Virtual Silk Road'."""
    sdoc, out = view.sdoc, []
    text = sdoc.text
    for tok in sdoc:
        kind = _kind_of(tok)
        if kind is None or tok.pos_ not in ("NOUN", "PROPN") or not _is_plural(tok):
            continue
        # find a list marker within a few tokens, with no verb in between
        j, marker_end = tok.i + 1, None
        while j < min(len(sdoc), tok.i + 8):
            t = sdoc[j]
            rest = text[t.idx :].lower()
            hit = next((m for m in LIST_MARKERS if rest.startswith(m)), None)
            if hit:
                k = j
                while k < len(sdoc) and sdoc[k].idx < t.idx + len(hit):
                    k += 1
                marker_end = k
                break
            if t.pos_ in ("VERB", "AUX") or t.text in (".", ";", "("):
                break
            j += 1
        if marker_end is None:
            continue
        k = marker_end
        while k < len(sdoc):
            while k < len(sdoc) and sdoc[k].lower_ in LIST_JOINERS:
                k += 1
            if k >= len(sdoc) or not is_capitalized(sdoc[k]):
                break
            seq = next((s for s in _cap_sequences(sdoc[k:].as_doc()) if s), None)
            if seq is None:
                break
            toks = [sdoc[k + t.i] for t in seq]
            if seq[0].i != 0 or len(toks) < 2:
                break
            # a coordination of names inside one sequence: split at ' and ' only between list items
            items = _split_items(toks)
            for item in items:
                if (
                    len(item) >= 2
                    and not any(t.i in taken for t in item)
                    and not _within_entity(view, item, ("PERSON", "COUNTRY", "LOCATION", "ORGANIZATION"))
                ):
                    name = clean_space(view.text_of(item[0], item[-1]))
                    out.append(
                        _Found(view, item[0], item[-1], tok, name, kind, "list")
                    )  # head: the list noun
            k = toks[-1].i + 1
    return out


def _is_title_start(tok: Token) -> bool:
    """'Expressing', 'Encouraging': a title of a resolution or act opens with a capitalized gerund."""
    return is_capitalized(tok) and tok.text[1:].islower() and len(tok.text) > 4 and tok.lower_.endswith("ing")


def _title_end(sdoc: Doc, start: int) -> int | None:
    """Index of the last token of the title opening at `start`: capitalized words and the function words
    between them, up to a separator, a bracket, the sponsor ('by Senator X') or a lower-case word."""
    last, j, n = start, start + 1, len(sdoc)
    while j < n:
        t = sdoc[j]
        if (
            t.text == ","
            and j + 1 < n
            and is_capitalized(sdoc[j + 1])
            and sdoc[j + 1].lower_ not in SPONSOR_PREPS
        ):
            j += 1
            continue
        if is_capitalized(t) and t.lower_ not in SPONSOR_PREPS:
            last = j
        elif not (t.is_alpha and t.text.islower() and t.lower_ in TITLE_WORDS):
            break
        j += 1
    words = [t for t in sdoc[start : last + 1] if is_capitalized(t)]
    return last if len(words) >= 2 else None


def _find_titled(view: SentenceView, taken: set[int]) -> list[_Found]:
    """Instruments named by a title after their noun ('the resolution Expressing Concern Over the
    Security Environment in Georgia') or in a list of titles after a plural instrument noun and a colon
    ('resolutions proposed by the delegation: Encouraging Transparency in the Extractive Industries, by
    Senator X; Recognizing ...')."""
    sdoc, out = view.sdoc, []
    list_noun, listing = None, False
    for tok in sdoc:
        kind = _kind_of(tok) if tok.text.islower() else None
        if kind is not None and _is_plural(tok) and not listing:
            list_noun = tok
        if list_noun is not None and tok.text in LIST_MARKERS:
            listing = True
        if not _is_title_start(tok) or tok.i in taken or tok.i == 0:
            continue
        prev = sdoc[tok.i - 1]
        noun = prev if prev.text.islower() and _kind_of(prev) is not None else None
        if noun is None and listing:
            k = tok.i - 1
            while k > 0 and sdoc[k].lower_ in LIST_JOINERS and sdoc[k].text not in (",",):
                k -= 1
            if sdoc[k].text in LIST_MARKERS or sdoc[k].text in TITLE_SEPARATORS:
                noun = list_noun
        if noun is None:
            continue
        end = _title_end(sdoc, tok.i)
        if end is None or any(i in taken for i in range(tok.i, end + 1)):
            continue
        title = clean_space(view.text_of(tok, sdoc[end]))
        name = f"{noun.lemma_.capitalize()} {title}"
        first = noun if noun is prev else tok  # "resolution Expressing ...": the noun heads the mention
        out.append(_Found(view, first, sdoc[end], first, name, _kind_of(noun) or "act", "titled"))
        taken |= set(range(tok.i, end + 1))
    return out


def _title_sponsors(f: _Found) -> list[EntitySpan]:
    """'..., by Senator X', '... by Rep. Y (and, in his absence, Rep. Z);': who put the titled
    instrument forward."""
    sdoc, j = f.view.sdoc, f.last.i + 1
    if j < len(sdoc) and sdoc[j].text == ",":
        j += 1
    if j >= len(sdoc) or sdoc[j].lower_ not in SPONSOR_PREPS:
        return []
    stop = j + 1
    while stop < len(sdoc) and sdoc[stop].text not in TITLE_SEPARATORS and not _is_title_start(sdoc[stop]):
        stop += 1
    return f.view.entities_in(sdoc[j + 1 : stop], (*ACTOR_TYPES, "PERSON"))


@dataclass(frozen=True)
class _DealRule:
    name: str
    verbs: frozenset[str]
    obj: tuple
    requires: tuple | None
    template: str
    no_happening: bool  # the object may not be a happening noun of the taxonomy ("agreed to talks")
    not_objects: frozenset[str]  # lemmas the object may not have ("agreed on the need for ...")
    of_instrument: bool  # the object must be an instrument noun ("extended the lease")


@cache
def _deal_rules() -> tuple[_DealRule, ...]:
    g = load_grammar("agreements")
    lists = g.get("lists", {})
    return tuple(
        _DealRule(
            r["name"],
            frozenset(lists[r["verbs"]]),
            parse_path(r["object"], lists),
            parse_path(r["requires"], lists) if r.get("requires") else None,
            r["name_template"] if "name_template" in r else r["name"],
            bool(r.get("no_happening")),
            frozenset(lists[r["not_objects"]]) if r.get("not_objects") else frozenset(),
            bool(r.get("of_instrument")),
        )
        for r in g["implicit_deals"]
    )


def _phrase(view: SentenceView, tok: Token) -> tuple[Token, Token, str]:
    """The phrase of `tok` without the clauses hanging off it and without its leading determiner; a
    verb keeps the clause it takes as its complement ("agreed to let NATO supplies cross its
    territory": 'let' is nothing without it)."""
    toks = argument_tokens(tok)
    if tok.pos_ == "VERB":
        toks += [t for c in tok.children if c.dep_ in ("ccomp", "xcomp") for t in argument_tokens(c)]
    toks = sorted(set(toks), key=lambda t: t.i)
    toks = [t for t in toks if t.i - tok.i < MAX_DEAL_WORDS]
    first, last = toks[0], toks[-1]
    sdoc = view.sdoc
    while first.i < last.i and (first.dep_ in ("det", "aux", "mark") or first.is_punct):
        first = sdoc[first.i + 1]
    while last.i > first.i and last.is_punct:
        last = sdoc[last.i - 1]
    return first, last, clean_space(view.text_of(first, last))


def _deal_anchors(verb: Token, obj: Token, rule: _DealRule) -> dict[str, Token | None]:
    return dict(verb=verb, object=obj, transfer=verb if rule.requires is not None else None)


def _find_implicit(view: SentenceView, taken: set[int]) -> list[_Found]:
    """Deals told by their verb (implicit_deals in data/grammar/agreements.yaml)."""
    sdoc, out = view.sdoc, []
    for rule in _deal_rules():
        for verb in sdoc:
            if verb.pos_ != "VERB" or verb.lemma_.lower() not in rule.verbs or verb.i in taken:
                continue
            if any(c.dep_ == "neg" for c in verb.children) or verb.dep_ in ("xcomp", "ccomp", "pcomp"):
                continue  # "did not agree", "was unable to agree", "decided to sell": no deal
            objs = follow(verb, rule.obj)
            if not objs or (_kind_of(objs[0]) is not None) != rule.of_instrument:
                continue
            if rule.no_happening and (objs[0].lower_ in HAPPENINGS or objs[0].lemma_.lower() in HAPPENINGS):
                continue  # "agreed to talks", "agreed to a visit": a happening, not a deal
            if objs[0].lemma_.lower() in rule.not_objects:
                continue
            obj = objs[0]
            _first, last, phrase = _phrase(view, obj)
            required = ""
            if rule.requires is not None:
                req = follow(verb, rule.requires)
                if not req:
                    continue
                _f, rlast, required = _phrase(view, req[0])
                last = max(last, rlast, key=lambda t: t.i)
            last = max(last, verb, key=lambda t: t.i)  # "the lease was extended": the object before its verb
            inner = [i for i in range(verb.i, last.i + 1) if i in taken]
            if inner:  # "agreed to renew the treaty": the mention stops before the instrument it names
                if inner[0] <= verb.i + 1:
                    continue
                last = sdoc[inner[0] - 1]
            anchors = _deal_anchors(verb, obj, rule)
            found_parties = apply_rules(
                view, argument_rules("agreements", "implicit_parties"), anchors, ACTOR_TYPES
            )
            if not found_parties and not _usable_dates(view):
                continue
            name = rule.template.format(
                object=phrase, required=required, nominal=DEAL_NOMINALS.get(verb.lemma_.lower(), "deal")
            )
            out.append(_Found(view, verb, last, verb, name, "agreement", "implicit"))
    return out


def _split_items(toks: list[Token]) -> list[list[Token]]:
    """'Foreign Military Financing and International Military Education and Training' -> two items:
    split at the 'and' that is followed by a word starting a new multi-word name."""
    items, cur = [], []
    for i, t in enumerate(toks):
        if (
            t.lower_ == "and"
            and cur
            and i + 2 < len(toks)
            and is_capitalized(toks[i + 1])
            and is_capitalized(toks[i + 2])
        ) and len(cur) >= 2:
            items.append(cur)
            cur = []
            continue
        cur.append(t)
    if cur:
        items.append(cur)
    return items


# --------------------------------------------------------------------------- grammar around a mention


def _unrealized(verb: Token) -> bool:
    """'did not sign', 'was unable to extend', 'refused to ratify' (failure_verbs): the action did not
    happen, for the verb or one it is the infinitive of."""
    cur = verb
    for _ in range(3):
        if any(c.dep_ == "neg" for c in cur.children):
            return True
        if cur is not verb and (cur.pos_ == "ADJ" or cur.lemma_.lower() in FAILURE_VERBS):
            return True
        if cur.dep_ not in ("xcomp", "acomp") or cur.head.i == cur.i:
            return False
        cur = cur.head
    return False


def _action(f: _Found) -> tuple[Token | None, str | None]:
    """The verb or noun of what happened to the instrument, and the action it tells (None for an
    action that did not happen)."""
    verb, action = _told_action(f)
    if verb is not None and action is not None and _unrealized(verb):
        return verb, None
    return verb, action


def _told_action(f: _Found) -> tuple[Token | None, str | None]:
    h = f.head
    if f.how == "implicit":  # the deal's own verb: "agreed to ...", "sold ... to ..."
        return h, ACTIONS.get(h.lemma_.lower())  # a sale or lease is no signing
    for c in h.children:
        if c.dep_ in ("acl", "relcl") and c.lemma_.lower() in ACTIONS and c.i > h.i:
            return c, ACTIONS[c.lemma_.lower()]
    # the mention's own noun is a subject: only intransitive "appeared"
    if h.dep_ in ("nsubj",) and h.head.lemma_.lower() in INTRANSITIVE_ACTIONS:
        return h.head, ACTIONS.get(h.head.lemma_.lower(), "launched")
    if h.dep_ == "ROOT":
        verb = _verb_after_brackets(h)
        if verb is not None:  # its parties, not a dated action: the parse is too broken to say when
            return verb, None
    cur = h
    for _ in range(4):
        if cur.head.i == cur.i:
            break
        dep = cur.dep_
        cur = cur.head
        if cur.pos_ == "ADP":
            gov = cur.head
            ok = OBJECT_PREPS.get(cur.lower_)
            if ok is None or (ok and gov.lemma_.lower() not in ok) or (not ok and gov.pos_ != "NOUN"):
                break  # "Under the plan, the U.S. launched ...": the plan is not what was launched
            if ok and any(c.dep_ == "dobj" for c in gov.children):
                break  # "signed the letter to the treaty's depositary": the verb has its own object
        lemma = cur.lemma_.lower()
        if lemma in ACTIONS and (cur.pos_ in ("VERB", "NOUN") or cur.tag_.startswith("VB")):
            act = ACTIONS[lemma]
            if dep == "nsubj" and act in OBJECT_ONLY:
                return None, None
            return cur, act
        if cur.pos_ in ("VERB", "AUX"):
            break
    return None, None


def _verb_after_brackets(h: Token) -> Token | None:
    """'an agreement to create the X Force (KSOR) (Russian: ...) was reached by ...': brackets broke the
    parse in two, the instrument heading the first part; the passive action verb heading the second,
    whose subject is inside the brackets, is the instrument's."""
    sdoc = h.doc
    for t in sdoc[h.i + 1 :]:
        if t.dep_ != "ROOT":
            continue
        if t.pos_ != "VERB" or t.lemma_.lower() not in ACTIONS:
            return None
        subj = [c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")]
        opened = [x.i for x in sdoc[h.i : t.i] if x.text == "("]
        if any(c.dep_ == "auxpass" for c in t.children) and opened and all(c.i > opened[0] for c in subj):
            return t
        return None
    return None


def _usable_dates(view: SentenceView) -> list[DateSpan]:
    return [
        d
        for d in view.dates
        if d.span is not None
        and not d.date.in_footnote
        and not (d.date.is_relative and d.date.precision == "range")
    ]


def _date_for(f: _Found, verb: Token | None, views: list[SentenceView]) -> tuple[int, DateSpan] | None:
    view = f.view
    dates = _usable_dates(view)
    sub = set(range(f.first.i, f.last.i + 1))
    for c in f.head.children:
        if c.dep_ not in ("relcl", "acl", "advcl", "conj", "cc", "appos") or c.lower_ == "dated":
            sub |= {t.i for t in c.subtree}
    best = None
    for d in dates:
        toks = list(d.span)
        before = view.sdoc[d.span.start - 1] if d.span.start > 0 else None
        if before is not None and before.lower_ in END_PREPS:
            continue  # "extended the lease until 2042": when it ends, not when it was made
        rank = None
        after = d.span.start - f.last.i
        if (
            0 < after <= 4
            and before is not None
            and before.text in ACRONYM_PRECEDERS
            and (before.text == "(" or (d.span.start >= 2 and view.sdoc[d.span.start - 2].text == "("))
        ) or (all(t.i in sub for t in toks) and d.span.start > f.last.i):
            rank = 0
        elif verb is not None and any(verb in list(t.ancestors)[:4] for t in toks):
            rank = 1
        elif (
            verb is not None
            and 0 < d.span.start - verb.i <= 3
            and not any(t.is_punct for t in view.sdoc[verb.i : d.span.start])
        ):
            rank = 2
        elif verb is not None:
            rank = 3
        else:
            rank = 4
        dist = token_distance(d.span, verb if verb is not None else f.head)
        cand = (rank, dist, d)
        if best is None or cand[:2] < best[:2]:
            best = cand
    if best is not None:
        return best[0], best[2]
    if verb is None:
        return None
    # no date in the sentence: the sentence refers back; nearest earlier date in the paragraph
    pos = view.position
    for back in range(1, 4):
        if pos - back < 0:
            break
        prev = views[pos - back]
        if prev.sentence.paragraph != view.sentence.paragraph:
            break
        pd = _usable_dates(prev)
        if pd:
            return 5, pd[-1]
    return None


def _subject_entities(view: SentenceView, verb: Token) -> tuple[list[EntitySpan], bool]:
    """Entities in the subject of `verb` (climbing out of infinitives and relative clauses)."""
    cur = verb
    for _ in range(3):
        subj = [c for c in cur.children if c.dep_ in ("nsubj",)]
        agent = [c for c in cur.children if c.dep_ == "agent"]
        if subj or agent:
            toks = [t for c in (agent or subj) for t in _subject_tokens(c)]
            return view.entities_in(toks, (*ACTOR_TYPES, "PERSON")), bool(agent)
        lost = _subject_in_time_phrase(view, cur)
        if lost:
            return lost, False
        if cur.dep_ in ("xcomp", "relcl", "acl", "advcl", "conj", "pcomp") and cur.head.i != cur.i:
            cur = cur.head
            if cur.pos_ not in ("VERB", "AUX"):
                # "the first state to join": the noun's own governor carries the subject
                if cur.head.i != cur.i and cur.dep_ in ("attr", "dobj", "oprd"):
                    cur = cur.head
                else:
                    break
        else:
            break
    return [], False


def _subject_tokens(subj: Token) -> list[Token]:
    """The subject's words without the clauses that describe it ('six states belonging to the CIS —
    A, B and C — signed': the CIS is no signer), but with the names set beside the subject there (the
    parse hangs the list A, B and C on the CIS, in apposition or as conjuncts after a dash)."""
    cut = {t.i for c in subj.children if c.dep_ in ("acl", "relcl") for t in c.subtree}
    dash = min((t.i for t in subj.subtree if t.i in cut and t.text in LIST_DASHES), default=None)
    kept = {t.i for t in subj.subtree if t.i in cut and t.dep_ == "appos" for t in t.subtree}
    return [t for t in subj.subtree if t.i not in cut or t.i in kept or (dash is not None and t.i > dash)]


def _subject_in_time_phrase(view: SentenceView, verb: Token) -> list[EntitySpan]:
    """'In 2010 Norway and Russia signed ...' parsed as 'In [2010 Norway and Russia]': a verb with no
    subject whose opening time phrase holds a date and then names before the verb; those names are
    its subject."""
    for prep in verb.lefts:
        if prep.dep_ != "prep" or prep.lower_ not in SETTING_PREPS:
            continue
        dated = [d.span for d in view.dates if d.span is not None and d.span.start == prep.i + 1]
        after = [t for t in prep.subtree if dated and t.i >= dated[0].end]
        names = [e for e in view.entities_in(after, (*ACTOR_TYPES, "PERSON")) if e.span.end <= verb.i]
        if names:
            return names
    return []


def _topic_tokens(f: _Found) -> set[int]:
    """Positions of the names the instrument is about ('a resolution on Chad': `topics` rules)."""
    return {tok.i for _rule, tok in reached(argument_rules("agreements", "topics"), {"instrument": f.head})}


def _state_of(e: EntitySpan, states: Mapping[str, str]) -> str | None:
    """A state organ named after its state: 'Kazakhstan Foreign Ministry', 'U.S. House of ...', as
    written or, for a body of the state (state_organ_words), by its canonical name ('a House
    subcommittee', of the U.S. House of Representatives)."""
    canonical = e.entity.name.split()
    organ = any(w.lower() in STATE_ORGAN_WORDS for w in canonical)  # not 'China National Petroleum Corp.'
    for words in (e.mention.mention.text.split(), canonical if organ else []):
        for n in (2, 1):
            if len(words) > n:
                hit = states.get(norm_key(" ".join(words[:n])))
                if hit:
                    return hit
    return None


STATE_WORDS = frozenset(LEX["state_words"])
STATE_ORGAN_WORDS = frozenset(LEX["state_organ_words"])
GROUP_NUMBERS: dict[str, int] = LEX["group_numbers"]
GROUP_NOUNS = frozenset(LEX["group_nouns"])
GROUP_WINDOW = 3  # sentences before the one of the counted subject, in its paragraph


def _counted_group(f: _Found, s0: Token, views: list[SentenceView]) -> list[EntitySpan]:
    """'Minister X visited Tashkent ..., and the two ministries signed ...', 'the same five leaders
    signed', 'an agreement between the two countries': a noun phrase that counts states (group_numbers, group_nouns) stands for the last that many
    distinct states named before it, in its sentence or the few before it in the paragraph; none when
    fewer are named there."""
    count = next((GROUP_NUMBERS[c.lower_] for c in s0.children if c.lower_ in GROUP_NUMBERS), None)
    if count is None or s0.lemma_.lower() not in GROUP_NOUNS:
        return []
    if not any(c.lower_ in ("the", "both") for c in s0.children):
        return []  # "two countries signed": not the two named before
    view, picked, seen = f.view, [], set()
    for back in range(GROUP_WINDOW + 1):
        if view.position - back < 0:
            break
        v = views[view.position - back]
        if v.sentence.paragraph != view.sentence.paragraph:
            break
        ents = [e for e in v.entities if e.type == "COUNTRY" and (back or e.span.end <= s0.i)]
        for e in reversed(ents):
            if e.entity.entity_id not in seen and not _behind_prefix(v, e):
                seen.add(e.entity.entity_id)
                picked.append(e)
        if len(picked) >= count:
            break
    return picked if len(picked) == count else []


def _pronoun_subject(f: _Found, verb: Token, views: list[SentenceView]) -> list[EntitySpan]:
    """'It drew up its Presentation Document' -> the previous sentence's subject; 'the republic
    joined ...' -> the country the document is mostly about."""
    subj = [c for c in verb.children if c.dep_ == "nsubj"]
    if not subj:
        return []
    s0 = subj[0]
    counted = _counted_group(f, s0, views)
    if counted:
        return counted
    pos = f.view.position
    if s0.lower_ == "it" and pos > 0:
        prev = views[pos - 1]
        # the subject of the root, or else of the last clause that has an actor for subject ("In 1994
        # the Program appeared; in May, Kazakhstan signed its Framework Document. It drew up ...")
        verbs = sorted(prev.sdoc, key=lambda t: (t.dep_ != "ROOT", -t.i))
        for v in verbs:
            toks = [t for c in v.children if c.dep_ == "nsubj" for t in c.subtree]
            ents = prev.entities_in(toks, ACTOR_TYPES)
            if ents:
                return ents
    if s0.lemma_.lower() in STATE_WORDS and any(c.lower_ == "the" for c in s0.children):
        counts: dict[str, list[EntitySpan]] = {}
        for v in views:
            for e in v.entities:
                if e.type == "COUNTRY":
                    counts.setdefault(e.entity.entity_id, []).append(e)
        if counts:
            return [max(counts.values(), key=len)[0]]
    return []


def _nested(view: SentenceView, e: EntitySpan) -> bool:
    """'European Command' inside 'U.S. European Command': a mention of the same type inside a longer
    one with the same head is part of that name, no entity of its own (not the CSTO of 'the Secretariat
    of the CSTO')."""
    return any(
        o is not e
        and o.type == e.type
        and o.span.start <= e.span.start
        and e.span.end <= o.span.end
        and len(o.span) > len(e.span)
        and o.span.root.i == e.span.root.i
        for o in view.entities
    )


def _behind_prefix(view: SentenceView, e: EntitySpan) -> bool:
    """'post-Soviet states', 'pro-Russian forces', 'the Inter-American Treaty': a name glued behind a
    prefix that names no one qualifies a noun; it is no actor ('Kazakh-U.S.' keeps both). `e` may be
    of another sentence than `view` (a subject carried over from the sentence before)."""
    i, sdoc = e.span.start, e.span.doc
    if i < 2:
        return False
    dash, word = sdoc[i - 1], sdoc[i - 2]
    named = view.entity_at(word) is not None if sdoc is view.sdoc else bool(word.ent_type_)
    return dash.text == "-" and not dash.whitespace_ and not word.whitespace_ and word.is_alpha and not named


def _actor_surfaces(views: Sequence[SentenceView]) -> dict[str, EntitySpan]:
    """The words a document names states and organizations with -> one of their mentions."""
    return {e.span.text: e for v in views for e in v.entities if e.type in ACTOR_TYPES}


def _bare_possessor(view: SentenceView, tok: Token, actors: Mapping[str, EntitySpan]) -> EntitySpan | None:
    """The entity a capitalized word is the apostrophe-less possessive of ("Azerbaijans", "NATOs"): a
    state or organization the document names with the word less its final "s", the word itself no
    mention of anything."""
    text = tok.text
    if len(text) < 4 or not text.endswith("s") or not is_capitalized(tok) or text[-2] in "sS'’":
        return None
    if any(e.span.start <= tok.i < e.span.end for e in view.entities):
        return None
    return actors.get(text[:-1])


def _parties(
    f: _Found, verb: Token | None, action: str | None, states: Mapping[str, str], views, speakers=()
) -> list[tuple[str, str]]:
    view, sdoc, out = f.view, f.view.sdoc, []
    if any(c.dep_ == "poss" and c.lower_ in FIRST_PERSON for c in f.head.children):
        out += [(eid, "sponsor") for eid in speakers]  # "my own resolution": the author's

    # "the Caspian Guard initiative", "the Black Sea Harmony program": a name the entity extractor took
    # for an organization ("Guard", "Harmony") is the instrument itself, not a party to it
    own_name = set()
    if f.head.text.islower() and f.head.i > f.first.i and is_capitalized(sdoc[f.head.i - 1]):
        own_name = {norm_key(f.name), norm_key(view.text_of(f.first, sdoc[f.head.i - 1]))}
    elif f.how in ("named", "known"):
        own_name = {norm_key(f.name)}

    def its_own_name(e: EntitySpan) -> bool:
        words = e.span.text.split()
        return (
            len(words) > 1
            and e.literal.type == "ORGANIZATION"
            and words[-1].lower() not in INSTITUTION_HEADS
            and norm_key(e.span.text) in own_name
        )

    def add(ents: list[EntitySpan], role: str) -> None:
        for e in ents:
            if _behind_prefix(view, e) or its_own_name(e) or _nested(view, e):
                continue
            if e.type in (*ACTOR_TYPES, "PERSON"):
                out.append((e.entity.entity_id, role))
            if e.type == "ORGANIZATION":
                state = _state_of(e, states)
                if state is not None:
                    out.append((state, role))  # "the Kazakhstan Foreign Ministry" acts for Kazakhstan

    if f.how == "implicit":
        rule = next(r for r in _deal_rules() if f.head.lemma_.lower() in r.verbs and follow(f.head, r.obj))
        anchors = _deal_anchors(f.head, follow(f.head, rule.obj)[0], rule)
        for e, role, _rule in apply_rules(
            view, argument_rules("agreements", "implicit_parties"), anchors, ACTOR_TYPES
        ):
            if not any(t.dep_ == "dobj" and t.head.i == anchors["object"].i for t in e.span):
                add([e], role)  # "agreed to create the X Organization": X is what was agreed, not a party
        return out
    if f.how == "titled":  # the words of a title are its topic; its sponsor follows it ("..., by Senator X")
        add(_title_sponsors(f), "sponsor")
        if verb is not None and verb.pos_ in ("VERB", "AUX"):
            add(_subject_entities(view, verb)[0], "party")
        return out

    # "between X and Y" right after the mention (or its acronym)
    for t in sdoc[f.last.i + 1 : min(len(sdoc), f.last.i + 6)]:
        if t.lower_ == "between":
            stop = t.i + 1
            while stop < len(sdoc) and sdoc[stop].text not in (",", ";", ".", "(", ")") and stop - t.i < 12:
                if sdoc[stop].pos_ == "VERB":
                    break
                stop += 1
            add(view.entities_in(sdoc[t.i : stop], ACTOR_TYPES), "party")
            break
        if t.pos_ == "VERB" or t.text in (",", ";"):
            break
    # "an agreement between the two countries", "signed between both sides": the states counted
    for t in sdoc:
        if t.lower_ == "between" and t.head.i in (f.head.i, verb.i if verb is not None else -1):
            add([e for p in t.children if p.dep_ == "pobj" for e in _counted_group(f, p, views)], "party")
    # demonym compounds and other entities inside the mention ("a joint Kazakh-U.S. statement")
    # (its own modifiers only: a noun the parse made the root has the clause's subject on its left)
    left = min([f.first.i, *(c.left_edge.i for c in f.head.lefts if c.dep_ in NP_MODIFIERS)])
    # not what a clause of the description makes ("a decree establishing the battalion")
    end = min([f.last.i, *(c.i - 1 for c in f.head.rights if c.dep_ == "acl" and c.i <= f.last.i)])
    topic = _topic_tokens(f)
    inside = [
        e
        for e in view.entities_in(sdoc[left : end + 1], ACTOR_TYPES)
        if not any(t.i in topic for t in e.span)
    ]
    possessors = [c for c in f.head.children if c.dep_ == "poss"]
    if f.first.i >= 2 and sdoc[f.first.i - 1].text in ("'s", "’s", "'"):
        possessors.append(sdoc[f.first.i - 2])
    poss_ents = [e for p in possessors for e in view.entities_in(p.subtree, ACTOR_TYPES)]
    add(poss_ents, "sponsor")
    # a possessive that lost its apostrophe (HTML text): "Azerbaijans Individual Partnership Action Plan"
    actors = _actor_surfaces(views)
    for t in (f.first, sdoc[f.first.i - 1] if f.first.i else None):
        bare = _bare_possessor(view, t, actors) if t is not None else None
        if bare is not None:
            out.append((bare.entity.entity_id, "sponsor"))
            break
    # a city in the name is where it was signed, not a party ("the Astana Declaration", "Tashkent Pact");
    # one in its complement stands for its state ("an accord between Moscow and Kiev")
    add(
        [
            e
            for e in inside
            if e not in poss_ents and (e.literal.type != "LOCATION" or e.span.start > f.head.i)
        ],
        "party",
    )
    if verb is not None and _unrealized(verb):
        verb = None  # 'Ukraine chose not to ratify the Charter': who did not act is no party by it
    if verb is not None and verb.pos_ in ("VERB", "AUX") and verb.lemma_.lower() not in MEDIATION_ACTIONS:
        subj, _passive = _subject_entities(view, verb)
        if not subj:
            subj = _pronoun_subject(f, verb, views)
        role = (
            "participant"
            if action in PARTICIPATION_ACTIONS
            else "sponsor"
            if action in SPONSOR_ACTIONS
            else "party"
        )
        add(subj, role)
    span = sdoc[f.first.i : f.last.i + 1]
    anchors = {"instrument": span.root if f.head in span else f.head, "verb": verb}
    rules = argument_rules("agreements", "parties")
    modifier_rules = {r.name for r in rules if r.keep == "token"}
    # role "signer": a party told as a signing clause's subject is, that may be a person, like the
    # subject of the action verb ("Yeltsin and Kuchma, who signed the treaty")
    types = {"party": ACTOR_TYPES, "sponsor": ACTOR_TYPES, "participant": ACTOR_TYPES}
    types["signer"] = (*ACTOR_TYPES, "PERSON")
    for e, role, rule in apply_rules(view, rules, anchors, types):
        if rule in modifier_rules and e.literal.type == "LOCATION":
            continue  # "at the Istanbul summit": the venue
        if rule in modifier_rules and any(t.dep_ in ("dobj", "pobj") for t in e.span):
            continue  # "an agreement to create the X Force": X is what is made, not who made it
        add([e], "party" if role == "signer" else role)
    group = _listed_with(f.head)
    if group is not None:  # 'withdrew from A and B', '... from a number of agreements including A, B'
        for e, role, rule in apply_rules(view, rules, {"instrument": group, "verb": None}, types):
            if rule not in modifier_rules:
                add([e], "party" if role == "signer" else role)
    did_not_act = _did_not_act(f)
    return [(eid, role) for eid, role in out if eid not in did_not_act]


def _listed_with(tok: Token) -> Token | None:
    """What an instrument is listed with, whose verbs act on it too: the instrument it is coordinated
    with ('withdrew from A and B': A), or the plural instrument noun a list of examples hangs off ('a
    number of agreements including A, B and C': the counted 'number')."""
    cur, listed = tok, False
    for _ in range(LIST_HOPS):
        if cur.dep_ not in ("conj", "appos", "pobj", "prep") or cur.head.i == cur.i:
            return None
        listed |= cur.dep_ in ("conj", "appos")
        parent = cur.head
        if cur.dep_ == "pobj" and parent.lower_ in EXAMPLE_PREPS:
            group = parent.head
            if _kind_of(group) is None or not _is_plural(group):
                return None
            if (
                group.dep_ == "pobj"
                and group.head.lower_ == "of"
                and group.head.head.lemma_.lower() in QUANTITY_NOUNS
            ):
                group = group.head.head
            return group
        if listed and _kind_of(parent) is not None:
            return _listed_with(parent) or parent  # 'including A, B and C': C is listed with B, with A
        cur = parent
    return None


def _did_not_act(f: _Found) -> set[str]:
    """'Ukraine never ratified the Charter', 'Turkey has not signed it': the subject of a negated verb
    whose object the instrument is, whatever rule would tie it to the instrument."""
    verb = f.head.head
    if f.head.dep_ not in ("dobj", "nsubjpass") or verb.pos_ not in ("VERB", "AUX") or not _unrealized(verb):
        return set()
    return {e.entity.entity_id for e in _subject_entities(f.view, verb)[0]}


# --------------------------------------------------------------------------- anaphora and described


def _misparsed_noun(tok: Token) -> bool:
    """'signed the ceasefire deal' tagged as 'the ceasefire (subject) deal (verb)': a base-form verb
    spelled as an instrument noun, governed by an action verb, right after a determiner or after a
    singular noun that follows one (such a noun could not be its subject: 'deals' would agree) is
    the noun its position makes it."""
    if tok.tag_ not in ("VB", "VBP") or not tok.text.islower() or tok.lower_ not in INSTRUMENTS or tok.i == 0:
        return False
    if tok.head.i == tok.i or tok.head.lemma_.lower() not in ACTIONS:
        return False
    prev = tok.doc[tok.i - 1]
    return prev.tag_ in ("DT", "PRP$", "POS") or (prev.tag_ == "NN" and _np_left(tok) < prev.i)


def _np_left(tok: Token) -> int:
    if tok.pos_ == "VERB":  # a misparsed instrument noun: its modifiers by position, not by the parse
        left = tok.i
        while left > 0 and tok.doc[left - 1].tag_ in ("NN", "NNP", "JJ", "CD", "HYPH", "DT", "PRP$", "POS"):
            left -= 1
            if tok.doc[left].tag_ in ("DT", "PRP$"):
                break
        return left
    lefts = [c for c in tok.lefts if c.dep_ in NP_MODIFIERS]
    left = min([tok.i, *(c.left_edge.i for c in lefts)])
    # "signed a ceasefire deal" parsed as two objects of the verb: the noun just before the head, a
    # sibling with the same relation, is its modifier
    if left == tok.i and tok.i > 0:
        prev = tok.doc[tok.i - 1]
        if prev.pos_ == "NOUN" and prev.head.i == tok.head.i != prev.i and prev.dep_ == tok.dep_:
            left = _np_left(prev)
    return left


def _described_name(view: SentenceView, tok: Token) -> tuple[Token, Token, list[Token]]:
    sdoc = view.sdoc
    left = _np_left(tok)
    np = list(sdoc[left : tok.i + 1])
    dets = [
        t for t in np if t.dep_ in ("det", "predet", "poss") or t.lower_ in ANAPHORIC_DETS | INDEFINITE_DETS
    ]
    while np and (np[0] in dets or np[0].is_punct or np[0].dep_ == "case"):
        np = np[1:]  # "Russia's lease": the possessor and its "'s"
    first = np[0] if np else tok
    last = tok
    # right complements: "with NATO's ... Organization", "in the energy and defense sphere", "dated 11 September"
    for c in tok.rights:
        # "a declaration establishing a peacekeeping force", "an agreement to create a rapid reaction force"
        clause = c.dep_ == "acl" and (
            c.tag_ == "VBG" or any(a.dep_ == "aux" and a.tag_ == "TO" for a in c.lefts)
        )
        if c.lower_ in SETTING_PREPS and (
            tok.pos_ == "VERB" or any(d.span is not None and d.span.start == c.i + 1 for d in view.dates)
        ):
            continue  # "signed a ceasefire deal in May 2015", misparsed: the time is the verb's
        if (
            (c.dep_ == "prep" and c.lower_ in DESCRIBED_PREPS)
            or (c.dep_ == "acl" and c.lower_ == "dated")
            or clause
        ):
            stop = c.i
            # a clause inside the clause is no part of the name ("a resolution calling on X to review Y")
            nested = {
                x.i
                for d in c.subtree
                if d is not c and d.dep_ in ("xcomp", "ccomp", "advcl")
                for x in d.subtree
            }
            for t in c.subtree:
                if (
                    t.text in ("(", ",", ";", ".")
                    or t.dep_ in ("relcl",)
                    or (clause and (t.dep_ == "cc" or t.i in nested))
                ):
                    break
                if c.lower_ == "of" and t.dep_ == "prep" and t.lower_ in SETTING_PREPS:
                    break  # "a memorandum of understanding in Dushanbe": where it was signed
                stop = t.i
            if clause and stop == c.i:
                break  # "issued a statement Friday saying ...": the clause is all told speech, no name
            if stop > last.i and stop - tok.i < 14:
                last = sdoc[stop]
                for d in view.dates:
                    if d.span is not None and d.span.start <= last.i < d.span.end - 1:
                        last = sdoc[d.span.end - 1]  # "dated 11 September, 2001"
            break
        if c.text in ("(", ",", "—"):
            break
    return first, last, dets


def _find_other(view: SentenceView, taken: set[int]) -> list[_Found]:
    out = []
    for tok in view.sdoc:
        if tok.i in taken or (tok.pos_ not in ("NOUN", "PROPN") and not _misparsed_noun(tok)):
            continue
        kind = _kind_of(tok)
        if kind is None or tok.dep_ == "compound" or _names_no_instrument(tok):
            continue
        nxt = view.sdoc[tok.i + 1] if tok.i + 1 < len(view.sdoc) else None
        if (
            nxt is not None
            and _kind_of(nxt) is not None
            and (nxt.pos_ == "NOUN" or _misparsed_noun(nxt))
            and _np_left(nxt) <= tok.i
        ):
            continue  # "the ceasefire deal" misparsed: a modifier of the instrument noun after it
        if (
            is_capitalized(tok)
            and tok.i > 0
            and view.sdoc[tok.i - 1].lower_ not in ANAPHORIC_DETS | INDEFINITE_DETS
        ):
            continue
        first, last, dets = _described_name(view, tok)
        if any(t.i in taken for t in view.sdoc[first.i : last.i + 1]):
            continue
        det_words = {t.lower_ for t in dets}
        if not dets and not any(c.dep_ == "nummod" for c in tok.children) and not _is_plural(tok):
            continue  # "launched on U.S. initiative": no determiner, no instance
        name = clean_space(view.text_of(first, last))
        how = "anaphor" if det_words & ANAPHORIC_DETS else "described"
        if det_words & INDEFINITE_DETS and not _is_plural(tok):
            called = _appositive_name(view, last)
            if called is not None:  # "a related initiative, the Caspian Guard project"
                out.append(
                    _Found(
                        view,
                        called[0],
                        called[-1],
                        called[-1],
                        view.text_of(called[0], called[-1]),
                        kind,
                        "named",
                    )
                )
                continue
        out.append(_Found(view, first, last, tok, name, kind, how, plural=_is_plural(tok)))
    return out


def _names_no_instrument(tok: Token) -> bool:
    """'a declaration of war': the noun's 'of' complement makes it an act of one side."""
    return any(
        p.lower_ == "of"
        and any(o.lemma_.lower() in NO_INSTRUMENT_COMPLEMENTS for o in p.children if o.dep_ == "pobj")
        for p in tok.children
        if p.dep_ == "prep"
    )


def _appositive_name(view: SentenceView, last: Token) -> list[Token] | None:
    """'a related initiative, the Caspian Guard project ...': the capitalized words of a definite noun
    phrase set beside an indefinite instrument name it (two words or more, not a state's, place's or
    person's name alone, followed by their lower-case head noun)."""
    sdoc = view.sdoc
    i = last.i + 1
    if i + 3 >= len(sdoc) or sdoc[i].text != "," or sdoc[i + 1].lower_ != "the":
        return None
    run = []
    for t in sdoc[i + 2 :]:
        if not is_capitalized(t):
            break
        run.append(t)
    if len(run) < 2 or run[-1].i + 1 >= len(sdoc):
        return None
    head = sdoc[run[-1].i + 1]
    if (
        head.pos_ != "NOUN"
        or not head.text.islower()
        or _covered_by_entities(view, run, ("PERSON", "COUNTRY", "LOCATION"))
    ):
        return None
    return run


def _resolve_anaphor(f: _Found, recent: list[tuple[int, _Agr]]) -> _Agr | None:
    pos = f.view.position
    words = set(norm_key(f.name).split()) - {norm_key(f.head.text)}
    generic = f.head.lemma_.lower() in GENERIC_ANAPHORS
    for p, agr in reversed(recent):
        if pos - p > ANAPHORA_WINDOW:
            break
        if not generic and agr.kind != f.kind and (not agr.named or f.kind not in norm_key(agr.name).split()):
            continue  # ('the treaty' is not the 'agreement to renew the treaty' it is part of)
        if any(m[1] == f.view.sentence.sentence_id and 0 <= f.start - m[3] <= 1 for m in agr.mentions):
            continue  # nor is 'the gas contract' the 'agreement to renew the' just before it
        # "the 2001 agreement": a year in the anaphor is the year the antecedent is dated
        years = {d.value[:4] for _r, _i, d, _a in agr.dates if d.value}
        if (
            words
            and not words
            <= set(norm_key(agr.name).split()) | set(norm_key(" ".join(agr.aliases)).split()) | years
        ):
            continue
        return agr
    return None


# --------------------------------------------------------------------------- main


@dataclass(frozen=True)
class _Named:
    """A named instrument found by the first pass, by token positions (kept between builds)."""

    position: int  # sentence index in the document
    first: int
    last: int
    head: int
    name: str
    kind: str
    how: str
    acronym: str | None

    @classmethod
    def of(cls, f: _Found) -> _Named:
        return cls(f.view.position, f.first.i, f.last.i, f.head.i, f.name, f.kind, f.how, f.acronym)

    def found(self, views: list[SentenceView]) -> _Found:
        sdoc = views[self.position].sdoc
        args = (views[self.position], sdoc[self.first], sdoc[self.last], sdoc[self.head])
        return _Found(*args, self.name, self.kind, self.how, acronym=self.acronym)


@dataclass(frozen=True)
class _Lexicon:
    """What the corpus knows when each document is read in the second pass."""

    named: dict[str, tuple[str, str]]  # registry key -> (name, kind) of every named instrument
    acronyms: dict[str, str]  # acronym -> registry key
    known_names: tuple[tuple[str, str], ...]  # (name, key), longest first: looked for in every sentence
    states: dict[str, str]  # normalised country name or alias -> entity_id

    def fingerprint(self) -> str:
        return digest(
            *(repr(sorted(x.items())) for x in (self.named, self.acronyms, self.states)),
            repr(self.known_names),
        )


def extract_agreements(
    documents: Sequence[ParsedDocument],
    docs: Mapping[str, Sequence[Doc]],
    entities: Sequence[Entity],
    mentions: Sequence[ResolvedMention],
    dates: Sequence[DateMention],
    views: CorpusViews | None = None,
    memo: Memo = NO_MEMO,
    parallel_map: Callable[..., Iterator] = map,
) -> AgreementTables:
    """Two passes over the corpus: named instruments (and their acronyms) first, then every mention,
    document by document. Each document's part of either pass depends only on its own views and (second
    pass) the corpus' named instruments, so `memo` can keep it between builds and `parallel_map` can run
    it on other processes (`DocumentInputs`). `views` (build_views of the same inputs) may be passed in,
    so that events reuse them."""
    views = views if views is not None else build_views(documents, docs, entities, mentions, dates)
    states = {norm_key(n): e.entity_id for e in entities if e.type == "COUNTRY" for n in (e.name, *e.aliases)}
    fingerprints = {d.doc_id: views.fingerprint(d.doc_id) for d in documents}
    named_in = dict(
        zip(
            (d.doc_id for d in documents),
            memo.get_or_compute_many(
                "agreements-named",
                [fingerprints[d.doc_id] for d in documents],
                lambda missing: parallel_map(
                    _named_in_inputs, [views.inputs(documents[i].doc_id) for i in missing]
                ),
            ),
            strict=True,
        )
    )
    registry: dict[str, _Agr] = {}
    acronyms: dict[str, str] = {}  # acronym -> registry key

    def register(name: str, kind: str, named: bool, doc_id: str | None) -> _Agr:
        key = _registry_key(name, named, doc_id)
        if key not in registry:
            registry[key] = _Agr(key, name, kind, named, doc_id, order=len(registry) + 1)
        return registry[key]

    # pass 1: named instruments and acronym definitions across the corpus
    alias_of: dict[str, str] = {}  # registry key of an alias -> that of the name it stands for
    for found in named_in.values():
        for f in found:
            if f.how == "alias":
                alias_of[_registry_key(f.name, True, None)] = _registry_key(f.acronym or "", True, None)
                continue
            if len(f.name.split()) == 1 and is_acronym(f.name):
                continue  # 'PARP program': resolved after all long forms are known
            agr = register(f.name, f.kind, True, None)
            if f.acronym:
                agr.acronyms.add(f.acronym)
                acronyms.setdefault(f.acronym, agr.key)
    for agr in registry.values():
        for a in agr.acronyms:
            acronyms.setdefault(a, agr.key)
    for found in named_in.values():
        for f in found:
            if len(f.name.split()) == 1 and is_acronym(f.name) and f.name not in acronyms:
                match = next(
                    (a for a in list(registry.values()) if a.named and acronym_matches(f.name, a.name)),
                    None,
                )
                if match is not None:
                    match.acronyms.add(f.name)
                    acronyms[f.name] = match.key
                else:
                    acronyms[f.name] = register(f.name, f.kind, True, None).key
    times_named = Counter(_registry_key(f.name, True, None) for found in named_in.values() for f in found)
    for variant, canonical in _spelling_variants(
        [a.key for a in registry.values() if a.named], times_named
    ).items():
        registry[canonical].aliases.add(registry.pop(variant).name)
        alias_of[variant] = canonical
    alias_of = {k: v for k, v in alias_of.items() if v in registry and k not in registry}
    for found in named_in.values():
        for f in found:
            if f.how == "alias" and _registry_key(f.name, True, None) in alias_of:
                registry[alias_of[_registry_key(f.name, True, None)]].aliases.add(f.name)
    named = {a.key: (a.name, a.kind) for a in registry.values()}
    named.update({k: named[v] for k, v in alias_of.items()})
    known = [(a.name, a.key) for a in registry.values() if a.named and len(a.name.split()) >= 2]
    known += [(a, key) for key in alias_of.values() for a in registry[key].aliases if len(a.split()) >= 2]
    lexicon = _Lexicon(
        named=named,
        acronyms=dict(acronyms),
        known_names=tuple(sorted(dict.fromkeys(known), key=lambda x: -len(x[0]))),
        states=states,
    )

    # pass 2: every mention, document by document, in order; each document's findings are merged in
    lexicon_key = lexicon.fingerprint()
    read = memo.get_or_compute_many(
        "agreements-read",
        [digest(fingerprints[d.doc_id], lexicon_key, repr(d.authors)) for d in documents],
        lambda missing: parallel_map(
            _read_inputs,
            [views.inputs(documents[i].doc_id) for i in missing],
            [named_in[documents[i].doc_id] for i in missing],
            [lexicon] * len(missing),
        ),
    )
    for d, contributions in zip(documents, read, strict=True):
        for local in contributions:
            _merge(local, registry, register)
        # a parent's parties pass to what this document says is its part ("Kazakhstan signed its
        # Framework Document"): the parent's parties in this document, and its sponsors where the
        # document names them, not a state that only another text binds
        named_here = views.entity_ids(d.doc_id)
        here = {local.key: local for local in contributions}
        for local in contributions:  # parents once every instrument of the document is registered
            own = registry[_registry_key(local.name, local.named, local.doc_id)]
            for k in local.parent_keys:
                if alias_of.get(k, k) in registry:
                    parent = registry[alias_of.get(k, k)]
                    own.parents.append(parent)
                    local_parties = _parties_here(k, here)
                    own.inherited.append((parent, local_parties, named_here))
    return _tables(registry, _Owners.of(entities, mentions, views))


def _parties_here(key: str, here: Mapping[str, _Agr], seen: frozenset[str] = frozenset()) -> dict[str, str]:
    """The parties one document gives the instrument `key`, with those of the instruments it is part
    of there ("Science for Peace", a part of the Partnership for Peace, itself joined by Kazakhstan)."""
    if key not in here or key in seen:
        return {}
    out = dict(here[key].parties)
    for k in here[key].parent_keys:
        for eid, role in _parties_here(k, here, seen | {key}).items():
            out.setdefault(eid, role)
    return out


def _mark_aliases(view: SentenceView, found: list[_Found]) -> None:
    """'the Collective Security Treaty (also referred to as the Tashkent Pact or Tashkent Treaty)': the
    later names are aliases of the first (how 'alias', the first's name kept in `acronym`)."""
    named = sorted((f for f in found if f.how == "named"), key=lambda f: f.first.i)
    for prev, f in pairwise(named):
        between = view.sdoc[prev.last.i + 1 : f.first.i]
        if not 0 < len(between) <= ALIAS_WINDOW:
            continue
        if any(t.lower_ in ALIAS_CUES for t in between) and prev.how == "named":
            f.how, f.acronym = "alias", prev.name
        elif prev.how == "alias" and all(t.lower_ in ALIAS_JOINERS for t in between):
            f.how, f.acronym = "alias", prev.acronym


def _named_in_document(views: list[SentenceView]) -> tuple[_Named, ...]:
    """First pass over one document: named instruments and lists of them, outside footnotes and headings."""
    out: list[_Named] = []
    actors = _actor_surfaces(views)
    for v in views:
        if v.sentence.in_footnote or _is_heading(v):
            continue
        found = _find_named(v, actors)
        taken = {t.i for f in found for t in v.sdoc[f.first.i : f.last.i + 1]}
        found += _find_lists(v, taken)
        taken |= {t.i for f in found for t in v.sdoc[f.first.i : f.last.i + 1]}
        found += _find_titled(v, taken)
        _mark_aliases(v, found)
        out += [_Named.of(f) for f in found]
    return tuple(out)


def _named_in_inputs(inputs: DocumentInputs) -> tuple[_Named, ...]:
    """`_named_in_document` on another process."""
    return _named_in_document(document_views(inputs, stored_vocab()))


def _spelling_variants(keys: Sequence[str], times_named: Mapping[str, int]) -> dict[str, str]:
    """Names spelled two ways ('Belovezh Accords', 'Belovezha Accords': one letter more or less in one
    word of six letters or more, the other words the same) -> the name written more often (else first)."""
    by_shape: dict[tuple[int, int], list[str]] = defaultdict(list)  # (words, letters) -> keys
    for key in keys:
        by_shape[len(key.split()), len(key)].append(key)
    out: dict[str, str] = {}
    kept: set[str] = set()
    ranked = sorted(keys, key=lambda k: -times_named.get(k, 0))  # stable: first registered wins a tie
    for canonical in ranked:
        if canonical in out:
            continue
        kept.add(canonical)
        words = canonical.split()
        for variant in by_shape[len(words), len(canonical) - 1] + by_shape[len(words), len(canonical) + 1]:
            if variant not in out and variant not in kept and _one_letter_apart(words, variant.split()):
                out[variant] = canonical
    return out


def _one_letter_apart(a: list[str], b: list[str]) -> bool:
    if len(a) != len(b):
        return False
    differing = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
    if len(differing) != 1:
        return False
    x, y = sorted(differing[0], key=len)
    return (
        len(x) >= SPELLING_VARIANT_MIN
        and len(y) == len(x) + 1
        and any(y[:i] + y[i + 1 :] == x for i in range(len(y)))
    )


def _read_inputs(inputs: DocumentInputs, named: Sequence[_Named], lexicon: _Lexicon) -> list[_Agr]:
    """`_read_document` on another process."""
    document = inputs.document
    return _read_document(
        document.doc_id, document_views(inputs, stored_vocab()), named, lexicon, document.authors
    )


def _read_document(
    doc_id: str,
    vs: list[SentenceView],
    named: Sequence[_Named],
    lexicon: _Lexicon,
    authors: Sequence[str] = (),
) -> list[_Agr]:
    """Second pass over one document: what it says about each instrument, as one `_Agr` per
    instrument it touches (in the order first touched), to be merged into the corpus registry."""
    local: dict[str, _Agr] = {}

    def lookup(key: str) -> _Agr | None:
        if key not in local and key in lexicon.named:
            # an alias ("the Tashkent Pact") is the same instrument as its name: one record of what
            # this document says of it, whichever name the text uses
            name, kind = lexicon.named[key]
            canonical = _registry_key(name, True, None)
            if canonical not in local:
                local[canonical] = _Agr(canonical, name, kind, True, None)
            local[key] = local[canonical]
        return local.get(key)

    def register(name: str, kind: str, named: bool, doc_id: str | None) -> _Agr:
        key = _registry_key(name, named, doc_id)
        agr = lookup(key)
        if agr is None:
            agr = local[key] = _Agr(key, name, kind, named, doc_id)
        return agr

    surnames = {a.split()[-1].lower() for a in authors if a.split()}
    speakers = tuple(
        dict.fromkeys(
            e.entity.entity_id
            for v in vs
            for e in v.entities
            if e.type == "PERSON" and e.entity.name.split() and e.entity.name.split()[-1].lower() in surnames
        )
    )  # the author, for "my own resolution"
    by_sentence: dict[int, list[_Found]] = defaultdict(list)
    for n in named:
        by_sentence[n.position].append(n.found(vs))
    recent: list[tuple[int, _Agr]] = []
    by_members: list[_Agr] = []
    # names this pass finds that the first did not ("a related initiative, the Caspian Guard project"):
    # known from there on in this document
    named_here: list[tuple[str, str]] = []
    for v in vs:
        found: list[_Found] = []
        taken: set[int] = set()

        def take(fs: list[_Found], found=found, taken=taken) -> None:
            for f in fs:
                idx = set(range(f.first.i, f.last.i + 1))
                if idx & taken:
                    continue
                taken |= idx
                found.append(f)

        if not v.sentence.in_footnote:
            take(by_sentence.get(v.position, []))
        take(_find_known(v, (*lexicon.known_names, *named_here), lexicon.acronyms))
        if not v.sentence.in_footnote and not _is_heading(v):
            take(_find_other(v, taken))
            take(_find_implicit(v, taken))
        resolved: list[tuple[_Found, _Agr]] = []
        for f in sorted(found, key=lambda f: f.first.i):
            agr = _resolve(f, lookup, lexicon.acronyms, recent, register, doc_id, vs)
            if agr is None:
                continue
            _record(f, agr, vs, lexicon.states, speakers)
            resolved.append((f, agr))
            if (
                f.how == "named"
                and agr.named
                and len(agr.name.split()) >= 2
                and agr.key not in lexicon.named
                and (agr.name, agr.key) not in named_here
            ):
                named_here.append((agr.name, agr.key))
            if (f.how in ("named", "described") and _its(f)) or f.how == "list":
                parent = next((r for p, r in reversed(recent) if p == v.position and r is not agr), None)
                if parent is not None:
                    agr.parents.append(parent)
            recent.append((v.position, agr))
        if not v.sentence.in_footnote:
            _objectless_accessions(v, recent)
            _all_but(resolved)
            for f, agr in resolved:
                if _by_members(f):
                    by_members.append(agr)
    out = list({id(agr): agr for agr in local.values()}.values())
    members = _members(vs)
    # "an agreement ... was reached by five of the seven members": in a text on one organization whose
    # members it lists, its members
    if len(members) == 1:
        listed = next(iter(members.values()))
        for agr in by_members:
            for m in listed:
                agr.add_party(m, "party")
    for agr in out:
        if agr.kind in CONSTITUTIVE_KINDS:
            for eid in [e for e in agr.parties if e in members]:
                for m in members[eid]:
                    agr.add_party(m, "party")
                if members[eid]:
                    del agr.parties[eid]  # its members are bound by its charter, not the body it makes
    founded = _founded_bodies(vs)
    for agr in out:
        if agr.named and not agr.parties and _name_key(agr.name) in founded:
            agr.add_party(founded[_name_key(agr.name)], "party")  # the North Atlantic Treaty's NATO
    body = _deliberative_body(vs)
    for agr in out:
        if body is not None and agr.kind in BODY_KINDS and "party" not in agr.parties.values():
            agr.add_party(body, "party")  # "All were adopted": by the body whose session the text reports
    for agr in out:
        agr.parent_keys = [p.key for p in agr.parents]
        agr.parents = []
    return [agr for agr in out if agr.mentions or agr.parent_keys]


def _founded_bodies(views: list[SentenceView]) -> dict[str, str]:
    """Name key of an instrument -> the organization the document names that bears its name and an
    organization head ('North Atlantic Treaty' -> NATO, also called the North Atlantic Treaty
    Organization): the instrument founded it, and binds it where the text names no other party."""
    out: dict[str, str] = {}
    for v in views:
        for e in v.entities:
            if e.type != "ORGANIZATION":
                continue
            for form in (e.entity.name, *e.entity.aliases):
                words = form.split()
                if len(words) >= 3 and words[-1].lower() in ORG_HEADS:
                    out.setdefault(_name_key(" ".join(words[:-1])), e.entity.entity_id)
    return out


def _deliberative_body(views: list[SentenceView]) -> str | None:
    """The deliberative body a document names most (an organization whose name ends in one of
    deliberative_heads: 'OSCE Parliamentary Assembly', 'Security Council'), named twice at least: the
    body that adopts the resolutions the text gives no party."""
    counts: dict[str, int] = defaultdict(int)
    for v in views:
        for e in v.entities:
            words = e.entity.name.split()
            if e.type == "ORGANIZATION" and words and words[-1].lower() in DELIBERATIVE_HEADS:
                counts[e.entity.entity_id] += 1
    best = max(counts, key=lambda k: counts[k], default=None)
    return best if best is not None and counts[best] >= 2 else None


def _by_members(f: _Found) -> bool:
    """The instrument's signer or subject is the members with no name ('five of the seven members',
    'the member states'): member_nouns in grammar/agreements.yaml."""
    verb = _action(f)[0] if f.how != "implicit" else f.head
    if verb is None or verb.pos_ not in ("VERB", "AUX"):
        return False
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    subjects += [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    for subj in subjects:
        if f.view.entities_in(subj.subtree, (*ACTOR_TYPES, "PERSON")):
            continue
        heads = [
            subj,
            *(g for c in subj.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children),
        ]
        if any(h.lemma_.lower() in MEMBER_NOUNS and h.dep_ != "poss" for h in heads) and not any(
            t.i == f.head.i for t in subj.subtree
        ):
            return True
    return False


def _all_but(resolved: list[tuple[_Found, _Agr]]) -> None:
    """'six of the nine, all but Azerbaijan, Georgia, and Uzbekistan, agreed to renew the treaty': the
    parties of a deal on an instrument are that instrument's parties less the ones the subject leaves
    out (exclusion_cues in grammar/agreements.yaml); the left-out ones are never its parties, nor are
    those of any instrument acted on by such a subject ('all the founding states apart from A and B
    ratified the Charter')."""
    for f, agr in resolved:
        verb = f.head if f.how == "implicit" else _action(f)[0]
        subj = (
            None
            if verb is None
            else next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        )
        if subj is None:
            continue
        toks = sorted(subj.subtree, key=lambda t: t.i)
        lows = [t.lower_ for t in toks]
        at = next(
            (
                i + len(cue)
                for cue in EXCLUSION_CUES
                for i in range(len(lows))
                if tuple(lows[i : i + len(cue)]) == cue
            ),
            None,
        )
        if at is None:
            continue
        left_out = {e.entity.entity_id for e in f.view.entities_in(toks[at:], ACTOR_TYPES)}
        if not left_out:
            continue
        for eid in left_out:
            agr.parties.pop(eid, None)
        if f.how != "implicit":
            continue
        whole = next(
            (
                other
                for g, other in resolved
                if other is not agr and g.how != "implicit" and f.head.i < g.head.i <= f.last.i + 1
            ),
            None,
        )
        for eid, role in (whole.parties if whole is not None else {}).items():
            if eid not in left_out and role != "sponsor":
                agr.add_party(eid, "party")


def _members(views: list[SentenceView]) -> dict[str, list[str]]:
    """Organization entity_id -> the states the document lists as its members (`membership` rules)."""
    rules = argument_rules("agreements", "membership")
    verbs = frozenset(load_grammar("agreements")["lists"]["membership_verbs"])
    out: dict[str, list[str]] = {}
    for v in views:
        for verb in v.sdoc:
            if verb.lemma_.lower() not in verbs:
                continue
            found = apply_rules(v, rules, {"verb": verb}, ACTOR_TYPES)
            bodies = [
                e.entity.entity_id for e, role, _ in found if role == "body" and e.type == "ORGANIZATION"
            ]
            if not bodies and verb.dep_ == "acl" and verb.head.dep_ == "attr":
                # an encyclopedia's lead, "The X Organization (X, Russian: ...) is an alliance consisting
                # of ...": brackets break the parse; the organization opening the sentence is its subject
                bodies = [
                    e.entity.entity_id for e in v.entities if e.type == "ORGANIZATION" and e.span.start <= 1
                ]
            if not bodies:
                continue
            reached = [t for r in rules if r.role == "member" for t in follow(verb, r.steps)]
            states = [
                e.entity.entity_id
                for e in v.entities_in([t for r in reached for t in r.subtree], ("COUNTRY",))
                if not _behind_prefix(v, e)
            ]
            for b in bodies:
                out.setdefault(b, [])
                out[b] += [s for s in states if s not in out[b]]
    return out


def _objectless_accessions(view: SentenceView, recent: list[tuple[int, _Agr]]) -> None:
    """'Three other states, A, B and C, acceded in 1993 and the treaty took effect': a verb of accession
    with no object is about the instrument of this sentence or, failing one, of the sentence before;
    its subject joins it."""
    target = next((a for p, a in reversed(recent) if view.position - p <= 1), None)
    if target is None:
        return
    for verb in view.sdoc:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in OBJECTLESS_ACCESSIONS:
            continue
        if any(c.dep_ in ("dobj", "xcomp", "ccomp", "neg", "nsubjpass") for c in verb.children) or any(
            c.dep_ == "prep" and c.lower_ in OBJECT_PREPS for c in verb.children
        ):
            continue
        subj = [t for c in verb.children if c.dep_ == "nsubj" for t in c.subtree]
        for e in view.entities_in(subj, ACTOR_TYPES):
            if not _behind_prefix(view, e):
                target.add_party(e.entity.entity_id, "participant")


def _merge(local: _Agr, registry: dict[str, _Agr], register) -> None:
    """Add one document's findings on an instrument to the corpus registry."""
    agr = register(local.name, local.kind, local.named, local.doc_id)
    offset = len(agr.mentions)
    agr.mentions += local.mentions
    agr.aliases |= local.aliases
    for eid, role in local.parties.items():
        agr.add_party(eid, role)
    agr.dates += [(rank, offset + index, date, action) for rank, index, date, action in local.dates]
    agr.actions += local.actions
    agr.evidence += local.evidence


def _its(f: _Found) -> bool:
    """The instrument is introduced with 'its' ('the Program appeared; ... signed its Framework Document')."""
    sdoc = f.view.sdoc
    return f.first.i > 0 and sdoc[f.first.i - 1].lower_ == "its"


def _find_known(view: SentenceView, known: list[tuple[str, str]], acronyms: dict[str, str]) -> list[_Found]:
    out, sdoc = [], view.sdoc
    text = sdoc.text
    for name, key in known:
        pat = r"\b" + r"\s+".join(re.escape(w) for w in name.split()) + r"\b"
        for m in re.finditer(pat, text):
            span = sdoc.char_span(m.start(), m.end(), alignment_mode="expand")
            if span is None:
                continue
            last = span[-1]
            nxt = sdoc[last.i + 1] if last.i + 1 < len(sdoc) else None
            if nxt is not None and nxt.is_title and nxt.lower_ in ORG_HEADS:
                continue  # "the Collective Security Treaty Organization" is a body, not the treaty
            if nxt is not None and nxt.lower_ in INSTRUMENTS and nxt.text.islower():
                last = nxt
            f = _Found(view, span[0], last, sdoc[span[0].i : last.i + 1].root, name, "", "known")
            f.acronym = key
            out.append(f)
    for tok in sdoc:
        if tok.text in acronyms:
            if 0 < tok.i < len(sdoc) - 1 and sdoc[tok.i - 1].text == "(" and sdoc[tok.i + 1].text == ")":
                continue  # the definition "Long Form (ACR)" is already a mention
            last = tok
            nxt = sdoc[tok.i + 1] if tok.i + 1 < len(sdoc) else None
            if nxt is not None and nxt.lower_ in INSTRUMENTS and nxt.text.islower() and not _is_plural(nxt):
                last = nxt
            f = _Found(view, tok, last, sdoc[tok.i : last.i + 1].root, tok.text, "", "acronym")
            f.acronym = acronyms[tok.text]
            out.append(f)
    return out


def _resolve(f, lookup, acronyms, recent, register, doc_id, vs) -> _Agr | None:
    """The instrument `f` names or refers to; `lookup(key)` finds a known one, `register` adds one."""
    if f.how in ("known", "acronym"):
        return lookup(f.acronym)
    if f.how in ("named", "list", "titled", "alias"):
        if len(f.name.split()) == 1 and f.name in acronyms:
            return lookup(acronyms[f.name])
        return lookup(_registry_key(f.name, True, None)) or register(f.name, f.kind, True, None)
    if f.how == "implicit":
        return lookup(_registry_key(f.name, False, doc_id)) or register(f.name, f.kind, False, doc_id)
    verb, action = _action(f)
    if f.how == "anaphor" and not f.plural:
        agr = _resolve_anaphor(f, recent)
        if agr is not None:
            return agr
    # the same described instrument again ("a five-year plan" ... "the five-year plan")
    agr = lookup(_registry_key(f.name, False, doc_id))
    if agr is not None:
        return agr
    unrealized = verb is not None and action is None and _unrealized(verb)
    if unrealized or (_later_act_verbs(f) and not _later_act(f)):
        return (
            None  # "was unable to extend the lease of the base": no new instrument from what did not happen
        )
    # a new described instrument needs modifiers, and a signing verb or (singular) a date
    words = norm_key(f.name).split()
    if f.how == "anaphor" and len(words) < 2:
        return _first_definite(f, verb, action, recent, register, doc_id, vs)
    if len(words) < 2 and action is None:
        return None
    if f.plural:
        if action is None or len(words) < 3 or _date_for(f, verb, vs) is None:
            return None
    elif (
        action is None
        and not (_usable_dates(f.view) and not _later_act(f))
        and not (_between_parties(f) or _exists_by_rules(f) or _later_act(f))
    ):
        return None
    if len(words) == 1 and not f.plural and action is not None and _subject_entities(f.view, verb)[0]:
        # "Sudan and Chad agreed to a truce": never "truce" alone, when the clause says who (not "a
        # memorandum was signed with X in Dushanbe", whose signers the text leaves to its context)
        f.name = _named_by_parties(f, verb, action, vs) or f.name
    return register(f.name, f.kind, False, doc_id)


@cache
def _existence_rules() -> tuple:
    """The `parties` rules named by `existence_rules` in grammar/agreements.yaml."""
    names = frozenset(load_grammar("agreements")["existence_rules"])
    return tuple(r for r in argument_rules("agreements", "parties") if r.name in names)


def _exists_by_rules(f: _Found) -> bool:
    """'Azerbaijan and Georgia are parties to the pipeline agreement', 'Poland and Lithuania have a
    defense cooperation agreement': an instrument an existence rule ties a state or body to exists,
    signed or not."""
    span = f.view.sdoc[f.first.i : f.last.i + 1]
    anchor = span.root if f.head in span else f.head
    return bool(apply_rules(f.view, _existence_rules(), {"instrument": anchor}, ACTOR_TYPES))


@cache
def _later_act_paths() -> tuple[tuple, ...]:
    g = load_grammar("agreements")
    return tuple(parse_path(p, g["lists"]) for p in g["later_acts"])


def _later_act_verbs(f: _Found) -> list[Token]:
    """The verbs by which the sentence says the instrument was left or renewed (`later_acts` paths):
    'Russia withdrew from the treaty in 2012', 'the protocol extended the treaty'."""
    span = f.view.sdoc[f.first.i : f.last.i + 1]
    anchor = span.root if f.head in span else f.head
    return [t for steps in _later_act_paths() for t in follow(anchor, steps)]


def _later_act(f: _Found) -> bool:
    return any(not _unrealized(t) for t in _later_act_verbs(f))


def _between_parties(f: _Found) -> bool:
    """'the agreement between the United States and Kazakhstan on nuclear cooperation': a definite
    instrument whose own words name two parties after 'between' is one instrument, signed or not."""
    toks = list(f.view.sdoc[f.first.i : f.last.i + 1])
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in f.head.children):
        return False  # "an agreement between A and B would help": none yet
    at = next((t.i for t in toks if t.lower_ == "between" and t.head.i == f.head.i), None)
    if at is None:
        return False
    after = [t for t in toks if t.i > at]
    return len({e.entity.entity_id for e in f.view.entities_in(after, ACTOR_TYPES)}) >= 2


def _first_definite(f, verb, action, recent, register, doc_id, vs) -> _Agr | None:
    """'The pact, concluded between Turkey and Azerbaijan in 2010, ...', 'the agreement was signed by A
    and B': a bare definite instrument with no instrument of its kind before it in the document, whose
    own clause signs it and names two or more parties, is a new instrument named by its parties
    ('Turkey-Azerbaijan pact')."""
    if action is None or f.plural or any(a.kind == f.kind for _p, a in recent):
        return None
    name = _named_by_parties(f, verb, action, vs)
    if name is None:
        return None
    f.name = name
    return register(f.name, f.kind, False, doc_id)


def _named_by_parties(f: _Found, verb, action, vs) -> str | None:
    """'Turkey-Azerbaijan pact': a bare instrument noun named by its two or three parties, when its
    sentence names that many."""
    names = {e.entity.entity_id: e.entity.name for v in vs for e in v.entities}
    eids = list(dict.fromkeys(eid for eid, _role in _parties(f, verb, action, {}, vs)))
    if not 2 <= len(eids) <= 3 or any(eid not in names for eid in eids):
        return None
    return f"{'-'.join(names[eid] for eid in eids)} {f.head.lower_}"


def _record(
    f: _Found, agr: _Agr, views: list[SentenceView], states: Mapping[str, str], speakers: Sequence[str] = ()
) -> None:
    v = f.view
    agr.mentions.append(
        (
            v.doc_id,
            v.sentence.sentence_id,
            f.start,
            f.end,
            v.sentence.text[f.first.idx : f.last.idx + len(f.last.text)],
        )
    )
    if f.how in ("named", "list", "described") and f.name != agr.name:
        agr.aliases.add(f.name)
    if v.sentence.in_footnote:
        return
    verb, action = _action(f)
    if action:
        agr.actions.append(action)
    # the date of a withdrawal or renewal told in place of any action of its own is not the instrument's
    dated = _date_for(f, verb, views) if action is not None or not _later_act(f) else None
    if dated is not None:
        rank, d = dated
        if f.how == "anaphor" and action is None:
            rank = max(rank, 4)
        agr.dates.append((rank, len(agr.mentions), d.date, action))
    parties = _parties(f, verb, action, states, views, speakers)
    for eid, role in parties:
        agr.add_party(eid, role)
    if action:
        rank, d = dated if dated is not None else (None, None)
        eids = tuple(dict.fromkeys(eid for eid, _ in parties))
        agr.evidence.append(
            (v.doc_id, v.sentence.sentence_id, f.start, f.end, action, d.date if d else None, rank, eids)
        )


@dataclass(frozen=True)
class _Owners:
    """Well-known instruments and the body or state that runs each (instrument_owners in
    data/agreements/lexicon.yaml), for the owners the corpus names, with the documents naming them."""

    by_key: dict[str, str]  # registry key of an instrument -> entity_id of its owner
    named_in: dict[str, frozenset[str]]  # owner entity_id -> doc_ids that name it

    @classmethod
    def of(
        cls, entities: Sequence[Entity], mentions: Sequence[ResolvedMention], views: CorpusViews
    ) -> _Owners:
        ids = {
            norm_key(n): e.entity_id for e in entities if e.type in ACTOR_TYPES for n in (e.name, *e.aliases)
        }
        by_key = {
            _name_key(name): ids[norm_key(owner)]
            for owner, names in LEX["instrument_owners"].items()
            if norm_key(owner) in ids
            for name in names
        }
        wanted, named_in = set(by_key.values()), defaultdict(set)
        for m in mentions:
            ent = views.entity_of(m.entity_id)
            if ent is not None and ent.entity_id in wanted:
                named_in[ent.entity_id].add(m.mention.doc_id)
        return cls(by_key, {k: frozenset(v) for k, v in named_in.items()})

    def of_instrument(self, agr: _Agr) -> list[str]:
        """The owners of a named instrument (its name or an alias ends with an owned instrument's name:
        "Azerbaijan Individual Partnership Action Plan") that a document mentioning it names."""
        if not agr.named:
            return []
        keys = {
            " ".join(words[i:])
            for n in (agr.name, *agr.aliases)
            for words in [_name_key(n).split()]
            for i in range(len(words))
        }
        docs = {m[0] for m in agr.mentions}
        return sorted(
            {
                self.by_key[k]
                for k in keys
                if k in self.by_key and docs & self.named_in.get(self.by_key[k], set())
            }
        )


def _tables(registry: dict[str, _Agr], owners: _Owners) -> AgreementTables:
    agreements, ments, parties, actions = [], [], [], []
    seen_ids: dict[str, int] = {}
    for agr in sorted(registry.values(), key=lambda a: a.order):
        if not agr.mentions:
            continue
        parent = next((p for p in agr.parents if p.named and p.name not in agr.name), None)
        if agr.named and parent is not None and len(agr.name.split()) <= 3:
            # "the Partnership for Peace Program ...; Kazakhstan signed its Framework Document"
            agr.aliases.add(agr.name)
            agr.name = f"{parent.name} {agr.name}"
        if agr.named:
            aid = f"agr:{agr.kind}:{slugify(agr.name)}"
        else:
            aid = f"agr:{agr.kind}:{slugify(agr.name)}:{slugify(agr.doc_id or '')}"
        if aid in seen_ids:
            seen_ids[aid] += 1
            aid = f"{aid}-{seen_ids[aid]}"
        else:
            seen_ids[aid] = 1
        date = min(agr.dates, key=lambda x: (x[0], x[1])) if agr.dates else None
        action = date[3] if date and date[3] else (agr.actions[0] if agr.actions else None)
        aliases = sorted(agr.acronyms | {a for a in agr.aliases if a != agr.name})
        agreements.append(
            Agreement(
                agreement_id=aid,
                name=agr.name,
                kind=agr.kind,
                aliases=tuple(aliases),
                date_value=date[2].value if date else None,
                date_precision=date[2].precision if date else None,
                date_id=date[2].date_id if date else None,
                action=action,
                n_documents=len({m[0] for m in agr.mentions}),
            )
        )
        seen_spans = set()
        for doc_id, sid, start, end, text in agr.mentions:
            if (doc_id, start, end) in seen_spans:
                continue
            seen_spans.add((doc_id, start, end))
            ments.append(AgreementMention(aid, doc_id, sid, start, end, text))
        for parent, local_parties, named_here in agr.inherited:
            for eid, role in parent.parties.items():
                if eid in agr.parties or not (
                    eid in local_parties or (role == "sponsor" and eid in named_here)
                ):
                    continue
                agr.add_party(eid, "party" if role == "sponsor" else "participant")
        for owner in owners.of_instrument(agr):
            if owner not in agr.parties:
                agr.add_party(owner, "sponsor")
        for eid, role in sorted(agr.parties.items()):
            parties.append(AgreementParty(aid, eid, role))
        for doc_id, sid, start, end, act, d, rank, eids in agr.evidence:
            actions.append(AgreementAction(aid, agr.name, doc_id, sid, start, end, act, d, rank, eids))
    return AgreementTables(tuple(agreements), tuple(ments), tuple(parties), tuple(actions))
