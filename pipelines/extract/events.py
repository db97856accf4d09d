"""Events: visits, meetings, summits, sessions, exercises, signings and other dated happenings.

Grammar and lexicon driven (lexicon in data/events/lexicon.yaml), one sentence at a time:

* visits: "X visited Y", "Y was visited by X", "X arrived in Y", "X's visit to Y", "visits by X to Y";
  the subject/possessor/agent is the visitor, the object/destination the host;
* meetings: "X met with Y"; "a meeting of the Z"; "a session of the EAPC ..." (a session is a meeting);
* summits: "the 2006 Riga summit", "the July 2005 Summit of the Shanghai Cooperation Organization";
* exercises: a capitalized name followed by a year ("Steppe Eagle 2005") in a sentence about exercises,
  or by an exercise noun ("Steppe Eagle military exercises"): one event per year, grouped by `series`;
* signings: from the agreements extractor's action evidence (signed/adopted/enacted with a date, or adopted without one);
* other: named happenings ("the Andijan events", "Operation Enduring Freedom") and dated clauses whose
  verb is in the lexicon ("the Institute was established in 2005").

Dates come from the sentence's date mentions (nearest the trigger); a sentence that refers back to an
event ("During the visit, ...") takes that event's date. Locations are places after "in"/"at".
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Token

from pipelines.extract.agreements import AgreementAction, AgreementTables, _cap_sequences, extract_agreements
from pipelines.extract.grammar import (
    apply_rules,
    argument_rules,
    argument_tokens,
    class_nouns,
    event_nouns,
    first_reached,
    flagged_event_nouns,
    load_grammar,
    reached,
    rule_entities,
)
from pipelines.extract.instruments import (
    ACTOR_TYPES,
    PLACE_TYPES,
    CorpusViews,
    DateSpan,
    DocumentInputs,
    EntitySpan,
    SentenceView,
    build_views,
    clean_space,
    document_views,
    load_lexicon,
    slugify,
    token_distance,
)
from pipelines.extract.memo import NO_MEMO, Memo, digest
from pipelines.extract.model import DateMention, Entity, ResolvedMention
from pipelines.extract.nlp import stored_vocab
from pipelines.parse.model import ParsedDocument

LEX = load_lexicon("events")
VISIT_VERBS = frozenset(LEX["visit_verbs"])
ELIDED_VERBS = frozenset(LEX["elided_verbs"])
ARRIVAL_VERBS = frozenset(LEX["arrival_verbs"])
TRAVEL_VERBS = frozenset(LEX["travel_verbs"])
VISIT_NOUNS = class_nouns("visit")
MEETING_VERBS = frozenset(LEX["meeting_verbs"])
MEETING_NOUNS = class_nouns("meeting")
SUMMIT_NOUNS = class_nouns("summit")
CONFERENCE_NOUNS = class_nouns("conference")
EXERCISE_NOUNS = class_nouns("exercise")
HAPPENING_NOUNS = event_nouns("happening")
UNDATED_HAPPENING_NOUNS = flagged_event_nouns("told_undated")
OPERATION_WORDS = event_nouns("name_prefix")
OTHER_VERBS: dict[str, str] = LEX["other_verbs"]
OBSERVER_WORDS = frozenset(LEX["observer_words"])
LEADING_VERBS = frozenset(load_grammar("events")["lists"]["leading_verbs"])
HOSTING_VERBS = frozenset(load_grammar("events")["lists"]["hosting_verbs"])
LOC_PREPS = frozenset(load_grammar("events")["lists"]["location_prepositions"])
ANAPHORIC_DETS = frozenset(load_grammar("events")["lists"]["anaphoric_determiners"])
DEMONSTRATIVE_ADJS = frozenset(LEX["demonstrative_adjectives"])
TIME_ADJS = frozenset(LEX["time_adjectives"])
SIGNING_NAMES = {
    "signed": "Signing",
    "adopted": "Adoption",
    "ratified": "Ratification",
    "enacted": "Enactment",
}
PERSON_PRONOUNS = frozenset(load_grammar("events")["lists"]["person_pronouns"])
RELATIVE_PRONOUNS = frozenset(LEX["relative_pronouns"])
PERSON_RELATIVES = frozenset(LEX["person_relative_pronouns"])
OBJECT_PRONOUNS = frozenset(LEX["object_pronouns"])
NAME_PREPS = tuple(LEX["name_prepositions"])
OBJECT_NAME_PREPS = tuple(LEX["object_name_prepositions"])
SUBJECT_NAME_PREPS = tuple(LEX["subject_name_prepositions"])
HAPPENING_NAME_PREPS = frozenset(LEX["happening_name_prepositions"])
NAME_STOPWORDS = frozenset(LEX["name_stopwords"])
RANGE_CONNECTORS = frozenset(LEX["range_connectors"])
YEAR_RE = re.compile(r"^(19|20)\d\d$")
ORDINAL_RE = re.compile(r"^\d+(st|nd|rd|th)$")
IRREALIS_VERBS = frozenset(LEX.get("irrealis_verbs", ()))
IRREALIS_NOUNS = frozenset(LEX.get("irrealis_nouns", ()))
PLANNING_HEADS = IRREALIS_VERBS | frozenset(LEX["planning_heads"])
REPORT_VERBS = frozenset(LEX.get("report_verbs", ()))
HELD_VERBS = frozenset(LEX["held_verbs"])
COMPLEMENT_PREPS = frozenset(LEX["complement_prepositions"])
HAPPENED_VERBS = frozenset(LEX["happened_verbs"])
SUBJECT_HAPPENINGS = frozenset(LEX["subject_happenings"])
HAPPENING_RULES = argument_rules("events", "happening_arguments")
DOER_RULES = argument_rules("events", "happening_doer_arguments")
PHRASE_RULES = argument_rules("events", "phrase_arguments")
BODY_RULES = argument_rules("events", "body_meeting_arguments")
AUDIENCE_RULES = argument_rules("events", "audience_arguments")
VISIT_MEETING_RULES = argument_rules("events", "visit_meeting_arguments")
AUDIENCE_NOUNS = frozenset(load_grammar("events")["lists"]["audience_nouns"])
PHRASE_EVENTS: dict[str, dict] = LEX["phrase_events"]
CLAUSE_RULES = argument_rules("events", "clause_arguments")
GATHERING_RULES = argument_rules("events", "gathering_arguments")
OFFICE_RULES = argument_rules("events", "office_arguments")
ROLE_RULES = argument_rules("events", "role_arguments")
TOOK_PLACE_RULES = argument_rules("events", "took_place_arguments")
REPORT_RULES = argument_rules("events", "report_arguments")
SUBJECT_RULES = argument_rules("events", "subject_arguments")
VISIT_RULES = argument_rules("events", "visit_arguments")
ELIDED_RULES = argument_rules("events", "elided_visit_arguments")
STAY_RULES = argument_rules("events", "stay_arguments")
MEETING_RULES = argument_rules("events", "meeting_arguments")
COMPANY_RULES = argument_rules("events", "company_arguments")
EXERCISE_RULES = argument_rules("events", "exercise_arguments")
VISITOR_TYPES = (*ACTOR_TYPES, "PERSON")
HOST_TYPES = (*PLACE_TYPES, "ORGANIZATION")
VISIT_TYPES = {"visitor": VISITOR_TYPES, "host": HOST_TYPES}
# the anchor of visit_arguments an active visit verb is, by its lexicon class
VISIT_VERB_ANCHORS = {
    **dict.fromkeys(VISIT_VERBS, "visit_verb"),
    **dict.fromkeys(ARRIVAL_VERBS, "arrival_verb"),
    **dict.fromkeys(TRAVEL_VERBS, "travel_verb"),
}
MODAL_AUXILIARIES = frozenset(LEX["modal_auxiliaries"])
ACTOR_HAPPENINGS = frozenset(LEX["actor_happenings"])
ROLE_VERBS: dict[str, str] = LEX["role_verbs"]
OFFICE_VERBS = frozenset(LEX["office_verbs"])
UNDATED_ACTIONS = frozenset(LEX["undated_signing_actions"])
ANNOUNCE_VERBS = frozenset(LEX["announce_verbs"])
DECISION_VERBS = frozenset(LEX["decision_verbs"])
STAY_VERBS = frozenset(LEX["stay_verbs"])
REFUSAL_VERBS = frozenset(LEX["refusal_verbs"])
FREQUENCY_ADJS = frozenset(LEX["frequency_adjectives"])
STATE_PREPS = frozenset(LEX["state_prepositions"])
NAMING_VERBS = frozenset(LEX["naming_verbs"])
COMPANY_VERBS = frozenset(LEX["company_verbs"])
OPENING_DATE_PREPS = frozenset(LEX["opening_date_prepositions"])
STATIVE_VERBS = frozenset(LEX["stative_verbs"])
SPEECH_VERBS = frozenset(LEX["speech_verbs"])
SPEECH_NOUNS = frozenset(LEX["speech_nouns"])
OCCASION_NAME_PREPS = tuple(LEX["occasion_name_prepositions"])
# a clause's name ends at these marks and words, or after this many words
CLAUSE_NAME_STOPS = frozenset({",", ";", ":", "(", '"', "\u201c", "\u2014", "--", *LEX["clause_name_stops"]})
CLAUSE_NAME_WORDS = 16
# the kind of event a gathering noun names ("held talks", "convened a summit"); a session is a meeting,
# as analysts file it ("EAPC session at the level of foreign ministers")
GATHERING_KINDS = {
    **dict.fromkeys(MEETING_NOUNS, "meeting"),
    **dict.fromkeys(CONFERENCE_NOUNS, "conference"),
    **dict.fromkeys(SUMMIT_NOUNS, "summit"),
}


@dataclass(frozen=True)
class Event:
    event_id: str
    doc_id: str
    kind: str  # visit, meeting, summit, exercise, signing, conference, other
    name: str
    series: str | None
    date_value: str | None
    date_precision: str | None
    location_entity_id: str | None
    sentence_id: str
    start: int
    end: int
    happening_id: str = ""  # the same happening across documents (set by `assign_happenings`)


@dataclass(frozen=True)
class EventParticipant:
    event_id: str
    entity_id: str
    role: str  # visitor, host, participant, observer


@dataclass(frozen=True)
class EventTables:
    events: tuple[Event, ...] = ()
    event_participants: tuple[EventParticipant, ...] = ()


@dataclass
class _Ev:
    view: SentenceView
    kind: str
    name: str
    start: int
    end: int
    trigger: Token | None = None
    series: str | None = None
    date: DateMention | None = None
    date_value: str | None = None
    date_precision: str | None = None
    location: str | None = None
    participants: dict[str, str] = field(default_factory=dict)
    names_used: set[int] = field(
        default_factory=set
    )  # token indices of the name (dates there are not its date)

    # the head noun of a body that met ("committee" of "the Standing Committee met"): "the committee"
    # right after it tells the meeting again
    body_noun: str | None = None
    # where each participant was named (document offsets), to tell a name inside another's name
    spans: dict[str, set[tuple[int, int]]] = field(default_factory=lambda: defaultdict(set))

    def add(self, entities: Sequence[EntitySpan], role: str) -> None:
        for e in entities:
            self.participants.setdefault(e.entity.entity_id, role)
            self.spans[e.entity.entity_id].add((e.mention.mention.start, e.mention.mention.end))

    def merge(self, other: _Ev, role: str | None = None) -> None:
        """Take the participants of `other` (the same happening told again), in their roles or `role`."""
        for k, r in other.participants.items():
            self.participants.setdefault(k, role or r)
        for k, spans in other.spans.items():
            self.spans[k] |= spans

    def nested(self) -> set[str]:
        """Participants named only inside the name of another ('the Uzbek Foreign Ministry', 'the CSTO
        Collective Security Council', 'the NATO-Kazakhstan steering committee'): the body's parent, not
        a participant of its own (a participant added without its mention is never nested)."""
        outer = [(k, s) for k, spans in self.spans.items() for s in spans]
        return {
            k
            for k, spans in self.spans.items()
            if spans
            and all(
                any(o != k and a <= s[0] and s[1] <= b and (a, b) != s for o, (a, b) in outer) for s in spans
            )
        }


# --------------------------------------------------------------------------- helpers


def _ent_text(e: EntitySpan) -> str:
    return clean_space(e.mention.mention.text)


def _np_text(
    view: SentenceView, tok: Token, with_preps: tuple[str, ...] = NAME_PREPS
) -> tuple[str, int, int]:
    """The noun phrase of `tok` without its determiner, with 'of/in/at ...' complements up to a comma
    or a relative clause: 'session of the Euro-Atlantic Partnership Council at the level of ...'."""
    sdoc = view.sdoc
    lefts = [c for c in tok.lefts if c.dep_ not in ("det", "predet", "poss", "case", "punct")]
    first = min([tok.i, *(c.left_edge.i for c in lefts)])
    while first < tok.i and (sdoc[first].dep_ in ("det", "predet", "poss", "case") or sdoc[first].is_punct):
        first += 1
    last = tok.i
    for c in tok.rights:
        if c.dep_ == "prep" and c.lower_ in with_preps:
            stop = last
            for t in c.subtree:
                if (
                    t.text in (",", ";", "(", ".", "—")
                    or t.dep_ in ("relcl", "acl")
                    or t.lower_ in RELATIVE_PRONOUNS
                ):
                    break
                stop = t.i
            last = max(last, stop)
        elif c.dep_ != "prep":
            break
    # a complement the parser hung on the verb: "a session of the Council at the level of ministers"
    while last + 1 < len(sdoc) and sdoc[last + 1].lower_ in with_preps and sdoc[last + 1].dep_ == "prep":
        sub = list(sdoc[last + 1].subtree)
        if sub[0].i != last + 1 or any(t.text in (",", ";", "(") for t in sub) or len(sub) > 8:
            break
        last = sub[-1].i
    return clean_space(view.text_of(sdoc[first], sdoc[last])), first, last


def _gathering_name(
    view: SentenceView, tok: Token, preps: tuple[str, ...] = NAME_PREPS
) -> tuple[str, int, int]:
    """The noun phrase of a meeting, summit or conference, with its topic: 'conference on regional
    security', but not 'meeting on 5 May' (a date)."""
    narrow = _np_text(view, tok, preps)
    wide = _np_text(view, tok, (*preps, "on"))
    if any(d.span is not None and narrow[2] < d.span.end and d.span.start <= wide[2] for d in view.dates):
        return narrow
    return wide


def _usable_dates(view: SentenceView, exclude: set[int] = frozenset()) -> list[DateSpan]:
    out = []
    for d in view.dates:
        if d.span is None or d.date.in_footnote:
            continue
        if d.date.is_relative and d.date.precision == "range" and d.date.mod is None:
            continue
        if any(t.i in exclude for t in d.span):
            continue
        out.append(d)
    return out


def _clause_verb(tok: Token) -> Token | None:
    """The verb of the clause `tok` stands in (itself, when it is one)."""
    cur = tok
    while cur.pos_ not in ("VERB", "AUX"):
        if cur.head.i == cur.i:
            return None
        cur = cur.head
    return cur


def _nearest_date(view: SentenceView, anchor: Token, exclude: set[int] = frozenset()) -> DateSpan | None:
    """The date of a happening told by `anchor`: for a verb, a date of its own clause first, then one
    of the clauses governing it ("withdrew from X in 2005 and joined Y in 2006": 2006 is the joining's),
    then the nearest one of the sentence."""
    dates = _usable_dates(view, exclude)
    if not dates:
        return None
    if anchor.pos_ in ("VERB", "AUX"):
        own = _clause_date(view, anchor, exclude)
        if own is not None:
            return own
    return min(dates, key=lambda d: token_distance(d.span, anchor))


def _clause_date(view: SentenceView, anchor: Token, exclude: set[int] = frozenset()) -> DateSpan | None:
    """A date of the clause of `anchor` or of a clause governing it, nearest first; None when the
    sentence's dates all stand in other clauses."""
    by_clause: dict[int, list[DateSpan]] = defaultdict(list)
    for d in _usable_dates(view, exclude):
        verb = _clause_verb(d.span.root)
        if verb is not None:
            by_clause[verb.i].append(d)
    cur = _clause_verb(anchor)
    for _ in range(8):
        if cur is None:
            return None
        if by_clause.get(cur.i):
            return min(by_clause[cur.i], key=lambda d: token_distance(d.span, anchor))
        if cur.head.i == cur.i:
            return None
        cur = cur.head
    return None


def _location(view: SentenceView, tokens: Sequence[Token] | None = None) -> EntitySpan | None:
    """A place after 'in'/'at' (within the given tokens, or the whole sentence)."""
    idx = {t.i for t in tokens} if tokens is not None else None
    sdoc = view.sdoc
    best = None
    for e in view.entities:
        if e.literal.type not in PLACE_TYPES and e.literal.type != "ORGANIZATION":
            continue
        if idx is not None and e.span.start not in idx:
            continue
        for back in range(1, 4):
            j = e.span.start - back
            if j < 0:
                break
            t = sdoc[j]
            if t.lower_ in LOC_PREPS:
                better = best is None or (best.literal.type == "COUNTRY" and e.literal.type == "LOCATION")
                if (e.literal.type in PLACE_TYPES or _is_facility(e)) and better:
                    best = e
                break
            if t.pos_ not in ("DET", "ADJ", "PROPN", "NOUN", "NUM"):
                break
    return best


def _is_facility(e: EntitySpan) -> bool:
    return bool(re.search(r"(?i)\b(headquarters|hq|center|centre|base|airport)\b", e.literal.name))


def _person_before(
    views: list[SentenceView], view: SentenceView, pronoun: Token | None = None
) -> EntitySpan | None:
    """The most recent person mentioned before the pronoun: earlier in its own sentence ("Foreign
    Minister X tried ...; during his visit"), else in the sentences before (for 'he', 'his')."""
    if pronoun is not None:
        same = [e for e in view.entities if e.type == "PERSON" and e.span.end <= pronoun.i]
        # a subject before it is the likelier antecedent ("X served as chair of Y, and she was ...")
        subjects = [e for e in same if e.span.root.dep_ in ("nsubj", "nsubjpass")]
        if subjects or same:
            return (subjects or same)[-1]
    for v in reversed(views[max(0, view.position - 3) : view.position]):
        persons = [e for e in v.entities if e.type == "PERSON"]
        # the subject of the sentence before is the likelier antecedent ("X was ..., and he later became
        # Y's minister. He became ...": X, not Y)
        subjects = [e for e in persons if e.span.root.dep_ in ("nsubj", "nsubjpass")]
        if subjects:
            return subjects[-1]
        if persons:
            return persons[-1]
    return None


def _main_subject_after(view: SentenceView, pronoun: Token) -> EntitySpan | None:
    """'During his visit to Astana, Dick Cheney held talks ...': a pronoun in a phrase put before the
    main clause stands for that clause's subject, when it is a person named after the pronoun."""
    root = pronoun.sent.root
    if not any(
        t.i == pronoun.i for c in root.children if c.i < root.i and c.dep_ == "prep" for t in c.subtree
    ):
        return None
    subj = [t for c in root.children if c.dep_ == "nsubj" for t in c.subtree]
    people = [e for e in view.entities_in(subj, ("PERSON",)) if e.span.start > pronoun.i]
    return people[0] if people else None


def _subject(
    view: SentenceView, verb: Token, views: list[SentenceView]
) -> tuple[list[EntitySpan], Token | None]:
    """Who did what `verb` tells (events.yaml `subject_arguments`), and the verb's own subject token; a
    personal pronoun subject stands for the person named before it."""
    found = reached(SUBJECT_RULES, {"verb": verb})
    toks = [t for rule, tok in found if rule.role == "subject" for t in tok.subtree]
    ents = view.entities_in(toks, VISITOR_TYPES)
    members = [e for e, _, _ in rule_entities(view, found, {"member": ("PERSON",)}) if e not in ents]
    pronoun = next((t for t in toks if t.lower_ in PERSON_PRONOUNS), None)
    if not ents and pronoun is not None:
        p = _person_before(views, view, pronoun)  # "Rakhmon visited Kabul, where he met Karzai"
        ents = [p] if p else []
    return ents + members, next((t for rule, t in found if rule.name == "subject"), None)


def _label(ents: Sequence[EntitySpan], fallback: str = "") -> str:
    persons = [e for e in ents if e.type == "PERSON"]
    pick = persons or list(ents)
    return " and ".join(dict.fromkeys(_ent_text(e) for e in pick[:2])) or fallback


# --------------------------------------------------------------------------- triggers


def _group_name(view: SentenceView, head: Token | None) -> str | None:
    """'a Kazakhstan delegation, led by ..., visited': the visitor is a group named by a common noun."""
    if head is None or head.pos_ != "NOUN" or view.entity_at(head) is not None:
        return None
    text, _, _ = _np_text(view, head, ("of",))
    return text if view.entities_in(head.subtree, VISITOR_TYPES) else None


def _visits(view: SentenceView, views: list[SentenceView]) -> list[_Ev]:
    out, sdoc = [], view.sdoc
    for tok in sdoc:
        lemma = tok.lemma_.lower()
        if (
            tok.pos_ in ("VERB", "AUX")
            and lemma in VISIT_VERBS | ARRIVAL_VERBS | TRAVEL_VERBS
            and tok.tag_ != "VBG"
        ):
            if _unrealized(tok) or _planned(tok):
                continue  # "did not visit", "would visit", "is to visit", "plans to visit"
            passive = any(c.dep_ == "nsubjpass" for c in tok.children)
            found = reached(VISIT_RULES, {"passive" if passive else VISIT_VERB_ANCHORS[lemma]: tok})
            args = rule_entities(view, found, VISIT_TYPES)
            hosts = [e for e, role, _ in args if role == "host"]
            if passive:
                visitors = [e for e, role, _ in args if role == "visitor"]
                head = next((t for rule, t in found if rule.name == "passive-visitor"), None)
                dest_text = _label(hosts)
            else:
                visitors, head = _subject(view, tok, views)
                obj = [t for rule, t in found if rule.role == "host"][:1]
                if lemma in ARRIVAL_VERBS | TRAVEL_VERBS:
                    dest_text = _label(hosts) or (
                        clean_space(" ".join(t.text for t in obj[0].subtree)) if obj else ""
                    )
                else:
                    dest_text = _np_text(view, obj[0], ())[0] if obj else _label(hosts)
                if hosts and not any(c.isupper() for c in dest_text):
                    # "visited Dushanbe's neighbor, Afghanistan": the apposition, not the possessor
                    poss = {t.i for o in obj for c in o.children if c.dep_ == "poss" for t in c.subtree}
                    hosts = [h for h in hosts if h.span.start not in poss] or hosts
                    dest_text = _label(hosts)
            if not visitors and not hosts:
                continue
            if lemma in TRAVEL_VERBS and not any(v.type == "PERSON" for v in visitors):
                continue  # "U.S. aircraft fly to Afghanistan": people travel, states and planes do not visit
            who = _group_name(view, head) or _label(visitors)
            to = f" to {dest_text}" if dest_text else ""  # no dangling "to" when no destination is named
            name = f"{who} visit{to}" if who else f"Visit{to}"
            ev = _Ev(view, "visit", name, *view.offsets(tok), trigger=tok)
            ev.add(visitors, "visitor")
            ev.add(hosts, "host")
            loc = _location(view) or next((h for h in hosts if h.literal.type in PLACE_TYPES), None)
            ev.location = loc.literal.entity_id if loc else None
            out.append(ev)
        elif tok.pos_ == "VERB" and lemma in LEADING_VERBS | HOSTING_VERBS:
            ev = _led_or_hosted_visit(view, views, tok)
            if ev is not None:
                out.append(ev)
        elif tok.pos_ == "NOUN" and lemma in VISIT_NOUNS:
            dets = {c.lower_ for c in tok.children if c.dep_ in ("det", "poss")}
            poss = [c for c in tok.children if c.dep_ == "poss"]
            found = reached(VISIT_RULES, {"noun": tok})
            args = rule_entities(view, found, VISIT_TYPES)
            visitors = [e for e, role, _ in args if role == "visitor"]
            maker = next((t for rule, t in found if rule.role == "maker"), None)
            if not visitors and maker is not None:
                visitors, _ = _subject(view, maker, views)  # "B. Sembinov made another visit to ..."
            if not visitors and poss and poss[0].lower_ in PERSON_PRONOUNS:
                p = _main_subject_after(view, poss[0]) or _person_before(views, view, poss[0])
                visitors = [p] if p else []
            hosts = [e for e, role, _ in args if role == "host"]
            to = [t for rule, t in found if rule.role == "host"][:1]
            dated = _usable_dates(view)
            if not dated or not visitors:
                continue  # "During the visit, ..." refers back; undated nominal visits are not reported
            if dets & {"these", "those"}:
                continue
            dest = _label(hosts) or (clean_space(" ".join(t.text for t in to[0].subtree)) if to else "")
            name = f"{_label(visitors)} visit" + (f" to {dest}" if dest else "")
            ev = _Ev(view, "visit", name, *view.offsets(tok), trigger=tok)
            ev.add(visitors, "visitor")
            ev.add(hosts, "host")
            loc = _location(view) or next((h for h in hosts if h.literal.type in PLACE_TYPES), None)
            ev.location = loc.literal.entity_id if loc else None
            if tok.lower_ != lemma and len(dated) > 1:
                # "Return visits by X to Y took place in March and October 2005": one visit per date
                for d in dated:
                    e2 = _Ev(view, "visit", f"{name} ({d.date.text})", ev.start, ev.end, trigger=tok)
                    e2.merge(ev)
                    e2.location = ev.location
                    e2.date = d.date
                    out.append(e2)
                continue
            out.append(ev)
    return out


def _led_or_hosted_visit(view: SentenceView, views: list[SentenceView], tok: Token) -> _Ev | None:
    """'X led a delegation to Y' (X visited Y) and 'X hosted Y in Z' (Y visited Z, or X): a visit told by
    the verb of its leader or its host (events.yaml `visit_arguments`, anchors `leader`, `hosting`)."""
    if _unrealized(tok) or _planned(tok) or tok.tag_ == "VBG":
        return None
    lemma = tok.lemma_.lower()
    if lemma in LEADING_VERBS:
        found = reached(VISIT_RULES, {"leader": tok})
        if not any(rule.role == "group" for rule, _ in found):
            return None  # "X led the talks": no one went anywhere
        hosts = [e for e, role, _ in rule_entities(view, found, VISIT_TYPES) if role == "host"]
        visitors = _subject(view, tok, views)[0]
        place = hosts
    else:
        found = reached(VISIT_RULES, {"hosting": tok})
        args = rule_entities(view, found, {"visitor": ("PERSON",), "host": VISITOR_TYPES})
        visitors = [e for e, role, _ in args if role == "visitor"]
        hosts = [e for e, role, _ in args if role == "host"]
        loc = _location(view, list(tok.subtree))
        place = [loc] if loc is not None and loc.literal.type in PLACE_TYPES else hosts
    if not visitors or not hosts:
        return None
    ev = _Ev(view, "visit", f"{_label(visitors)} visit to {_label(place)}", *view.offsets(tok), trigger=tok)
    ev.add(visitors, "visitor")
    ev.add(hosts, "host")
    loc = next((h for h in place if h.literal.type in PLACE_TYPES), None)
    ev.location = loc.literal.entity_id if loc else None
    return ev


def _elided_visits(view: SentenceView) -> list[_Ev]:
    """'... the first minister to visit Kazakhstan since Marta Lind did in 2005': a visit told by an
    elided verb ('did', 'had') whose clause hangs on a visit verb -> 'Marta Lind visit to Kazakhstan',
    dated by the elided clause; the destination is the visit verb's (or the visit it is conjoined to)."""
    out = []
    for tok in view.sdoc:
        if (
            tok.lemma_.lower() not in ELIDED_VERBS
            or tok.dep_ != "advcl"
            or tok.head.lemma_.lower() not in VISIT_VERBS
        ):
            continue
        if any(c.dep_ in ("dobj", "xcomp", "ccomp", "acomp", "attr") for c in tok.children):
            continue  # "did the job": not an elided verb
        people = [e for e, _, _ in apply_rules(view, ELIDED_RULES, {"verb": tok}, {"visitor": ("PERSON",)})]
        own = [d for d in _usable_dates(view) if d.span.start > tok.i and d.span.end - 1 <= tok.right_edge.i]
        if not people or not own:
            continue
        visit = tok.head
        dest: list[EntitySpan] = []
        earlier = [t for t in view.sdoc[: visit.i] if t.lemma_.lower() in VISIT_VERBS]
        for v in (visit, *reversed(earlier)):
            found = apply_rules(view, ELIDED_RULES, {"visit": v}, {"host": (*ACTOR_TYPES, "LOCATION")})
            dest = [e for e, _, _ in found]
            if dest:
                break
        name = f"{_ent_text(people[0])} visit" + (f" to {_ent_text(dest[0])}" if dest else "")
        ev = _Ev(view, "visit", name, *view.offsets(tok), trigger=tok)
        ev.add(people[:1], "visitor")
        ev.add(dest[:1], "host")
        ev.date = own[0].date
        out.append(ev)
    return out


def _stays(view: SentenceView, views: list[SentenceView]) -> list[_Ev]:
    """'In April Robert Simmons was in Baku to promote ...': a person who was in a place (told in the
    past) visited it."""
    out = []
    for tok in view.sdoc:
        if tok.lemma_.lower() not in STAY_VERBS or tok.tag_ not in ("VBD", "VBN") or _unrealized(tok):
            continue
        # a place after the verb ("In Baku, he was ..." says where he spoke, not that he went there)
        places = [
            e
            for e, _, _ in apply_rules(view, STAY_RULES, {"verb": tok}, PLACE_TYPES)
            if e.literal.type in PLACE_TYPES and e.span.start > tok.i
        ]
        if not places:
            continue
        visitors = [e for e in _subject(view, tok, views)[0] if e.type == "PERSON"]
        if not visitors:
            continue
        ev = _Ev(view, "visit", f"{_label(visitors)} visit to {_label(places[:1])}", *view.offsets(tok))
        ev.trigger = tok
        ev.add(visitors, "visitor")
        ev.add([e for e in places[:1] if e.literal.type == "COUNTRY" or e.entity is not e.literal], "host")
        ev.location = places[0].literal.entity_id
        out.append(ev)
    return out


def _exercise_nouns(view: SentenceView, views: list[SentenceView], taken: set[int]) -> list[_Ev]:
    """Exercises told by a common noun and placed in time: 'During 2005, the CSTO partners conducted
    common military exercises', 'In August 2014, soldiers of A and B participated in cyber warfare
    exercises in Kazakhstan'. Who took part: the noun's own modifiers and complements (events.yaml
    `happening_arguments`), the subject of the verb that conducts or joins them."""
    out, sdoc = [], view.sdoc
    for tok in sdoc:
        if tok.lower_ not in EXERCISE_NOUNS or tok.dep_ == "compound" or tok.i in taken:
            continue
        nominal = tok.dep_ in ("pobj", "dobj", "nsubj", "nsubjpass")  # "drills" tagged a verb
        if tok.pos_ != "NOUN" and not nominal:
            continue
        lefts = [t for c in tok.lefts for t in c.subtree]
        if any(t.lower_ in ANAPHORIC_DETS - {"the"} or t.lower_ in DEMONSTRATIVE_ADJS for t in lefts):
            continue  # "these exercises", "such exercises" refer back
        if any(t.i > 0 and t.text[:1].isupper() and view.entity_at(t) is None for t in lefts):
            continue  # a named exercise ("Steppe Eagle exercises") is _exercises'
        verb = _clause_verb(tok.head if tok.pos_ != "NOUN" else tok)
        if verb is None or _unrealized(verb):
            continue
        d = _nearest_date(view, verb)
        if d is None or any(t.i in range(d.span.start, d.span.end) for t in tok.subtree):
            continue
        args = apply_rules(view, HAPPENING_RULES, {"trigger": tok}, (*ACTOR_TYPES, "LOCATION"))
        actors = [e for e, _, _ in args if e.type != "LOCATION" and e.literal.type != "LOCATION"]
        for _, doer in reached(EXERCISE_RULES, {"trigger": tok}):  # "X conducted / took part in exercises"
            actors += [e for e in _clause_arguments(view, doer, views)[0] if e.type in ACTOR_TYPES]
        if not actors:
            continue
        first = min([tok.i, *(c.left_edge.i for c in tok.lefts if c.dep_ in ("amod", "compound", "nmod"))])
        np = clean_space(view.text_of(sdoc[first], tok))
        owner = [e for e in actors if e.span.start < first or e.span.start > tok.i]
        name = f"{_label(owner)} {np}".strip() if owner else np[:1].upper() + np[1:]
        place = next((e for e, _, _ in args if e.literal.type in PLACE_TYPES), None)
        if place is not None:
            name = f"{name} in {_ent_text(place)}"
        ev = _Ev(view, "exercise", name, *view.offsets(sdoc[first : tok.i + 1]), trigger=tok)
        ev.add(actors, "participant")
        ev.location = place.literal.entity_id if place else None
        ev.date = d.date
        out.append(ev)
    return out


def _meetings(view: SentenceView, views: list[SentenceView]) -> list[_Ev]:
    out, sdoc = [], view.sdoc
    for tok in sdoc:
        lemma = tok.lemma_.lower()
        if tok.pos_ == "VERB" and lemma in MEETING_VERBS:
            subj, _ = _subject(view, tok, views)
            found = reached(MEETING_RULES, {"verb": tok})
            others = [e for e, _, _ in rule_entities(view, found, {"counterpart": VISITOR_TYPES})]
            met_object = any(rule.name == "met-object" for rule, _ in found)
            if subj and not others and not met_object:
                # "the heads of state of China, Russia, ... met in Shanghai": a meeting of the subjects
                where = [t for rule, tok_ in found if rule.role == "place" for t in tok_.subtree]
                loc = _location(view, where) if where else None
                if loc is not None and loc.literal.type not in PLACE_TYPES:
                    loc = None
                # "the Standing Committee met prior to the session": a body that met held a meeting
                body = all(e.type == "ORGANIZATION" for e in subj) and not _unrealized(tok)
                # "A and B met on Tuesday": a dated meeting of the sides the subject names
                sides = len({e.entity.entity_id for e in subj}) >= 2 and not _unrealized(tok)
                if sides and not body and _clause_date(view, tok) is not None:
                    ev = _Ev(view, "meeting", f"{_label(subj)} meeting", *view.offsets(tok), trigger=tok)
                    ev.add(subj, "participant")
                    ev.location = loc.literal.entity_id if loc is not None else None
                    if loc is not None:
                        ev.name = f"{ev.name} in {_ent_text(loc)}"
                    out.append(ev)
                    continue
                if body and loc is None:
                    # the body itself, not what its relative clauses or appositions name
                    own = [t for c in tok.children if c.dep_ == "nsubj" for t in argument_tokens(c)]
                    subj = [e for e in subj if e.span.start in {t.i for t in own}]
                    if not subj:
                        continue
                if not body and (loc is None or not _usable_dates(view)):
                    continue
                name = f"{_label(subj)} meeting" + (f" in {_ent_text(loc)}" if loc is not None else "")
                ev = _Ev(view, "meeting", name, *view.offsets(tok))
                ev.trigger = tok
                ev.add(subj, "participant")
                ev.location = loc.literal.entity_id if loc is not None else None
                if body:
                    ev.body_noun = next((c.lower_ for c in tok.children if c.dep_ == "nsubj"), None)
                out.append(ev)
                continue
            if not subj or not others:
                continue
            name = f"{_label(subj)} meeting with {_label(others)}"
            ev = _Ev(view, "meeting", name, *view.offsets(tok), trigger=tok)
            ev.add(subj, "participant")
            ev.add(others, "participant")
            loc = _location(view)
            ev.location = loc.literal.entity_id if loc else None
            out.append(ev)
        elif tok.pos_ in ("NOUN", "PROPN") and (lemma in GATHERING_KINDS or tok.lower_ in GATHERING_KINDS):
            sides = _meeting_with_sides(view, views, tok)
            if sides is not None:
                out.append(sides)
                continue
            if lemma not in GATHERING_KINDS:
                continue
            if tok.lower_ != lemma and tok.lower_ not in GATHERING_KINDS:
                continue  # plural: regular meetings, sessions in general
            if tok.dep_ == "compound":
                continue
            kind = GATHERING_KINDS[lemma]
            name, first, last = _gathering_name(view, tok)
            base = _name_conjunct(tok)
            if base is not tok:  # "the 17th International Oil and Gas Exhibition and Conference"
                _, first, b_last = _gathering_name(view, base)
                name = clean_space(view.text_of(sdoc[first], sdoc[max(last, b_last)]))
                last = max(last, b_last)
            toks = list(sdoc[first : last + 1])
            # "the summit held in Astana on July 5, 2005": the participle says where and when
            held = [
                c for c in (*tok.rights, *base.rights) if c.dep_ == "acl" and c.lemma_.lower() in HELD_VERBS
            ]
            held_toks = [t for c in held for t in c.subtree]
            held_loc = _location(view, held_toks) if held_toks else None
            if held_loc is not None and held_loc.literal.type in PLACE_TYPES:
                name = f"{name} in {_ent_text(held_loc)}"
            toks += held_toks
            inside = view.entities_in(toks, (*ACTOR_TYPES, "PERSON", "LOCATION"))
            span_idx = {t.i for t in toks}
            has_date_inside = any(all(t.i in span_idx for t in d.span) for d in _usable_dates(view))
            dets = {c.lower_ for c in tok.children if c.dep_ in ("det",)}
            # "the 17th International Oil and Gas Exhibition and Conference": a capitalized name says which
            named = (
                tok.text[:1].isupper()
                and sum(
                    1
                    for t in sdoc[first : tok.i]
                    if t.text[:1].isupper() and t.pos_ in ("PROPN", "ADJ", "NOUN")
                )
                >= 2
            )
            if kind != "summit" and not inside and not named:
                continue  # "a meeting", "the session": nothing says which
            if kind == "summit" and not inside and not has_date_inside:
                continue
            if dets & ANAPHORIC_DETS - {"the"} and not has_date_inside:
                continue
            ev = _Ev(view, kind, name, *view.offsets(tok), trigger=tok)
            loc = _location(view, toks) or next((e for e in inside if e.literal.type == "LOCATION"), None)
            # where a body's gathering was held is no side of it ("the CSTO summit in Astana", "a CIS
            # summit in Kyrgyzstan"): only a gathering named by its place alone has it as a side
            bodies = [e for e in inside if e.type in ACTOR_TYPES and e.literal.type not in PLACE_TYPES]
            sides = [e for e in inside if e.type != "LOCATION" or e.entity is not e.literal]
            if loc is not None and bodies:
                sides = [e for e in sides if e.span.start != loc.span.start]
            ev.add(sides, "participant")
            ev.add(_gathering_participants(view, views, tok), "participant")
            if base is not tok:
                ev.add(_gathering_participants(view, views, base), "participant")
            loc = loc or _location(view)
            ev.location = loc.literal.entity_id if loc else None
            out.append(ev)
    return out


def _name_conjunct(tok: Token) -> Token:
    """The first word of a capitalized name whose last conjunct is the gathering noun ("the Oil and Gas
    Exhibition and Conference": "Exhibition"), else the noun itself."""
    head = tok.head
    if (
        tok.dep_ == "conj"
        and tok.text[:1].isupper()
        and head.pos_ == "PROPN"
        and head.text[:1].isupper()
        and head.i < tok.i
        and all(t.text[:1].isupper() or t.dep_ == "cc" for t in tok.doc[head.i + 1 : tok.i])
    ):
        return head
    return tok


def _hypothetical(tok: Token) -> bool:
    """The clause of `tok` tells no happening: negated, modal, planned, or governed by a verb of wanting,
    proposing or refusing ("called for talks with X", "rejected a meeting with Y")."""
    verb = _clause_verb(tok)
    return verb is not None and (
        _unrealized(verb) or _planned(verb) or verb.lemma_.lower() in IRREALIS_VERBS | REFUSAL_VERBS
    )


def _meeting_with_sides(view: SentenceView, views: list[SentenceView], tok: Token) -> _Ev | None:
    """A meeting noun told with its other side (events.yaml `meeting_arguments`, anchor `noun`): "X's
    meeting with Y", "talks between X and Y", "X had meetings with Y" (plural too: the meetings of one
    occasion) -> "X meeting with Y", "talks between X and Y". A planned, refused or negated one is none."""
    kind = GATHERING_KINDS.get(tok.lemma_.lower()) or GATHERING_KINDS.get(tok.lower_)
    if tok.dep_ == "compound" or kind != "meeting":
        return None
    found = reached(MEETING_RULES, {"noun": tok})
    sides = [t for rule, t in found if rule.role == "counterpart"]
    if not sides or _hypothetical(tok) or _feared(tok):
        return None  # "rejected talks with X", "the possibility of a meeting between X and Y"
    args = rule_entities(view, found, {"counterpart": VISITOR_TYPES, "owner": VISITOR_TYPES})
    others = [e for e, role, _ in args if role == "counterpart"]
    if not others:
        return None
    who = [e for e, role, _ in args if role == "owner"]
    owner = next((t for rule, t in found if rule.role == "owner"), None)
    if not who and owner is not None and owner.lower_ in PERSON_PRONOUNS:
        p = _person_before(views, view, owner)  # "in his meeting with Hussein, ..."
        who = [p] if p else []
    doer = next((t for rule, t in found if rule.role == "doer"), None)
    plural = tok.lower_ != tok.lemma_.lower() and tok.lower_ not in GATHERING_KINDS
    if any(c.lower_ in FREQUENCY_ADJS for c in tok.lefts) or (plural and doer is None):
        return None  # "regular meetings between X and Y": a habit, not an occasion
    group = None
    if not who and doer is not None:
        who, head = _subject(view, doer, views)
        group = _group_name(view, head)  # "the U.S. Delegation had meetings with ..."
    prep = sides[0].head.lower_
    if prep != "with" and who:
        return None  # "X's talks between A and B": who is who is unclear
    if prep == "with" and not who:
        return None  # "a meeting with Y": whose, the sentence does not say
    if who:
        name = f"{group or _label(who)} {tok.lower_} with {_label(others)}"
    else:
        name = f"{tok.lower_[:1].upper()}{tok.lower_[1:]} {prep} {_label(others)}"
    # a light verb is the trigger: a meeting told during a visit folds into it like "met with"
    ev = _Ev(view, "meeting", name, *view.offsets(tok), trigger=doer if doer is not None else tok)
    ev.add(who, "participant")
    ev.add(others, "participant")
    loc = _location(view, list(tok.subtree)) or _location(view)
    ev.location = loc.literal.entity_id if loc else None
    return ev


def _gathering_participants(view: SentenceView, views: list[SentenceView], tok: Token) -> list[EntitySpan]:
    """Who took part in the gathering `tok` names beyond its own name (events.yaml `gathering_arguments`)."""
    found = reached(GATHERING_RULES, {"trigger": tok})
    out = [e for e, _, _ in rule_entities(view, found, {"participant": VISITOR_TYPES})]
    for rule, t in found:
        if rule.role == "doer":  # "X attended the summit", "he opened the conference"
            out += _subject(view, t, views)[0]
        elif t.lower_ in PERSON_PRONOUNS:  # "before his attendance at the meeting"
            p = _person_before(views, view, t)
            out += [p] if p else []
    return out


def _gathering_told_again(view: SentenceView, views: list[SentenceView], gatherings: list[_Ev]) -> None:
    """'An extraordinary session of the CSTO was held on 28 October. The meeting was chaired by X.': a
    gathering noun with a definite or demonstrative determiner and no name of its own, right after a
    gathering, is that gathering; who its rules find took part in it."""
    if not gatherings:
        return
    for tok in view.sdoc:
        if tok.pos_ != "NOUN" or tok.lemma_.lower() not in GATHERING_KINDS or tok.dep_ == "compound":
            continue
        if not any(c.dep_ == "det" and c.lower_ in ANAPHORIC_DETS for c in tok.children):
            continue
        if view.entities_in(list(tok.subtree), (*ACTOR_TYPES, "PERSON", "LOCATION")):
            continue  # "the NATO meeting": a name of its own (`_told_again` folds it)
        gatherings[-1].add(_gathering_participants(view, views, tok), "participant")
    # "The Standing Committee met before the session. Chaired by X, the committee heard reports from Y."
    body = gatherings[-1].body_noun
    for tok in view.sdoc:
        if body is None or tok.lower_ != body or not any(c.lower_ in ANAPHORIC_DETS for c in tok.children):
            continue
        found = apply_rules(view, BODY_RULES, {"body": tok}, ("PERSON",))  # who spoke, not who they speak for
        gatherings[-1].add([e for e, _, _ in found], "participant")


def _audience(view: SentenceView, gatherings: list[_Ev]) -> None:
    """'Lind opened the Plenary Session. The delegates were welcomed by X. A and B also addressed the
    delegates.': who addressed or welcomed a gathering's audience (events.yaml `audience_arguments`), right
    after it, took part in it: the gathering told first in the latest sentence that tells one."""
    if not gatherings:
        return
    latest = gatherings[-1].view.position
    target = next(e for e in gatherings if e.view.position == latest)
    for tok in view.sdoc:
        if tok.lemma_.lower() not in AUDIENCE_NOUNS or not any(c.dep_ == "det" for c in tok.children):
            continue
        target.add(
            [e for e, _, _ in apply_rules(view, AUDIENCE_RULES, {"audience": tok}, ("PERSON",))],
            "participant",
        )


def _exercises(view: SentenceView) -> list[_Ev]:
    out, sdoc = [], view.sdoc
    about_exercise = any(t.lemma_.lower() in EXERCISE_NOUNS or t.lower_ in EXERCISE_NOUNS for t in sdoc)
    for seq in _cap_sequences(sdoc):
        seq = [t for t in seq if t.lower_ not in ("the",)]
        if not seq:
            continue
        last = seq[-1]
        nxt = sdoc[last.i + 1] if last.i + 1 < len(sdoc) else None
        year = None
        if nxt is not None and YEAR_RE.match(nxt.text) and about_exercise:
            year = nxt
        # the series name is the capitalized words before the year; entity names are not exercises
        name_toks = seq
        if any(e.span.start <= name_toks[0].i and name_toks[-1].i < e.span.end for e in view.entities):
            continue
        if any(t.pos_ not in ("PROPN", "NOUN", "ADJ", "X") for t in name_toks if t.text not in ("-", "–")):
            continue
        hi = name_toks[-1].i
        if any(d.span is not None and d.span.start <= hi and name_toks[0].i < d.span.end for d in view.dates):
            continue  # "September 2005" is a date, not an exercise
        after = year.i + 1 if year is not None else last.i + 1
        j = after
        while (j < len(sdoc) and sdoc[j].pos_ in ("ADJ",)) or (
            j < len(sdoc) and sdoc[j].lower_ in ("military", "joint")
        ):
            j += 1
        followed = j < len(sdoc) and (
            sdoc[j].lemma_.lower() in EXERCISE_NOUNS or sdoc[j].lower_ in EXERCISE_NOUNS
        )
        paren = (
            j < len(sdoc)
            and sdoc[j].text == "("
            and any(t.lemma_.lower() in EXERCISE_NOUNS or t.lower_ in EXERCISE_NOUNS for t in sdoc[j : j + 8])
        )
        if year is None and not (followed or paren):
            continue
        if year is None and followed and sdoc[j].text[:1].isupper():
            continue  # a title-case heading ("Joint Exercises"), not a named exercise
        if len(name_toks) == 1 and year is None and not followed:
            continue
        clause_start = name_toks[0].i == 0 or sdoc[name_toks[0].i - 1].is_punct
        if len(name_toks) == 1 and clause_start and name_toks[0].pos_ != "PROPN":
            # "Joint exercises are ...", 'he said, "More exercises ...': capitalized only because it
            # starts the sentence or a quotation
            continue
        series = clean_space(view.text_of(name_toks[0], name_toks[-1]))
        end_tok = year or name_toks[-1]
        name = clean_space(view.text_of(name_toks[0], end_tok))
        ev = _Ev(
            view, "exercise", name, *view.offsets(sdoc[name_toks[0].i : end_tok.i + 1]), trigger=name_toks[0]
        )
        ev.series = series
        ev.names_used = set(range(name_toks[0].i, end_tok.i + 1))
        hyphen_year = re.search(r"[-–]((?:19|20)\d\d)$", name)  # "Rubezh-2006"
        if year is not None or hyphen_year:
            ev.date_value, ev.date_precision = year.text if year is not None else hyphen_year[1], "year"
        ev.add(view.entities_in(sdoc, ACTOR_TYPES), "participant")
        loc = _location(view)
        ev.location = loc.literal.entity_id if loc else None
        out.append(ev)
    return out


def _happenings(view: SentenceView, views: list[SentenceView] | None = None) -> list[_Ev]:
    """Named happenings: 'the Andijan events (May 2005)', 'the 2005 Tulip Revolution', 'the Russian
    invasion of Ukraine', 'Operation Enduring Freedom'; and happenings told by their complement ('the
    uprising in Andijan on May 13, 2005', 'the breakup of the USSR')."""
    out, sdoc = [], view.sdoc
    for tok in sdoc:
        if tok.lower_ in HAPPENING_NOUNS and tok.pos_ in ("NOUN", "PROPN") and tok.dep_ != "compound":
            if _feared(tok):
                continue  # "the threat of NATO air strikes", "US air strikes could do serious harm"
            bare = not any(
                c.dep_ in ("det", "poss", "amod", "compound", "nummod", "nmod") for c in tok.children
            )
            if bare and tok.dep_ == "pobj" and tok.head.lower_ in STATE_PREPS:
                continue  # "hand them over for trial", "under arrest", "on trial": a state, not a happening
            mods = [
                c
                for c in tok.lefts
                if c.dep_ in ("compound", "nmod", "amod", "nummod")
                and (c.text[:1].isupper() or (c.text[:1].isdigit() and "," not in c.text))  # not a count
                and (c.i > 0 or c.pos_ == "PROPN" or view.entity_at(c) is not None)  # not "Generic violence"
            ]
            quoted = _quoted_name(tok)
            if quoted:
                mods = quoted  # 'what has been called the "rose revolution"': a name, however written
            if not mods:
                ev = _happening_with_complement(view, tok) or _happening_with_adjective(view, tok)
                if ev is not None:
                    out.append(ev)
                continue
            first = min(c.left_edge.i for c in mods)
            args = apply_rules(view, HAPPENING_RULES, {"trigger": tok}, (*ACTOR_TYPES, "LOCATION"))
            complement = [e for e, _, rule in args if rule == "complement"]
            last = max([tok.i, *(e.span.end - 1 for e in complement if e.span.start > tok.i)])
            name = clean_space(view.text_of(sdoc[first], sdoc[last]))
            if quoted:
                name = " ".join(w[:1].upper() + w[1:] for w in name.split())
            ev = _Ev(view, "other", name, *view.offsets(sdoc[first : last + 1]), trigger=tok)
            ev.names_used = set()
            ev.add([e for e, _, _ in args if e.type != "LOCATION"], "participant")
            inside = view.entities_in(sdoc[first : last + 1], PLACE_TYPES)
            inside.sort(key=lambda e: e.literal.type != "LOCATION")  # a city or region before a state
            loc = next((e for e in inside if e.literal.type in PLACE_TYPES), None) or _location(
                view, list(tok.subtree)
            )
            ev.location = loc.literal.entity_id if loc else None
            out.append(ev)
    for seq in _cap_sequences(sdoc):
        if len(seq) >= 2 and seq[0].lower_ in OPERATION_WORDS:
            name = clean_space(view.text_of(seq[0], seq[-1]))
            ev = _Ev(view, "other", name, *view.offsets(sdoc[seq[0].i : seq[-1].i + 1]), trigger=seq[0])
            out.append(ev)
    for ev in out:  # "X launched an incursion into Y", "X staged a coup": who carried it out
        if ev.trigger is not None and ev.trigger.lower_ in HAPPENING_NOUNS:
            for _, verb in reached(DOER_RULES, {"trigger": ev.trigger}):
                if not _unrealized(verb):
                    agents = _clause_arguments(view, verb, views or [view])[0]
                    ev.add([e for e in agents if e.type != "LOCATION"], "participant")
    return out


def _quoted_name(tok: Token) -> list[Token]:
    """The lower-case modifiers of a happening noun quoted as a name ('what has been called the "rose
    revolution"', 'the so-called "orange revolution"', 'known as the "tulip revolution"'); none else."""
    quote = next((c for c in tok.lefts if c.tag_ == "``"), None)
    closes = any(t.tag_ == "''" for t in tok.doc[tok.i + 1 : tok.i + 3])
    if quote is None or not closes:
        return []
    if not any(t.lemma_.lower() in NAMING_VERBS for t in tok.doc[max(0, quote.i - 4) : quote.i]):
        return []  # 'condemns the "terrorist bomb attacks"': words quoted, not a name given
    return [c for c in tok.lefts if c.i > quote.i and c.dep_ in ("amod", "compound", "nmod")]


def _feared(tok: Token) -> bool:
    """A happening only feared, threatened or planned: the object of a noun of `irrealis_nouns` ("the
    threat of NATO air strikes", "plans for an invasion"), or, for a class not told undated, the subject
    of a modal verb ("US air strikes against Iraq could do serious harm"; "the raid is not linked to X"
    tells a raid)."""
    head = tok.head
    if tok.dep_ == "pobj" and head.dep_ == "prep" and head.head.lemma_.lower() in IRREALIS_NOUNS:
        return True
    return (
        tok.lower_ not in UNDATED_HAPPENING_NOUNS
        and tok.dep_ in ("nsubj", "nsubjpass")
        and any(c.dep_ == "aux" and c.lower_ in MODAL_AUXILIARIES for c in tok.head.children)
    )


def _happening_with_adjective(view: SentenceView, tok: Token) -> _Ev | None:
    """A happening told by a common noun and its adjectives in a dated clause: 'the November 2
    parliamentary elections', 'presidential elections that will take place January 4', 'ethnic clashes
    broke out in June 2010' ('the recent unrest', 'such riots' refer back)."""
    adjs = [
        c for c in tok.lefts if c.dep_ == "amod" and c.pos_ == "ADJ" and c.lower_ not in DEMONSTRATIVE_ADJS
    ]
    if not adjs or any(
        (c.dep_ in ("det", "predet") and c.lower_ in ANAPHORIC_DETS - {"the"})
        or c.lower_ in DEMONSTRATIVE_ADJS
        for c in tok.lefts
    ):
        return None
    verb = _clause_verb(tok)
    if verb is not None and verb.tag_ in ("VBZ", "VBP") and verb.lemma_.lower() == "be":
        return None  # "Georgia is in deep economic crisis": a state of things, not a happening
    d = _clause_date(view, tok)
    if d is None:  # the clause the noun stands in, or one of its relative clauses, places it in time
        rel = next((c for c in tok.children if c.dep_ in ("relcl", "acl")), None)
        d = _clause_date(view, rel) if rel is not None and rel.pos_ in ("VERB", "AUX") else None
    if d is None:
        return None
    first = min(c.left_edge.i for c in adjs)
    name = clean_space(view.text_of(view.sdoc[first], tok))
    ev = _Ev(
        view, "other", name[:1].upper() + name[1:], *view.offsets(view.sdoc[first : tok.i + 1]), trigger=tok
    )
    args = apply_rules(view, HAPPENING_RULES, {"trigger": tok}, (*ACTOR_TYPES, "PERSON", "LOCATION"))
    ev.add([e for e, _, _ in args if e.type != "LOCATION"], "participant")
    place = next((e for e, _, _ in args if e.literal.type in PLACE_TYPES), None)
    ev.location = place.literal.entity_id if place else None
    ev.date = d.date
    return ev


def _happening_with_complement(view: SentenceView, tok: Token) -> _Ev | None:
    """A happening named by its place, its date or what it happened to: 'the uprising in Andijan on May
    13, 2005' (-> 'Andijan uprising'), 'the events of March 24, 2005', 'the breakup of the USSR',
    'fighting between Armenia and Azerbaijan'. A happening without a name of its own is an event only
    where its sentence places it in time ('the breakup of the USSR' in passing is a reference), except
    for the classes told undated by their place ('the war in Afghanistan')."""
    sdoc = view.sdoc
    dated = bool(_usable_dates(view))
    if not dated and tok.lower_ not in UNDATED_HAPPENING_NOUNS:
        return None
    # undated, it is named by its place and its own name words only ("the expanding war in South Asia")
    named_by = [
        c
        for c in tok.lefts
        if c.dep_ in ("amod", "compound") and c.lower_ not in TIME_ADJS and (dated or c.text[:1].isupper())
    ]
    first = min([tok.i, *(c.left_edge.i for c in named_by)])
    for prep in (c for c in tok.rights if c.dep_ == "prep"):
        if not dated and prep.lower_ != "in":
            continue  # "the invasion of X", "a war against Y" in passing: a reference, unless dated
        sub = list(prep.subtree)
        if prep.lower_ == "in":
            place = _location(view, sub)
            if place is None or place.literal.type not in PLACE_TYPES:
                continue
            if not dated and not any(
                c.dep_ == "pobj" and place.span.start <= c.i < place.span.end for c in prep.children
            ):
                continue  # "a rebellion in a former USSR republic": the place is not where it was
            name = f"{_ent_text(place)} {view.text_of(sdoc[first], tok)}"
            ev = _Ev(
                view, "other", clean_space(name), *view.offsets(sdoc[tok.i : sub[-1].i + 1]), trigger=tok
            )
            ev.location = place.literal.entity_id
            ev.add(
                [place] if place.literal.type == "COUNTRY" or place.entity is not place.literal else [],
                "participant",
            )
            return ev
        if prep.lower_ == "of" and dated:
            idx = {t.i for t in sub}
            dated = [d for d in _usable_dates(view) if d.span.start in idx]
            if dated:
                name = clean_space(view.text_of(sdoc[first], dated[0].span[-1]))
                ev = _Ev(view, "other", name, *view.offsets(sdoc[first : dated[0].span.end]), trigger=tok)
                ev.date = dated[0].date
                return ev
        if prep.lower_ in HAPPENING_NAME_PREPS:
            ents = view.entities_in(argument_tokens(prep), (*ACTOR_TYPES, "LOCATION"))
            if not ents:
                continue
            # the complements after it name it too: "an incursion by X onto Y's territory"
            for nxt in (c for c in tok.rights if c.dep_ == "prep" and c.i > prep.i):
                more = view.entities_in(argument_tokens(nxt), (*ACTOR_TYPES, "LOCATION"))
                if nxt.lower_ not in HAPPENING_NAME_PREPS or not more:
                    break
                ents += more
            last = max(e.span.end - 1 for e in ents)
            name = clean_space(view.text_of(sdoc[first], sdoc[last]))
            ev = _Ev(
                view, "other", name[:1].upper() + name[1:], *view.offsets(sdoc[first : last + 1]), trigger=tok
            )
            ev.add([e for e in ents if e.type != "LOCATION"], "participant")
            place = next((e for e in ents if e.literal.type == "LOCATION"), None)  # "the siege of Osterby"
            ev.location = place.literal.entity_id if place else None
            return ev
    return None


def _unrealized(tok: Token) -> bool:
    """A negated, modal or planned verb tells no happening: "did not attend", "would withdraw",
    "could join" (its head too, for "was not allowed to join")."""
    for t in (tok, tok.head) if tok.dep_ == "xcomp" else (tok,):
        if any(c.dep_ == "neg" or (c.dep_ == "aux" and c.lower_ in MODAL_AUXILIARIES) for c in t.children):
            return True
    return False


def _planned(tok: Token) -> bool:
    """An infinitive of a verb of planning, intending or being due ("plans to visit", "is to visit")."""
    return tok.dep_ == "xcomp" and tok.head.lemma_.lower() in PLANNING_HEADS


def _clause_arguments(
    view: SentenceView, verb: Token, views: list[SentenceView]
) -> tuple[list[EntitySpan], list[EntitySpan]]:
    """(agents, other participants) of a clause, by the rules of events.yaml `clause_arguments`; a
    subject of the verb's own wins over one it shares with the verb it is conjoined to or controlled by;
    a personal pronoun subject stands for the person named before it."""
    found = apply_rules(view, CLAUSE_RULES, {"verb": verb}, (*ACTOR_TYPES, "PERSON"))
    appos = [e for e, _, rule in found if rule == "subject-apposition"]
    own = any(rule == "subject" for _, _, rule in found)
    agents = appos or [e for e, role, rule in found if role == "agent" and (rule == "subject" or not own)]
    if not agents:
        agents, _ = _subject(view, verb, views)
    others = [e for e, role, _ in found if role != "agent" and e not in agents]
    return agents, others


def _others(
    view: SentenceView,
    taken: set[int],
    signed: Sequence[tuple[int, int]] = (),
    views: list[SentenceView] | None = None,
) -> list[_Ev]:
    """A dated clause whose verb is in the lexicon: 'In 2005, the Institute was established in Almaty'.
    A clause about an instrument in `signed` (document offsets) is already a signing event."""
    out, sdoc = [], view.sdoc
    views = views if views is not None else [view]
    if not _usable_dates(view):
        return out
    for tok in sdoc:
        if tok.pos_ != "VERB" or tok.i in taken:
            continue
        # "Armenia announced that it would withdraw from the alliance": the announcement happened
        announced = tok.dep_ == "ccomp" and tok.head.lemma_.lower() in ANNOUNCE_VERBS
        if _unrealized(tok) and not announced:
            continue
        announced = announced and _unrealized(tok)
        lemma = tok.lemma_.lower()
        # "the Council decided to suspend Uzbekistan": a decision is an act, its object is not (yet) done
        decided = (
            tok.dep_ == "xcomp" and tok.head.lemma_.lower() in DECISION_VERBS and not _unrealized(tok.head)
        )
        if tok.dep_ in ("xcomp", "ccomp") and tok.head.lemma_.lower() in IRREALIS_VERBS and not decided:
            continue  # "threatened to close the base", "agreed to set up a commission": not (yet) done
        if tok.dep_ == "acl" and tok.head.lemma_.lower() in IRREALIS_NOUNS:
            continue  # "Uzbekistan's decision to expel the Americans"
        phrasal = next((c.lower_ for c in tok.children if c.dep_ == "prt"), None)
        noun = OTHER_VERBS.get(f"{lemma} {phrasal}") if phrasal else None
        noun = noun or OTHER_VERBS.get(lemma)
        if noun is None and lemma in REPORT_VERBS:
            # "Tashkent announced its withdrawal from GUUAM": the object names the happening
            found = reached(REPORT_RULES, {"verb": tok})
            obj = next((t for rule, t in found if rule.role == "reported"), None)
            d = _nearest_date(view, tok)
            if obj is None or d is None or token_distance(d.span, tok) > 20:
                continue
            text, _, _ = _np_text(view, obj, OBJECT_NAME_PREPS)
            subj = [t for rule, t in found if rule.role == "reporter"]
            subj_ents = view.entities_in([t for c in subj for t in c.subtree], (*ACTOR_TYPES, "PERSON"))
            name = text[:1].upper() + text[1:]
            if subj_ents and not any(_ent_text(e) in name for e in subj_ents):
                name = f"{_label(subj_ents)}: {name}"
            ev = _Ev(view, "other", name, *view.offsets(obj), trigger=tok)
            ev.add(subj_ents, "participant")
            ev.add(view.entities_in(list(obj.subtree), (*ACTOR_TYPES, "PERSON")), "participant")
            ev.date = d.date
            out.append(ev)
            continue
        if noun is None and lemma in ROLE_VERBS:
            ev = _role_change(view, tok, views)
            if ev is not None:
                out.append(ev)
            continue
        if noun is None:
            continue
        d = _nearest_date(view, tok)
        if d is None or token_distance(d.span, tok) > 20:
            continue
        objs = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
        subj = [c for c in tok.children if c.dep_ == "nsubj"]
        if tok.dep_ == "relcl" and objs and objs[0].lower_ in RELATIVE_PRONOUNS:
            objs = []  # "the Forces, which were replaced in 1992": what was replaced is the noun
        gap = tok.dep_ == "relcl" or (tok.dep_ == "acl" and tok.tag_ == "VBN")
        if not objs and gap and tok.head.pos_ in ("NOUN", "PROPN"):
            # a participle or relative clause on the noun it reports about: "the Forces of the CSTO,
            # created in May 2001", "the Caspian Guard project the Pentagon launched in 2003", "the GUAM
            # group, established in 1997"
            head = tok.head
            own = [t for c in head.lefts for t in c.subtree]
            if view.entity_at(head) is None and not view.entities_in(own, ACTOR_TYPES):
                continue
            objs = [head]
        prep = None
        agents, others = _clause_arguments(view, tok, views)
        if not objs and lemma in SUBJECT_HAPPENINGS:
            objs = subj  # "the Soviet Union collapsed": what happened, happened to the subject
            subj, agents = [], []
        xcomp = next((c for c in tok.children if c.dep_ == "xcomp" and c.pos_ == "VERB"), None)
        if not objs and xcomp is not None and lemma in IRREALIS_VERBS and agents:
            # "Bordyuzha offered to send a mission to Donbas", "X refused to hold drills": what was
            # offered or refused is the infinitive's phrase
            words = [t for t in xcomp.subtree if t.i >= xcomp.i and t.dep_ not in ("aux", "punct")][:10]
            cut = next((n for n, t in enumerate(words) if t.dep_ in ("advcl", "relcl", "mark")), len(words))
            what = clean_space(" ".join(t.text for t in words[:cut]))
            ev = _Ev(view, "other", f"{_label(agents)}: {noun} to {what}", *view.offsets(tok), trigger=tok)
            ev.add(agents, "participant")
            ev.add(view.entities_in(argument_tokens(xcomp), (*ACTOR_TYPES, "PERSON")), "participant")
            ev.date = d.date
            out.append(ev)
            continue
        if not objs:
            # "Uzbekistan withdrew from GUUAM", "Kazakhstan acceded to the NPT": the object is a complement
            prep = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ in COMPLEMENT_PREPS), None)
            pobj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
            if pobj is None or not view.entities_in(list(pobj.subtree), (*ACTOR_TYPES, "LOCATION")):
                if lemma in ACTOR_HAPPENINGS and agents:
                    # "Azerbaijan, Belarus and Georgia acceded in 1993", "X was forced to resign"
                    who = ", ".join(dict.fromkeys(_ent_text(e) for e in agents))
                    who = re.sub(r", ([^,]+)$", r" and \1", who)
                    ev = _Ev(
                        view,
                        "other",
                        f"{'Announced ' + noun.split()[0].lower() if announced else noun.split()[0]} of {who}",
                        *view.offsets(tok),
                        trigger=tok,
                    )
                    ev.add(agents, "participant")
                    ev.date = d.date
                    out.append(ev)
                continue
            objs = [pobj]
        obj_text, _, _ = _np_text(view, objs[0], ("of",))
        if not obj_text or obj_text.lower() in OBJECT_PRONOUNS | PERSON_PRONOUNS:
            continue
        if objs[0].i in taken:
            continue  # "he opened the conference in Baku": the conference is the event
        obj_start, obj_end = view.offsets(sdoc[objs[0].left_edge.i : objs[0].right_edge.i + 1])
        if any(start < obj_end and obj_start < end for start, end in signed):
            continue  # "Kazakhstan ratified the Treaty on Collective Security in 1994": a signing event
        subj_ents = agents
        held = objs[0].lemma_.lower(), objs[0].lower_
        kind = next((GATHERING_KINDS[w] for w in held if w in GATHERING_KINDS), None)
        with_ents: list[EntitySpan] = []
        if kind is not None and lemma in HELD_VERBS:
            # "Putin and Karimov held talks in Moscow (with Y)": a meeting, named by what was held
            obj_text = _gathering_name(view, objs[0], ("of",))[0]
            name = f"{_label(subj_ents)} {obj_text}" if subj_ents else obj_text[:1].upper() + obj_text[1:]
            with_ = [t for c in tok.children if c.dep_ == "prep" and c.lower_ == "with" for t in c.subtree]
            with_ents = view.entities_in(with_, (*ACTOR_TYPES, "PERSON"))
            if with_ents:
                name = f"{name} with {_label(with_ents)}"
        else:
            kind = None
            if " " in noun:  # "Accession to", "Withdrawal from": the lexicon gives the preposition
                name = f"{noun} {obj_text}"
            else:
                name = f"{noun} {prep.lower_ if prep is not None else 'of'} {obj_text}"
            if announced or decided:
                name = f"{'Announced' if announced else 'Decision on'} {name[:1].lower()}{name[1:]}"
            if subj_ents:
                name = f"{_label(subj_ents)}: {name}"
        ev = _Ev(view, kind or "other", name, *view.offsets(tok), trigger=tok)
        ev.add(subj_ents + with_ents, "participant")
        if objs[0].head.i != tok.i:  # a participle's noun or a complement the rules do not reach
            ev.add(view.entities_in(argument_tokens(objs[0]), (*ACTOR_TYPES, "PERSON")), "participant")
        ev.add(others, "participant")
        loc = _location(view, list(tok.subtree))
        ev.location = loc.literal.entity_id if loc else None
        ev.date = d.date
        out.append(ev)
    return out


