"""Events handed on: ACLED's CSV layout (what `sitroom events import` reads back), plain
CSV, JSONL, or GeoJSON points (RFC 7946: longitude, latitude)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator

from sitroom.domain import Event
from sitroom.report.exports import ExportFormat, NotExportable

# ACLED's column order for the columns sitroom keeps (ingest/acled.py reads the same)
ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "disorder_type", "event_type", "sub_event_type", "actor1",
    "actor2", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude",
    "source", "notes", "fatalities", "timestamp",
)  # fmt: skip


def _cells(event: Event) -> dict[str, object]:
    cells: dict[str, object] = {}
    for name in ACLED_COLUMNS:
        value = getattr(event, name)
        cells[name] = (
            value.isoformat() if name == "event_date" else ("" if value is None else value)
        )
    return cells


def export_events(events: Iterable[Event], fmt: ExportFormat) -> Iterator[str]:
    """The events in `fmt`, a piece at a time (a row, a feature)."""
    if fmt in (ExportFormat.ACLED, ExportFormat.CSV):
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=list(ACLED_COLUMNS), lineterminator="\n")
        writer.writeheader()
        yield out.getvalue()
        for event in events:
            out.seek(0)
            out.truncate()
            writer.writerow(_cells(event))
            yield out.getvalue()
    elif fmt is ExportFormat.JSONL:
        for event in events:
            yield json.dumps(_cells(event), ensure_ascii=False) + "\n"
    elif fmt is ExportFormat.GEOJSON:
        yield '{"type": "FeatureCollection", "features": [\n'
        for n, event in enumerate(events):
            point = (
                {"type": "Point", "coordinates": [event.longitude, event.latitude]}
                if event.latitude is not None and event.longitude is not None
                else None
            )
            feature = {"type": "Feature", "geometry": point, "properties": _cells(event)}
            yield ("" if n == 0 else ",\n") + json.dumps(feature, ensure_ascii=False)
        yield "\n]}\n"
    else:
        raise NotExportable(f"events have no {fmt.value} shape (acled, csv, geojson, jsonl)")
