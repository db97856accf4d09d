"""`dagster dev` loads the definitions: the UI's GraphQL API lists the partitioned assets, the sensor
and the schedule.

The server runs in its own process group with a temporary DAGSTER_HOME (a copy of dagster.yaml, also the
working directory since its storage paths are relative) on a free loopback port; it is stopped by
signalling the whole group, SIGTERM then SIGKILL.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
START_TIMEOUT = 120
DAGSTER = Path(sys.executable).with_name("dagster")

pytestmark = pytest.mark.slow

QUERY = """
{
  repositoriesOrError {
    ... on RepositoryConnection {
      nodes { name sensors { name sensorState { status } } schedules { name cronSchedule } jobs { name } }
    }
  }
  assetNodes { assetKey { path } isPartitioned partitionDefinition { name type } }
}
"""


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str, data: bytes | None = None) -> dict:
    headers = {"Content-Type": "application/json"} if data else {}
    request = urllib.request.Request(url, data=data, headers=headers)
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


def stop(process: subprocess.Popen) -> None:
    """SIGTERM to the whole group (webserver, daemon, code servers), SIGKILL what is left."""
    for sig, grace in ((signal.SIGTERM, 5), (signal.SIGKILL, 10)):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            return
        try:
            process.wait(timeout=grace)
            # the leader is gone; its children may not be
            os.killpg(process.pid, 0)
        except ProcessLookupError:
            return
        except subprocess.TimeoutExpired:
            pass
        time.sleep(0.5)


@pytest.fixture
def dagster_dev(tmp_path):
    home, raw = tmp_path / "home", tmp_path / "raw"
    home.mkdir()
    raw.mkdir()
    shutil.copy(ROOT / "dagster.yaml", home / "dagster.yaml")
    port = free_port()
    environ = {
        **os.environ,
        "DAGSTER_HOME": str(home),
        "PIPELINES_RAW_DIR": str(raw),
        "PIPELINES_OUTPUTS_DIR": str(tmp_path / "outputs"),
    }
    command = [str(DAGSTER) if DAGSTER.exists() else "dagster", "dev", "-m", "pipelines.definitions"]
    log = tmp_path / "dagster_dev.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [*command, "-p", str(port), "-h", "127.0.0.1"],
            cwd=home,
            env=environ,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            if process.poll() is not None:
                pytest.fail(f"dagster dev exited with {process.returncode}:\n{log.read_text()[-3000:]}")
            try:
                get(f"{base}/server_info")
                break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                if time.monotonic() > deadline:
                    pytest.fail(
                        f"dagster dev did not answer in {START_TIMEOUT} s:\n{log.read_text()[-3000:]}"
                    )
                time.sleep(1)
        yield base
    finally:
        stop(process)


def test_dagster_dev_lists_partitioned_assets_sensor_and_schedule(dagster_dev):
    answer = get(f"{dagster_dev}/graphql", json.dumps({"query": QUERY}).encode())
    assert "errors" not in answer, answer
    data = answer["data"]
    (repository,) = data["repositoriesOrError"]["nodes"]
    assert [s["name"] for s in repository["sensors"]] == ["raw_folder_sensor"]
    assert repository["sensors"][0]["sensorState"]["status"] == "STOPPED"  # turned on by hand
    assert [(s["name"], s["cronSchedule"]) for s in repository["schedules"]] == [
        ("daily_release", os.environ.get("PIPELINES_PUBLISH_CRON", "").strip() or "0 5 * * *")
    ]
    assert {"build", "documents", "publish"} <= {j["name"] for j in repository["jobs"]}
    nodes = {"/".join(n["assetKey"]["path"]): n for n in data["assetNodes"]}
    partitioned = {name for name, node in nodes.items() if node["isPartitioned"]}
    assert partitioned == {"document_parse", "document_extraction"}
    for name in partitioned:
        assert nodes[name]["partitionDefinition"] == {"name": "documents", "type": "DYNAMIC"}
    assert {"documents", "entities", "release", "parsed_documents"} <= set(nodes)
