"""Entity mentions (PERSON, ORGANIZATION, COUNTRY, LOCATION) and their corpus-level resolution.

Per document, mentions come from, in order of trust:
1. the gazetteer scan on characters (countries, demonyms, compounds such as "Kazakh-U.S.",
   organizations and their acronyms, places), with acronyms learned from the text
   ("Euro-Atlantic Partnership Council (EAPC)") and one-edit typos of a known acronym;
2. institution names anchored on a gazetteer name ("Kazakhstan Air Force", "NATO ... Directorate");
3. people written with initials ("R. Simmons", "N.A. Nazarbaeva");
4. the spaCy model's PERSON / ORG / GPE / LOC / FAC spans, filtered (stoplist, program names,
   acronyms nobody defined, transliterated footnote text). In footnotes only 1-3 are kept.

`resolve_entities` then groups mentions across the corpus into one `Entity` each.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Token

from pipelines.extract.gazetteer import Gazetteer, GazHit, entity_id, load_gazetteer, norm_name
from pipelines.extract.model import Entity, EntityMention, ResolvedMention
from pipelines.extract.people import (
    INITIALS_NAME_RE,
    PARTICLES,
    cluster_people,
    is_plausible_name,
    parse_name,
    split_title,
)
from pipelines.parse.metadata import month_numbers
from pipelines.parse.model import ParsedDocument, Sentence

NER_TYPES = {
    "PERSON": "PERSON",
    "ORG": "ORGANIZATION",
    "GPE": "LOCATION",
    "LOC": "LOCATION",
    "FAC": "LOCATION",
}
ACRONYM_RE = re.compile(r"(?<![\w.-])[A-Z][A-Za-z]*[A-Z](?:-\d+)?(?![\w])")
PAREN_ACR_RE = re.compile(r"\(\s*([A-Z][A-Za-z&-]{1,9})\s*\)")
CONNECTORS = {"of", "for", "and", "on", "the", "&", "to", "in", "under"}
# Last words that make a name a place or a facility whatever the model's label ("Manas International
# Airport", "Ganci Air Base", "Farish District"); first words that do the same ("Lake Issyk-Kul").
PLACE_HEADS = {
    "Airport",
    "Airfield",
    "Airbase",
    "Base",
    "Region",
    "District",
    "Province",
    "Oblast",
    "Peninsula",
    "Valley",
    "Mountains",
    "River",
    "Gorge",
    "Pass",
    "Desert",
    "Sea",
    "Lake",
    "Steppe",
    "Basin",
}
PLACE_FIRST_WORDS = {"Lake", "Mount", "River"}
ALLIANCE_RE = re.compile(
    r"\b(?:[Tt]he|[Ii]ts)\s+(?:[a-z][\w-]*\s+){0,3}(Alliance)(?:['’]s)?\b(?!\s+(?:of|for)\b)"
)


@dataclass
class _Cand:
    start: int  # offsets relative to the sentence
    end: int
    type: str
    key: str
    title: str | None
    priority: int  # lower wins
    nested_ok: bool = False  # may contain other mentions (institution names built on a country)


def _is_place_name(words: Sequence[str]) -> bool:
    return bool(words) and (words[-1] in PLACE_HEADS or (len(words) > 1 and words[0] in PLACE_FIRST_WORDS))


def is_heading(sent: Sentence, paragraph_size: int) -> bool:
    """A section heading: a one-sentence body paragraph of at most ten words, in title case, without
    final punctuation ("The Andijan Turning Point", "Energy Enters the Agenda")."""
    text = sent.text.strip()
    if sent.in_footnote or paragraph_size != 1 or not text or text[-1] in '.!?;,:"”)':
        return False
    words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", text)]
    content = [w for w in words if w.lower() not in CONNECTORS | {"a", "an", "with", "within", "between"}]
    return 0 < len(words) <= 10 and bool(content) and all(w[0].isupper() for w in content)


def _osa(a: str, b: str) -> int:
    """Optimal string alignment distance (edits and adjacent transpositions)."""
    d = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) + 1):
        d[i][0] = i
    for j in range(len(b) + 1):
        d[0][j] = j
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[len(a)][len(b)]


def _initials(words: Sequence[str], with_connectors: bool) -> str:
    out = []
    for w in words:
        for part in w.split("-"):
            if not part:
                continue
            if part[0].isupper():
                out.append(part[0])
            elif with_connectors and part.lower() in ("and", "of"):
                out.append(part[0].upper())
    return "".join(out)


def _entry_key_type(gz: Gazetteer, key: str) -> tuple[str, str]:
    e = gz.entry(key)
    return e.type, e.name


# ---------------------------------------------------------------------- acronyms learned per document


def learn_acronyms(sentences: Sequence[Sentence], gz: Gazetteer) -> dict[str, str | None]:
    """Acronym -> gazetteer key or "NEW:<long form>" (None: a program/document, not an entity)."""
    learned: dict[str, str | None] = {}
    long_forms = gz.long_forms()
    for s in sentences:
        for m in PAREN_ACR_RE.finditer(s.text):
            acr = m.group(1)
            before = s.text[: m.start()].rstrip()
            words = before.split()[-10:]
            for n in range(1, len(words) + 1):
                cand = words[-n:]
                if cand[0].lower() in CONNECTORS or not cand[0][:1].isupper():
                    continue
                long_form = " ".join(cand).strip(",;:")
                lf_norm = norm_name(long_form)
                inits = {_initials(cand, False), _initials(cand, True)}
                known_key = long_forms.get(lf_norm)
                if known_key is None and lf_norm.startswith("nato "):
                    known_key = long_forms.get(lf_norm[5:])
                if known_key is not None:
                    known = gz.acronyms_of(known_key)
                    if acr in inits or acr in known or any(_osa(acr, k) <= 1 for k in known + list(inits)):
                        learned[acr] = known_key
                        break
                    continue
                if acr in inits and acr not in gz.surfaces:
                    head = cand[-1].lower()
                    if head in gz.not_org_heads or acr in gz.not_entity_acronyms:
                        learned[acr] = None
                    elif cand[-1] in gz.org_heads:
                        learned[acr] = "NEW:" + long_form
                    else:
                        learned[acr] = None
                    break
    return learned


# ---------------------------------------------------------------------- per-sentence candidates


def _gazetteer_cands(
    sent: Sentence, gz: Gazetteer, learned: dict[str, str | None], doc_keys: set[str]
) -> tuple[list[_Cand], list[GazHit]]:
    text = sent.text
    cands: list[_Cand] = []
    hits = list(gz.scan(text))
    for h in hits:
        key = h.key
        if h.kind == "acronym":
            if h.text in learned and learned[h.text] and not learned[h.text].startswith("NEW:"):
                key = learned[h.text]
            ctx = gz.context_acronyms.get(h.text)
            if ctx and any(p.search(text) for p in ctx.patterns) and ctx.key in gz.entries:
                key = ctx.key
        if h.text in gz.never_entity:
            continue
        type_, name = _entry_key_type(gz, key)
        multiword = len(h.text.split()) > 2
        cands.append(
            _Cand(h.start, h.end, type_, name, None, 0, nested_ok=type_ == "ORGANIZATION" and multiword)
        )
    # acronyms not in the gazetteer: learned in this document, or one edit away from a known one
    known_acrs = {a: k for k in doc_keys for a in gz.acronyms_of(k)}
    known_acrs.update({a: k for a, k in learned.items() if k})
    covered = [(h.start, h.end) for h in hits]
    for m in ACRONYM_RE.finditer(text):
        a = m.group(0)
        if a in gz.surfaces or a in gz.not_entity_acronyms or any(s <= m.start() < e for s, e in covered):
            continue
        key = known_acrs.get(a)
        if key is None and len(a) >= 4 and a.isupper():
            near = sorted({k for b, k in known_acrs.items() if len(b) >= 4 and _osa(a, b) <= 1})
            key = near[0] if len(near) == 1 else None
        if key is None:
            continue
        if key.startswith("NEW:"):
            cands.append(_Cand(m.start(), m.end(), "ORGANIZATION", key[4:], None, 0))
        else:
            type_, name = _entry_key_type(gz, key)
            cands.append(_Cand(m.start(), m.end(), type_, name, None, 0))
    # "the Alliance" for NATO, in a document that names NATO
    if "ORGANIZATION:NATO" in doc_keys:
        for m in ALLIANCE_RE.finditer(text):
            if not any(s <= m.start(1) < e for s, e in covered):
                cands.append(_Cand(m.start(1), m.end(1), "ORGANIZATION", "NATO", None, 0))
    return cands, hits


DETERMINER_START = re.compile(r"(?:The|This|That|These|Those|A|An|Its|Their)\s")


def _institution_cands(sent: Sentence, gz: Gazetteer, hits: Sequence[GazHit]) -> list[_Cand]:
    """'Kazakhstan Air Force', 'NATO Defense Policy and Force Planning Directorate',
    'Parliament of the Republic of Kazakhstan', 'Asia Hummer' (a place name followed by a name)."""
    text = sent.text
    heads = "|".join(re.escape(h) for h in sorted(gz.org_heads, key=len, reverse=True))
    word = r"(?:[A-Z][\w'’-]*\.?|&|and|of|for|on|the)"
    rx = re.compile(rf"(?:['’]s)?((?:\s+{word}){{0,6}}\s+(?:{heads}))(?![\w-])")
    ext = re.compile(
        r"\s+(?:of|for|on|to|under)\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+(?:of|the|and|[A-Z][\w'’-]*))*"
    )
    out = []
    for h in hits:
        e = gz.entry(h.key)
        if e.type == "COUNTRY":  # "the Uzbek parliament", "the NATO-Kazakhstan steering committee"
            m = LOWER_CASE_BODY.match(text, h.end)
            if m:
                pre = re.search(r"([A-Z][\w.]*)-\s?$", text[: h.start])
                start = pre.start(1) if pre and pre.group(1) in gz.surfaces else h.start
                out.append(_institution(text, start, m.end(), gz))
        if e.type == "LOCATION":
            m = rx.match(text, h.end)  # "Caspian Pipeline Consortium"
            if m and m.group(1).split()[0][:1].isupper():
                out.append(_institution(text, h.start, m.end(), gz))
                continue
            if h.kind == "demonym" or sent.in_footnote:  # footnotes: "Eurasia Insight" is a journal
                continue
            m = re.match(r"((?:\s+[A-Z][\w'’-]*){1,3})(?=[\s,.;:)]|$)", text[h.end :])
            if m and not text[h.end + m.end() :].lstrip()[:1].isupper():
                words = m.group(1).split()
                if not any(
                    w in gz.surfaces or w.lower() in gz.title_words or w.lower() in gz.not_org_heads
                    for w in words
                ) and all(w[1:].islower() for w in words):
                    surface = " ".join(text[h.start : h.end + m.end()].split())
                    if _is_place_name(words):  # "Manas International Airport": the facility itself
                        key = e.name if _is_place_name(e.name.split()) or "airport" in e.name else surface
                        out.append(_Cand(h.start, h.end + m.end(), "LOCATION", key, None, 0))
                        continue
                    out.append(_Cand(h.start, h.end + m.end(), "ORGANIZATION", surface, None, 0))
            continue
        m = rx.match(text, h.end)
        if not m or not m.group(1).split()[0][:1].isupper():
            continue
        if any(
            h.end < o.start < m.end()
            and o.kind != "demonym"
            and gz.entry(o.key).type in ("COUNTRY", "ORGANIZATION")
            for o in hits
        ):
            continue
        end = m.end()
        x = ext.match(text, end)
        if x:
            tail = x.group(0).split()
            while tail and tail[-1] in CONNECTORS:
                tail.pop()
            if tail:
                end = end + x.group(0).rfind(tail[-1]) + len(tail[-1])
        start = h.start
        pre = re.search(r"([A-Z][\w.]*)-\s?$", text[:start])
        if pre and pre.group(1) in gz.surfaces:
            start = pre.start(1)
        out.append(_institution(text, start, end, gz))
    # head first: "Parliament of the Republic of Kazakhstan", "Ministry of Foreign Affairs of the Russian Federation"
    head_first = re.compile(
        rf"(?:[A-Z][\w'’-]*\s+){{0,4}}(?:{heads})(?:\s+(?:of|for)\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)*"
        r"\s+(?:of|for)\s+(?:the\s+)?(?:Republic\s+of\s+)?"
    )
    for h in hits:
        if gz.entry(h.key).type not in ("COUNTRY", "ORGANIZATION") or h.kind == "demonym":
            continue
        # a name starts after a lower-case word or punctuation, never inside "Security Council"
        starts = [
            w.start()
            for w in re.finditer(r"(?<!\S)[A-Z]", text[: h.start])
            if not re.search(r"[A-Z][\w'’.-]*\s+$", text[: w.start()])
            and not DETERMINER_START.match(
                text, w.start()
            )  # "The Collective ... of the CSTO" at a sentence start
        ][-6:]
        valid = [
            st
            for st in starts
            if head_first.fullmatch(text, st, h.start)
            # "the Collective Rapid Deployment Forces of the CSTO": a known body of another body
            and not any(
                o.start == st and o.end < h.start and gz.entry(o.key).type == "ORGANIZATION" for o in hits
            )
        ]
        for st in valid if not sent.in_footnote else valid[:1]:
            out.append(_institution(text, st, h.end, gz))
    # "director of <institution> Firstname Lastname"
    for c in list(out):
        if c.priority != 1 or not re.search(
            r"\b(?:director|head|chairman|chief|commander)\s+of\s+(?:the\s+)?$", text[: c.start]
        ):
            continue
        m = re.match(
            r"\s+([A-Z][a-zà-ÿ]+(?:\s+[A-Z][a-zà-ÿ]+){1,2})(?=\s*[,;.)]|\s+(?:and|who|was|is|met|visited|said)\b)",
            text[c.end :],
        )
        if m:
            ps, pe = c.end + m.start(1), c.end + m.end(1)
            title = " ".join(text[text.rfind(" ", 0, c.start - 4) + 1 : c.end].split())
            out.append(_Cand(ps, pe, "PERSON", text[ps:pe], title, 2))
    return out


# Heads that name a body whenever "of"/"for" and a capitalized name follow ("Institute of World Economy
# and Politics", "Center for Political Studies"), whether or not the name holds a known country or body.
# A state's body written in lower case: "the Kazakhstan parliament", "a joint steering committee"
LOWER_CASE_BODY = re.compile(
    r"(?:\s+(?!(?:and|or|the|a|an|of|to|in|with|for|on|by|its|their|has|have|is|was|were|will|would)\b)[a-z-]+)"
    r"{0,2}?\s+(?:parliament|committee|subcommittee|commission)\b"
)
HEAD_FIRST_BODIES = (
    "Institute|University|Academy|College|School|Center|Centre|Ministry|Committee|Council|Commission|"
    "Agency|Foundation|Fund|Bureau|Department|Directorate|Secretariat"
)
HEAD_FIRST_NAME = re.compile(
    rf"(?<![\w'’.-])(?:{HEAD_FIRST_BODIES})\s+(?:of|for|on)\s+(?:the\s+)?[A-Z][\w'’-]*"
    r"(?:,?\s+(?:(?:and|&)\s+)?(?:(?:of|for|on)\s+(?:the\s+)?)?[A-Z][\w'’-]*)*"
)
CAPITALIZED_WORD_BEFORE = re.compile(r"[A-Z][\w'’.-]*\s+$")
# one capitalized word after a lower-case word or a mark: "the [General] Committee on ..."
ONE_CAPITALIZED_WORD_BEFORE = re.compile(r"(?:^|(?:^|\s)[a-z]+\s+|[,;:(]\s*)([A-Z][a-z]+)\s+$")


def _headed_institutions(sent: Sentence, gz: Gazetteer) -> list[_Cand]:
    """'Senior research fellow, Institute of World Economy and Politics (Almaty)', 'the General
    Committee on Democracy, Human Rights and Humanitarian Questions': a body named head first, found
    without a known name inside it (the other rules need one). One capitalized word before the head
    that names nothing known belongs to it; after more, the name is the middle of a longer one those
    rules handle. A list of subjects runs on past a comma only to an 'and'."""
    text = sent.text
    out = []
    for m in HEAD_FIRST_NAME.finditer(text):
        start, end = m.start(), _end_of_listed_subjects(text, m.start(), m.end())
        if CAPITALIZED_WORD_BEFORE.search(text, 0, start):
            before = ONE_CAPITALIZED_WORD_BEFORE.search(text, 0, start)
            if before is None or before[1] in gz.surfaces or DETERMINER_START.match(f"{before[1]} "):
                continue
            start = before.start(1)
        out.append(_institution(text, start, end, gz))
    return out


def _end_of_listed_subjects(text: str, start: int, end: int) -> int:
    """'Committee on Energy, Washington' stops at the comma; 'on A, B and C' runs to C."""
    comma = text.find(",", start, end)
    if comma < 0 or re.search(r"\s(?:and|&)\s", text[text.rfind(",", start, end) : end]):
        return end
    return comma


@cache
def _facility_pattern(nouns: tuple[str, ...], modifiers: tuple[str, ...]) -> re.Pattern[str]:
    def alternatives(words: tuple[str, ...]) -> str:
        return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))

    return re.compile(
        r"(?<![\w'’.-])(?P<name>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2})"
        rf"\s+(?:(?:{alternatives(modifiers)})\s+)?(?P<noun>{alternatives(nouns)})(?![\w-])"
    )


def _named_facilities(sent: Sentence, gz: Gazetteer) -> list[_Cand]:
    """'the Nabucco pipeline', 'the Gabala radar station': a name before a facility noun is a place,
    named by both ('Baku-Tbilisi-Ceyhan oil pipeline' -> 'Baku-Tbilisi-Ceyhan pipeline'). A state's
    or a people's facility ('a U.S. air base', 'the Russian naval base') is no name of its own."""
    out = []
    for m in _facility_pattern(gz.facility_nouns, gz.facility_modifiers).finditer(sent.text):
        words = m["name"].split()
        while words and (words[0].lower() in gz.title_words or DETERMINER_START.match(words[0] + " ")):
            words = words[1:]
        if not words or all(w in gz.surfaces or w.lower() in gz.title_words for w in words):
            continue
        start = m.start("name") + m["name"].index(words[0])
        key = f"{' '.join(words)} {' '.join(m['noun'].split())}"
        out.append(_Cand(start, m.end(), "LOCATION", key, None, 1, nested_ok=True))
    return out