def _office_elections(view: SentenceView, views: list[SentenceView], taken: set[int]) -> list[_Ev]:
    """'Marta Lind was elected to serve as President of the Assembly', 'she was elected to be the committee
    chair', 'the Assembly elected Marta Lind as its President': a person put in an office, an event
    whether or not the sentence dates it -> 'Election of Marta Lind as President of the Assembly'."""
    out = []
    for tok in view.sdoc:
        lemma = tok.lemma_.lower()
        if tok.pos_ != "VERB" or lemma not in OFFICE_VERBS or tok.i in taken or _unrealized(tok):
            continue
        if tok.dep_ in ("xcomp", "ccomp") and tok.head.lemma_.lower() in IRREALIS_VERBS:
            continue  # "hoped to be elected"
        args = first_reached(OFFICE_RULES, {"verb": tok})
        obj = args.get("person")
        if obj is None:
            continue
        if obj.lower_ in PERSON_PRONOUNS:
            person = _person_before(views, view, obj)
        else:  # "Marta Lind, a lawyer from Ruritania, was elected", "elected Marta Lind president"
            people = [e for e in view.entities_in(list(obj.subtree), ("PERSON",)) if e.span.start <= obj.i]
            person = people[0] if people else None
        if person is None:
            continue
        office = args.get("office")
        if office is None and obj.dep_ == "dobj" and not person.span.start <= obj.i < person.span.end:
            office = obj
        name = f"{OTHER_VERBS[lemma]} of {_ent_text(person)}"
        if office is not None and office.pos_ in ("NOUN", "PROPN"):
            name += f" as {_np_text(view, office, ('of',))[0]}"
        ev = _Ev(view, "other", name, *view.offsets(tok), trigger=tok)
        ev.add([person], "participant")
        if office is not None:
            ev.add(view.entities_in(argument_tokens(office), ACTOR_TYPES), "participant")
        d = _nearest_date(view, tok)
        if d is not None and token_distance(d.span, tok) <= 20:
            ev.date = d.date
        out.append(ev)
    return out


