"""A small rule engine over the dependency parse, in the manner of Odin grammars and spaCy's
DependencyMatcher: the facts about English (which words trigger which event class or instrument kind,
which dependency paths tie an argument to its trigger) live in YAML under data/grammar/, this module
only applies them.

A *path* is a space-separated list of steps walked from an anchor token:

* ``>dep`` goes to the children whose dependency label is ``dep`` (``>dep1|dep2`` for several);
* ``<dep`` goes to the head, if the current token is attached to it by ``dep`` (``<*`` for any);
* ``[attr=v1|v2]`` after a step keeps the tokens whose ``attr`` (lower, lemma, pos, tag) is one of the
  values; ``[attr=@list]`` names a word list of the same grammar file;
* a trailing ``?`` makes the step optional (the walk goes on from both the token and its neighbours).

An argument rule names its anchor (``from``), its path and the role it gives the entities found in the
subtree of the tokens the path reaches (clauses hanging off them, such as relative clauses and
appositions, are left out: an entity is an argument only where the rule ties it to the trigger).
``keep: token`` takes only the reached token's own entity, ``keep: all`` the whole subtree, appositions
included (a list of names each in apposition to the one before: "officials, in particular A, director of
B, C, ..."). ``fallback: true`` applies a rule only where no earlier rule of its role reached a token
(the subject of a conjoined verb stands in only for a verb without a subject of its own).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Token

from pipelines.extract.instruments import EntitySpan, SentenceView, load_data

STEP_RE = re.compile(r"^([<>])([\w|*]+)((?:\[\w+=[^\]]+\])*)(\?)?$")
CONSTRAINT_RE = re.compile(r"\[(\w+)=([^\]]+)\]")
ATTRS = {
    "lower": lambda t: t.lower_,
    "lemma": lambda t: t.lemma_.lower(),
    "pos": lambda t: t.pos_,
    "tag": lambda t: t.tag_,
    "dep": lambda t: t.dep_,
}


def load_grammar(name: str) -> dict:
    """data/grammar/<name>.yaml."""
    return load_data(f"grammar/{name}.yaml")


@dataclass(frozen=True)
class Step:
    up: bool
    deps: frozenset[str] | None  # None: any label
    constraints: tuple[tuple[str, frozenset[str]], ...]
    optional: bool

    def ok(self, tok: Token) -> bool:
        return all(ATTRS[a](tok) in vals for a, vals in self.constraints)

    def walk(self, tok: Token) -> list[Token]:
        if self.up:
            nxt = [tok.head] if tok.head.i != tok.i and (self.deps is None or tok.dep_ in self.deps) else []
        else:
            nxt = [c for c in tok.children if self.deps is None or c.dep_ in self.deps]
        return [t for t in nxt if self.ok(t)]


def parse_path(path: str, lists: Mapping[str, Sequence[str]]) -> tuple[Step, ...]:
    steps = []
    for part in path.split():
        m = STEP_RE.match(part)
        if m is None:
            raise ValueError(f"bad path step {part!r} in {path!r}")
        arrow, deps, cons, opt = m.groups()
        constraints = []
        for attr, vals in CONSTRAINT_RE.findall(cons or ""):
            if attr not in ATTRS:
                raise ValueError(f"unknown attribute {attr!r} in {path!r}")
            words = lists[vals[1:]] if vals.startswith("@") else vals.split("|")
            constraints.append((attr, frozenset(words)))
        steps.append(
            Step(
                arrow == "<",
                None if deps == "*" else frozenset(deps.split("|")),
                tuple(constraints),
                bool(opt),
            )
        )
    return tuple(steps)


def follow(start: Token, steps: Sequence[Step]) -> list[Token]:
    """The tokens the path reaches from `start`, in sentence order."""
    cur = [start]
    for step in steps:
        nxt = [t for c in cur for t in step.walk(c)]
        cur = cur + nxt if step.optional else nxt
        if not cur:
            return []
    return sorted(set(cur), key=lambda t: t.i)


@dataclass(frozen=True)
class ArgRule:
    """One argument rule of a grammar file: `from` one of the caller's anchors, walk `path`, give `role`."""

    name: str
    anchor: str
    steps: tuple[Step, ...]
    role: str
    keep: str  # "subtree": entities under the reached token, clauses cut; "token": its own; "all": no cut
    fallback: bool = False  # only where no earlier rule of the same role reached a token


CUT_DEPS = frozenset({"relcl", "acl", "appos", "advcl", "parataxis", "ccomp", "xcomp"})