def _institution(text: str, start: int, end: int, gz: Gazetteer) -> _Cand:
    surface = " ".join(text[start:end].split())
    key = re.sub(r"-\s+", "-", surface)
    key = re.sub(r"^(?:the\s+)?Republic of\s+", "", key)
    key = re.sub(r"['’]s\b", "", key)
    if surface in gz.surfaces:
        key = gz.entry(gz.surfaces[surface].key).name
    return _Cand(start, end, "ORGANIZATION", key, None, 1, nested_ok=True)


def _title_before(text: str, start: int, gz: Gazetteer) -> tuple[str | None, int]:
    """Title or role written just before a name ('Kazakhstan Deputy Defense Minister', its offset).

    Walks back over title words, gazetteer names, capitalized words and a few connectors, up to a
    comma or a lower-case word; the result must hold at least one title word.
    """
    before = text[:start]
    words = list(re.finditer(r"\S+", before))
    i = len(words)
    while i > 0:
        w = words[i - 1].group(0)
        bare = re.sub(r"['’]s$", "", w)
        if w.endswith((",", ";", ":", ")")) or (i < len(words) and w.endswith(".") and len(w) > 4):
            break
        if w.lower() in gz.title_words or bare in gz.surfaces or w[:1].isupper() or w in ("&", "to", "the"):
            i -= 1
            continue
        break
    while i < len(words):  # "According to Mr." -> "Mr."
        w = words[i].group(0)
        if w.lower() in gz.title_words and w.lower() not in ("of", "for"):
            break
        if re.sub(r"['’]s$", "", w) in gz.surfaces:
            break
        i += 1
    chosen = [w.group(0) for w in words[i:]]
    if not any(w.lower() in gz.title_words and w.lower() not in ("of", "for") for w in chosen):
        return None, start
    return before[words[i].start() :].strip(), words[i].start()