def _role_change(view: SentenceView, tok: Token, views: list[SentenceView]) -> _Ev | None:
    """'He became the president of Georgia in 1992': a person or state taking a role, in a clause
    dated by its own date -> 'Shevardnadze becomes president of Georgia'."""
    attr = first_reached(ROLE_RULES, {"verb": tok}).get("role")
    d = _clause_date(view, tok)
    if attr is None or attr.pos_ not in ("NOUN", "PROPN") or d is None:
        return None
    if reached(ROLE_RULES, {"role": attr}) or any(ORDINAL_RE.match(c.lower_) for c in attr.children):
        return None  # "became the first state to sign ...", "the 25th member": the signing is the event
    agents, _ = _clause_arguments(view, tok, views)
    if not agents:
        return None
    role, _, _ = _np_text(view, attr, ("of", "for"))
    ev = _Ev(view, "other", f"{_label(agents)} {ROLE_VERBS[tok.lemma_.lower()]} {role}", *view.offsets(tok))
    ev.trigger = tok
    ev.add(agents, "participant")
    ev.add(view.entities_in(argument_tokens(attr), (*ACTOR_TYPES, "PERSON")), "participant")
    ev.date = d.date
    return ev


def _phrase_events(view: SentenceView, views: list[SentenceView], taken: set[int]) -> list[_Ev]:
    """A happening told by a fixed phrase of its verb (events.yaml `phrase_arguments`, lexicon
    `phrase_events`) in a clause that dates it: "the treaty took effect in 1994" -> "Entry into force of
    treaty", "Obama took office in 2009" -> "Obama takes office"; not a negated, modal or planned one."""
    out = []
    for tok in view.sdoc:
        if tok.pos_ not in ("VERB", "AUX") or tok.i in taken or _unrealized(tok) or _planned(tok):
            continue
        if tok.dep_ in ("xcomp", "ccomp") and tok.head.lemma_.lower() in IRREALIS_VERBS:
            continue
        for role, marker in first_reached(PHRASE_RULES, {"verb": tok}).items():
            spec = PHRASE_EVENTS[role]
            if tok.lemma_.lower() not in spec["verbs"] or any(
                c.dep_ in ("det", "poss") for c in marker.children
            ):
                continue  # "took the office of his predecessor": no phrase
            d = _nearest_date(view, tok)
            subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if d is None or subj is None or token_distance(d.span, tok) > 20:
                continue
            if spec["person"]:
                # "X, who took office in 2009, ...": the relative pronoun stands for the noun it hangs on
                holder = tok.head if subj.lower_ in PERSON_RELATIVES and tok.dep_ == "relcl" else subj
                who = view.entities_in(argument_tokens(holder), ("PERSON",))
                if not who and subj.lower_ in PERSON_PRONOUNS:
                    who = [e for e in _subject(view, tok, views)[0] if e.type == "PERSON"]
                if not who:
                    continue
                subject = _label(who[:1])
            else:
                if subj.pos_ not in ("NOUN", "PROPN"):
                    continue
                subject, _, _ = _np_text(view, subj, ("of",))
                who = view.entities_in(list(subj.subtree), (*ACTOR_TYPES, "PERSON"))
            objects = view.entities_in(argument_tokens(marker), ("PERSON",))
            if "{object}" in spec["name"] and not objects:
                continue  # "X succeeded in doing Y", "replaced the old system": no one followed
            name = spec["name"].format(subject=subject, object=_label(objects[:1]))
            ev = _Ev(view, "other", name[:1].upper() + name[1:], *view.offsets(tok), trigger=tok)
            ev.add(who + objects[:1], "participant")
            ev.date = d.date
            out.append(ev)
            break
    return out


