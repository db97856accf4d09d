"""`pipelines build` on an instance whose run, event and schedule storage is a real PostgreSQL server.

The server is started here, on 127.0.0.1 at a free port with a temporary data folder, from the PostgreSQL
binaries on PATH or under /usr/lib/postgresql/*/bin (Debian's `postgresql` package). PostgreSQL refuses to
run as root, so as root the server runs as the `postgres` user the package creates. Without PostgreSQL the
test is skipped on a developer's machine and fails in CI (CI installs it: .ci/run).
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
INSTANCE_CONFIG = ROOT / "deploy" / "dagster.postgres.yaml"
SERVER_USER = "postgres"  # the account Debian's `postgresql` package creates
PASSWORD = "pipelines-test"  # a throwaway server on loopback: the password only proves it is passed through

pytestmark = pytest.mark.slow

SMALL_TEXTS = {
    "nato_note.txt": """NATO AND KAZAKHSTAN: A SHORT NOTE

Anna PETROVA

*Research fellow,
the Institute for Regional Studies
(Almaty, Kazakhstan)*

In May 2006, U.S. Vice President Dick Cheney visited Kazakhstan. Kazakhstan signed the Individual \
Partnership Action Plan with NATO on 31 January 2006.

The Steppe Eagle exercise took place in September 2007 near Almaty. Russia and China watched the \
exercise closely.
""",
    "sco_note.txt": """THE SHANGHAI COOPERATION ORGANIZATION IN 2007

John SMITH

*Senior analyst,
the Center for Security Studies
(Washington, U.S.)*

The Shanghai Cooperation Organization held a summit in Bishkek in August 2007. Kazakhstan, Russia and \
China took part in the summit.

In 1994, Kazakhstan joined the Partnership for Peace program.
""",
}


def write_small_texts(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in SMALL_TEXTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def postgres_bin_dir() -> Path | None:
    """The folder holding initdb, pg_ctl and postgres: PATH first, then Debian's versioned folders."""
    on_path = [shutil.which(tool) for tool in ("initdb", "pg_ctl", "postgres")]
    if all(on_path):
        return Path(os.path.realpath(on_path[0])).parent
    for folder in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if all((Path(folder) / tool).exists() for tool in ("initdb", "pg_ctl", "postgres")):
            return Path(folder)
    return None


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Server:
    port: int
    username: str
    password: str
    db_name: str

    def environ(self) -> dict[str, str]:
        """The variables deploy/dagster.postgres.yaml reads."""
        return {
            "DAGSTER_PG_USERNAME": self.username,
            "DAGSTER_PG_PASSWORD": self.password,
            "DAGSTER_PG_HOST": "127.0.0.1",
            "DAGSTER_PG_DB": self.db_name,
            "DAGSTER_PG_PORT": str(self.port),
        }


