"""Claims, places and control observations handed on as files: CSV, HXL CSV, GeoJSON, JSONL.

Every claim row carries its provenance: claim id, source id, title and address, the
quote and its span. An HXL export has a row of hashtags under the headers: each figure
stands in the column of its indicator's hashtag (`indicators.toml`), with its place,
date, claimant and sitroom's own #meta columns (group, qualifier, window words, origin,
destination), so `sitroom import` reads it back to the same figures. GeoJSON follows
RFC 7946 (WGS84 longitude, latitude): a placed row has its place's geometry from the
gazetteer (polygon or point), an unplaced one a null geometry.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from enum import StrEnum
from typing import Any

from sitroom.domain import Claim, ControlObservation, Place, Source
from sitroom.geo.gazetteer import Gazetteer
from sitroom.vocabulary import Vocabulary


class ExportFormat(StrEnum):
    CSV = "csv"
    HXL = "hxl"
    GEOJSON = "geojson"
    JSONL = "jsonl"
    ACLED = "acled"


MEDIA_TYPES = {
    ExportFormat.CSV: "text/csv",
    ExportFormat.HXL: "text/csv",
    ExportFormat.GEOJSON: "application/geo+json",
    ExportFormat.JSONL: "application/x-ndjson",
    ExportFormat.ACLED: "text/csv",
}


class NotExportable(ValueError):
    """A format the thing asked for has no shape in."""


# The claim columns of a CSV export: header, HXL hashtag (the figure's own column aside).
_CLAIM_COLUMNS = (
    ("claim_id", "#meta+id"),
    ("source_id", "#meta+source+id"),
    ("source_title", "#meta+source+title"),
    ("source_url", "#meta+source+url"),
    ("published_at", "#meta+published"),
    ("indicator", "#meta+indicator"),
    ("value", None),
    ("low", "#meta+low"),
    ("high", "#meta+high"),
    ("qualifier", "#meta+qualifier"),
    ("unit", "#meta+unit"),
    ("group", "#meta+group"),
    ("place", "#loc+name"),
    ("origin", "#meta+origin"),
    ("destination", "#meta+destination"),
    ("window", "#meta+window"),
    ("window_start", "#date+start"),
    ("window_end", "#date+end"),
    ("claimant", "#org+name"),
    ("quote", "#meta+quote"),
    ("quote_start", "#meta+quote+start"),
    ("quote_end", "#meta+quote+end"),
    ("review", "#meta+review"),
)


def _day(value: object) -> str:
    return value.isoformat() if hasattr(value, "isoformat") else ""


def _claim_cells(claim: Claim, source: Source) -> dict[str, object]:
    return {
        "claim_id": claim.id,
        "source_id": source.id,
        "source_title": source.title,
        "source_url": source.url or "",
        "published_at": source.published_at.isoformat(),
        "indicator": claim.indicator,
        "value": _number(claim.value),
        "low": _number(claim.low),
        "high": _number(claim.high),
        "qualifier": claim.qualifier.value,
        "unit": claim.unit,
        "group": claim.group or "",
        "place": claim.place or "",
        "origin": claim.origin or "",
        "destination": claim.destination or "",
        "window": claim.window or "",
        "window_start": _day(claim.window_start),
        "window_end": _day(claim.window_end),
        # the voice the figure is in: the claimant, else the source's publisher (own voice)
        "claimant": claim.claimant or source.publisher or "",
        "quote": claim.quote,
        "quote_start": claim.start,
        "quote_end": claim.end,
        "review": claim.review.value,
    }


def _number(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else repr(value)


def export_claims(
    rows: Iterable[tuple[Claim, Source]],
    fmt: ExportFormat,
    vocabulary: Vocabulary,
    gazetteer: Gazetteer | None = None,
) -> Iterator[str]:
    """The claims with their sources as the text of `fmt`, a piece at a time."""
    if fmt is ExportFormat.CSV:
        yield from csv_lines([h for h, _ in _CLAIM_COLUMNS], (_claim_cells(c, s) for c, s in rows))
    elif fmt is ExportFormat.HXL:
        yield from _hxl_claims(list(rows), vocabulary)
    elif fmt is ExportFormat.JSONL:
        for claim, source in rows:
            yield json.dumps(_claim_cells(claim, source), ensure_ascii=False) + "\n"
    elif fmt is ExportFormat.GEOJSON:
        yield from geojson_lines(
            (
                feature(_geometry(claim, gazetteer), _claim_cells(claim, source))
                for claim, source in rows
            )
        )
    else:
        raise NotExportable(f"claims have no {fmt.value} shape (csv, hxl, geojson, jsonl)")


def _hxl_claims(rows: list[tuple[Claim, Source]], vocabulary: Vocabulary) -> Iterator[str]:
    """Wide HXL: one value column per indicator, in vocabulary order, after the context."""
    present = {c.indicator for c, _ in rows}
    used = [key for key in vocabulary.indicators if key in present]
    unknown = sorted({c.indicator for c, _ in rows} - set(used))
    headers = [h for h, _ in _CLAIM_COLUMNS if h != "value"]
    tags = [t for h, t in _CLAIM_COLUMNS if h != "value"]
    figure_headers = [vocabulary[k].label for k in used] + [f"{k} (no hashtag)" for k in unknown]
    figure_tags = [vocabulary[k].hxl for k in used] + ["" for _ in unknown]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([*headers, *figure_headers])
    writer.writerow([*tags, *figure_tags])
    yield out.getvalue()
    where = {key: n for n, key in enumerate([*used, *unknown])}
    for claim, source in rows:
        out.seek(0)
        out.truncate()
        cells = _claim_cells(claim, source)
        figures = [""] * len(where)
        figures[where[claim.indicator]] = str(cells["value"])
        writer.writerow([*(cells[h] for h in headers), *figures])
        yield out.getvalue()


def csv_lines(headers: list[str], rows: Iterable[dict[str, object]]) -> Iterator[str]:
    """CSV text, the header then a row a piece."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=headers, lineterminator="\n")
    writer.writeheader()
    yield out.getvalue()
    for row in rows:
        out.seek(0)
        out.truncate()
        writer.writerow(row)
        yield out.getvalue()