def _took_place(view: SentenceView, taken: set[int]) -> list[_Ev]:
    """'A referendum on the new constitution took place in Kyrgyzstan in October 2007': the subject of
    'took place' (occurred, happened) is the event. Visits, meetings, summits and exercises are left to
    their own extractors; a bare noun ('Elections took place') says too little to name one."""
    out, sdoc = [], view.sdoc
    for tok in sdoc:
        lemma = tok.lemma_.lower()
        if tok.pos_ != "VERB" or lemma not in HAPPENED_VERBS or tok.i in taken:
            continue
        args = first_reached(TOOK_PLACE_RULES, {"verb": tok})
        if lemma == "take" and "place" not in args:
            continue
        subj = args.get("subject")
        if subj is None or subj.pos_ not in ("NOUN", "PROPN") or subj.i in taken:
            continue
        head = subj.lemma_.lower()
        if head in VISIT_NOUNS | EXERCISE_NOUNS or head in GATHERING_KINDS or subj.lower_ in EXERCISE_NOUNS:
            continue
        if any(c.dep_ == "det" and c.lower_ in ANAPHORIC_DETS - {"the"} for c in subj.children):
            continue  # "This happened in 2005": refers back
        d = _nearest_date(view, tok)
        text, first, last = _np_text(view, subj, SUBJECT_NAME_PREPS)
        inside = view.entities_in(sdoc[first : last + 1], (*ACTOR_TYPES, "PERSON", "LOCATION"))
        if d is None or (len(text.split()) < 2 and not inside):
            continue
        ev = _Ev(
            view, "other", text[:1].upper() + text[1:], *view.offsets(sdoc[first : last + 1]), trigger=tok
        )
        ev.add([e for e in inside if e.type != "LOCATION"], "participant")
        loc = _location(view, list(tok.subtree))
        ev.location = loc.literal.entity_id if loc else None
        ev.date = d.date
        out.append(ev)
    return out


