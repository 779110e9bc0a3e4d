"""Repository of sources: add once by sha256, read back as domain objects."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Any, cast

from sqlalchemy import ColumnElement, Connection, Table, func, insert, select, text
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from sitroom.domain import NotFound, Source, SourceKind
from sitroom.store.limits import id_in_range, row_problems
from sitroom.store.tables import SourceFileRow, SourceRow

_TABLE = cast(Table, SourceRow.__table__)
# the columns a Source is read from, in the order `_to_source` takes them; the text apart
_SOURCE_COLUMNS = tuple(
    _TABLE.c[name]
    for name in (
        "id",
        "title",
        "kind",
        "publisher",
        "url",
        "published_at",
        "language",
        "sha256",
        "filename",
        "ingested_by",
        "reliability",
        "media_type",
        "pages",
    )
)


def _to_source(row: Sequence[Any], text: str | None = None) -> Source:
    """A Source from a plain row of `_SOURCE_COLUMNS` (Core, not ORM objects: 0.04 s for
    the 1,200 sources of a week at 100,000 claims, bench/briefing.py) and its text."""
    return Source(
        id=row[0],
        title=row[1],
        kind=SourceKind(row[2]),
        publisher=row[3],
        url=row[4],
        published_at=row[5],
        language=row[6],
        text=text,
        sha256=row[7],
        filename=row[8],
        ingested_by=row[9],
        reliability=row[10],
        media_type=row[11],
        pages=tuple(row[12] or ()),
    )


def sources_without_text(
    session: Session | Connection, *where: ColumnElement[bool]
) -> list[Source]:
    """The sources `where` matches, oldest publication first, without their texts."""
    query = select(*_SOURCE_COLUMNS).where(*where).order_by(_TABLE.c.published_at, _TABLE.c.id)
    return [_to_source(row) for row in session.execute(query)]


def find_source_by_sha256(session: Session, sha256: str) -> int | None:
    """The id of the source with this content hash, or None."""
    return session.scalar(select(SourceRow.id).where(SourceRow.sha256 == sha256))


def source_values(source: Source) -> dict[str, object]:
    """The sources table's row for `source`, stamped with the time of ingestion now."""
    return {
        "title": source.title,
        "kind": source.kind.value,
        "publisher": source.publisher,
        "url": source.url,
        "published_at": source.published_at,
        "language": source.language,
        "text": source.text,
        "sha256": source.sha256,
        "filename": source.filename,
        "ingested_at": datetime.now(UTC),
        "ingested_by": source.ingested_by,
        "reliability": source.reliability,
        "media_type": source.media_type,
        "pages": list(source.pages) if source.pages else None,
    }


def source_problems(source: Source) -> list[tuple[str, str]]:
    """(column, problem) for each value of `source` the sources table cannot hold everywhere."""
    return row_problems(SourceRow.__table__, source_values(source))


def insert_source(session: Session, source: Source) -> int | None:
    """Store `source` unless one with its sha256 exists; its new id, or None if one did."""
    return insert_sources(session, [source]).get(source.sha256)


def insert_sources(session: Session, sources: Sequence[Source]) -> dict[str, int]:
    """Store each of `sources` unless one with its sha256 exists, in the order given, in
    one statement; the new ids by sha256 (a source already stored has none).

    The database decides (INSERT ... ON CONFLICT DO NOTHING): of two imports of the same
    file racing each other, one stores it and the other is told it exists, on SQLite and
    on PostgreSQL alike.
    """
    if not sources:
        return {}
    dialect = session.get_bind().dialect.name
    insert = sqlite_insert if dialect == "sqlite" else postgresql_insert
    table = cast(Table, SourceRow.__table__)
    statement = (
        insert(table)
        .on_conflict_do_nothing(index_elements=["sha256"])
        .returning(table.c.sha256, table.c.id)
    )
    # Core, not the ORM's bulk path: a plain executemany the driver batches
    rows = session.connection().execute(statement, [source_values(s) for s in sources])
    return {row.sha256: row.id for row in rows}