def _as_server_user(command: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return command
    try:
        pwd.getpwnam(SERVER_USER)
    except KeyError:
        pytest.fail(f"running as root and there is no `{SERVER_USER}` user to run PostgreSQL as")
    return ["runuser", "-u", SERVER_USER, "--", *command]


def _run(command: list[str], log: Path | None = None) -> None:
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    if done.returncode != 0:
        extra = log.read_text(errors="replace") if log and log.exists() else ""
        raise AssertionError(f"{command} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}\n{extra}")


@pytest.fixture(scope="module")
def postgres_server() -> Iterator[Server]:
    bin_dir = postgres_bin_dir()
    if bin_dir is None:
        message = "no PostgreSQL binaries (initdb, pg_ctl, postgres) on PATH or under /usr/lib/postgresql"
        if os.environ.get("CI"):
            pytest.fail(message + ": CI must install Debian's `postgresql` (.ci/run)")
        pytest.skip(message + ": `apt-get install postgresql` to run this test")
    try:
        import dagster_postgres  # noqa: F401
    except ImportError:
        message = "dagster-postgres is not installed: pip install -e '.[dev]'"
        if os.environ.get("CI"):
            pytest.fail(message + ": CI must install it (.ci/run)")
        pytest.skip(message)

    # Not under pytest's tmp_path: its parent is private to root and the server user could not reach it.
    top = Path(tempfile.mkdtemp(prefix="pipelines-pg-"))
    data, log, pwfile = top / "data", top / "server.log", top / "pwfile"
    pwfile.write_text(PASSWORD + "\n")
    if os.geteuid() == 0:
        owner = pwd.getpwnam(SERVER_USER)
        os.chown(top, owner.pw_uid, owner.pw_gid)
        os.chown(pwfile, owner.pw_uid, owner.pw_gid)
    server = Server(port=free_port(), username="dagster", password=PASSWORD, db_name="dagster")
    pg_ctl = str(bin_dir / "pg_ctl")
    started = False
    try:
        _run(
            _as_server_user(
                [
                    str(bin_dir / "initdb"),
                    "--pgdata",
                    str(data),
                    "--username",
                    server.username,
                    "--pwfile",
                    str(pwfile),
                    "--auth-host",
                    "scram-sha-256",
                    "--auth-local",
                    "scram-sha-256",
                    "--encoding",
                    "UTF8",
                    "--no-sync",
                ]
            )
        )
        options = (
            f"-p {server.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={top} -c fsync=off"
        )
        _run(
            _as_server_user([pg_ctl, "--pgdata", str(data), "--log", str(log), "-o", options, "-w", "start"]),
            log,
        )
        started = True
        _create_database(server)
        yield server
    finally:
        if started:
            subprocess.run(
                _as_server_user([pg_ctl, "--pgdata", str(data), "-m", "immediate", "-w", "stop"]),
                capture_output=True,
                timeout=60,
                check=False,
            )
        shutil.rmtree(top, ignore_errors=True)


def _create_database(server: Server) -> None:
    import psycopg2  # comes with dagster-postgres

    deadline = time.monotonic() + 30
    while True:
        try:
            connection = psycopg2.connect(
                host="127.0.0.1",
                port=server.port,
                user=server.username,
                password=server.password,
                dbname="postgres",
            )
            break
        except psycopg2.OperationalError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{server.db_name}"')
    connection.close()


def test_build_records_its_run_in_postgres(postgres_server: Server, tmp_path, monkeypatch):
    home = tmp_path / "dagster_home"
    home.mkdir()
    shutil.copy(INSTANCE_CONFIG, home / "dagster.yaml")
    raw = write_small_texts(tmp_path / "raw")
    outputs = tmp_path / "outputs"
    env = {**os.environ, **postgres_server.environ(), "DAGSTER_HOME": str(home)}
    env.pop("PIPELINES_EXECUTOR", None)

    pipelines = shutil.which("pipelines") or f"{sys.executable} -m pipelines.cli"
    done = subprocess.run(
        [*pipelines.split(), "build", "--raw", str(raw), "--outputs", str(outputs)],
        cwd=home,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "build succeeded" in done.stdout
    assert (outputs / "latest" / "manifest.json").exists()
    # Nothing was written to SQLite: the run and its events live in PostgreSQL only.
    assert not list(home.rglob("*.db")), list(home.rglob("*.db"))

    import dagster as dg

    for name, value in {**postgres_server.environ(), "DAGSTER_HOME": str(home)}.items():
        monkeypatch.setenv(name, value)
    with dg.DagsterInstance.get() as instance:
        assert type(instance.run_storage).__name__ == "PostgresRunStorage"
        assert type(instance.event_log_storage).__name__ == "PostgresEventLogStorage"
        runs = instance.get_runs()
        assert [run.status for run in runs] == [dg.DagsterRunStatus.SUCCESS]
        assert runs[0].job_name == "build"
        assert runs[0].run_id in done.stdout
        materialization = instance.get_latest_materialization_event(dg.AssetKey("release"))
        assert materialization is not None
        assert materialization.run_id == runs[0].run_id
        release_path = materialization.asset_materialization.metadata["release_path"].value
        assert Path(release_path).resolve() == (outputs / "latest").resolve()

    # The same facts straight from the database, without Dagster.
    import psycopg2

    connection = psycopg2.connect(
        host="127.0.0.1",
        port=postgres_server.port,
        user=postgres_server.username,
        password=postgres_server.password,
        dbname=postgres_server.db_name,
    )
    with closing(connection), connection.cursor() as cursor:
        cursor.execute("SELECT run_id, status FROM runs")
        assert cursor.fetchall() == [(runs[0].run_id, "SUCCESS")]
        cursor.execute(
            "SELECT count(*) FROM event_logs WHERE dagster_event_type = 'ASSET_MATERIALIZATION' "
            "AND asset_key = %s",
            ('["release"]',),
        )
        assert cursor.fetchone()[0] == 1