# --------------------------------------------------------------------------- main


def _dated_clause(
    view: SentenceView, views: list[SentenceView], signed: Sequence[tuple[int, int]]
) -> list[_Ev]:
    """'On 8 May 2024, Armenia announced it had stopped its contributions to the CSTO': a sentence
    opened by an absolute date that governs its main clause reports a happening, whatever the verb
    (not a state of things, nor a negated, modal or threatened one, nor a signing of an instrument in
    `signed`: that is a signing event), when its subject names an actor. Named by the
    clause ('Armenia announced it had stopped its contributions to the CSTO'), or, for words said on an
    occasion, by the occasion ('Pashinyan interview' for 'during an interview, Pashinyan stated')."""
    sdoc = view.sdoc
    root = next((t for t in sdoc if t.dep_ == "ROOT"), None)
    if signed or root is None or root.pos_ not in ("VERB", "AUX"):
        return []
    lemma = root.lemma_.lower()
    opening = _opening_date(view, root)
    if lemma in STATIVE_VERBS or opening is None or _unrealized(root):
        return []
    if lemma in IRREALIS_VERBS and any(c.dep_ == "xcomp" for c in root.children):
        return []  # "threatened to leave NATO": not done
    subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or (subject.pos_ != "PRON" and view.entity_at(subject) is None):
        return []  # "the economy of X grew": the subject is no actor, whatever it names
    agents, others = _clause_arguments(view, root, views)
    if not agents:
        return []
    occasion = next(
        (
            pobj
            for prep in root.children
            if prep.dep_ == "prep" and lemma in SPEECH_VERBS
            for pobj in prep.children
            if pobj.dep_ == "pobj" and pobj.lower_ in SPEECH_NOUNS
        ),
        None,
    )
    if occasion is not None:
        name = f"{_label(agents)} {_np_text(view, occasion, OCCASION_NAME_PREPS)[0]}"
        tokens = list(occasion.subtree)
    elif lemma in SPEECH_VERBS:
        return []  # "X said that ...": words, not a happening, unless said on an occasion
    else:
        tokens = _clause_name_tokens(root, {t.i for t in opening.span})
        name = f"{_label(agents)} {clean_space(view.text_of(tokens[0], tokens[-1]))}"
    ev = _Ev(view, "other", name, *view.offsets(sdoc[tokens[0].i : tokens[-1].i + 1]), trigger=root)
    ev.add(agents + others + view.entities_in(tokens, (*ACTOR_TYPES, "PERSON")), "participant")
    loc = _location(view, tokens)
    ev.location = loc.literal.entity_id if loc else None
    ev.date = opening.date
    return [ev]