def _model_person_spans(doc: Doc, gz: Gazetteer) -> list[tuple[int, int]]:
    """Character spans of the model's (and the ruler's) PERSON entities, each made whole: a given name
    the model left out before it ('Anders [Fogh Rasmussen]') joins it, and two PERSON entities with
    nothing between them are one name ('[Syed Yousaf] [Raza Gillani]')."""
    tokens: list[tuple[int, int]] = []  # first and end token of each name
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        first = ent.start
        if first > 0 and _given_name_before(doc[first - 1], gz) and _name_may_start_after(doc, first - 1, gz):
            first -= 1
        if tokens and tokens[-1][1] == first:
            first = tokens.pop()[0]
        tokens.append((first, ent.end))
    return [(doc[first].idx, doc[end - 1].idx + len(doc[end - 1].text)) for first, end in tokens]


def _name_may_start_after(doc: Doc, i: int, gz: Gazetteer) -> bool:
    """Token i opens a name unless it continues a capitalized phrase or a title: 'Envoy for Eurasian
    [Energy]', 'Chief of [Staff]'."""
    if i == 0:
        return True
    before = doc[i - 1]
    if before.is_title:
        return _is_title_word(before.text, gz)
    return before.pos_ != "ADP"


def _given_name_before(tok: Token, gz: Gazetteer) -> bool:
    """A capitalized proper noun outside any entity that is no title or known name: a given name."""
    return (
        tok.pos_ == "PROPN"
        and tok.is_alpha
        and tok.is_title
        and not tok.ent_type_
        and not _is_title_word(tok.text, gz)
        and tok.text not in gz.surfaces
        and tok.text not in gz.not_person_tokens
    )


