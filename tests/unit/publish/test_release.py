"""Releases are immutable, deterministic, and never replaced by a table that fails validation."""

import json
import os
import signal
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from pipelines.publish.files import csv_bytes, csv_cell, csv_column
from pipelines.publish.lock import FolderBusy, folder_lock
from pipelines.publish.release import (
    OutputsInTheWay,
    SourceFile,
    ValidationFailed,
    list_releases,
    prune_releases,
    publish_release,
    release_id,
    repair_outputs,
)
from pipelines.publish.validate import remember_valid
from schemas.dates import Dates
from schemas.documents import Documents, Rejects, Sentences
from tests.unit.publish.test_validate import dates, documents, sentences

MODELS = {"documents": Documents, "sentences": Sentences, "dates": Dates, "rejects": Rejects}
INPUTS = [SourceFile("d1.txt", "a" * 64)]


def tables(**replaced):
    rejects = pd.DataFrame([{"source_file": "=cmd.txt", "sha256": None, "reason": "empty file"}])
    return {
        "documents": documents(),
        "sentences": sentences(),
        "dates": dates(),
        "rejects": rejects,
        **replaced,
    }


def publish(outputs, when, warnings=None, **replaced):
    warn = warnings.append if warnings is not None else lambda note: None
    return publish_release(tables(**replaced), MODELS, INPUTS, outputs, when, "0.0.0", warn=warn)


def day(n: int) -> datetime:
    return datetime(2026, 1, n, tzinfo=UTC)


def consistent(outputs: Path) -> str:
    """The outputs folder after a repair: versions.json lists exactly the release folders, `latest` and
    last_successful name the newest, nothing hidden is left. Returns the latest release id."""
    versions = json.loads((outputs / "versions.json").read_text())
    folders = sorted(p.name for p in (outputs / "releases").iterdir())
    assert [r["release_id"] for r in versions["releases"]] == folders
    assert not [name for name in folders if name.startswith(".")]
    assert os.readlink(outputs / "latest") == f"releases/{folders[-1]}"
    assert versions["last_successful"] == folders[-1]
    assert not [p.name for p in outputs.iterdir() if p.name.startswith(".") and p.name != ".build.lock"]
    return folders[-1]


def test_release_id_sorts_by_time_and_names_inputs():
    rid = release_id(datetime(2026, 11, 24, 17, 30, 5, tzinfo=UTC), INPUTS)
    assert rid.startswith("2026-11-24T173005Z-") and len(rid.split("-")[-1]) == 8
    assert rid != release_id(datetime(2026, 11, 24, 17, 30, 5, tzinfo=UTC), [SourceFile("d1.txt", "b" * 64)])


def test_same_inputs_give_byte_identical_tables(tmp_path):
    first = publish(tmp_path, datetime(2026, 1, 1, tzinfo=UTC))
    second = publish(tmp_path, datetime(2026, 1, 2, tzinfo=UTC))
    for name in MODELS:
        for suffix in ("parquet", "csv"):
            assert (first / f"{name}.{suffix}").read_bytes() == (second / f"{name}.{suffix}").read_bytes()


def test_manifest_and_pointers(tmp_path):
    folder = publish(tmp_path, datetime(2026, 1, 1, tzinfo=UTC))
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["tables"]["dates"]["rows"] == 1
    assert manifest["inputs"] == [{"source_file": "d1.txt", "sha256": "a" * 64}]
    columns = {c["name"]: c["type"] for c in manifest["tables"]["dates"]["columns"]}
    assert columns["value_start"] == "date32[day]" and columns["start"] == "int64"
    assert (tmp_path / "latest").resolve() == folder.resolve()
    versions = json.loads((tmp_path / "versions.json").read_text())
    assert versions["last_successful"] == folder.name