def _opening_date(view: SentenceView, root: Token) -> DateSpan | None:
    """The absolute date the sentence opens with ('On 3 September 2023, ...', 'In 2009, ...'), when it
    belongs to the main clause."""
    for d in _usable_dates(view):
        start, head = d.span.start, d.span.root.head
        opens = start == 0 or (start == 1 and view.sdoc[0].lower_ in OPENING_DATE_PREPS)
        if not opens or d.date.is_relative or not d.date.value[:4].isdigit():
            return None
        governed = head.i == root.i or (head.dep_ == "prep" and head.head.i == root.i)
        return d if governed else None
    return None


def _clause_name_tokens(verb: Token, skip: set[int]) -> list[Token]:
    """The verb with its auxiliaries and what follows it in its clause, up to a punctuation mark, a word
    opening an adjunct (CLAUSE_NAME_STOPS), an adverbial clause or CLAUSE_NAME_WORDS words, without a
    dangling preposition or conjunction."""
    sdoc = verb.doc
    first = min([verb.i, *(c.i for c in verb.lefts if c.dep_ in ("aux", "auxpass", "neg", "prt"))])
    tokens = [t for t in sdoc[first : verb.i + 1] if t.i not in skip]
    end = verb.right_edge.i
    for t in sdoc[verb.i + 1 : end + 1]:
        if (
            t.lower_ in CLAUSE_NAME_STOPS
            or (t.dep_ == "advcl" and t.head.i == verb.i)
            or len(tokens) >= CLAUSE_NAME_WORDS
        ):
            break
        if t.i not in skip:
            tokens.append(t)
    while len(tokens) > 1 and tokens[-1].pos_ in ("ADP", "DET", "CCONJ", "SCONJ", "PART", "PUNCT"):
        tokens.pop()
    return tokens


