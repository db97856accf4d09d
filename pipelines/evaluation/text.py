"""Lenient comparison of names, dates and URLs: what counts as "the same" for the scorer.

Surface spelling (case, accents, periods, "the", "programme") must not decide a score, so
every comparison goes through `norm` first. The thresholds and guards mirror the reference scorer.
"""

from __future__ import annotations

import difflib
import functools
import json
import re
import unicodedata
from collections.abc import Iterable
from typing import Any

import pandas as pd

# Words too common in names of instruments to make two names the same on their own.
GENERIC = frozenset({
    "the", "of", "on", "and", "for", "in", "with", "between", "a", "an", "to", "at", "by", "its", "s",
    "plan", "program", "agreement", "agreements", "treaty", "document", "statement", "act",
    "initiative", "declaration", "joint", "framework", "cooperation",
})  # fmt: skip
# Events also share the verbs of meeting and this corpus' most frequent names.
EVENT_GENERIC = GENERIC | frozenset({
    "visit", "visits", "visited", "meeting", "meetings", "summit", "exercise", "exercises", "session",
    "signing", "signed", "adoption", "trip", "talks", "conference", "event", "events", "military",
    "kazakhstan", "nato", "us", "united", "states",
})  # fmt: skip
# Event kinds that annotators and extractors use interchangeably.
KIND_GROUPS = (
    frozenset({"visit", "meeting", "summit", "conference", "talks"}),
    frozenset({"signing", "adoption", "other"}),
)
URL_PATTERN = re.compile(r"(?:https?://|www\.)[^\s\])>\"']+")
_NULL_WORDS = frozenset({"", "none", "null", "nan", "nat"})


def is_null(value: Any) -> bool:
    """None, NaN/NA and the usual spellings of "nothing" in text columns."""
    if value is None:
        return True
    if isinstance(value, str):
        return value.strip().lower() in _NULL_WORDS
    if value is pd.NA or value is pd.NaT:
        return True
    try:
        return bool(value != value)  # only NaN differs from itself
    except (TypeError, ValueError):  # arrays and other containers are values
        return False


def as_list(value: Any) -> list[Any]:
    """A list column cell (list, numpy array, JSON text or scalar) as a list without nulls."""
    if hasattr(value, "tolist") and not isinstance(value, str):
        value = value.tolist()
    if isinstance(value, list | tuple):
        return [item for item in value if not is_null(item)]
    if is_null(value):
        return []
    text = str(value).strip()
    if text.startswith("["):
        try:
            return [item for item in json.loads(text) if not is_null(item)]
        except ValueError:
            pass
    return [text]


def norm(text: Any) -> str:
    """Case-, accent- and punctuation-free form: "The U.S.'s Programme" -> "us program"."""
    return "" if is_null(text) else _norm(str(text))


