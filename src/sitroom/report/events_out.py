"""Events handed on: ACLED's CSV layout (what `sitroom events import` reads back), plain
CSV, JSONL, or GeoJSON points (RFC 7946: longitude, latitude)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from sitroom.domain import Event
from sitroom.ingest.acled import COLUMNS
from sitroom.report.exports import (
    ExportFormat,
    NotExportable,
    csv_lines,
    feature,
    geojson_lines,
)


def _cells(event: Event) -> dict[str, object]:
    cells: dict[str, object] = {}
    for name in COLUMNS:
        value = getattr(event, name)
        cells[name] = (
            value.isoformat() if name == "event_date" else ("" if value is None else value)
        )
    return cells


def export_events(events: Iterable[Event], fmt: ExportFormat) -> Iterator[str]:
    """The events in `fmt`, a piece at a time (a row, a feature)."""
    if fmt in (ExportFormat.ACLED, ExportFormat.CSV):
        yield from csv_lines(list(COLUMNS), (_cells(e) for e in events))
    elif fmt is ExportFormat.JSONL:
        for event in events:
            yield json.dumps(_cells(event), ensure_ascii=False) + "\n"
    elif fmt is ExportFormat.GEOJSON:
        yield from geojson_lines(feature(_point(e), _cells(e)) for e in events)
    else:
        raise NotExportable(f"events have no {fmt.value} shape (acled, csv, geojson, jsonl)")


def _point(event: Event) -> dict[str, object] | None:
    if event.latitude is None or event.longitude is None:
        return None
    return {"type": "Point", "coordinates": [event.longitude, event.latitude]}
