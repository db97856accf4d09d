"""Curated gazetteer of countries, organizations, places and well-known people.

The data lives in versioned YAML files under `pipelines/extract/data/`; every ISO 3166-1 country
not curated there is added from pycountry under its common name. `load_gazetteer()` reads them
once per process and builds:

* one `GazEntry` per canonical entity (key ``"TYPE:Canonical name"``),
* a case-sensitive surface index (names, aliases, acronyms, demonyms),
* one compiled regex that finds every surface form in a text, longest form first, on character
  offsets (so that "U.S.-Chinese" or "Kazakh-U.S." give both sides whatever the tokenizer does).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

import pycountry
import yaml

DATA_DIR = Path(__file__).resolve().parent / "data"

# spaCy labels used for the EntityRuler patterns, so that other consumers of the shared Docs
# (dates, agreements) keep seeing the usual OntoNotes labels; `ent_id_` carries our key.
SPACY_LABEL = {"COUNTRY": "GPE", "ORGANIZATION": "ORG", "LOCATION": "LOC", "PERSON": "PERSON"}


@dataclass(frozen=True)
class GazEntry:
    key: str  # "TYPE:Canonical name"
    type: str
    name: str
    iso3: str | None = None
    wikidata_id: str | None = None
    refers_to: str | None = None  # key of the state / organization a capital stands for


@dataclass(frozen=True)
class Surface:
    text: str
    key: str
    kind: str  # name | alias | acronym | demonym


@dataclass(frozen=True)
class PersonEntry:
    name: str
    surnames: tuple[str, ...]
    given: tuple[str, ...]
    wikidata_id: str | None = None


@dataclass(frozen=True)
class ContextAcronym:
    acronym: str
    key: str  # the body the acronym means when one of the patterns is found around it
    patterns: tuple[re.Pattern[str], ...]


@dataclass(frozen=True)
class GazHit:
    start: int  # offsets into the scanned text
    end: int
    text: str
    key: str
    kind: str


@dataclass
class Gazetteer:
    entries: dict[str, GazEntry] = field(default_factory=dict)
    surfaces: dict[str, Surface] = field(default_factory=dict)
    people: list[PersonEntry] = field(default_factory=list)
    never_entity: frozenset[str] = frozenset()
    not_person_tokens: frozenset[str] = frozenset()
    not_org_heads: frozenset[str] = frozenset()
    not_entity_acronyms: frozenset[str] = frozenset()
    org_heads: frozenset[str] = frozenset()
    not_org_last_words: frozenset[str] = frozenset()
    title_words: frozenset[str] = frozenset()
    facility_nouns: tuple[str, ...] = ()
    facility_modifiers: tuple[str, ...] = ()
    context_acronyms: dict[str, ContextAcronym] = field(default_factory=dict)
    pattern: re.Pattern[str] | None = None

    # ------------------------------------------------------------------ lookups
    def entry(self, key: str) -> GazEntry:
        return self.entries[key]

    def acronyms_of(self, key: str) -> list[str]:
        return self._acronyms_by_key.get(key, [])

    @cached_property
    def _acronyms_by_key(self) -> dict[str, list[str]]:
        """Built once: looked up for every entity key of every sentence."""
        index: dict[str, list[str]] = {}
        for s in self.surfaces.values():
            if s.kind == "acronym":
                index.setdefault(s.key, []).append(s.text)
        return index

    def long_forms(self) -> dict[str, str]:
        return dict(self._long_forms)

    @cached_property
    def _long_forms(self) -> dict[str, str]:
        """Normalized long name -> key, for every non-acronym surface of an organization."""
        out: dict[str, str] = {}
        for s in self.surfaces.values():
            if s.kind in ("name", "alias") and self.entries[s.key].type == "ORGANIZATION":
                out.setdefault(norm_name(s.text), s.key)
        return out

    def scan(self, text: str) -> Iterator[GazHit]:
        """Every surface form in `text`, leftmost-longest, never inside a URL."""
        if self.pattern is None:
            return
        urls = [(m.start(), m.end()) for m in URL_RE.finditer(text)]
        for m in self.pattern.finditer(text):
            if any(a <= m.start() < b for a, b in urls):
                continue
            s = self.surfaces[" ".join(m.group(0).split())]
            yield GazHit(m.start(), m.end(), m.group(0), s.key, s.kind)

    def ruler_patterns(self) -> list[dict]:
        """EntityRuler phrase patterns (spaCy labels, `id` = gazetteer key)."""
        pats = []
        for s in self.surfaces.values():
            e = self.entries[s.key]
            label = "NORP" if s.kind == "demonym" and e.type == "COUNTRY" else SPACY_LABEL[e.type]
            pats.append({"label": label, "pattern": s.text, "id": s.key})
        for p in self.people:
            for form in {p.name, *(f"{g} {s}" for g in p.given for s in p.surnames), *p.surnames}:
                pats.append({"label": "PERSON", "pattern": form, "id": f"PERSON:{p.name}"})
        return sorted(pats, key=lambda d: (d["id"], d["pattern"]))


URL_RE = re.compile(
    r"(?:https?://|www\.)[^\s\]\)>]+|\b[\w.-]+\.(?:kz|ru|com|org|int|gov|net|uz|kg)\b[^\s\]\)>]*"
)


def strip_accents(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


@lru_cache(maxsize=65536)
def norm_name(s: str) -> str:
    """Loose comparison form: accents and case folded, periods and possessives dropped (cached: entity
    resolution asks for the same few thousand names a quarter of a million times on 1,000 documents)."""
    s = strip_accents(s).lower().replace("\u2019", "'").replace("&", " and ")
    s = re.sub(r"'s\b", "", s).replace(".", "")
    s = re.sub(r"[^\w\s]", " ", s)
    return " ".join(t for t in s.split() if t != "the")


@lru_cache(maxsize=65536)
def slug(s: str) -> str:
    s = strip_accents(s).lower().replace("&", " and ")
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")


def entity_id(type_: str, name: str) -> str:
    return f"{type_[:3].lower()}:{slug(name)}"


def _read(name: str) -> dict:
    with open(DATA_DIR / name, encoding="utf-8") as fh:
        return yaml.safe_load(fh) or {}


def _add_surface(gz: Gazetteer, text: str, key: str, kind: str) -> None:
    text = text.strip()
    if not text or text in gz.surfaces:
        return  # first definition wins (curated entries are read before pycountry)
    gz.surfaces[text] = Surface(text, key, kind)


def _add_entry(gz: Gazetteer, entry: GazEntry, aliases=(), acronyms=(), demonyms=()) -> None:
    gz.entries.setdefault(entry.key, entry)
    _add_surface(gz, entry.name, entry.key, "acronym" if entry.name in (acronyms or ()) else "name")
    for a in aliases or ():
        _add_surface(gz, a, entry.key, "alias")
    for a in acronyms or ():
        _add_surface(gz, a, entry.key, "acronym")
    for d in demonyms or ():
        _add_surface(gz, d, entry.key, "demonym")
        if not d.endswith(("s", "ese", "sh", "ch")):
            _add_surface(gz, d + "s", entry.key, "demonym")
    if entry.type == "ORGANIZATION":
        for a in [entry.name, *(aliases or ())]:
            if a.startswith("NATO "):
                _add_surface(gz, "NATO's " + a[5:], entry.key, "alias")
    # upper-case variants of multi-letter names, for headings in capitals
    for a in [entry.name, *(aliases or ()), *(demonyms or ())]:
        if len(a) >= 5 and a.upper() != a:
            _add_surface(gz, a.upper(), entry.key, "alias")


def _build_pattern(surfaces) -> re.Pattern[str]:
    forms = sorted(surfaces, key=lambda s: (-len(s), s))
    # any run of white space (line breaks included) stands for a space
    alt = "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in forms)
    return re.compile(rf"(?<![\w.])(?:{alt})(?![\w])")


@functools.cache
def load_gazetteer() -> Gazetteer:
    gz = Gazetteer()
    countries = _read("countries.yaml")
    curated = set()
    for c in countries.get("countries", []):
        iso3 = c["iso3"]
        curated.add(iso3)
        e = GazEntry(f"COUNTRY:{c['name']}", "COUNTRY", c["name"], iso3, c.get("wikidata_id"))
        _add_entry(gz, e, c.get("aliases"), (), c.get("demonyms"))
    skip = set(countries.get("pycountry_skip", []))
    for pc in pycountry.countries:
        if pc.alpha_3 in curated:
            continue
        name = getattr(pc, "common_name", None) or pc.name
        if "," in name or "(" in name or name in skip:
            continue
        _add_entry(gz, GazEntry(f"COUNTRY:{name}", "COUNTRY", name, pc.alpha_3, None))

    orgs = _read("organizations.yaml")
    for o in orgs.get("organizations", []):
        e = GazEntry(f"ORGANIZATION:{o['name']}", "ORGANIZATION", o["name"], None, o.get("wikidata_id"))
        _add_entry(gz, e, o.get("aliases"), o.get("acronyms"))
    for acr, spec in (orgs.get("context_acronyms") or {}).items():
        pats = tuple(re.compile(p) for p in spec["patterns"])
        gz.context_acronyms[acr] = ContextAcronym(acr, f"ORGANIZATION:{spec['means']}", pats)

    for loc in _read("locations.yaml").get("locations", []):
        e = GazEntry(
            f"LOCATION:{loc['name']}",
            "LOCATION",
            loc["name"],
            None,
            loc.get("wikidata_id"),
            loc.get("refers_to"),
        )
        _add_entry(gz, e, loc.get("aliases"), (), loc.get("demonyms"))

    for p in _read("people.yaml").get("people", []):
        gz.people.append(
            PersonEntry(
                p["name"], tuple(p.get("surnames") or ()), tuple(p.get("given") or ()), p.get("wikidata_id")
            )
        )

    stop = _read("stoplist.yaml")
    gz.never_entity = frozenset(stop.get("never_entity", []))
    gz.not_person_tokens = frozenset(stop.get("not_person_tokens", []))
    gz.not_org_heads = frozenset(w.lower() for w in stop.get("not_org_heads", []))
    gz.not_entity_acronyms = frozenset(stop.get("not_entity_acronyms", []))
    gz.org_heads = frozenset(stop.get("org_heads", []))
    gz.not_org_last_words = frozenset(w.lower() for w in stop.get("not_org_last_words", []))
    gz.title_words = frozenset(w.lower() for w in stop.get("title_words", []))
    gz.facility_nouns = tuple(stop.get("facility_nouns", []))
    gz.facility_modifiers = tuple(stop.get("facility_modifiers", []))
    gz.pattern = _build_pattern(gz.surfaces)
    return gz
