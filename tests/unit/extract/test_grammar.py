"""The rule engine's path steps over a real parse."""

import pytest

from pipelines.extract.grammar import follow, parse_path
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
