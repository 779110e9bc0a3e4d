"""Imports on the job queue: real workers (subprocesses) on a real PostgreSQL, one killed."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import text
from typer.testing import CliRunner

from sitroom.cli import app
from sitroom.ingest.queue import TASK
from sitroom.ingest.reports import import_reports
from sitroom.store.database import Store
from sitroom.store.jobs import job_counts

SITROOM = str(Path(sys.executable).parent / "sitroom")
SAMPLE = Path(__file__).parents[2] / "src" / "sitroom" / "sample"
REPORTS = SAMPLE / "reports"
WORLD_REPORTS = SAMPLE / "world" / "reports"


def _reports(folder: Path) -> list[Path]:
    """The bundled sample's four reports and the world sample's six, copied with metadata."""
    for source in (REPORTS, WORLD_REPORTS):
        for path in source.iterdir():
            shutil.copy(path, folder / path.name)
    return sorted(folder.glob("*.txt"))


def _claims_by_sha256(store: Store) -> dict[str, int]:
    with store.session() as session:
        rows = session.execute(
            text(
                "SELECT s.sha256, count(c.id) FROM sources s "
                "LEFT JOIN claims c ON c.source_id = s.id GROUP BY s.sha256"
            )
        )
        return {str(sha256): int(count) for sha256, count in rows}


def _wait_until(condition, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def _worker(pg_url: str, *more: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [SITROOM, "worker", "--concurrency", "1", "--until-empty", "--db", pg_url, *more],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def test_two_workers_drain_the_queue_while_one_is_killed(
    pg_url: str, sqlite_store: Store, tmp_path: Path
) -> None:
    paths = _reports(tmp_path)
    expected = _claims_by_sha256_after(import_reports(sqlite_store, paths), sqlite_store)
    result = CliRunner().invoke(app, ["import", "--queue", "--db", pg_url, *map(str, paths)])
    assert result.exit_code == 0, result.output
    assert result.output == "10 jobs queued\n"
    store = Store(pg_url)
    try:
        killed = _worker(pg_url)
        _wait_until(lambda: job_counts(store, TASK).get("doing", 0) > 0, 30)
        other = _worker(pg_url)
        killed.send_signal(signal.SIGKILL)  # mid-job: its transaction dies with it
        killed.wait(10)
        assert other.wait(60) == 0, other.stderr.read() if other.stderr else ""
        # the killed worker's job is "doing" until its silence is noticed; then it is retried
        result = CliRunner().invoke(app, ["jobs", "retry", "--stalled-after", "0", "--db", pg_url])
        assert result.exit_code == 0, result.output
        assert result.output in ("0 jobs queued again\n", "1 jobs queued again\n")
        assert _worker(pg_url).wait(60) == 0
        assert job_counts(store, TASK) == {"succeeded": 10}
        assert _claims_by_sha256(store) == expected  # each source once, with all its claims
        listed = CliRunner().invoke(app, ["jobs", "list", "--db", pg_url])
        assert listed.output == "todo\t0\ndoing\t0\nsucceeded\t10\nfailed\t0\n"
    finally:
        store.dispose()


def _claims_by_sha256_after(_result: object, store: Store) -> dict[str, int]:
    found = _claims_by_sha256(store)
    assert len(found) == 10 and all(found.values())
    return found


def test_a_failed_job_shows_its_error_and_is_retried(pg_url: str, tmp_path: Path) -> None:
    paths = _reports(tmp_path)[:1]
    result = CliRunner().invoke(app, ["import", "--queue", "--db", pg_url, str(paths[0])])
    assert result.exit_code == 0, result.output
    good = paths[0].read_bytes()
    paths[0].write_text("  \n")  # emptied after it was queued: the job is refused
    assert _worker(pg_url).wait(60) == 0
    failed = CliRunner().invoke(app, ["jobs", "failed", "--db", pg_url])
    assert failed.exit_code == 0
    _id, path, attempts, error = failed.stdout.rstrip("\n").split("\t")
    assert (path, attempts) == (str(paths[0]), "1 attempts")
    assert error == f"{paths[0]}: no text (the file is empty or only blanks)"
    paths[0].write_bytes(good)
    retried = CliRunner().invoke(app, ["jobs", "retry", "--db", pg_url])
    assert retried.output == "1 jobs queued again\n"
    assert _worker(pg_url).wait(60) == 0
    store = Store(pg_url)
    try:
        assert job_counts(store, TASK) == {"succeeded": 1}
        assert len(_claims_by_sha256(store)) == 1
    finally:
        store.dispose()


def test_queue_on_sqlite_is_refused_in_one_line(tmp_path: Path) -> None:
    paths = _reports(tmp_path)[:1]
    db = str(tmp_path / "sitroom.db")
    result = CliRunner().invoke(app, ["import", "--queue", "--db", db, str(paths[0])])
    assert result.exit_code == 1
    assert result.output == (
        "error: the job queue needs a PostgreSQL store, this one is sqlite "
        "(import without --queue, or give --db postgresql://...)\n"
    )
    assert not (tmp_path / "sitroom.db").exists()


@pytest.mark.parametrize("command", [["worker"], ["jobs", "list"]])
def test_worker_and_jobs_on_sqlite_are_refused(tmp_path: Path, command: list[str]) -> None:
    result = CliRunner().invoke(app, [*command, "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 1
    assert result.output.startswith("error: the job queue needs a PostgreSQL store")


def test_a_worker_keeps_its_gazetteer_until_places_or_actors_change(
    sqlite_store: Store, tmp_path: Path
) -> None:
    from sitroom.ingest.queue import _Lookups

    lookups = _Lookups(sqlite_store)
    first = lookups.current()
    import_reports(sqlite_store, _reports(tmp_path)[:2])  # jobs import reports: kept
    assert lookups.current() is first
    added = CliRunner().invoke(
        app,
        [
            "actors",
            "add",
            "Rapid Support Forces",
            "--alias",
            "RSF",
            "--party",
            "--db",
            sqlite_store.url,
        ],
    )
    assert added.exit_code == 0, added.output
    second = lookups.current()
    assert second is not first
    assert "Rapid Support Forces" not in {actor.name for actor in first[1].actors}
    assert "Rapid Support Forces" in {actor.name for actor in second[1].actors}
