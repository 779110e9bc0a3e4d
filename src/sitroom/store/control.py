"""Repository of control observations and of whole-file imports (idempotent by sha256)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from sitroom.domain import ControlObservation, ControlStatus
from sitroom.store.tables import ControlObservationRow, ImportRow


def find_import(session: Session, sha256: str) -> int | None:
    """The id of the import of a file with this sha256, or None if never imported."""
    return session.scalar(select(ImportRow.id).where(ImportRow.sha256 == sha256))


def add_import(session: Session, sha256: str, kind: str, filename: str, rows: int) -> int:
    """Record that a file was imported whole; return the import's id."""
    row = ImportRow(
        sha256=sha256, kind=kind, filename=filename, rows=rows, imported_at=datetime.now(UTC)
    )
    session.add(row)
    session.flush()
    return row.id


def add_observations(
    session: Session, observations: Iterable[ControlObservation], import_id: int | None = None
) -> int:
    """Store `observations` as they are (claims, never merged); return how many."""
    rows = [
        ControlObservationRow(
            place=o.place,
            actor=o.actor,
            status=o.status.value,
            observed_on=o.observed_on,
            claimant=o.claimant,
            source_title=o.source_title,
            source_url=o.source_url,
            evidence=o.evidence,
            note=o.note,
            import_id=import_id,
        )
        for o in observations
    ]
    session.add_all(rows)
    session.flush()
    return len(rows)


def list_observations(session: Session, *, up_to: date | None = None) -> list[ControlObservation]:
    """Every stored control observation (on or before `up_to` if given), by day and place."""
    query = select(ControlObservationRow).order_by(
        ControlObservationRow.observed_on, ControlObservationRow.place, ControlObservationRow.id
    )
    if up_to is not None:
        query = query.where(ControlObservationRow.observed_on <= up_to)
    return [
        ControlObservation(
            place=row.place,
            actor=row.actor,
            status=ControlStatus(row.status),
            observed_on=row.observed_on,
            claimant=row.claimant,
            source_title=row.source_title,
            source_url=row.source_url,
            evidence=row.evidence,
            note=row.note,
            id=row.id,
        )
        for row in session.scalars(query)
    ]
