"""Faults in real processes: imports racing each other, kill -9 at first use and mid-import,
a lock that outlasts the busy timeout, a bug that must not pass for a refusal."""

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from typer.testing import CliRunner

from sitroom.cli import app
from sitroom.store.database import Store

REPORTS = Path(__file__).parents[2] / "src" / "sitroom" / "sample" / "reports"
FILES = [
    str(REPORTS / f"{name}.txt")
    for name in (
        "aleppo-2016-12-08-icrc-sarc-evacuate-150-civilians",
        "aleppo-2016-12-09-rudskoy",
        "aleppo-2016-12-14-ocha-aleppo-sitrep-07",
    )
]
SITROOM = str(Path(sys.executable).with_name("sitroom"))
TIMEOUT_S = 120  # a bound on every process here, far above what each takes


def _start(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [SITROOM, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def _counts(url: str) -> tuple[int, int, int]:
    """(sources, distinct sha256s, claims) in the store at `url`."""
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            sources, hashes = connection.execute(
                text("SELECT count(*), count(DISTINCT sha256) FROM sources")
            ).one()
            claims = connection.scalar(text("SELECT count(*) FROM claims"))
    finally:
        engine.dispose()
    return sources, hashes, claims or 0


def _race(url: str, processes: int) -> None:
    # each in another order: overlapping imports must wait for each other, not deadlock
    orders = [FILES[i % len(FILES) :] + FILES[: i % len(FILES)] for i in range(processes)]
    started = [_start("import", *files, "--db", url, "-q") for files in orders]
    outcomes = [(p.wait(TIMEOUT_S), *p.communicate()) for p in started]
    assert [code for code, _, _ in outcomes] == [0] * processes, outcomes
    news = [int(out.split(" new,")[0]) for _, out, _ in outcomes]
    assert sum(news) == len(FILES), outcomes  # the others report "unchanged"
    sources, hashes, _ = _counts(url)
    assert sources == hashes == len(FILES)


def test_four_imports_racing_on_a_new_postgresql_schema_all_succeed(pg_url: str) -> None:
    _race(pg_url, 4)


def test_two_imports_racing_on_a_new_sqlite_file_all_succeed(tmp_path: Path) -> None:
    _race(f"sqlite:///{tmp_path / 'race.db'}", 2)


def _kill_first_upgrade(url: str, wait_s: float, appeared: Path | None = None) -> None:
    process = _start("db", "upgrade", "--db", url)
    deadline = time.monotonic() + TIMEOUT_S
    while appeared is not None and not appeared.exists() and process.poll() is None:
        assert time.monotonic() < deadline
        time.sleep(0.005)
    time.sleep(wait_s)
    process.send_signal(signal.SIGKILL)
    process.communicate(timeout=TIMEOUT_S)


def _opens_and_upgrades(url: str) -> None:
    Store(url).dispose()  # upgrades what the killed process left
    again = subprocess.run(
        [SITROOM, "db", "upgrade", "--db", url], capture_output=True, text=True, timeout=TIMEOUT_S
    )
    assert again.returncode == 0, again.stderr
    assert _counts(url) == (0, 0, 0)


def test_kill_during_first_sqlite_upgrade_leaves_a_database_that_opens(tmp_path: Path) -> None:
    # the moments start when the file appears, that is when the schema is being made
    for attempt, wait_s in enumerate(random.uniform(0, 0.25) for _ in range(3)):
        db = tmp_path / f"killed-{attempt}.db"
        _kill_first_upgrade(f"sqlite:///{db}", wait_s, appeared=db)
        _opens_and_upgrades(f"sqlite:///{db}")


def test_kill_during_first_postgresql_upgrade_leaves_a_schema_that_opens(pg_url: str) -> None:
    for wait_s in sorted(random.uniform(0.6, 1.6) for _ in range(3)):
        _kill_first_upgrade(pg_url, wait_s)
        _opens_and_upgrades(pg_url)
        engine = create_engine(pg_url)
        with engine.begin() as connection:  # empty again for the next moment
            schema = connection.scalar(text("SELECT current_schema()"))
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))  # types, functions too
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
        engine.dispose()


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_kill_mid_import_leaves_no_partial_source(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    url = (
        f"sqlite:///{tmp_path / 'k.db'}"
        if backend == "sqlite"
        else request.getfixturevalue("pg_url")
    )
    Store(url).dispose()
    whole = subprocess.run(
        [SITROOM, "import", *FILES, "--db", f"sqlite:///{tmp_path / 'whole.db'}", "-q"],
        capture_output=True,
        timeout=TIMEOUT_S,
    )
    assert whole.returncode == 0
    expected = _counts(f"sqlite:///{tmp_path / 'whole.db'}")
    process = _start("import", *FILES, "--db", url, "-q")
    time.sleep(random.uniform(1.0, 3.0))
    process.send_signal(signal.SIGKILL)
    process.communicate(timeout=TIMEOUT_S)
    assert _counts(url) in ((0, 0, 0), expected)  # one transaction: all or nothing
    again = subprocess.run(
        [SITROOM, "import", *FILES, "--db", url, "-q"], capture_output=True, timeout=TIMEOUT_S
    )
    assert again.returncode == 0, again.stderr
    assert _counts(url) == expected


def test_a_write_lock_outlasting_the_busy_timeout_is_a_one_line_refusal(tmp_path: Path) -> None:
    db = tmp_path / "busy.db"
    Store(f"sqlite:///{db}").dispose()
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        result = CliRunner().invoke(
            app, ["import", FILES[0], "--db", f"sqlite:///{db}?timeout=0.5"]
        )
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.exit_code == 1, result.output
    assert result.stderr == (
        f'error: database "sqlite:///{db}?timeout=0.5" is locked by another writer '
        "(waited 0.5 s; try again when it is done)\n"
    )
    assert _counts(f"sqlite:///{db}") == (0, 0, 0)


def test_an_unexpected_failure_exits_4_not_1(tmp_path: Path) -> None:
    db = tmp_path / "broken.db"
    Store(f"sqlite:///{db}").dispose()
    with sqlite3.connect(db) as connection:
        connection.execute("DROP TABLE claims")  # a store no command expects
    result = subprocess.run(
        [SITROOM, "claims", "--db", str(db)], capture_output=True, text=True, timeout=TIMEOUT_S
    )
    assert result.returncode == 4
    assert result.stderr.endswith("error: internal error (a bug in sitroom; please report it)\n")


def test_out_of_range_date_and_id_are_refused_in_one_line(sample_db: str) -> None:
    runner = CliRunner()
    briefing = runner.invoke(app, ["briefing", "--date", "0001-01-01", "--db", sample_db])
    assert (briefing.exit_code, briefing.stderr) == (
        1,
        'error: --date: "0001-01-01" is outside 1900..2100\n',
    )
    grade = runner.invoke(app, ["grade", "source", "99999999999999999999", "B", "--db", sample_db])
    assert (grade.exit_code, grade.stderr) == (
        1,
        "error: no source with id 99999999999999999999\n",
    )


if os.name != "posix":  # SIGKILL and FIFOs
    pytest.skip("POSIX only", allow_module_level=True)
