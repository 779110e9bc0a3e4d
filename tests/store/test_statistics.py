"""The query planner's statistics (SQLite): kept up to date by every bulk write, so the
briefing's reads take the indexes that fit them."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import func, select

from sitroom.domain import Claim, Source
from sitroom.ingest.reports import import_reports
from sitroom.ingest.sample import sample_reports
from sitroom.store.claims import _CLAIMS, _COLUMNS, _SOURCES, add_claims, claim_places
from sitroom.store.database import Store, refresh_statistics
from sitroom.store.sources import add_source
from sitroom.store.tables import ClaimRow, SourceRow

FIRST = date(2016, 11, 1)


def _plan(store: Store, query: object) -> str:
    with store.engine.connect() as connection:
        compiled = query.compile(connection, compile_kwargs={"literal_binds": True})  # type: ignore[attr-defined]
        rows = connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled}")
        return " ".join(str(row[-1]) for row in rows)


def _fill(store: Store, days: int = 40, per_day: int = 30) -> None:
    """A source a day, each with `per_day` claims of one indicator."""
    for day in range(days):
        published = FIRST + timedelta(days=day)
        with store.write_session() as session:
            source_id, _ = add_source(
                session, Source(title=f"day {day}", published_at=published, sha256=f"{day:064x}")
            )
            add_claims(
                session,
                source_id,
                [
                    Claim("people.evacuated", float(n), "q", 0, 1, "s", place="Aleppo", local_id=n)
                    for n in range(per_day)
                ],
            )


def _analysed(store: Store) -> set[str]:
    with store.engine.connect() as connection:
        found = connection.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'"
        ).first()
        if found is None:
            return set()
        return {row[0] for row in connection.exec_driver_sql("SELECT tbl FROM sqlite_stat1")}


def test_with_statistics_a_day_of_one_indicator_is_read_through_that_days_sources(
    tmp_path: Path,
) -> None:
    # without statistics SQLite guessed that the indicator's index narrows best, and read
    # every claim of the indicator in the store to keep one day's (bench/briefing.py)
    store = Store(f"sqlite:///{tmp_path / 'stats.db'}")
    _fill(store)
    day = FIRST + timedelta(days=20)
    query = (
        select(*_COLUMNS)
        .join(SourceRow.__table__, _SOURCES.id == _CLAIMS.source_id)
        .where(_SOURCES.published_at >= day, _SOURCES.published_at <= day)
        .where(_CLAIMS.indicator.in_(["people.evacuated"]))
    )
    assert "ix_claims_indicator" in _plan(store, query)
    with store.write_session() as session:
        refresh_statistics(session)
    plan = _plan(store, query)
    assert "ix_sources_published_at" in plan and "ix_claims_indicator" not in plan
    assert {"claims", "sources"} <= _analysed(store)
    store.dispose()


def test_an_import_of_reports_refreshes_the_statistics(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'import.db'}")
    assert _analysed(store) == set()
    done = import_reports(store, sample_reports())
    assert done.claims > 0 and {"claims", "sources"} <= _analysed(store)
    store.dispose()


def test_the_places_claims_name_are_counted_from_the_place_index(tmp_path: Path) -> None:
    # every briefing page suggests them: a scan and sort of every claim before
    store = Store(f"sqlite:///{tmp_path / 'places.db'}")
    _fill(store, days=3)
    with store.session() as session:
        assert claim_places(session) == [("Aleppo", 90)]
    count = func.count(ClaimRow.id)
    query = (
        select(ClaimRow.place, count)
        .where(ClaimRow.place.is_not(None), ClaimRow.place != "")
        .group_by(ClaimRow.place)
        .order_by(count.desc(), ClaimRow.place)
    )
    plan = _plan(store, query)
    assert "COVERING INDEX ix_claims_place" in plan and "SCAN claims" not in plan
    store.dispose()
