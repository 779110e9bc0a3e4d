"""Reading gazetteer files into Places: GeoJSON polygons, CSV points, spelling-variant lists.

Pure parsing, no database: the bundled gazetteer and `sitroom places import` share it.
Each reader raises `InputErrors` naming the file, the feature or line, and the field.
"""

from __future__ import annotations

import csv
import difflib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from sitroom.domain import InputError, InputErrors, Place, PlaceKind
from sitroom.geo.areas import GeoJson, area_km2, merge_polygons, point
from sitroom.geo.names import name_key


@dataclass(frozen=True)
class GeoJsonFields:
    """Which feature properties hold what, for one GeoJSON file."""

    name: str = "NAME"
    name_ar: str | None = "NAME_A"
    kind_property: str | None = None
    kind: PlaceKind = PlaceKind.NEIGHBOURHOOD
    parent: str | None = None
    name_suffix: str = ""  # "Governorate" gives "Idleb Governorate", keeping "Idleb" an alias


def _load_json(path: Path) -> object:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise InputErrors([InputError(path, None, None, f"not readable as JSON: {err}")]) from err


def read_geojson(path: Path, fields: GeoJsonFields, *, with_areas: bool = True) -> list[Place]:
    """The places of a GeoJSON FeatureCollection, one per distinct name, in file order.

    Features sharing a name become one MultiPolygon place (the file's Ids repeat, its names
    identify places). The "line" in errors is the feature's 1-based index.
    """
    document = _load_json(path)
    features = document.get("features") if isinstance(document, dict) else None
    if not isinstance(features, list):
        raise InputErrors([InputError(path, None, "features", "not a GeoJSON FeatureCollection")])
    errors: list[InputError] = []
    geometries: dict[str, list[GeoJson]] = {}
    firsts: dict[str, Place] = {}
    for number, feature in enumerate(features, start=1):
        properties = feature.get("properties") or {}
        geometry = feature.get("geometry")
        name = str(properties.get(fields.name) or "").strip()
        if not name:
            errors.append(
                InputError(
                    path,
                    number,
                    fields.name,
                    "feature has no name",
                    f"properties: {', '.join(sorted(properties))}",
                )
            )
            continue
        if not isinstance(geometry, dict) or geometry.get("type") not in (
            "Polygon",
            "MultiPolygon",
            "Point",
        ):
            errors.append(
                InputError(path, number, "geometry", f'"{name}" has no polygon or point geometry')
            )
            continue
        kind = fields.kind
        if fields.kind_property:
            raw = str(properties.get(fields.kind_property) or "").strip().lower()
            try:
                kind = PlaceKind(raw)
            except ValueError:
                errors.append(
                    InputError(
                        path,
                        number,
                        fields.kind_property,
                        f'"{raw}" is not a place kind',
                        "use one of " + ", ".join(k.value for k in PlaceKind),
                    )
                )
                continue
        full = f"{name} {fields.name_suffix}".strip()
        geometries.setdefault(full, []).append(geometry)
        arabic = str(properties.get(fields.name_ar) or "").strip() if fields.name_ar else ""
        known = firsts.get(full)
        if known is None:
            aliases = (name,) if fields.name_suffix else ()
            firsts[full] = Place(
                full, kind, aliases=aliases, name_ar=arabic or None, parent=fields.parent
            )
        elif arabic and not known.name_ar:
            firsts[full] = replace(known, name_ar=arabic)
    if errors:
        raise InputErrors(errors)
    places = []
    for name, place in firsts.items():
        parts = geometries[name]
        if len(parts) == 1 and parts[0]["type"] == "Point":
            geometry = parts[0]
        else:
            geometry = merge_polygons([p for p in parts if p["type"] != "Point"])
        places.append(
            replace(place, geometry=geometry, area_km2=area_km2(geometry) if with_areas else None)
        )
    return places