def _person_cands(sent: Sentence, doc: Doc, gz: Gazetteer, taken: list[tuple[int, int]]) -> list[_Cand]:
    text = sent.text
    out: list[_Cand] = []
    model_spans = _model_person_spans(doc, gz)

    def overlaps(a: int, b: int) -> bool:
        return any(a < e and s < b for s, e in taken)

    # names written with initials, unless the model's name goes on past them ('R. Spencer Oliver')
    for m in INITIALS_NAME_RE.finditer(text):
        start = m.start()
        given = m.group("given")
        if given and (
            given.lower() in gz.title_words or given in gz.surfaces or given in gz.not_person_tokens
        ):
            start = m.start("init")
        if overlaps(start, m.end()) or any(
            s <= start and m.end() < e and is_plausible_name(text[s:e], gz) for s, e in model_spans
        ):
            continue
        name = " ".join(text[start : m.end()].split())
        if not is_plausible_name(name, gz) or m.group("sur") in gz.surfaces:
            continue
        title, _ = _title_before(text, start, gz)
        out.append(_Cand(start, m.end(), "PERSON", name, title, 2))
    for span_start, span_end in model_spans:
        span = text[span_start:span_end]
        words = span.split()
        k = split_title(words, gz)
        start = span_start
        if k:
            start = span_start + span.index(words[k], len(" ".join(words[:k])))
        end = span_end
        if text[end - 2 : end] in ("'s", "’s"):
            end -= 2
        name = " ".join(text[start:end].split())
        if not name or overlaps(start, end) or not is_plausible_name(name, gz):
            continue
        inner_title = " ".join(words[:k]) if k else None
        title, _ = _title_before(text, start, gz)
        if inner_title and title and not title.endswith(inner_title):
            title = f"{title} {inner_title}"
        out.append(_Cand(start, end, "PERSON", name, title or inner_title, 3))
    return out