def _geometry(claim: Claim, gazetteer: Gazetteer | None) -> dict[str, Any] | None:
    if gazetteer is None:
        return None
    for name in (claim.place, claim.destination, claim.origin):
        for part in (name or "").split(";"):
            found = gazetteer.find(part.strip()) if part.strip() else None
            if found is not None and found.geometry:
                return dict(found.geometry)
    return None


def feature(geometry: dict[str, Any] | None, properties: dict[str, object]) -> dict[str, Any]:
    """A GeoJSON feature; a null geometry for a row with no place."""
    return {"type": "Feature", "geometry": geometry, "properties": properties}


def geojson_lines(features: Iterable[dict[str, Any]]) -> Iterator[str]:
    """A FeatureCollection, a feature a line."""
    yield '{"type": "FeatureCollection", "features": [\n'
    first = True
    for feature in features:
        yield ("" if first else ",\n") + json.dumps(feature, ensure_ascii=False)
        first = False
    yield "\n]}\n"


_PLACE_HEADERS = ["name", "kind", "parent", "pcode", "aliases", "name_ar", "area_km2", "lon", "lat"]


def export_places(places: Iterable[Place], fmt: ExportFormat) -> Iterator[str]:
    """The gazetteer's places: GeoJSON with their geometries, or CSV with a point each."""

    def cells(place: Place) -> dict[str, object]:
        point = _point(place.geometry)
        return {
            "name": place.name,
            "kind": place.kind.value,
            "parent": place.parent or "",
            "pcode": place.pcode or "",
            "aliases": "; ".join(place.aliases),
            "name_ar": place.name_ar or "",
            "area_km2": "" if place.area_km2 is None else round(place.area_km2, 4),
            "lon": "" if point is None else point[0],
            "lat": "" if point is None else point[1],
        }

    if fmt is ExportFormat.GEOJSON:
        yield from geojson_lines(
            feature(dict(p.geometry) if p.geometry else None, cells(p)) for p in places
        )
    elif fmt is ExportFormat.CSV:
        yield from csv_lines(_PLACE_HEADERS, (cells(p) for p in places))
    elif fmt is ExportFormat.JSONL:
        for place in places:
            yield json.dumps(cells(place), ensure_ascii=False) + "\n"
    else:
        raise NotExportable(f"places have no {fmt.value} shape (geojson, csv, jsonl)")


def _point(geometry: dict[str, object] | None) -> tuple[float, float] | None:
    """A representative point of a geometry (WGS84 lon, lat), rounded to 6 places."""
    if not geometry:
        return None
    from shapely.geometry import shape

    point = shape(geometry).representative_point()
    return round(point.x, 6), round(point.y, 6)


_CONTROL_HEADERS = [
    "id", "place", "actor", "status", "observed_on", "claimant", "source_title", "source_url",
    "evidence", "note",
]  # fmt: skip


def export_control(
    observations: Iterable[ControlObservation], fmt: ExportFormat, gazetteer: Gazetteer | None
) -> Iterator[str]:
    """Control observations: CSV in the layout `sitroom control import` reads, JSONL, or
    GeoJSON with each observed place's polygon."""

    def cells(o: ControlObservation) -> dict[str, object]:
        return {
            "id": o.id,
            "place": o.place,
            "actor": o.actor,
            "status": o.status.value,
            "observed_on": o.observed_on.isoformat(),
            "claimant": o.claimant,
            "source_title": o.source_title,
            "source_url": o.source_url or "",
            "evidence": o.evidence or "",
            "note": o.note or "",
        }

    if fmt is ExportFormat.CSV:
        yield from csv_lines(_CONTROL_HEADERS, (cells(o) for o in observations))
    elif fmt is ExportFormat.JSONL:
        for o in observations:
            yield json.dumps(cells(o), ensure_ascii=False) + "\n"
    elif fmt is ExportFormat.GEOJSON:

        def geometry(name: str) -> dict[str, Any] | None:
            found = gazetteer.find(name) if gazetteer else None
            return dict(found.geometry) if found and found.geometry else None

        yield from geojson_lines(feature(geometry(o.place), cells(o)) for o in observations)
    else:
        raise NotExportable(f"control has no {fmt.value} shape (csv, geojson, jsonl)")