def read_points_csv(
    path: Path,
    *,
    name_column: str = "name",
    kind: PlaceKind = PlaceKind.SETTLEMENT,
    parent_column: str | None = None,
    parent_suffix: str = "",
    parents: Mapping[str, str] | None = None,
    skip_unnamed: bool = False,
    code_column: str | None = None,
) -> list[Place]:
    """The places of a CSV with `lat` and `lon` columns, one point each, in file order.

    `parents` maps the parent column's values to gazetteer names (GeoNames "Idlib" to
    OCHA's "Idleb"); `parent_suffix` then turns "Idleb" into "Idleb Governorate".
    `skip_unnamed` passes over rows without a name instead of refusing the file.
    `code_column` holds P-codes: each may be given once.
    """
    errors: list[InputError] = []
    places: list[Place] = []
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        columns = list(reader.fieldnames or [])
        wanted = [name_column, "lat", "lon", *(c for c in (code_column, parent_column) if c)]
        missing = [c for c in wanted if c not in columns]
        if missing:
            raise InputErrors(
                [
                    InputError(path, 1, column, "column missing", _closest(column, columns))
                    for column in missing
                ]
            )
        codes: dict[str, tuple[int, str]] = {}
        for line, row in enumerate(reader, start=2):
            name = (row[name_column] or "").strip()
            if not name:
                if not skip_unnamed:
                    errors.append(InputError(path, line, name_column, "empty name"))
                continue
            try:
                lat, lon = float(row["lat"]), float(row["lon"])
            except ValueError:
                errors.append(
                    InputError(
                        path,
                        line,
                        "lat",
                        f'"{row["lat"]},{row["lon"]}" is not a coordinate',
                        "decimal degrees",
                    )
                )
                continue
            if not (-180 <= lon <= 180 and -90 <= lat <= 90):
                errors.append(
                    InputError(path, line, "lat", f'"{lat},{lon}" is not a latitude and longitude')
                )
                continue
            parent = None
            if parent_column and row.get(parent_column):
                raw = row[parent_column].strip()
                parent = f"{(parents or {}).get(raw, raw)} {parent_suffix}".strip()
            code = (row.get(code_column) or "").strip() if code_column else ""
            if code and code.upper() in codes:
                first, first_name = codes[code.upper()]
                errors.append(
                    InputError(
                        path,
                        line,
                        code_column,
                        f'P-code "{code}" is used twice',
                        f'line {first} is "{first_name}", this one "{name}"',
                    )
                )
                continue
            if code:
                codes[code.upper()] = (line, name)
            places.append(
                Place(name, kind, parent=parent, pcode=code or None, geometry=point(lon, lat))
            )
    if errors:
        raise InputErrors(errors)
    return places


def _closest(wanted: str, columns: Sequence[str]) -> str:
    close = difflib.get_close_matches(wanted, list(columns), n=3, cutoff=0.3)
    return f"closest: {', '.join(close)}" if close else f"columns: {', '.join(columns)}"


def read_variants(path: Path) -> dict[str, tuple[str, ...]]:
    """Spelling variants by place name, from a CSR `neighborhoods-names.json` file.

    The entries are keyed by `original_name`; both English and Arabic variants are kept.
    """
    document = _load_json(path)
    if not isinstance(document, dict):
        raise InputErrors([InputError(path, None, None, "not a JSON object of variants")])
    variants: dict[str, tuple[str, ...]] = {}
    for entry in document.values():
        name = str(entry.get("original_name") or "").strip()
        spellings = [*entry.get("alternative_english", []), *entry.get("alternative_arabic", [])]
        if name:
            variants[name] = _unique((*variants.get(name, ()), *map(str, spellings)))
    return variants


def with_variants(places: Sequence[Place], variants: Mapping[str, tuple[str, ...]]) -> list[Place]:
    """`places` with the variants of their name (exact, else the same `name_key`) as aliases."""
    by_key = {name_key(name): spellings for name, spellings in variants.items()}
    out = []
    for place in places:
        spellings = variants.get(place.name) or by_key.get(name_key(place.name), ())
        extra = [s for s in spellings if s not in (place.name, place.name_ar)]
        out.append(replace(place, aliases=_unique((*place.aliases, *extra))))
    return out


def _unique(items: Sequence[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(i.strip() for i in items if i and i.strip()))