@functools.lru_cache(maxsize=1 << 16)  # the scorers compare every prediction with every gold item
def _norm(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    s = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    s = s.replace("\u2019", "'").replace("\u2018", "'").replace("&", " and ")
    s = re.sub(r"'s\b", "", s).replace(".", "")
    s = re.sub(r"[^\w\s]", " ", s).replace("_", " ")
    return " ".join("program" if t == "programme" else t for t in s.split() if t != "the")


def ratio(a: str, b: str) -> float:
    """difflib similarity; 0 when either side is empty."""
    return difflib.SequenceMatcher(None, a, b).ratio() if a and b else 0.0


@functools.lru_cache(maxsize=1 << 16)
def ratio_at_least(a: str, b: str, threshold: float) -> bool:
    """`ratio(a, b) >= threshold`, with the cheap upper bounds tried first: the lengths' (difflib's
    real_quick_ratio), then the shared characters' (quick_ratio)."""
    if not a or not b or 2 * min(len(a), len(b)) < threshold * (len(a) + len(b)):
        return False
    matcher = difflib.SequenceMatcher(None, a, b)
    return matcher.quick_ratio() >= threshold and matcher.ratio() >= threshold


@functools.lru_cache(maxsize=1 << 16)  # a release is scored as a whole and text by text: the same pairs
def token_set_ratio(a: str, b: str, generic: frozenset[str] = GENERIC) -> float:
    """Word-order-free similarity that ignores extra words, except when only generic words are shared.

    Without the guard "Individual Partnership Plan" would equal any "... Plan".
    """
    ta, tb = set(norm(a).split()), set(norm(b).split())
    if not ta or not tb:
        return 0.0
    if ta == tb:
        return 1.0
    common = sorted(ta & tb)
    plain = ratio(" ".join(sorted(ta)), " ".join(sorted(tb)))
    specific = set(common) - generic
    is_subset = set(common) in (ta, tb)
    if not common or not specific or (is_subset and len(specific) < 2):
        return plain
    shared = " ".join(common)
    with_a = " ".join(common + sorted(ta - set(common)))
    with_b = " ".join(common + sorted(tb - set(common)))
    return max(ratio(shared, with_a), ratio(shared, with_b), ratio(with_a, with_b))


def name_score(predicted: Any, names: Iterable[str], generic: frozenset[str] = GENERIC) -> float:
    """Best similarity of a predicted name to any gold name; an exact match outranks fuzzy ties.

    Names whose numbers differ are capped below the match threshold
    ("Steppe Eagle 2006" is not "Steppe Eagle 2005").
    """
    if is_null(predicted):
        return 0.0
    return _name_score(str(predicted), tuple(names), generic)


@functools.lru_cache(maxsize=200_000)
def _name_score(predicted: str, names: tuple[str, ...], generic: frozenset[str]) -> float:
    """name_score of a name, remembered: a release's quality report scores the same pairs overall and
    once more per text."""
    n = norm(predicted)
    digits = set(re.findall(r"\d+", n))
    best = 0.0
    for name in names:
        gold = norm(name)
        if n == gold:
            return 1.01
        score = token_set_ratio(predicted, name, generic)
        gold_digits = set(re.findall(r"\d+", gold))
        if digits and gold_digits and not digits & gold_digits:
            score = min(score, 0.7)
        best = max(best, score)
    return best


def norm_date(value: Any, precision: Any = None) -> str:
    """A predicted date value as an ISO-like string cut to its precision ("" when missing)."""
    if is_null(value):
        return ""
    if hasattr(value, "isoformat") and not isinstance(value, str):
        value = value.isoformat()
    s = str(value).strip()
    if re.match(r"^\d{4}-\d{2}-\d{2}T", s):
        s = s.split("T", 1)[0]
    s = re.sub(r"^(\d{4})-(\d)(?=\D|$)", r"\1-0\2", s.replace(" ", ""))
    grain = "" if is_null(precision) else str(precision).lower()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", s) and grain in ("year", "month"):
        s = s[: 4 if grain == "year" else 7]
    if re.match(r"^\d{3}", s) and re.search(r"[a-z]", s):
        s = s.upper()  # 199x -> 199X
    return s


def date_compatible(predicted: str, gold: str | None) -> bool:
    """Equal, or one is a prefix of the other (2006-09 fits 2006-09-29); ranges compare by start."""
    if not predicted or not gold:
        return False
    p0, g0 = predicted.split("/")[0], gold.split("/")[0]
    return predicted == gold or p0.startswith(g0) or g0.startswith(p0)


def kind_compatible(predicted: Any, gold: Any) -> bool:
    """Missing or "other" kinds never block a match; otherwise equal or in the same family."""
    p, g = norm(predicted), norm(gold)
    if not p or not g or p == g or "other" in (p, g):
        return True
    return any(p in group and g in group for group in KIND_GROUPS)


def norm_url(url: Any) -> str:
    """URL without scheme, www, brackets, trailing slash and case."""
    u = str(url).strip().strip("<>[]().,;").lower()
    u = re.sub(r"^https?://", "", u)
    return re.sub(r"^www\.", "", u).rstrip("/")
