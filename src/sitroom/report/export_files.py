"""What `sitroom export` and /api/export write: the store's claims, events, places and
control observations read a page at a time and written by `report.exports`."""

from __future__ import annotations

from collections.abc import Iterator

from sitroom.geo.gazetteer import Gazetteer
from sitroom.geo.stored import gazetteer_for
from sitroom.report.events_out import export_events
from sitroom.report.exports import (
    ExportFormat,
    NotExportable,
    export_claims,
    export_control,
    export_places,
)
from sitroom.store.claims import ClaimFilter, claims_with_sources
from sitroom.store.control import list_observations
from sitroom.store.database import Store
from sitroom.store.events import EventFilter, list_events
from sitroom.store.places import list_places
from sitroom.vocabulary import default_vocabulary

F = ExportFormat
# The formats each thing has a shape in; the first is its default.
SHAPES: dict[str, tuple[ExportFormat, ...]] = {
    "claims": (F.CSV, F.HXL, F.GEOJSON, F.JSONL),
    "events": (F.ACLED, F.CSV, F.GEOJSON, F.JSONL),
    "places": (F.GEOJSON, F.CSV, F.JSONL),
    "control": (F.CSV, F.GEOJSON, F.JSONL),
}
EXPORTS = tuple(SHAPES)


def export_text(
    store: Store, what: str, fmt: ExportFormat | None = None, where: ClaimFilter | None = None
) -> Iterator[str]:
    """The text of the export of `what` in `fmt` (default: the first of its SHAPES), a
    piece at a time; NotExportable (a ValueError) for a format `what` has no shape in,
    raised before anything is yielded."""
    if what not in SHAPES:
        raise NotExportable(f'"{what}" is none of {", ".join(EXPORTS)}')
    fmt = fmt or SHAPES[what][0]
    if fmt not in SHAPES[what]:
        verb = "has" if what == "control" else "have"
        shapes = ", ".join(f.value for f in SHAPES[what])
        raise NotExportable(f"{what} {verb} no {fmt.value} shape ({shapes})")
    where = where or ClaimFilter()
    gazetteer = gazetteer_for(store) if fmt is ExportFormat.GEOJSON else None
    if what == "claims":
        return _claims(store, fmt, where, gazetteer)
    with store.session() as session:
        if what == "places":
            return export_places(list_places(session), fmt)
        if what == "control":
            return export_control(list_observations(session), fmt, gazetteer)
        events = list_events(
            session, EventFilter(on_or_after=where.on_or_after, on_or_before=where.on_or_before)
        )
    return export_events(events, fmt)


def _claims(
    store: Store, fmt: ExportFormat, where: ClaimFilter, gazetteer: Gazetteer | None
) -> Iterator[str]:
    with store.session() as session:
        yield from export_claims(
            claims_with_sources(session, where), fmt, default_vocabulary(), gazetteer
        )