def test_parquet_types(tmp_path):
    folder = publish(tmp_path, datetime(2026, 1, 1, tzinfo=UTC))
    schema = pq.read_schema(folder / "dates.parquet")
    assert str(schema.field("value_start").type) == "date32[day]"
    assert str(schema.field("precision").type).startswith("dictionary<values=string")
    assert str(pq.read_schema(folder / "documents.parquet").field("authors").type) == "list<element: string>"
    assert pq.ParquetFile(folder / "dates.parquet").metadata.num_row_groups == 1


def test_failed_validation_keeps_the_last_good_release(tmp_path):
    good = publish(tmp_path, datetime(2026, 1, 1, tzinfo=UTC))
    with pytest.raises(ValidationFailed) as failure:
        publish(tmp_path, datetime(2026, 1, 2, tzinfo=UTC), dates=dates(precision="month"))
    assert "dates: precision does not agree with the form of value (row 0)" in str(failure.value)
    assert (tmp_path / "latest").resolve() == good.resolve()
    assert [r["release_id"] for r in list_releases(tmp_path)] == [good.name]
    assert sorted(p.name for p in (tmp_path / "releases").iterdir()) == [good.name]


def test_tables_this_process_found_valid_are_published_without_validating_again(tmp_path, monkeypatch):
    """As in a build: the blocking checks found these tables valid, the release step publishes them."""
    remember_valid(tables(), MODELS)

    def no_second_validation(*args):
        raise AssertionError("validated a second time")

    monkeypatch.setattr("pipelines.publish.validate.table_failures", no_second_validation)
    release = publish(tmp_path, day(1))
    assert (tmp_path / "latest").resolve() == release.resolve()


@pytest.mark.parametrize(
    "changed",
    [
        {"dates": dates(precision="month")},  # an invalid cell
        {"sentences": sentences().iloc[:0]},  # a table emptied: sentences' spans and keys still checked
    ],
    ids=["cell", "rows"],
)
def test_tables_changed_after_they_were_found_valid_are_validated_again(tmp_path, changed):
    good = publish(tmp_path, day(1))
    remember_valid(tables(), MODELS)
    remember_valid(tables(**changed), {**MODELS, "dates": Documents})  # valid against other models only
    with pytest.raises(ValidationFailed):
        publish(tmp_path, day(2), **changed)
    assert (tmp_path / "latest").resolve() == good.resolve()


def test_prune_keeps_the_newest(tmp_path):
    made = [publish(tmp_path, datetime(2026, 1, day, tzinfo=UTC)).name for day in (1, 2, 3)]
    assert prune_releases(tmp_path, keep=1) == made[:2]
    assert [r["release_id"] for r in list_releases(tmp_path)] == [made[2]]
    assert not (tmp_path / "releases" / made[0]).exists()


def test_prune_never_touches_a_path_outside_the_releases_folder(tmp_path):
    """A versions.json entry "../../victim" made `prune --keep 2` delete ../../victim."""
    outputs = tmp_path / "a" / "b" / "outputs"
    made = [publish(outputs, day(n)).name for n in (1, 2, 3)]
    victims = [tmp_path / "a" / "victim", tmp_path / "victim", outputs / "keep-me"]
    for victim in victims:
        victim.mkdir(parents=True)
        (victim / "precious.txt").write_text("x")
    (outputs / "releases" / "2026-01-01T000000Z-0000beef").symlink_to(tmp_path / "victim")  # id-shaped link
    versions = json.loads((outputs / "versions.json").read_text())
    hostile = ["../../victim", "../../../victim", "../keep-me", "/tmp", "2026-01-01T000000Z-0000beef"]
    versions["releases"] = [{"release_id": rid, "rows": {}} for rid in hostile] + versions["releases"]
    (outputs / "versions.json").write_text(json.dumps(versions))
    warnings: list[str] = []
    assert prune_releases(outputs, keep=1, warn=warnings.append) == made[:2]
    for victim in victims:
        assert (victim / "precious.txt").read_text() == "x"
    assert sum("not a complete release folder: dropped" in w for w in warnings) == len(hostile)
    assert [r["release_id"] for r in list_releases(outputs)] == [made[2]]
    assert (outputs / "releases" / "2026-01-01T000000Z-0000beef").is_symlink()  # a link is never followed


