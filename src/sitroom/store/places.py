"""Repository of places: upsert by name, list as domain Places."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from sitroom.domain import Place, PlaceKind
from sitroom.store.tables import PlaceRow


def _to_domain(row: PlaceRow) -> Place:
    return Place(
        name=row.name,
        kind=PlaceKind(row.kind),
        aliases=tuple(row.aliases or ()),
        name_ar=row.name_ar,
        parent=row.parent,
        pcode=row.pcode,
        geometry=row.geometry,
        area_km2=row.area_km2,
        id=row.id,
    )


def upsert_places(session: Session, places: Iterable[Place]) -> tuple[int, int]:
    """Store `places` by name; return (created, updated).

    A place already stored keeps its aliases and gains the new ones; its other fields take
    the new values where those are given (an import names a place more precisely).
    """
    wanted = list(places)
    rows = {
        row.name: row
        for row in session.scalars(
            select(PlaceRow).where(PlaceRow.name.in_([p.name for p in wanted]))
        )
    }
    created = updated = 0
    for place in wanted:
        row = rows.get(place.name)
        if row is None:
            row = PlaceRow(
                name=place.name,
                kind=place.kind.value,
                aliases=list(place.aliases),
                name_ar=place.name_ar,
                parent=place.parent,
                pcode=place.pcode,
                geometry=place.geometry,
                area_km2=place.area_km2,
            )
            session.add(row)
            rows[place.name] = row
            created += 1
            continue
        row.aliases = list(dict.fromkeys([*(row.aliases or []), *place.aliases]))
        row.kind = place.kind.value
        row.name_ar = place.name_ar or row.name_ar
        row.parent = place.parent or row.parent
        row.pcode = place.pcode or row.pcode
        if place.geometry is not None:
            row.geometry, row.area_km2 = place.geometry, place.area_km2
        updated += 1
    session.flush()
    return created, updated


def list_places(session: Session) -> list[Place]:
    """Every stored place, in the order they were first stored (gazetteer priority)."""
    return [_to_domain(row) for row in session.scalars(select(PlaceRow).order_by(PlaceRow.id))]


def count_places(session: Session) -> int:
    """How many places are stored."""
    return len(session.scalars(select(PlaceRow.id)).all())