def _ner_cands(sent: Sentence, doc: Doc, gz: Gazetteer, learned: dict[str, str | None]) -> list[_Cand]:
    out = []
    new_long = {norm_name(v[4:]): v[4:] for v in learned.values() if v and v.startswith("NEW:")}
    for ent in doc.ents:
        type_ = NER_TYPES.get(ent.label_)
        if type_ is None or ent.ent_id_:
            continue
        if _is_place_name(ent.text.split()):
            type_ = "LOCATION"  # "Ganci Air Base" or "Lake Issyk-Kul" tagged PERSON or ORG
        elif type_ == "PERSON":
            continue
        toks = list(ent)
        while toks and toks[0].lower_ in ("the", "a", "an"):
            toks = toks[1:]
        while toks and toks[-1].text in ("'s", "’s", "'", ".", ","):
            toks = toks[:-1]
        if not toks:
            continue
        start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
        surface = sent.text[start:end]
        words = surface.split()
        if surface in gz.never_entity or not surface[:1].isupper():
            continue
        if any(w.lower() in gz.not_org_heads for w in words):
            continue
        # what follows: "Command [and Staff College]", "International Military Education [and Training program]"
        j = toks[-1].i + 1
        while (
            j < len(doc)
            and (doc[j].is_title or doc[j].lower_ in ("and", "&", "of", "for"))
            and j - toks[-1].i <= 5
        ):
            j += 1
        if any(t.lower_ in gz.not_org_heads for t in doc[toks[-1].i + 1 : min(j + 1, len(doc))]):
            continue
        # inside the title of an instrument: "the Agreement on Confidence Building in the Military Field"
        k = toks[0].i - 1
        inside_title = False
        while k >= 0 and (doc[k].is_title or doc[k].lower_ in CONNECTORS or doc[k].text in ("-", ",")):
            if doc[k].is_title and doc[k].lower_ in gz.not_org_heads:
                inside_title = True
                break
            k -= 1
        if inside_title:
            continue
        # a name the model cut before a place or body it is named after: "the Islamic Movement of
        # [Uzbekistan]", "Institute of Strategic and [Regional Studies]"
        nested = False
        if type_ == "ORGANIZATION" and toks[-1].lower_ in ("of", "for", "and", "on") and len(toks) > 1:
            j = toks[-1].i + 1
            while j < len(doc) and (
                doc[j].is_title or doc[j].is_upper or doc[j].lower_ in ("of", "for", "and", "on", "the")
            ):
                j += 1
            while j > toks[-1].i + 1 and doc[j - 1].lower_ in CONNECTORS:
                j -= 1
            if j > toks[-1].i + 1:
                toks = toks + list(doc[toks[-1].i + 1 : j])
                end = toks[-1].idx + len(toks[-1].text)
                surface = sent.text[start:end]
                words = surface.split()
                nested = True
        if j - 1 > toks[-1].i and doc[j - 1].text in gz.org_heads and type_ == "ORGANIZATION":
            toks = toks + list(doc[toks[-1].i + 1 : j])
            end = toks[-1].idx + len(toks[-1].text)
            surface = sent.text[start:end]
            words = surface.split()
        if type_ == "LOCATION" and toks[-1].i + 1 < len(doc):
            nxt = doc[toks[-1].i + 1]
            if nxt.pos_ == "NOUN" and nxt.is_lower:  # adjectival use: "North Atlantic structures"
                continue
        if any(t.is_digit or t.like_num for t in toks):
            continue
        while words and words[-1].lower() in CONNECTORS:  # "Institute of Strategic and"
            end = start + surface.rstrip().rfind(words[-1]) - 1
            surface = sent.text[start:end].rstrip()
            end = start + len(surface)
            words = surface.split()
        if not words or not all(w[:1].isupper() or w.lower() in CONNECTORS for w in words):
            continue
        if surface.isupper() and len(words) == 1:
            # an acronym nobody defined: a program, a document or an unknown body; skip
            continue
        key = new_long.get(norm_name(surface), surface)
        # single capitalized words tagged ORG are mostly vehicles, programs and brands
        if type_ == "ORGANIZATION" and len(words) == 1 and words[0] not in gz.org_heads and key == surface:
            continue
        out.append(_Cand(start, end, type_, key, None, 4, nested_ok=nested))
    return out