@pytest.mark.parametrize("damage", ["", '{"releases": [{"release_id": "2026-', "[]", '{"releases": 3}'])
def test_damaged_versions_json_is_rebuilt_from_the_manifests(tmp_path, damage):
    """A truncated versions.json made every later build fail after renaming its release into place."""
    first = publish(tmp_path, day(1))
    (tmp_path / "versions.json").write_text(damage)
    warnings: list[str] = []
    second = publish(tmp_path, day(2), warnings)
    assert warnings[0] == "versions.json was damaged: rebuilt from the release folders' manifests"
    assert consistent(tmp_path) == second.name
    assert [r["release_id"] for r in list_releases(tmp_path)] == [first.name, second.name]
    assert list_releases(tmp_path)[0]["rows"]["dates"] == 1


def test_damaged_versions_json_still_lists_the_releases(tmp_path):
    first = publish(tmp_path, day(1))
    (tmp_path / "versions.json").write_text("{")
    assert [r["release_id"] for r in list_releases(tmp_path)] == [first.name]


@pytest.mark.parametrize("kind", ["folder", "file"])
def test_a_real_latest_is_reported_before_anything_moves(tmp_path, kind):
    first = publish(tmp_path, day(1))
    (tmp_path / "latest").unlink()
    if kind == "folder":
        (tmp_path / "latest").mkdir()
        (tmp_path / "latest" / "notes.txt").write_text("mine")
    else:
        (tmp_path / "latest").write_text("mine")
    versions = (tmp_path / "versions.json").read_bytes()
    with pytest.raises(OutputsInTheWay, match=f"latest is a real {kind}, not the link to the newest release"):
        publish(tmp_path, day(2))
    assert (tmp_path / "versions.json").read_bytes() == versions
    assert [p.name for p in (tmp_path / "releases").iterdir()] == [first.name]


def test_debris_of_dead_builds_is_removed_by_the_next_publish_and_by_prune(tmp_path):
    first = publish(tmp_path, day(1))
    staging = tmp_path / "releases" / f".{first.name}.k2j3h4"
    staging.mkdir()
    (staging / "documents.parquet").write_bytes(b"half")
    (tmp_path / ".latest.4242").symlink_to("releases/gone")
    (tmp_path / ".versions.json.4242.tmp").write_text("{")
    warnings: list[str] = []
    second = publish(tmp_path, day(2), warnings)
    assert consistent(tmp_path) == second.name
    assert sorted(warnings) == sorted(
        f"removed {name}, left by a build that did not finish"
        for name in (f"releases/{staging.name}", ".latest.4242", ".versions.json.4242.tmp")
    )
    staging.mkdir()
    assert prune_releases(tmp_path, keep=5) == []
    assert not staging.exists()


def test_a_complete_release_missing_from_versions_json_is_listed_again(tmp_path):
    """A kill after the rename and before versions.json: the release is whole, so it becomes latest."""
    first = publish(tmp_path, day(1))
    versions = (tmp_path / "versions.json").read_bytes()
    latest = os.readlink(tmp_path / "latest")
    second = publish(tmp_path, day(2))
    (tmp_path / "versions.json").write_bytes(versions)
    (tmp_path / "latest").unlink()
    (tmp_path / "latest").symlink_to(latest)
    notes = repair_outputs(tmp_path)
    assert notes == [
        f"release {second.name} was complete but not in versions.json: listed again",
        f"latest pointed at releases/{first.name}, not at the newest release: now releases/{second.name}",
    ]
    assert consistent(tmp_path) == second.name
    assert repair_outputs(tmp_path) == []  # repaired once, then nothing to do


