"""Repository of events (ACLED's layout): revision-aware upserts by event_id_cnty."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import date
from typing import Any, cast

from sqlalchemy import Table, insert, select, update
from sqlalchemy.orm import Session

from sitroom.domain import Event
from sitroom.store.database import refresh_statistics
from sitroom.store.tables import EventRow

_TABLE = cast(Table, EventRow.__table__)
_FIELDS = tuple(f.name for f in fields(Event))
_COLUMNS = tuple(_TABLE.c[name] for name in _FIELDS)
_CHUNK = 500  # ids per IN (...) list


@dataclass(frozen=True)
class EventFilter:
    on_or_after: date | None = None
    on_or_before: date | None = None


@dataclass(frozen=True)
class Upserted:
    """What storing events did: rows new, replaced by a newer revision, left as they were."""

    new: int = 0
    updated: int = 0
    unchanged: int = 0


def _values(event: Event) -> dict[str, Any]:
    return {name: getattr(event, name) for name in _FIELDS if name != "id"}


def upsert_events(session: Session, events: Sequence[Event]) -> Upserted:
    """Store `events`: a new event_id_cnty is inserted; a known one is replaced only when
    the row's `timestamp` is newer than the stored one's (ACLED revises rows and stamps
    each revision), else left as it is."""
    stored: dict[str, int] = {}
    ids = [e.event_id_cnty for e in events]
    for at in range(0, len(ids), _CHUNK):
        rows = session.execute(
            select(_TABLE.c.event_id_cnty, _TABLE.c.timestamp).where(
                _TABLE.c.event_id_cnty.in_(ids[at : at + _CHUNK])
            )
        )
        stored.update({row.event_id_cnty: row.timestamp for row in rows})
    fresh = [_values(e) for e in events if e.event_id_cnty not in stored]
    newer = [
        e for e in events if e.event_id_cnty in stored and e.timestamp > stored[e.event_id_cnty]
    ]
    if fresh:
        session.connection().execute(insert(_TABLE), fresh)
        refresh_statistics(session)
    for event in newer:
        session.execute(
            update(_TABLE)
            .where(_TABLE.c.event_id_cnty == event.event_id_cnty)
            .values(**_values(event))
        )
    return Upserted(len(fresh), len(newer), len(events) - len(fresh) - len(newer))


def list_events(session: Session, where: EventFilter | None = None) -> list[Event]:
    """The events `where` matches, by date then id."""
    where = where or EventFilter()
    query = select(*_COLUMNS).order_by(_TABLE.c.event_date, _TABLE.c.id)
    if where.on_or_after is not None:
        query = query.where(_TABLE.c.event_date >= where.on_or_after)
    if where.on_or_before is not None:
        query = query.where(_TABLE.c.event_date <= where.on_or_before)
    rows: list[tuple[Any, ...]] = [tuple(row) for row in session.execute(query)]
    return [Event(*row) for row in rows]
