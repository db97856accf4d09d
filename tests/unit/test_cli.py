"""Every CLI mistake is one line naming what to do, with exit status 2 and no traceback.

Each command is tried with missing, empty, negative, malformed and nonexistent arguments. The checks
run before anything is built, so no Dagster run starts here.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipelines import cli, settings

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def places(tmp_path: Path, monkeypatch) -> dict[str, str]:
    """A file, an empty folder, a folder of releases without gold texts, a path that does not exist."""
    for variable in (settings.RAW_DIR_VARIABLE, settings.OUTPUTS_DIR_VARIABLE, "DAGSTER_HOME"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.chdir(tmp_path)  # so that the defaults (raw/, outputs/) do not exist either
    (tmp_path / "a-file.txt").write_text("not a folder\n")
    (tmp_path / "empty").mkdir()
    release = tmp_path / "release"
    release.mkdir()
    return {
        "FILE": str(tmp_path / "a-file.txt"),
        "EMPTY": str(tmp_path / "empty"),
        "RELEASE": str(release),
        "MISSING": str(tmp_path / "missing"),
        "NOJSON": str(tmp_path / "missing" / "r.json"),
        "GOLD": str(ROOT / "eval" / "gold"),
    }


def run(argv: list[str], places: dict[str, str], capsys) -> tuple[int, str, str]:
    argv = [places.get(a, a) for a in argv]
    try:
        code = cli.main(argv)
    except SystemExit as stop:  # argparse's own errors
        code = int(stop.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


CASES = [
    # (arguments, what the one line says)
    ([], "pipelines: error: the following arguments are required"),
    (["frob"], "invalid choice: 'frob'"),
    (["build", "--raw", ""], "pipelines build: error: argument --raw: an empty path"),
    (["build", "--raw", "MISSING"], "raw folder MISSING does not exist: create it, or pass --raw"),
    (["build"], "raw folder RAW does not exist"),  # the default raw/ of the current folder
    (["build", "--raw", "FILE"], "raw folder FILE is a file, not a folder"),
    (["build", "--raw", "EMPTY", "--outputs", "FILE"], "outputs folder FILE is a file, not a folder"),
    (["build", "--frob"], "unrecognized arguments: --frob"),
    (["releases", "--outputs", ""], "argument --outputs: an empty path"),
    (
        ["releases", "--outputs", "MISSING"],
        "outputs folder MISSING does not exist: run `pipelines build` first",
    ),
    (["releases", "--outputs", "FILE"], "outputs folder FILE is a file, not a folder"),
    (["prune"], "the following arguments are required: --keep"),
    (
        ["prune", "--keep", "0"],
        "'0' is not a whole number of at least 1 (the latest release is never removed)",
    ),
    (["prune", "--keep", "-1"], "'-1' is not a whole number of at least 1"),
    (["prune", "--keep", "two"], "'two' is not a whole number of at least 1"),
    (["prune", "--keep", "1", "--raw", "EMPTY"], "unrecognized arguments: --raw"),  # prune has no use for it
    (["prune", "--keep", "1", "--outputs", "MISSING"], "outputs folder MISSING does not exist"),
    (["prune", "--keep", "1", "--outputs", "EMPTY"], "no releases in EMPTY: nothing to prune"),
    (["evaluate", "--gold", "MISSING"], "gold folder MISSING does not exist: pass --gold"),
    (["evaluate", "--gold", ""], "argument --gold: an empty path"),
    (["evaluate", "--gold", "EMPTY"], "no gold *.json answers in EMPTY"),
    (["evaluate", "--gold", "FILE"], "gold folder FILE is a file, not a folder"),
    (["evaluate"], "release LATEST does not exist: pass --release, or build one with `pipelines build`"),
    (["evaluate", "--release", "MISSING"], "release MISSING does not exist"),
    (
        ["evaluate", "--release", "RELEASE", "--json", "NOJSON"],
        "folder for --json MISSING does not exist",
    ),
    (["evaluate", "--release", "RELEASE"], "none of the 6 gold texts in GOLD is in RELEASE"),
    (["evaluate", "--raw", "EMPTY"], "unrecognized arguments: --raw"),
    (["docs", "--output", ""], "argument --output: an empty path"),
    (["docs", "--output", "EMPTY"], "--output EMPTY is a folder: pass a file name"),
]


@pytest.mark.parametrize(("argv", "message"), CASES, ids=[" ".join(a) or "(nothing)" for a, _ in CASES])
def test_mistake_is_one_line_with_exit_2(argv, message, places, capsys, tmp_path):
    places = places | {"RAW": str(tmp_path / "raw"), "LATEST": str(tmp_path / "outputs" / "latest")}
    code, out, err = run(argv, places, capsys)
    for name, path in places.items():
        message = message.replace(name, path)
    assert code == 2, (out, err)
    assert out == "" and err.count("\n") == 1 and "Traceback" not in err, err
    assert message in err, err


def test_prune_keeps_the_newest(places, capsys, tmp_path):
    """The happy path of the command the mistakes are about: --keep 1 of two releases removes one."""
    outputs = tmp_path / "outputs"
    r1, r2 = "2026-11-24T173012Z-1a2b3c4d", "2026-11-25T090000Z-5e6f7a8b"
    for release_id in (r1, r2):
        (outputs / "releases" / release_id).mkdir(parents=True)
        manifest = {"release_id": release_id, "built_at": "2026", "rows": {}}
        (outputs / "releases" / release_id / "manifest.json").write_text(json.dumps(manifest))
    rows = [{"release_id": r, "built_at": "2026", "rows": {}} for r in (r1, r2)]
    (outputs / "versions.json").write_text(json.dumps({"releases": rows, "last_successful": r2}))
    code, out, err = run(["prune", "--keep", "1", "--outputs", str(outputs)], places, capsys)
    assert (code, err) == (0, "") and out == f"removed 1 release(s)\n  {r1}\n"
    assert [p.name for p in (outputs / "releases").iterdir()] == [r2]


def test_a_build_imports_spacy_without_its_command_line_which_stays_importable():
    """`pipelines build` leaves out spaCy's CLI (weasel, typer, httpx); spacy.info and spacy.cli work."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from pipelines.cli import import_spacy_without_its_cli\n"
        "import_spacy_without_its_cli()\n"
        "assert 'spacy' in sys.modules and 'httpx' not in sys.modules and 'spacy.cli' not in sys.modules\n"
        "import spacy\n"
        "assert spacy.info()['spacy_version'] == spacy.__version__\n"
        "from spacy.cli import download\n"
        "assert callable(download) and sys.modules['spacy.cli'].__file__.endswith('__init__.py')\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


def test_the_command_exits_with_main_s_status_and_all_its_output_when_piped(tmp_path):
    """`run` ends the process with os._exit: what main printed (block-buffered into a pipe) still
    arrives whole, and the status is main's."""
    import subprocess
    import sys

    outputs = tmp_path / "outputs"
    outputs.mkdir()
    command = [sys.executable, "-m", "pipelines.cli", "releases", "--outputs", str(outputs)]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    assert (done.returncode, done.stdout) == (0, f"no releases in {outputs.resolve()}\n")
    missing = [sys.executable, "-m", "pipelines.cli", "releases", "--outputs", str(tmp_path / "none")]
    done = subprocess.run(missing, cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 2 and "outputs folder" in done.stderr