KILLED_PUBLISH = """
import sys
from tests.unit.publish.test_release import day, publish
publish(__import__("pathlib").Path(sys.argv[1]), day(2))
"""


@pytest.mark.parametrize("point", ["before_rename", "before_versions", "before_latest"])
def test_a_publish_killed_at_any_point_is_repaired_by_the_next_one(tmp_path, point):
    """SIGKILL through the PIPELINES_KILL_AT hook: no cleanup runs. `latest` stays on a complete release
    (the old one, or the new one once it is whole), and the next publish leaves one consistent state."""
    first = publish(tmp_path, day(1))
    root = Path(__file__).resolve().parents[3]
    killed = subprocess.run(
        [sys.executable, "-c", KILLED_PUBLISH, str(tmp_path)],
        cwd=root,
        env={**os.environ, "PIPELINES_KILL_AT": point, "PYTHONPATH": str(root)},
        capture_output=True,
        text=True,
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert (tmp_path / "latest").resolve() == first.resolve()  # never a half-written release
    third = publish(tmp_path, day(3))
    assert consistent(tmp_path) == third.name
    killed_release = release_id(day(2), INPUTS)
    middle = [] if point == "before_rename" else [killed_release]  # renamed into place: whole, kept
    assert [r["release_id"] for r in list_releases(tmp_path)] == [first.name, *middle, third.name]


def test_two_publishes_in_one_second_get_two_releases(tmp_path):
    first = publish(tmp_path, day(1))
    second = publish(tmp_path, day(1))
    assert first.name != second.name and second.name > first.name
    assert consistent(tmp_path) == second.name


def test_lock_names_its_holder_and_a_dead_holder_frees_it(tmp_path):
    holder = subprocess.Popen(
        [sys.executable, "-c", LOCK_HOLDER, str(tmp_path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline() == "locked\n"
        busy = pytest.raises(FolderBusy, match=f"another build is running \\(pid {holder.pid}\\)")
        with busy, folder_lock(tmp_path):
            pass
        with pytest.raises(FolderBusy):
            publish(tmp_path, day(1))
    finally:
        holder.kill()
        holder.wait()
    assert (tmp_path / ".build.lock").read_text() == f"{holder.pid}\n"  # a stale lock file, left by a kill
    with folder_lock(tmp_path), folder_lock(tmp_path):  # taken at once, and reentrant in one process
        assert (tmp_path / ".build.lock").read_text() == f"{os.getpid()}\n"
        publish(tmp_path, day(1))


LOCK_HOLDER = """
import sys, time
from pathlib import Path
from pipelines.publish.lock import folder_lock
with folder_lock(Path(sys.argv[1])):
    print("locked", flush=True)
    time.sleep(60)
"""


@pytest.mark.parametrize(
    ("value", "cell"),
    CELLS := [
        ("=SUM(A1)", "'=SUM(A1)"),
        ("+7 700", "'+7 700"),
        ("-1", "'-1"),
        ("@home", "'@home"),
        ("plain", "plain"),
        (["a", "b"], "a|b"),
        (None, ""),
        (pd.NA, ""),
        (float("nan"), ""),
        (2.5, "2.5"),
        (True, "true"),
        (False, "false"),
        (-3, "-3"),
    ],
)
def test_csv_cells(value, cell):
    assert csv_cell(value) == cell


@pytest.mark.parametrize("with_a_list", [False, True])
def test_a_column_is_formatted_as_its_cells_are(with_a_list):
    """A column of plain values only takes csv_column's per-type path; one with a list, csv_cell's."""
    cells = [(value, cell) for value, cell in CELLS if with_a_list or not isinstance(value, list)]
    assert csv_column([value for value, _ in cells]) == [cell for _, cell in cells]


def test_csv_is_rfc4180():
    frame = pd.DataFrame([{"a": 'say "hi", then', "b": "x\ny"}])
    assert csv_bytes(frame) == b'a,b\r\n"say ""hi"", then","x\ny"\r\n'
