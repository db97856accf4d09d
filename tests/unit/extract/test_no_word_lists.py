"""Facts about English belong in the grammar and lexicon files under pipelines/extract/data/, not in
Python: a literal collection of three or more lower-case words in a module of pipelines/extract is a
word list that another text will need widened, so this test fails on it. Collections of labels the
parser defines (dependency labels, part-of-speech tags, entity types) are not facts about English and are
allowed."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
import yaml

from schemas.agreements import ACTIONS, AGREEMENT_KINDS, PARTY_ROLES
from schemas.dates import PRECISIONS
from schemas.events import EVENT_KINDS, PARTICIPANT_ROLES

EXTRACT = Path(__file__).resolve().parents[3] / "pipelines" / "extract"
WORD = re.compile(r"^[a-z][a-z' ]*[a-z]$")
MIN_WORDS = 3
# Modules other helpers own and still carry word lists of their own (dates, entities): listed here so
# that the test guards the grammar-driven extractors now and the others once they move their lists.
NOT_YET = {"dates.py", "entities.py", "people.py", "gazetteer.py"}
# Labels defined by the project or the parser, not facts about English: the schemas' enumerations (kinds,
# roles, actions, precisions), table names, the token attributes a grammar path may test, the ways an
# instrument is found, and spaCy's dependency labels.
SCHEMA_WORDS = {
    *EVENT_KINDS, *PARTICIPANT_ROLES, *AGREEMENT_KINDS, *PARTY_ROLES, *ACTIONS, *PRECISIONS,
    "entities", "mentions", "dates", "agreements", "events", "lower", "lemma", "pos", "tag", "dep",
    "named", "list", "described", "anaphor", "known", "titled", "alias",
}  # fmt: skip
DEP_LABELS = {
    "acl", "acomp", "advcl", "advmod", "agent", "amod", "appos", "attr", "aux", "auxpass", "case", "cc",
    "ccomp", "compound", "conj", "csubj", "dative", "dep", "det", "dobj", "expl", "intj", "mark", "meta",
    "neg", "nmod", "npadvmod", "nsubj", "nsubjpass", "nummod", "oprd", "parataxis", "pcomp", "pobj",
    "poss", "preconj", "predet", "prep", "prt", "punct", "quantmod", "relcl", "xcomp",
}  # fmt: skip


def word_lists(source: str) -> list[tuple[int, list[str]]]:
    """(line, words) of each literal list/set/tuple/dict of lower-case words in `source`."""
    out = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.List, ast.Set, ast.Tuple)):
            items = node.elts
        elif isinstance(node, ast.Dict):
            items = [k for k in node.keys if k is not None]
        else:
            continue
        words = [
            e.value
            for e in items
            if isinstance(e, ast.Constant) and isinstance(e.value, str) and WORD.match(e.value)
        ]
        words = [w for w in words if w not in DEP_LABELS and w not in SCHEMA_WORDS]
        if len(words) >= MIN_WORDS:
            out.append((node.lineno, words))
    return out


@pytest.mark.parametrize(
    ("source", "found"),
    [
        ('NOUNS = {"pact", "accord", "deal"}', True),
        ('KINDS = {"pact": 1, "accord": 2, "deal": 3}', True),
        ('if t.lower_ in ("he", "she"): pass', False),  # two words: below the threshold
        ('DEPS = ("nsubj", "dobj", "pobj", "amod")', False),  # parser labels
        ('TYPES = ("COUNTRY", "ORGANIZATION", "PERSON")', False),  # entity types
    ],
)
def test_the_detector(source, found):
    assert bool(word_lists(source)) is found


@pytest.mark.parametrize(
    "module", sorted(p.name for p in EXTRACT.glob("*.py") if p.name not in NOT_YET), ids=str
)
def test_no_hard_coded_word_list(module):
    hits = word_lists((EXTRACT / module).read_text(encoding="utf-8"))
    assert not hits, (
        f"{module}: move these word lists to a grammar file under pipelines/extract/data/: {hits}"
    )


def _non_strings(x, path=()):
    """Paths of the YAML values that are not strings where a word is expected (YAML 1.1 reads a bare
    `on`, `no` or `yes` as a boolean)."""
    if isinstance(x, dict):
        for k, v in x.items():
            if not isinstance(k, str):
                yield (*path, repr(k))
            yield from _non_strings(v, (*path, str(k)))
    elif isinstance(x, list):
        for v in x:
            if isinstance(v, bool) or v is None:
                yield (*path, repr(v))
            else:
                yield from _non_strings(v, path)


@pytest.mark.parametrize(
    "path", sorted((EXTRACT / "data").rglob("*.yaml")), ids=lambda p: str(p.relative_to(EXTRACT))
)
def test_data_files_hold_words_not_booleans(path):
    bad = list(_non_strings(yaml.safe_load(path.read_text(encoding="utf-8"))))
    assert not bad, f"{path.name}: quote these words: {bad}"
