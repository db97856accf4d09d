"""Paths and options, read once from the environment (the CLI sets the same variables from its flags)."""

from __future__ import annotations

import math
import os
from pathlib import Path

RAW_DIR_VARIABLE = "PIPELINES_RAW_DIR"
OUTPUTS_DIR_VARIABLE = "PIPELINES_OUTPUTS_DIR"
MAX_DOCUMENT_MB_VARIABLE = "PIPELINES_MAX_DOCUMENT_MB"
WORKERS_VARIABLE = "PIPELINES_WORKERS"
DEFAULT_MAX_DOCUMENT_MB = 10.0  # a 20 MB text took 22 minutes and 4.7 GB to parse and extract
PARSE_SECONDS_VARIABLE = "PIPELINES_PARSE_SECONDS"
DEFAULT_PARSE_SECONDS = 300.0  # a 10 MB text parses in about a minute here
PROJECT_ROOT = Path(__file__).resolve().parent.parent
GOLD_DIR = PROJECT_ROOT / "eval" / "gold"  # the dev set's answers, scored into every release's quality.json


def raw_dir() -> Path:
    return Path(os.environ.get(RAW_DIR_VARIABLE, "raw")).resolve()


def outputs_dir() -> Path:
    return Path(os.environ.get(OUTPUTS_DIR_VARIABLE, "outputs")).resolve()


def _positive_number(variable: str, default: float, unit: str) -> float:
    value = os.environ.get(variable, "").strip() or str(default)
    try:
        number = float(value)
    except ValueError:
        raise ValueError(f"{variable}={value!r} is not a number of {unit}") from None
    if not number > 0:
        raise ValueError(f"{variable}={value!r} must be more than 0")
    return number


def max_document_bytes() -> int:
    """Per-document size limit: a larger file is a reject ("split it"), so one text cannot stall a build."""
    return math.ceil(_positive_number(MAX_DOCUMENT_MB_VARIABLE, DEFAULT_MAX_DOCUMENT_MB, "megabytes") * 2**20)


def parse_seconds() -> float:
    """Per-document parse budget: a text whose parse takes longer is a reject, so that one text whose
    layout defeats a parse rule cannot stall a build (the size limit bounds the spaCy step)."""
    return _positive_number(PARSE_SECONDS_VARIABLE, DEFAULT_PARSE_SECONDS, "seconds")


def workers() -> int | None:
    """Processes that parse and extract new or changed documents side by side (spaCy is the cost):
    PIPELINES_WORKERS, or None when unset (the build then picks up to the cores, `cores()`)."""
    value = os.environ.get(WORKERS_VARIABLE, "").strip()
    if not value:
        return None
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise ValueError(f"{WORKERS_VARIABLE}={value!r} must be a positive whole number")
    return number


def cores() -> int:
    """The cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