def insert_originals(session: Session, sources: Sequence[Source], ids: dict[str, int]) -> int:
    """Keep the original file of each of `sources` that has one and a new id in `ids` (by
    sha256); how many were kept."""
    rows = [
        {
            "source_id": ids[s.sha256],
            "media_type": s.media_type,
            "sha256": s.sha256,
            "content": s.original,
        }
        for s in sources
        if s.original is not None and s.sha256 in ids
    ]
    if rows:
        session.connection().execute(insert(cast(Table, SourceFileRow.__table__)), rows)
    return len(rows)


def get_original(session: Session, source_id: int) -> tuple[str, bytes] | None:
    """The media type and bytes of a source's original file, if one is kept."""
    row = session.get(SourceFileRow, source_id)
    return (row.media_type, row.content) if row is not None else None


LOCKS_PER_HASH_MAX = 200  # more files than this lock the import as a whole (lock table size)


def lock_hashes(session: Session, sha256s: set[str]) -> None:
    """On PostgreSQL, wait for other transactions storing any of these hashes (advisory locks).

    Two imports of overlapping files in other orders would otherwise each hold a row the
    other waits for (a deadlock); locks taken in one order make the later one wait, then
    find the files stored. SQLite needs none: a writer holds the whole file.
    """
    if session.get_bind().dialect.name != "postgresql":
        return
    # a big import takes key 0 alone; a small one shares key 0, then takes a key for each
    # hash (a bigint from its first 60 bits), in one order
    if len(sha256s) > LOCKS_PER_HASH_MAX:
        session.execute(text("SELECT pg_advisory_xact_lock(0)"))
        return
    session.execute(text("SELECT pg_advisory_xact_lock_shared(0)"))
    keys = sorted({int(sha256[:15], 16) + 1 for sha256 in sha256s})
    # one statement: unnest gives the keys in the array's order, so locks are taken in it
    session.execute(
        text("SELECT pg_advisory_xact_lock(k) FROM unnest(CAST(:keys AS bigint[])) AS k"),
        {"keys": keys},
    )


def add_source(session: Session, source: Source) -> tuple[int, bool]:
    """Store `source` unless one with the same sha256 exists; return (id, created)."""
    created = insert_source(session, source)
    if created is not None:
        return created, True
    found = find_source_by_sha256(session, source.sha256)
    assert found is not None  # the conflict was on this sha256
    return found, False


def sources_by_sha256(session: Session, sha256s: set[str]) -> dict[str, Source]:
    """The stored sources with these content hashes, without their texts, by sha256."""
    if not sha256s:
        return {}
    return {s.sha256: s for s in sources_without_text(session, SourceRow.sha256.in_(sha256s))}


def get_source(session: Session, source_id: int) -> Source:
    """The source with this id; NotFound if there is none."""
    query = select(*_SOURCE_COLUMNS, _TABLE.c.text).where(_TABLE.c.id == source_id)
    row = session.execute(query).first() if id_in_range(source_id) else None
    if row is None:
        raise NotFound(f"no source with id {source_id}")
    return _to_source(row, row[-1])


def list_sources(session: Session) -> list[Source]:
    """Every source, oldest publication first, without their full texts."""
    return sources_without_text(session)


def count_sources(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(SourceRow)) or 0


def set_reliability(session: Session, source_id: int, grade: str) -> None:
    """Set a source's reliability grade (Admiralty A-F)."""
    row = session.get(SourceRow, source_id) if id_in_range(source_id) else None
    if row is None:
        raise NotFound(f"no source with id {source_id}")
    row.reliability = grade


def source_texts(session: Session, source_ids: set[int]) -> dict[int, str]:
    """The full texts of the given sources, by id ("" where a source has none)."""
    if not source_ids:
        return {}
    rows = session.execute(select(SourceRow.id, SourceRow.text).where(SourceRow.id.in_(source_ids)))
    return {source_id: text or "" for source_id, text in rows}


def publication_span(session: Session) -> tuple[date, date] | None:
    """The first and last publication day of the stored sources; None when there are none."""
    first, last = session.execute(
        select(func.min(SourceRow.published_at), func.max(SourceRow.published_at))
    ).one()
    return (first, last) if first is not None and last is not None else None


def holds_any(session: Session, sha256s: frozenset[str]) -> bool:
    """Whether a stored source has one of these content hashes."""
    if not sha256s:
        return False
    found = session.scalar(select(SourceRow.id).where(SourceRow.sha256.in_(sha256s)).limit(1))
    return found is not None