def extract_events(
    documents: Sequence[ParsedDocument],
    docs: Mapping[str, Sequence[Doc]],
    entities: Sequence[Entity],
    mentions: Sequence[ResolvedMention],
    dates: Sequence[DateMention],
    agreements: AgreementTables | None = None,
    views: CorpusViews | None = None,
    memo: Memo = NO_MEMO,
    parallel_map: Callable[..., Iterator] = map,
) -> EventTables:
    """Events of each document, from its own sentences and its agreements' signing evidence.

    `agreements` (the output of extract_agreements on the same inputs) supplies signing events; it is
    computed here when not given. `views` (build_views of the same inputs) may be shared too. A
    document's events depend only on its views and its agreement evidence, so `memo` can keep them and
    `parallel_map` can find them on other processes."""
    views = views if views is not None else build_views(documents, docs, entities, mentions, dates)
    if agreements is None:
        agreements = extract_agreements(
            documents, docs, entities, mentions, dates, views=views, memo=memo, parallel_map=parallel_map
        )
    actions: dict[str, list[AgreementAction]] = defaultdict(list)
    for a in agreements.actions:
        actions[a.doc_id].append(a)
    entity_names = {e.entity_id: (e.type, e.name) for e in entities}
    parties: dict[str, list[str]] = defaultdict(list)
    for p in agreements.agreement_parties:
        if p.role == "party":
            parties[p.agreement_id].append(p.entity_id)
    keys, tasks = [], []
    for d in documents:
        evidence = tuple(actions.get(d.doc_id, ()))
        # the parties of each instrument acted on, among the entities the document names
        named = views.entity_ids(d.doc_id)
        sides = {
            a.agreement_id: tuple(e for e in parties.get(a.agreement_id, ()) if e in named) for a in evidence
        }
        signers = sorted(
            {eid for a in evidence for eid in (*a.entity_ids, *sides[a.agreement_id]) if eid in entity_names}
        )
        keys.append(
            digest(
                views.fingerprint(d.doc_id),
                repr(evidence),
                repr(sorted(sides.items())),
                repr([entity_names[e] for e in signers]),
            )
        )
        # the names of the entities the document's events can name: its own and its signers
        related = {e.entity_id for e in views.related_entities(d.doc_id)}
        names = {e: entity_names[e] for e in sorted(related | set(signers)) if e in entity_names}
        tasks.append((d.doc_id, evidence, names, sides))
    found = memo.get_or_compute_many(
        "events",
        keys,
        lambda missing: parallel_map(
            _events_of_inputs,
            [views.inputs(tasks[i][0]) for i in missing],
            *([tasks[i][part] for i in missing] for part in (1, 2, 3)),
        ),
    )
    events: list[Event] = [e for evs, _ in found for e in evs]
    parts: list[EventParticipant] = [p for _, ps in found for p in ps]
    return EventTables(assign_happenings(events), tuple(parts))


def _events_of_inputs(
    inputs: DocumentInputs,
    evidence: Sequence[AgreementAction],
    entity_names: Mapping[str, tuple[str, str]],
    sides: Mapping[str, Sequence[str]],
) -> tuple[list[Event], list[EventParticipant]]:
    """`_document_events` on another process."""
    doc_id = inputs.document.doc_id
    return _document_events(doc_id, document_views(inputs, stored_vocab()), evidence, entity_names, sides)


def _name_words(name: str) -> frozenset[str]:
    """The content words of an event name: no digits, no words shorter than three letters."""
    return frozenset(w for w in slugify(name).split("-") if len(w) > 2 and not w.isdigit())