def _is_title_word(word: str, gz: Gazetteer) -> bool:
    """'Representative', 'Representatives', 'Co-Chairman', 'Heads': a title or role, also in the plural."""
    w = word.lower().strip(",.;:")
    w = re.sub(r"^(?:co|vice)-", "", w)
    return w in gz.title_words or (w.endswith("s") and w[:-1] in gz.title_words)


def _role_or_person(c: _Cand, sent: Sentence, gz: Gazetteer) -> _Cand | None:
    """An ORGANIZATION the model found that is a role or a titled person, not a body.

    'Special Representative on Migration', 'Heads of Delegations', 'the Commission Co-Chairman': the
    head noun (the word before 'of'/'on'/'for', else the last word) is a title, so it names a role
    and is dropped. 'Representatives Zach Wamp', 'State Kanat Saudabayev': a title word, then a
    person's name, becomes that PERSON. A gerund-led title ('Combating Trafficking ...') and a
    sitting ('Inaugural Plenary Session') are not bodies either. Known names are never touched.
    """
    if c.type != "ORGANIZATION" or c.priority < 4 or c.key in gz.surfaces:
        return c
    words = c.key.split()
    cut = next((i for i, w in enumerate(words) if w in ("of", "on", "for")), len(words))
    head = words[cut - 1] if cut else words[-1]
    if _is_title_word(head, gz) or words[-1].lower() in gz.not_org_last_words:
        return None
    if re.match(r"^[A-Z][a-z]{3,}ing$", words[0]) and not any(w in gz.org_heads for w in words):
        return None  # 'Combating the Sexual Exploitation of Children'; 'Standing Committee' has a head
    if _is_title_word(words[0], gz) and len(words) >= 3:
        rest = sent.text.find(words[1], c.start)
        name = " ".join(sent.text[rest : c.end].split())
        if rest >= 0 and is_plausible_name(name, gz) and not any(_is_title_word(w, gz) for w in words[1:]):
            return _Cand(rest, c.end, "PERSON", name, " ".join(sent.text[c.start : rest].split()), 3)
    return c


def _upper_case_members(sent: Sentence, gz: Gazetteer) -> list[_Cand]:
    """'Mr. HASTINGS of Florida': official records print the member speaking in capitals after a title."""
    out = []
    for m in UPPER_CASE_MEMBER.finditer(sent.text):
        name = (
            m["name"].capitalize()
            if "-" not in m["name"]
            else "-".join(p.capitalize() for p in m["name"].split("-"))
        )
        if m["name"] not in gz.surfaces and m["name"] not in gz.not_entity_acronyms:
            out.append(_Cand(m.start("name"), m.end("name"), "PERSON", name, m["title"], 2))
    return out


