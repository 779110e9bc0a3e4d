"""What `sitroom export` and /api/export write: the store's claims, events, places and
control observations read a page at a time and written by `report.exports`."""

from __future__ import annotations

from collections.abc import Iterator

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

EXPORTS = ("claims", "events", "places", "control")


def export_text(
    store: Store, what: str, fmt: ExportFormat, where: ClaimFilter | None = None
) -> Iterator[str]:
    """The text of the export of `what` in `fmt`, a piece at a time; NotExportable (a
    ValueError) for a format `what` has no shape in, raised before anything is yielded."""
    where = where or ClaimFilter()
    if what == "claims":
        if fmt is ExportFormat.ACLED:
            raise NotExportable("claims have no acled shape (csv, hxl, geojson, jsonl)")
        gazetteer = gazetteer_for(store) if fmt is ExportFormat.GEOJSON else None
        return _claims(store, fmt, where, gazetteer)
    if what == "places":
        if fmt not in (ExportFormat.GEOJSON, ExportFormat.CSV, ExportFormat.JSONL):
            raise NotExportable(f"places have no {fmt.value} shape (geojson, csv, jsonl)")
        with store.session() as session:
            places = list_places(session)
        return export_places(places, fmt)
    if what == "control":
        if fmt not in (ExportFormat.GEOJSON, ExportFormat.CSV, ExportFormat.JSONL):
            raise NotExportable(f"control has no {fmt.value} shape (csv, geojson, jsonl)")
        with store.session() as session:
            observations = list_observations(session)
        gazetteer = gazetteer_for(store) if fmt is ExportFormat.GEOJSON else None
        return export_control(observations, fmt, gazetteer)
    if what == "events":
        if fmt is ExportFormat.HXL:
            raise NotExportable("events have no hxl shape (acled, csv, geojson, jsonl)")
        with store.session() as session:
            events = list_events(
                session, EventFilter(on_or_after=where.on_or_after, on_or_before=where.on_or_before)
            )
        return export_events(events, fmt)
    raise NotExportable(f'"{what}" is none of {", ".join(EXPORTS)}')


def _claims(
    store: Store, fmt: ExportFormat, where: ClaimFilter, gazetteer: object
) -> Iterator[str]:
    with store.session() as session:
        yield from export_claims(
            claims_with_sources(session, where),
            fmt,
            default_vocabulary(),
            gazetteer,  # type: ignore[arg-type]
        )
