"""Paths and options, read once from the environment (the CLI sets the same variables from its flags)."""

from __future__ import annotations

import os
from pathlib import Path

RAW_DIR_VARIABLE = "PIPELINES_RAW_DIR"
OUTPUTS_DIR_VARIABLE = "PIPELINES_OUTPUTS_DIR"
PROJECT_ROOT = Path(__file__).resolve().parent.parent
GOLD_DIR = PROJECT_ROOT / "eval" / "gold"  # the dev set's answers, scored into every release's quality.json


def raw_dir() -> Path:
    return Path(os.environ.get(RAW_DIR_VARIABLE, "raw")).resolve()


def outputs_dir() -> Path:
    return Path(os.environ.get(OUTPUTS_DIR_VARIABLE, "outputs")).resolve()