UPPER_CASE_MEMBER = re.compile(r"\b(?P<title>Mr|Mrs|Ms|Dr)\.\s+(?P<name>[A-Z][A-Z'’-]{2,})(?![\w.])")


def _nestable(c: _Cand) -> bool:
    """What may stay inside an institution name: the states and bodies it is named after."""
    return c.priority <= 1 and c.type in ("COUNTRY", "ORGANIZATION")


def _select(cands: list[_Cand]) -> list[_Cand]:
    # a place inside an institution name is part of the name ("NATO Euro-Atlantic ... Directorate")
    boxes = [c for c in cands if c.nested_ok]
    cands = [
        c
        for c in cands
        if not (
            c.type == "LOCATION" and any(b.start <= c.start and c.end <= b.end and b is not c for b in boxes)
        )
    ]
    chosen: list[_Cand] = []
    for c in sorted(cands, key=lambda c: (c.priority, -(c.end - c.start), c.start)):
        clash = any(o.start == c.start and o.end == c.end for o in chosen)
        for o in [] if clash else chosen:
            if c.start < o.end and o.start < c.end:
                inside = o.start <= c.start and c.end <= o.end and o.nested_ok and _nestable(c)
                contains = c.start <= o.start and o.end <= c.end and c.nested_ok and _nestable(o)
                if not (inside or contains):
                    clash = True
                    break
        if not clash:
            chosen.append(c)
    return sorted(chosen, key=lambda c: (c.start, c.end))


def _bare_proper_nouns(doc: Doc, gz: Gazetteer) -> list[tuple[int, int, str]]:
    """Lone capitalized proper nouns the model named nothing or named wrongly ('Pashinyan' tagged a
    place), that are no known name: the surnames of people told again, once their full name is known."""
    return [
        (t.idx, t.idx + len(t.text), t.text)
        for t in doc
        if t.pos_ == "PROPN"
        and t.is_alpha
        and t.is_title
        and t.ent_type_ != "PERSON"
        and not t.ent_id_
        and t.text not in gz.surfaces
        and (t.i == 0 or not _name_word(doc[t.i - 1]))
        and (t.i + 1 == len(doc) or not _name_word(doc[t.i + 1]))
    ]


def _name_word(tok: Token) -> bool:
    """A capitalized proper noun that is no date: a word of a longer name ('Nikol [Pashinyan]'), not
    'On 28 February [Pashinyan]'."""
    return (
        tok.is_title
        and tok.pos_ == "PROPN"
        and tok.ent_type_ not in ("DATE", "TIME")
        and tok.lower_ not in month_numbers()
    )


def _add_surnames_of_people_named(
    per_sentence: list[tuple[Sentence, list[_Cand]]],
    bare_names: Sequence[tuple[int, int, int, str]],
    surnames: set[str],
) -> None:
    """'Nikol Pashinyan ... Pashinyan stated': a lone word that is the surname of a person the document
    names in full is that person, where no other name was found on it."""
    for index, start, end, word in bare_names:
        cands = per_sentence[index][1]
        if word in surnames and not any(c.start < end and start < c.end for c in cands):
            cands.append(_Cand(start, end, "PERSON", word, None, 3))
            cands.sort(key=lambda c: (c.start, c.end))


