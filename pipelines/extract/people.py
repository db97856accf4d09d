"""People: names split into initials / given name / surname, titles stripped, corpus-level clustering.

Two mentions are the same person when their surnames agree (spelling variants and the Russian
genitive "-a" folded) and their first initials do not conflict; a bare surname joins the only
compatible cluster. Canonical name: the curated full name for well-known figures (people.yaml),
else the longest full form seen ("Robert Simmons" over "R. Simmons"), else the form in the text.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from pipelines.extract.gazetteer import Gazetteer, PersonEntry, norm_name

PARTICLES = {
    "de",
    "van",
    "den",
    "der",
    "von",
    "al",
    "al-",
    "bin",
    "ibn",
    "el",
    "la",
    "le",
    "du",
    "da",
    "di",
    "dos",
}
NAME_TOKEN = re.compile(r"^(?:[A-Z]\.){1,3}$|^[A-ZÀ-ÖØ-Þ][\w'’\-]*\.?$")
INITIALS = re.compile(r"^((?:[A-Z]\.\s?){1,3})\s*(.+)$")
# "N. Nazarbaev", "N.A. Nazarbaeva", "A.P. Alekseev", optionally preceded by a full given name
INITIALS_NAME_RE = re.compile(
    r"(?<![\w.])(?:(?P<given>[A-Z][a-zà-ÿ]+(?:-[A-Z][a-zà-ÿ]+)?)\s)?"
    r"(?P<init>(?:[A-Z]\.\s?){1,3})\s?(?P<sur>[A-ZÀ-ÖØ-Þ][a-zà-ÿ]+(?:['’](?!s\b)[a-zà-ÿ]+)?(?:-[A-Z][a-zà-ÿ]+)?)(?![\w])"
)


@dataclass(frozen=True)
class PersonName:
    given: str | None  # full first name, when written
    initials: tuple[str, ...]  # first letters of the given names (from the given name or initials)
    surname: str

    @property
    def first_initial(self) -> str | None:
        return self.initials[0] if self.initials else None


def parse_name(text: str) -> PersonName:
    text = " ".join(text.replace("\u2019", "'").split())
    m = INITIALS.match(text)
    if m and " " in text:
        inits = tuple(re.findall(r"[A-Z]", m.group(1)))
        return PersonName(None, inits, m.group(2).strip())
    toks = text.split(" ")
    if len(toks) == 1:
        return PersonName(None, (), toks[0])
    # surname starts at the first particle after the given name, else it is the last token
    idx = next((i for i in range(1, len(toks)) if toks[i].lower() in PARTICLES), len(toks) - 1)
    given_toks = toks[:idx]
    surname = " ".join(toks[idx:])
    given = given_toks[0] if not given_toks[0].endswith(".") else None
    inits = tuple(t[0] for t in given_toks if t[0].isupper())
    return PersonName(given, inits, surname)


def is_plausible_name(text: str, gz: Gazetteer) -> bool:
    toks = text.split()
    if not toks or len(toks) > 5 or any(ch.isdigit() for ch in text):
        return False
    if any(t.strip(".,'’") in gz.not_person_tokens for t in toks):
        return False
    if text in gz.never_entity or text in gz.surfaces:
        return False
    if not all(NAME_TOKEN.match(t) or t.lower() in PARTICLES for t in toks):
        return False
    last = toks[-1]
    if last.lower() in PARTICLES:
        return False
    if last.isupper() and len(last) > 1:  # an acronym is not a surname
        return False
    return last.lower() not in gz.title_words


def split_title(tokens: Sequence[str], gz: Gazetteer) -> int:
    """Number of leading tokens of a PERSON span that are a title or role."""
    i = 0
    while i < len(tokens) - 1 and (tokens[i].lower() in gz.title_words or tokens[i] in gz.surfaces):
        i += 1
    return i


# ---------------------------------------------------------------------- resolution


def _surname_key(surname: str) -> str:
    return norm_name(surname).replace(" ", "")


def _gazetteer_person(pn: PersonName, gz: Gazetteer) -> PersonEntry | None:
    sk = _surname_key(pn.surname)
    for p in gz.people:
        same_surname = any(_surname_key(s) == sk for s in p.surnames)
        if same_surname and (
            pn.first_initial is None or not p.given or any(g[0] == pn.first_initial for g in p.given)
        ):
            return p
    return None


def cluster_people(names: Sequence[str], gz: Gazetteer) -> list[tuple[str, str | None]]:
    """For each cleaned person name (one per mention), its canonical name and wikidata id.

    Names are clustered across the corpus; initials that conflict never merge.
    """
    parsed = [parse_name(n) for n in names]
    # surname keys, with the Russian genitive "-a" folded onto a surname seen without it
    keys = [_surname_key(p.surname) for p in parsed]
    known = set(keys) | {_surname_key(s) for p in gz.people for s in p.surnames}
    keys = [k[:-1] if k.endswith("a") and k[:-1] in known else k for k in keys]
    gaz = [_gazetteer_person(p, gz) for p in parsed]

    # cluster id = (surname key, first initial or gazetteer name)
    by_surname: dict[str, list[int]] = defaultdict(list)
    for i, k in enumerate(keys):
        by_surname[k].append(i)
    cluster_of: dict[int, tuple] = {}
    for sk, idxs in by_surname.items():
        initials = Counter(parsed[i].first_initial for i in idxs if parsed[i].first_initial)
        for i in idxs:
            if gaz[i] is not None:
                cluster_of[i] = (sk, "gz", gaz[i].name)
            elif parsed[i].first_initial:
                cluster_of[i] = (sk, "init", parsed[i].first_initial)
        bare = [i for i in idxs if i not in cluster_of]
        for i in bare:
            if len(initials) == 1:
                cluster_of[i] = (sk, "init", next(iter(initials)))
            elif initials:
                cluster_of[i] = (sk, "init", initials.most_common(1)[0][0])
            else:
                cluster_of[i] = (sk, "bare", sk)
        # an initial-only cluster that agrees with a gazetteer person joins it
        gz_clusters = {c for c in (cluster_of[i] for i in idxs) if c[1] == "gz"}
        if len(gz_clusters) == 1:
            (gzc,) = gz_clusters
            gz_entry = next(p for p in gz.people if p.name == gzc[2])
            for i in idxs:
                c = cluster_of[i]
                if c[1] != "gz" and (not gz_entry.given or any(g[0] == c[2] for g in gz_entry.given)):
                    cluster_of[i] = gzc

    members: dict[tuple, list[int]] = defaultdict(list)
    for i, c in cluster_of.items():
        members[c].append(i)
    canon: dict[tuple, tuple[str, str | None]] = {}
    for c, idxs in members.items():
        if c[1] == "gz":
            p = next(p for p in gz.people if p.name == c[2])
            canon[c] = (p.name, p.wikidata_id)
            continue

        def rank(i: int) -> tuple:
            pn = parsed[i]
            return (pn.given is not None, len(pn.initials), len(names[i]), names[i])

        best = max(idxs, key=rank)
        canon[c] = (names[best], None)
    return [canon[cluster_of[i]] for i in range(len(names))]
