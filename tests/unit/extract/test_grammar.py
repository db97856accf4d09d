"""The rule engine's path steps over a real parse."""

import pytest

from pipelines.extract.grammar import ArgRule, first_reached, follow, parse_path, reached
from pipelines.extract.nlp import load_nlp


@pytest.fixture(scope="module")
def doc():
    return load_nlp()("Kazakhstan signed the treaty with Russia in 1992.")


@pytest.mark.parametrize(
    ("start", "path", "reached"),
    [
        ("signed", ">nsubj", ["Kazakhstan"]),
        ("signed", ">prep[lower=with] >pobj", ["Russia"]),
        ("signed", ">prep[lower=in|at] >pobj", ["1992"]),
        ("treaty", "<dobj >nsubj", ["Kazakhstan"]),
        ("treaty", "<dobj[lemma=ratify] >nsubj", []),
        ("signed", "<*", []),  # the root has no head: spaCy gives a new Token object for it each time
        ("Russia", "<pobj <prep? >nsubj", ["Kazakhstan"]),
    ],
)
def test_paths_reach_the_tokens_they_name(doc, start, path, reached):
    (token,) = [t for t in doc if t.text == start]
    assert [t.text for t in follow(token, parse_path(path, {}))] == reached


def _rule(name, path, role, keep="subtree", fallback=False):
    return ArgRule(name, "verb", parse_path(path, {}), role, keep, fallback)


@pytest.mark.parametrize(
    ("sentence", "rules", "reached_names"),
    [
        # a fallback rule stands in only where no earlier rule of its role reached a token
        (
            "Ruritania arrived and visited Osterby.",
            [_rule("own", ">nsubj", "subject"), _rule("shared", "<conj >nsubj", "subject", fallback=True)],
            ["shared"],
        ),
        (
            "Ruritania arrived and Osterland visited Osterby.",
            [_rule("own", ">nsubj", "subject"), _rule("shared", "<conj >nsubj", "subject", fallback=True)],
            ["own"],
        ),
        # ... of its own role only
        (
            "Ruritania arrived and visited the capital.",
            [_rule("object", ">dobj", "host"), _rule("shared", "<conj >nsubj", "subject", fallback=True)],
            ["object", "shared"],
        ),
    ],
)
def test_a_fallback_rule_applies_only_where_its_role_is_unfilled(sentence, rules, reached_names):
    verb = next(t for t in load_nlp()(sentence) if t.text == "visited")
    assert [rule.name for rule, _ in reached(rules, {"verb": verb})] == reached_names


@pytest.mark.parametrize(
    ("sentence", "rules", "first"),
    [
        # rule order first: "as" wins over the attribute of a later rule
        (
            "The council visited Ruritania as envoy and Osterby as guest.",
            [_rule("as", ">prep[lower=as] >pobj", "office"), _rule("object", ">dobj", "person")],
            {"office": "envoy", "person": "Ruritania"},
        ),
        # a role no rule reaches is absent
        ("The council visited.", [_rule("object", ">dobj", "person")], {}),
    ],
)
def test_first_reached_gives_one_token_per_role(sentence, rules, first):
    verb = next(t for t in load_nlp()(sentence) if t.text == "visited")
    assert {role: t.text for role, t in first_reached(rules, {"verb": verb}).items()} == first