def argument_tokens(tok: Token) -> list[Token]:
    """`tok` and the tokens below it, without the clauses and appositions that hang off it."""
    out, stack = [], [tok]
    while stack:
        t = stack.pop()
        out.append(t)
        stack.extend(c for c in t.children if c.dep_ not in CUT_DEPS)
    return out


@cache
def argument_rules(grammar: str, section: str) -> tuple[ArgRule, ...]:
    g = load_grammar(grammar)
    lists = g.get("lists", {})
    return tuple(
        ArgRule(
            r["name"],
            r["from"],
            parse_path(r["path"], lists),
            r.get("role", "participant"),
            r.get("keep", "subtree"),
            bool(r.get("fallback", False)),
        )
        for r in g[section]
    )


def reached(rules: Iterable[ArgRule], anchors: Mapping[str, Token | None]) -> list[tuple[ArgRule, Token]]:
    """(rule, token) for every token a rule's path reaches from its anchor, in rule order (callers that
    name a thing by its argument's words, or check what stands there, need the tokens)."""
    out: list[tuple[ArgRule, Token]] = []
    roles: set[str] = set()
    for rule in rules:
        start = anchors.get(rule.anchor)
        if start is None or (rule.fallback and rule.role in roles):
            continue
        toks = follow(start, rule.steps)
        if toks:
            roles.add(rule.role)
        out += [(rule, tok) for tok in toks]
    return out


def first_reached(rules: Iterable[ArgRule], anchors: Mapping[str, Token | None]) -> dict[str, Token]:
    """The first token each role reaches, by rule order then sentence order (a caller that wants one
    word per role: the office of 'elected as X', the subject of 'took place')."""
    out: dict[str, Token] = {}
    for rule, tok in reached(rules, anchors):
        out.setdefault(rule.role, tok)
    return out


def rule_entities(
    view: SentenceView,
    found: Iterable[tuple[ArgRule, Token]],
    types: Sequence[str] | Mapping[str, Sequence[str]],
) -> list[tuple[EntitySpan, str, str]]:
    """(entity, role, rule name) for the entities under the tokens of `reached`, once per entity (the
    first rule that finds it wins); `types` may differ by role (a visitor is a person or a state, a host
    a place or an organization)."""
    out, seen = [], set()
    for rule, tok in found:
        if rule.keep == "all":
            toks = list(tok.subtree)
        else:
            toks = argument_tokens(tok) if rule.keep == "subtree" else [tok]
        allowed = types.get(rule.role, ()) if isinstance(types, Mapping) else types
        for e in view.entities_in(toks, allowed):
            key = (e.span.start, e.span.end)
            if key not in seen:
                seen.add(key)
                out.append((e, rule.role, rule.name))
    return out


def apply_rules(
    view: SentenceView,
    rules: Iterable[ArgRule],
    anchors: Mapping[str, Token | None],
    types: Sequence[str] | Mapping[str, Sequence[str]],
) -> list[tuple[EntitySpan, str, str]]:
    """(entity, role, rule name) for every entity a rule ties to one of the anchors, once per entity
    (the first rule that finds it wins)."""
    return rule_entities(view, reached(rules, anchors), types)


@cache
def taxonomy() -> dict:
    """Event classes and instrument kinds with their trigger words (data/grammar/taxonomy.yaml)."""
    return load_grammar("taxonomy")


def event_nouns(*rules: str) -> frozenset[str]:
    """The trigger nouns of the event classes found by `rules` (all classes when none is given)."""
    return frozenset(
        w
        for spec in taxonomy()["event_classes"].values()
        if not rules or spec.get("rule") in rules
        for w in spec.get("nouns", ())
    )


def flagged_event_nouns(flag: str) -> frozenset[str]:
    """The trigger nouns of the event classes whose taxonomy entry sets `flag`."""
    return frozenset(
        w for spec in taxonomy()["event_classes"].values() if spec.get(flag) for w in spec["nouns"]
    )


def class_nouns(cls: str) -> frozenset[str]:
    """The trigger nouns of one event class."""
    return frozenset(taxonomy()["event_classes"][cls]["nouns"])


def instrument_nouns(named_only: bool = False) -> dict[str, str]:
    """Instrument noun -> kind; with `named_only`, the nouns that head an instrument only when capitalized."""
    key = "named_only" if named_only else "nouns"
    return {w: kind for kind, spec in taxonomy()["instrument_classes"].items() for w in spec.get(key, ())}


def flagged_instrument_kinds(flag: str) -> frozenset[str]:
    """The instrument kinds whose taxonomy class sets `flag`."""
    return frozenset(kind for kind, spec in taxonomy()["instrument_classes"].items() if spec.get(flag))