def extract_entity_mentions(document: ParsedDocument, docs: Iterable[Doc]) -> list[EntityMention]:
    """Mentions of one document; `docs` are the sentence Docs from `parse_sentences`, in order, one
    for each sentence (a stream will do: each is read once, so a long document's are never all held)."""
    gz = load_gazetteer()
    learned = learn_acronyms(document.sentences, gz)
    doc_keys = {h.key for s in document.sentences for h in gz.scan(s.text)}
    doc_keys |= {k for k in learned.values() if k and not k.startswith("NEW:")}

    per_sentence: list[tuple[Sentence, list[_Cand]]] = []
    bare_names: list[tuple[int, int, int, str]] = []  # (sentence, start, end, word): a lone proper noun
    paragraph_sizes = Counter(s.paragraph for s in document.sentences)
    for sent, doc in zip(document.sentences, docs, strict=True):
        if is_heading(sent, paragraph_sizes[sent.paragraph]):
            # section headings are title case throughout: only the gazetteer and known people
            gcands, _ = _gazetteer_cands(sent, gz, learned, doc_keys)
            pcands = _person_cands(sent, doc, gz, [(c.start, c.end) for c in gcands])
            per_sentence.append((sent, _select(gcands + [c for c in pcands if " " in c.key])))
            continue
        gcands, hits = _gazetteer_cands(sent, gz, learned, doc_keys)
        inner = [
            GazHit(h.start + 1 + x.start, h.start + 1 + x.end, x.text, x.key, x.kind)
            for h in hits
            if gz.entry(h.key).type == "ORGANIZATION" and len(h.text.split()) > 2 and not sent.in_footnote
            for x in gz.scan(sent.text[h.start + 1 : h.end])
        ]
        icands = _institution_cands(sent, gz, sorted(hits + inner, key=lambda h: h.start))
        icands += [] if sent.in_footnote else _headed_institutions(sent, gz) + _named_facilities(sent, gz)
        taken = [(c.start, c.end) for c in gcands + icands]
        pcands = _person_cands(sent, doc, gz, taken)
        ncands = [] if sent.in_footnote else _ner_cands(sent, doc, gz, learned)
        pcands += _upper_case_members(sent, gz)
        ncands = [r for r in (_role_or_person(c, sent, gz) for c in ncands) if r is not None]
        per_sentence.append((sent, _select(gcands + icands + pcands + ncands)))
        if not sent.in_footnote:
            bare_names.extend((len(per_sentence) - 1, *span) for span in _bare_proper_nouns(doc, gz))

    # people: a lone surname needs support (a title, the people gazetteer, a fuller name in the
    # document); in footnotes only names with initials or already known names are kept
    full = [
        c.key
        for s, cs in per_sentence
        for c in cs
        if c.type == "PERSON" and " " in c.key and not s.in_footnote
    ]
    named_surnames = {parse_name(n).surname for n in full}
    _add_surnames_of_people_named(per_sentence, bare_names, named_surnames)
    known_surnames = named_surnames | {s for p in gz.people for s in p.surnames}
    mentions: list[EntityMention] = []
    for sent, cands in per_sentence:
        for c in cands:
            if c.type == "PERSON":
                pn = parse_name(c.key)
                if sent.in_footnote:
                    written_with_initials = pn.given is None and bool(pn.initials)
                    if not written_with_initials and pn.surname not in known_surnames:
                        continue
                elif " " not in c.key and c.title is None and pn.surname not in known_surnames:
                    continue
            start, end = sent.start + c.start, sent.start + c.end
            mentions.append(
                EntityMention(
                    doc_id=document.doc_id,
                    sentence_id=sent.sentence_id,
                    start=start,
                    end=end,
                    text=document.text[start:end],
                    type=c.type,
                    key=c.key,
                    title=c.title,
                    in_footnote=sent.in_footnote,
                )
            )
    return mentions


# ---------------------------------------------------------------------- corpus-level resolution


def mention_id(m: EntityMention) -> str:
    return f"{m.doc_id}:m{m.start:06d}-{m.end:06d}"


def resolve_entities(mentions: Sequence[EntityMention]) -> tuple[list[Entity], list[ResolvedMention]]:
    """One Entity per real-world referent across the corpus; deterministic for the same input."""
    gz = load_gazetteer()
    by_id = {mention_id(m): m for m in mentions}
    ids_of = {id(m): mid for mid, m in by_id.items()}  # each id made once: 77k f-strings in a large corpus
    ms = sorted(by_id.values(), key=lambda m: (m.doc_id, m.start, m.end, m.type))

    canon: list[tuple[str, str]] = [("", "")] * len(ms)  # (type, canonical name)
    wikidata: dict[tuple[str, str], str | None] = {}
    people = [i for i, m in enumerate(ms) if m.type == "PERSON"]
    for i, (name, qid) in zip(people, cluster_people([ms[i].key for i in people], gz), strict=True):
        canon[i] = ("PERSON", name)
        wikidata[("PERSON", name)] = qid

    groups: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, m in enumerate(ms):
        if m.type != "PERSON":
            groups[(m.type, norm_name(m.key))].append(i)
    for (type_, _), idxs in groups.items():
        keys = Counter(ms[i].key for i in idxs)
        gaz_key = next((f"{type_}:{k}" for k in sorted(keys) if f"{type_}:{k}" in gz.entries), None)
        name = gz.entry(gaz_key).name if gaz_key else max(keys, key=lambda k: (keys[k], len(k), k))
        for i in idxs:
            canon[i] = (type_, name)

    # names that differ only in punctuation share an id: keep one canonical name per id
    first_name: dict[str, tuple[str, str]] = {}
    for c in sorted(set(canon)):
        first_name.setdefault(entity_id(*c), c)
    canon = [first_name[entity_id(*c)] for c in canon]
    by_entity: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, c in enumerate(canon):
        by_entity[c].append(i)
    ids = {c: entity_id(*c) for c in by_entity}
    entities = []
    for c in sorted(by_entity, key=lambda c: ids[c]):
        type_, name = c
        entry = gz.entries.get(f"{type_}:{name}")
        refers = None
        if entry and entry.refers_to:
            rt, rn = entry.refers_to.split(":", 1)
            if (rt, rn) in by_entity:
                refers = ids[(rt, rn)]
        aliases = tuple(sorted({ms[i].text for i in by_entity[c]} - {name}))
        entities.append(
            Entity(
                entity_id=ids[c],
                name=name,
                type=type_,
                aliases=aliases,
                iso3=entry.iso3 if entry else None,
                wikidata_id=entry.wikidata_id if entry else wikidata.get(c),
                refers_to_entity_id=refers,
            )
        )
    resolved = [ResolvedMention(ids_of[id(m)], ids[canon[i]], m) for i, m in enumerate(ms)]
    return entities, resolved


__all__ = ["PARTICLES", "extract_entity_mentions", "mention_id", "resolve_entities"]
