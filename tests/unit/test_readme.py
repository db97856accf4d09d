"""Every Python and SQL block of the README runs as pasted against a fresh release and prints what its
`prints:` comment says, at a default terminal width (80 columns).

The release is built from raw/ with the pure functions and every companion the build writes
(quality.json, the DuckDB file...), in a scratch project folder, so that `outputs/latest/...` paths
resolve as they do from the project root.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from pipelines.publish.changes import write_changes
from pipelines.publish.datapackage import write_datapackage
from pipelines.publish.duckdb_file import write_duckdb
from pipelines.publish.page import write_page
from pipelines.publish.quality import quality_companion
from pipelines.settings import GOLD_DIR
from tests.releases import release_from_raw

ROOT = Path(__file__).resolve().parents[2]
WIDTH = 80
BLOCK = re.compile(r"^```(python|sql)\n(.*?)^```", re.M | re.S)
PRINTS = re.compile(r"^(?:#|--) prints: (.*?)(?:  \(.*\))?$", re.M)


def blocks() -> list[tuple[str, str]]:
    return [(m[1], m[2]) for m in BLOCK.finditer((ROOT / "README.md").read_text(encoding="utf-8"))]


def expected(code: str) -> list[str]:
    found = PRINTS.findall(code)
    assert len(found) == 1, f"a block ends with one `prints:` comment:\n{code}"
    return found[0].split(" ... ")


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("project")
    release_from_raw(
        ROOT / "raw",
        folder / "outputs",
        companions=[quality_companion(GOLD_DIR), write_changes, write_datapackage, write_duckdb],
        after_manifest=[write_page],
    )
    return folder


def run_python(code: str, cwd: Path) -> str:
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        env={"COLUMNS": str(WIDTH), "LINES": "24", "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 0 and not done.stderr, done.stderr
    return done.stdout


def run_sql(code: str, cwd: Path, monkeypatch) -> str:
    assert len(duckdb.extract_statements(code)) == 1, "one statement per block"
    monkeypatch.chdir(cwd)
    with duckdb.connect("outputs/latest/security_texts.duckdb", read_only=True) as con:
        return str(con.sql(code))


def test_the_readme_has_the_blocks_this_test_runs():
    kinds = [kind for kind, _ in blocks()]
    assert kinds.count("python") >= 4 and kinds.count("sql") >= 3


@pytest.mark.slow
@pytest.mark.parametrize(("number", "kind", "code"), [(i, k, c) for i, (k, c) in enumerate(blocks())])
def test_block_runs_and_prints_what_it_says(number, kind, code, project, monkeypatch):
    output = run_python(code, project) if kind == "python" else run_sql(code, project, monkeypatch)
    wide = [line for line in output.splitlines() if len(line) > WIDTH]
    assert not wide, f"block {number} prints lines wider than {WIDTH} columns:\n" + "\n".join(wide)
    position = 0
    for part in expected(code):
        found = output.find(part, position)
        assert found >= 0, f"block {number}: {part!r} not printed (after position {position}):\n{output}"
        position = found + len(part)