def assign_happenings(events: Sequence[Event]) -> tuple[Event, ...]:
    """Give every event a `happening_id` shared by the rows of other documents that report the same
    happening, so that a timeline counts it once: same kind, and either the same content words of the
    name with compatible years ('Steppe Eagle 2005' in two texts), or the same day and a shared
    content word ('September 11 attacks' / 'terrorist attacks of 11 September, 2001'). Two rows of
    one document stay apart (one happening is one row per document). Deterministic: the id is taken
    from the first row of the group in input order."""
    parent = list(range(len(events)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    buckets: dict[tuple, list[int]] = defaultdict(list)
    for i, e in enumerate(events):
        words = _name_words(e.name)
        if words:
            buckets[("name", e.kind, words)].append(i)
        if e.date_precision == "day":
            for w in words:
                buckets[("day", e.kind, e.date_value, w)].append(i)
    docs_of: dict[int, set[str]] = {i: {e.doc_id} for i, e in enumerate(events)}
    for key, members in buckets.items():
        for n, i in enumerate(members):
            for j in members[:n]:
                ya, yb = (events[i].date_value or "")[:4], (events[j].date_value or "")[:4]
                if key[0] == "name" and ya and yb and ya != yb:
                    continue
                ri, rj = find(i), find(j)
                if ri != rj and not docs_of[ri] & docs_of[rj]:
                    root, other = min(ri, rj), max(ri, rj)
                    parent[other] = root
                    docs_of[root] |= docs_of.pop(other)
    ids: dict[int, str] = {}
    used: set[str] = set()
    out = []
    for i, e in enumerate(events):
        root = find(i)
        if root not in ids:
            first = events[root]
            base = f"hap:{first.kind}:{slugify(first.name)}" + (
                f":{first.date_value}" if first.date_value else ""
            )
            hid, n = base, 1
            while hid in used:
                n += 1
                hid = f"{base}-{n}"
            used.add(hid)
            ids[root] = hid
        out.append(replace(e, happening_id=ids[root]))
    return tuple(out)


def _document_events(
    doc_id: str,
    vs: list[SentenceView],
    evidence: Sequence[AgreementAction],
    entity_names: Mapping[str, tuple[str, str]],
    sides: Mapping[str, Sequence[str]] = {},
) -> tuple[list[Event], list[EventParticipant]]:
    found: list[_Ev] = []
    last_dated: _Ev | None = None
    signings = _signing_evidence(evidence)
    for v in vs:
        if v.sentence.in_footnote:
            continue
        if _heading(v):
            # an encyclopedia's heading names a gathering or happening with its year ("2024 CSTO Summit in
            # Astana", "2010 Kyrgyz riots"); other headings name topics
            if not any(YEAR_RE.match(t.text) for t in v.sdoc):
                continue
            evs = _meetings(v, vs) + _happenings(v, vs)
            for ev in evs:
                _date_event(ev, v, None)
            found += evs
            continue
        evs = _visits(v, vs) + _stays(v, vs) + _meetings(v, vs) + _exercises(v) + _happenings(v, vs)
        evs += _exercise_nouns(v, vs, {e.trigger.i for e in evs if e.trigger is not None})
        evs += _office_elections(v, vs, {e.trigger.i for e in evs if e.trigger is not None})
        elided = _elided_visits(v)
        for ev in evs:  # the elided clause's date is the elided visit's, not the visit verb's
            if any(ev.date is not None and ev.date == e.date for e in elided):
                ev.date, ev.date_value, ev.date_precision = None, None, None
            if elided:
                ev.names_used = set(ev.names_used) | {t.i for e in elided for t in e.trigger.subtree}
        evs += elided
        taken = {e.trigger.i for e in evs if e.trigger is not None}
        signed = [(a.start, a.end) for a in signings if a.sentence_id == v.sentence.sentence_id]
        evs += _others(v, taken, signed, vs) + _took_place(v, taken) + _phrase_events(v, vs, taken)
        evs = evs or _dated_clause(v, vs, signed)
        evs = _fold_meetings_into_visits(evs, [e for e in found if v.position - e.view.position <= 3], v)
        if not evs:
            recent = [e for e in found if e.kind == "visit" and v.position - e.view.position <= 2]
            _met_during_visit(v, recent)
            _companions(v, vs, recent)
        gathered = [
            e for e in found if e.kind in GATHERING_KINDS.values() and v.position - e.view.position <= 1
        ]
        _gathering_told_again(v, vs, gathered)
        _audience(
            v, [e for e in found if e.kind in GATHERING_KINDS.values() and v.position - e.view.position <= 2]
        )
        for ev in evs:
            _date_event(ev, v, last_dated)
        _observers(v, vs, evs, found)
        found += evs
        dated = [e for e in evs if e.date_value]
        if dated:
            last_dated = dated[-1]
    found += _signings(signings, {v.sentence.sentence_id: v for v in vs}, entity_names, sides)
    events, parts, used_ids = [], [], set()
    for ev in _dedupe(found):
        eid = _event_id(doc_id, ev, used_ids)
        events.append(
            Event(
                eid,
                doc_id,
                ev.kind,
                ev.name,
                ev.series,
                ev.date_value,
                ev.date_precision,
                ev.location,
                ev.view.sentence.sentence_id,
                ev.start,
                ev.end,
            )
        )
        # a place (a city, a region, a headquarters) is where it happened, not who took part
        nested = ev.nested()
        parts += [
            EventParticipant(eid, ent_id, role)
            for ent_id, role in ev.participants.items()
            if entity_names.get(ent_id, ("",))[0] != "LOCATION" and ent_id not in nested
        ]
    return events, parts


def _heading(view: SentenceView) -> bool:
    words = [t.text for t in view.sdoc if t.is_alpha and len(t.text) > 1]
    if bool(words) and sum(w.isupper() for w in words) > 0.6 * len(words):
        return True
    # a title-case line without final punctuation: "Joint Exercises", "Astana and Washington: Motives"
    content = [w for w in words if w.lower() not in NAME_STOPWORDS]
    text = view.sentence.text.strip()
    return (
        len(words) <= 10 and bool(content) and all(w[0].isupper() for w in content) and text[-1:] not in ".!?"
    )


def _date_event(ev: _Ev, view: SentenceView, last: _Ev | None) -> None:
    if ev.date is None and ev.trigger is not None:
        d = _nearest_date(view, ev.trigger, ev.names_used)
        if d is not None:
            ev.date = d.date
    if ev.date is not None:
        ev.date_value, ev.date_precision = ev.date.value, ev.date.precision
        other = _coordinated_date(view, ev.date)
        if other is not None and "(" not in ev.name:
            ev.date_value, ev.date_precision = f"{ev.date.value}/{other.value}", "range"  # "in 2003 and 2004"
        return
    if ev.date_value:
        return
    # "During the visit, a session ... took place": the sentence refers back to a dated event
    refers_back = any(
        t.pos_ == "NOUN"
        and t.lower_ in VISIT_NOUNS | MEETING_NOUNS
        and any(c.lower_ in ANAPHORIC_DETS for c in t.children)
        for t in view.sdoc
    )
    if refers_back and last is not None and view.position - last.view.position <= 2:
        ev.date_value, ev.date_precision = last.date_value, last.date_precision


def _coordinated_date(view: SentenceView, d: DateMention) -> DateMention | None:
    """The later date of 'in 2003 and 2004' when `d` is the first one (same precision)."""
    text = view.sentence.text
    for o in view.dates:
        if o.date.start > d.end and o.date.precision == d.precision and o.date.value > d.value:
            between = text[d.end - view.base : o.date.start - view.base].strip().lower()
            if between in RANGE_CONNECTORS:
                return o.date
    return None


def _fold_meetings_into_visits(evs: list[_Ev], before: list[_Ev], view: SentenceView) -> list[_Ev]:
    """'In the course of his October visit, R. Simmons met with M. Altyntaev': one visit."""
    visits = [e for e in evs if e.kind == "visit"]
    if any(t.pos_ == "NOUN" and t.lemma_.lower() in VISIT_NOUNS for t in view.sdoc):
        visits += [e for e in reversed(before) if e.kind == "visit"]
    out = []
    for e in evs:
        if e.kind == "meeting" and e.trigger is not None and e.trigger.pos_ == "VERB":
            host = next((v for v in visits if set(v.participants) & set(e.participants)), None)
            if host is not None:
                host.merge(e, "host")
                continue
        out.append(e)
    return out


def _met_during_visit(view: SentenceView, visits: list[_Ev]) -> None:
    """'Marta Lind visited Kazakhstan in 2005. The delegation met with N. Nazarbaev and K. Tokaev.': a
    meeting whose subject names no one (a definite noun, a pronoun), in a sentence that reports nothing
    else, right after a visit, is part of that visit: the people met are its hosts."""
    if not visits:
        return
    for tok in view.sdoc:
        if tok.pos_ != "VERB" or tok.lemma_.lower() not in MEETING_VERBS or _unrealized(tok):
            continue
        subj = first_reached(VISIT_MEETING_RULES, {"verb": tok}).get("referring")  # events.yaml
        if subj is None or view.entities_in(list(subj.subtree), (*ACTOR_TYPES, "PERSON")):
            continue  # "the NATO delegation met with X": it names who met
        for e, _, _ in apply_rules(view, MEETING_RULES, {"verb": tok}, {"counterpart": ("PERSON",)}):
            visits[-1].participants.setdefault(e.entity.entity_id, "host")


def _companions(view: SentenceView, views: list[SentenceView], visits: list[_Ev]) -> None:
    """'Senator X also visited Y. He was joined by Representatives A and B.': in a sentence that reports
    nothing else, right after a visit, the people who joined or accompanied its visitor (or, when the
    visit names none, the person they joined) visited too."""
    if not visits:
        return
    visit = visits[-1]
    visitors = {k for k, role in visit.participants.items() if role == "visitor"}
    for tok in view.sdoc:
        if tok.pos_ != "VERB" or tok.lemma_.lower() not in COMPANY_VERBS or _unrealized(tok):
            continue
        found = reached(COMPANY_RULES, {"verb": tok})
        joined = next((t for rule, t in found if rule.role == "accompanied"), None)
        if joined is None:
            continue
        who = view.entities_in(list(joined.subtree), ("PERSON",))
        if not who and joined.lower_ in PERSON_PRONOUNS:
            p = _person_before(views, view)  # the one joined is named before: not who joined ("A joined her")
            who = [p] if p else []
        if not who or (visitors and not {e.entity.entity_id for e in who} & visitors):
            continue
        companions = [e for e, _, _ in rule_entities(view, found, {"companion": ("PERSON",)})]
        if companions:
            visit.add(who, "visitor")
            visit.add(companions, "visitor")


def _observers(view: SentenceView, views: list[SentenceView], evs: list[_Ev], found: list[_Ev]) -> None:
    """'The United States only participated in the exercise in observer capacity.'"""
    if not any(t.lower_ in OBSERVER_WORDS for t in view.sdoc):
        return
    target = (
        evs[0] if evs else (found[-1] if found and view.position - found[-1].view.position <= 1 else None)
    )
    if target is None:
        return
    for e in view.entities:
        if e.type in ACTOR_TYPES:
            target.participants[e.entity.entity_id] = "observer"


def _signing_evidence(evidence: Sequence[AgreementAction]) -> list[AgreementAction]:
    """The first dated statement of each signing-like action on each agreement, with its date in the
    sentence and tied to the action (rank 0-3)."""
    out, seen = [], set()
    for a in evidence:
        if a.action not in SIGNING_NAMES or (a.date_rank or 0) > 3:
            continue
        if a.date is None and a.action not in UNDATED_ACTIONS:
            continue
        if (a.agreement_id, a.action) not in seen:
            seen.add((a.agreement_id, a.action))
            out.append(a)
    return out


def _signings(
    evidence: Sequence[AgreementAction],
    views: Mapping[str, SentenceView],
    entity_names: Mapping[str, tuple[str, str]],
    sides: Mapping[str, Sequence[str]] = {},
) -> list[_Ev]:
    """Signing, adoption, ratification and enactment events from `_signing_evidence`; who signed is who
    the sentence names, else the instrument's parties (`sides`, those the document names)."""
    out = []
    for a in evidence:
        view = views.get(a.sentence_id)
        if view is None:
            continue
        name = f"{SIGNING_NAMES[a.action]} of the {a.name}"
        # who signed, when the instrument's name does not say it: "Kyrgyzstan and United States: ..."
        # ... as the sentence writes them ("the CSTO", not "Collective Security Treaty Organization", whose
        # words would name another instrument)
        surface = {e.entity.entity_id: _ent_text(e) for e in reversed(view.entities)}
        names = [
            (entity_names[e][0], surface.get(e, entity_names[e][1]))
            for e in a.entity_ids
            if e in entity_names
        ]
        states = [n for t, n in names if t in ("COUNTRY", "ORGANIZATION")] or [n for _, n in names]
        label = " and ".join(dict.fromkeys(states[:2]))
        if label and not any(n.lower() in a.name.lower() for n in states[:2]):
            name = f"{label}: {name}"
        ev = _Ev(view, "signing", name, a.start, a.end)
        if a.date is not None:
            ev.date_value, ev.date_precision = a.date.value, a.date.precision
        for eid in a.entity_ids or sides.get(a.agreement_id, ()):
            ev.participants.setdefault(eid, "participant")
        out.append(ev)
    return out


def _dedupe(evs: list[_Ev]) -> list[_Ev]:
    """One event per (kind, name), and per (kind, date, location/participants) for summits and
    exercises told twice ('the July 2005 Summit of the SCO' ... 'the SCO 2005 Summit')."""
    out: list[_Ev] = []
    for ev in evs:
        dup = None
        for o in out:
            if _told_again(ev, o):
                dup = o  # "the NATO defense chiefs meeting in Brussels" ... "the NATO meeting"
                break
            if o.kind != ev.kind:
                continue
            if slugify(o.name) == slugify(ev.name) and _same_time(o, ev):
                dup = o
            elif (
                ev.kind == "other"
                and o.date_value == ev.date_value
                and _act_of(ev.name) is not None
                and _act_of(o.name) == _act_of(ev.name)
            ):
                dup = o  # "Kazakhstan: Condemnation of the attacks" told twice the same day
            elif ev.kind == "other" and o.date_value and ev.date_value and _same_time(o, ev):
                # "Operation Enduring Freedom" and "U.S.: Launch of Operation Enduring Freedom", same date
                a, b = sorted((slugify(o.name), slugify(ev.name)), key=len)
                if len(a.split("-")) >= 2 and f"-{a}-" in f"-{b}-":
                    dup = o
            elif ev.kind == "other" and not (o.date_value and ev.date_value) and _same_happening(o, ev):
                dup = o  # "the Afghan war" ... "the war in Afghanistan": one of them undated
            elif ev.kind in ("summit", "exercise") and o.date_value and ev.date_value:
                same_date = o.date_value.startswith(ev.date_value) or ev.date_value.startswith(o.date_value)
                shared = (o.location and o.location == ev.location) or set(o.participants) & set(
                    ev.participants
                )
                same_series = ev.kind != "exercise" or o.series == ev.series
                if same_date and shared and same_series:
                    dup = o
            if dup is not None:
                break
        if dup is None:
            # "B. Sembinov made another visit to NATO headquarters": the date tells the two apart
            same_name = any(slugify(o.name) == slugify(ev.name) for o in out if o.kind == ev.kind)
            if same_name and ev.date is not None:
                ev.name = f"{ev.name} ({ev.date.text})"
            out.append(ev)
            continue
        dup.merge(ev)
        if _told_again(ev, dup):
            continue
        if not dup.date_value and ev.date_value:
            dup.date_value, dup.date_precision = ev.date_value, ev.date_precision
        if (
            dup.date_precision == "year"
            and ev.date_precision in ("month", "day")
            and ev.date_value.startswith(dup.date_value or "#")
        ):
            dup.date_value, dup.date_precision = ev.date_value, ev.date_precision
        dup.location = dup.location or ev.location
    return out


def _same_happening(a: _Ev, b: _Ev) -> bool:
    """Two happenings told by the same happening noun with the same participants."""
    return (
        a.trigger is not None
        and b.trigger is not None
        and a.trigger.lemma_.lower() == b.trigger.lemma_.lower()
        and a.trigger.lower_ in HAPPENING_NOUNS
        and bool(a.participants)
        and set(a.participants) == set(b.participants)
    )


def _told_again(ev: _Ev, earlier: _Ev) -> bool:
    """'the NATO meeting', 'the Assembly meeting': a gathering noun with a definite or demonstrative
    determiner whose name words all belong to the name of an earlier gathering of the same kind is that
    gathering told again, whatever gathering noun it uses ('the conference in Singapore' after 'the
    Asian security summit in Singapore'); its date, if any, is the sentence's, not its own."""
    kinds = set(GATHERING_KINDS.values())
    if ev.kind not in kinds or earlier.kind not in kinds or ev.trigger is None:
        return False
    if not any(c.dep_ == "det" and c.lower_ in ANAPHORIC_DETS for c in ev.trigger.children):
        return False
    generic = NAME_STOPWORDS | GATHERING_KINDS.keys()
    words = {w for w in _name_words(ev.name) if w not in generic}
    return bool(words) and not re.search(r"\d", ev.name) and words <= _name_words(earlier.name)


def _act_of(name: str) -> tuple[str, str] | None:
    """('Kazakhstan', 'condemnation') of 'Kazakhstan: Condemnation of X': who did what, when the name
    says both."""
    who, sep, what = name.partition(": ")
    return (who, what.split(" ", 1)[0].lower()) if sep and what else None


def _same_time(a: _Ev, b: _Ev) -> bool:
    """Could two events with the same name be one? Not when both are dated and the dates differ
    (a second visit to the same place): '2005' and '2005-09' can be one, '2005-01' and '2005-09' not."""
    if not a.date_value or not b.date_value:
        return True
    return a.date_value.startswith(b.date_value) or b.date_value.startswith(a.date_value)


def _event_id(doc_id: str, ev: _Ev, used: set[str]) -> str:
    base = f"evt:{doc_id}:{ev.kind}:{slugify(ev.name)}"
    if ev.date_value:
        base += f":{ev.date_value}"
    eid, n = base, 1
    while eid in used:
        n += 1
        eid = f"{base}-{n}"
    used.add(eid)
    return eid
