"""The audit trail: who changed what, when, before and after. Written, never edited."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from sitroom.domain import AuditEntry
from sitroom.store.tables import AuditRow


def _to_domain(row: AuditRow) -> AuditEntry:
    at = row.at if row.at.tzinfo is not None else row.at.replace(tzinfo=UTC)  # SQLite drops it
    return AuditEntry(
        who=row.who,
        what=row.what,
        entity=row.entity,
        entity_id=row.entity_id,
        before=row.before,
        after=row.after,
        at=at,
        id=row.id,
    )


def record_change(
    session: Session,
    who: str,
    what: str,
    entity: str,
    entity_id: int | None,
    before: str | None,
    after: str | None,
    at: datetime | None = None,
) -> AuditEntry:
    """Write one audit entry (`at` defaults to now, UTC) and return it with its id."""
    row = AuditRow(
        who=who,
        what=what,
        entity=entity,
        entity_id=entity_id,
        before=before,
        after=after,
        at=at or datetime.now(UTC),
    )
    session.add(row)
    session.flush()  # assigns row.id; the caller owns commit and rollback
    return _to_domain(row)


def list_audit(
    session: Session, entity: str | None = None, entity_id: int | None = None
) -> list[AuditEntry]:
    """The audit entries, oldest first, narrowed to one entity kind and id when given."""
    query = select(AuditRow)
    if entity is not None:
        query = query.where(AuditRow.entity == entity)
    if entity_id is not None:
        query = query.where(AuditRow.entity_id == entity_id)
    return [_to_domain(row) for row in session.scalars(query.order_by(AuditRow.id))]
