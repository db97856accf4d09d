"""Seeds parsed once per session: the real texts every rule is checked against."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipelines.parse.document import parse_document
from pipelines.parse.model import ParsedDocument

ROOT = Path(__file__).resolve().parents[3]
RAW = ROOT / "raw"
GOLD = ROOT / "eval" / "gold"
SEED_000 = "000_9180245952a5f4bb"
SEED_001 = "001_722bec2bc1a1786b"


def seed_bytes(stem: str) -> bytes:
    return (RAW / f"{stem}.txt").read_bytes()


def seed_lines(stem: str) -> list[str]:
    return seed_bytes(stem).decode("utf-8").split("\n")


@pytest.fixture(scope="session")
def seeds() -> dict[str, ParsedDocument]:
    return {stem: parse_document(f"{stem}.txt", seed_bytes(stem)) for stem in (SEED_000, SEED_001)}


@pytest.fixture(scope="session")
def doc000(seeds) -> ParsedDocument:
    return seeds[SEED_000]


@pytest.fixture(scope="session")
def doc001(seeds) -> ParsedDocument:
    return seeds[SEED_001]


@pytest.fixture(scope="session")
def gold() -> dict[str, dict]:
    return {
        stem: json.loads((GOLD / f"{stem}.json").read_text(encoding="utf-8")) for stem in (SEED_000, SEED_001)
    }
