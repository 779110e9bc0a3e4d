"""Imports extracted by a pool of processes store exactly what one process stores."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from sitroom.extract.parallel import PARALLEL_MIN_CHARS, default_jobs, extract_many
from sitroom.extract.pipeline import extract_claims
from sitroom.ingest.reports import extract_reports, import_reports, read_report, store_reports
from sitroom.store.claims import list_claims
from sitroom.store.database import Store
from sitroom.store.sources import count_sources, list_sources

SAMPLE = Path(__file__).parents[2] / "src" / "sitroom" / "sample"
REPORTS = sorted(SAMPLE.glob("reports/*.txt")) + sorted(SAMPLE.glob("world/reports/*.txt"))


def stored(store: Store) -> tuple[list[tuple[object, ...]], list[object]]:
    """The sources (id, sha256) and every claim as stored, ids included."""
    with store.session() as session:
        sources = sorted((s.id, s.sha256) for s in list_sources(session))
        claims = [dataclasses.astuple(c) for c in list_claims(session)]
    return sources, claims


def test_a_pool_of_workers_stores_what_one_process_stores(tmp_path: Path) -> None:
    one = Store(f"sqlite:///{tmp_path / 'one.db'}")
    pool = Store(f"sqlite:///{tmp_path / 'pool.db'}")
    by_one = import_reports(one, REPORTS, jobs=1)
    by_pool = import_reports(pool, REPORTS, jobs=3)
    assert by_one == by_pool
    assert by_pool.new == len(REPORTS) and by_pool.claims > 100
    # ids follow the files, claims the same in every field
    assert stored(one) == stored(pool)
    assert [sha for _, sha in stored(pool)[0]] == [read_report(p).sha256 for p in REPORTS]


def test_extract_many_keeps_the_order_it_was_given() -> None:
    texts = [(p.read_text(encoding="utf-8"), None) for p in REPORTS]
    alone = [extract_claims(text, None) for text, _ in texts]
    assert list(extract_many(iter(texts), jobs=2)) == alone


def test_a_failure_in_a_worker_reaches_the_caller() -> None:
    with pytest.raises(TypeError):
        list(extract_many(iter([("Some 10 people.", None), (None, None)]), jobs=2))  # type: ignore[list-item]


def test_small_work_stays_in_one_process() -> None:
    assert default_jobs(PARALLEL_MIN_CHARS - 1, 50) == 1
    assert default_jobs(10 * PARALLEL_MIN_CHARS, 1) == 1
    assert default_jobs(10 * PARALLEL_MIN_CHARS, 50) >= 1


def test_storing_is_separate_from_extracting_and_repeatable(store: Store) -> None:
    first = extract_reports(store, REPORTS[:3])
    again = extract_reports(store, REPORTS[:3])
    assert store_reports(store, first).new == 3
    # extracted before the first was stored: the database says they exist now
    result = store_reports(store, again)
    assert (result.new, result.unchanged, result.claims) == (0, 3, 0)
    with store.session() as session:
        assert count_sources(session) == 3


def test_sitroom_import_takes_jobs(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from sitroom.cli import app

    db = f"sqlite:///{tmp_path / 'cli.db'}"
    files = [str(p) for p in REPORTS]
    result = CliRunner().invoke(app, ["import", "--db", db, "--jobs", "2", "-q", *files])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"{len(REPORTS)} new, 0 unchanged, ")
    refused = CliRunner().invoke(app, ["import", "--db", db, "--jobs", "0", *files])
    assert refused.exit_code == 2  # a usage error, before anything is read
