"""Reading admin boundaries and neighbourhoods as users have them: COD GeoJSON or shapefiles
(`ADM2_EN`, `ADM2_PCODE`, ...), OSM GeoJSON exports (`name`, `name:en`, `name:ar`).

Pure parsing, no database. Each feature's fields are found by name, or detected from the
usual columns; a polygon shapely finds invalid is refused, or repaired on request and the
repair reported. Errors name the file, the 1-based feature index and the field.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import shapefile  # pyshp: pure Python, no GDAL
from shapely.geometry import mapping, shape
from shapely.geometry.base import BaseGeometry
from shapely.validation import explain_validity, make_valid

from sitroom.domain import InputError, InputErrors, Place, PlaceKind
from sitroom.geo.areas import GeoJson, area_km2, merge_polygons

Feature = tuple[dict[str, object], GeoJson | None]

# COD columns: ADM2_EN / ADM2_PCODE / ADM2_AR (current), admin2Name_en / admin2Pcode (older)
_ADM = re.compile(r"^adm(?:in)?(\d)(?:_?(en|pcode|ar)|name_(en|ar))$", re.IGNORECASE)
_LEVEL_KINDS = {0: PlaceKind.COUNTRY, 1: PlaceKind.ADMIN1, 2: PlaceKind.ADMIN2}
_NAME_FIELDS = ("NAME", "name:en", "name", "shapeName")
_ARABIC_FIELDS = ("NAME_A", "name:ar")
_POLYGONAL = ("Polygon", "MultiPolygon")


@dataclass(frozen=True)
class BoundaryFields:
    """Which feature fields hold what; None where `detect_fields` finds them."""

    name: str | None = None
    code: str | None = None
    parent_field: str | None = None  # the parent's name or P-code, per feature
    name_ar: str | None = None
    kind: PlaceKind | None = None
    parent: str | None = None  # one parent for every place of the file
    suffix: str = ""  # "Governorate" names "Idleb" "Idleb Governorate", "Idleb" an alias
    repair: bool = False
    local_name: str | None = None  # OSM's "name" when the name is "name:en": an alias
    parent_name_field: str | None = None  # ADM1_EN beside ADM1_PCODE: the parent's name


@dataclass(frozen=True)
class BoundaryRead:
    """The places of a boundary file, with the fields used and what was repaired or renamed."""

    places: list[Place]
    fields: BoundaryFields
    notes: tuple[str, ...] = ()
    parent_names: dict[str, str] = field(default_factory=dict)  # parent P-code -> its name
    lines: dict[str, int] = field(default_factory=dict)  # place name -> its first feature


def read_features(path: Path) -> list[Feature]:
    """The (properties, geometry) of each feature of a GeoJSON file or a shapefile (.shp, or a
    .zip holding one), in file order."""
    suffix = path.suffix.lower()
    if suffix in (".shp", ".zip"):
        return _shapefile_features(path)
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise InputErrors([InputError(path, None, None, f"not readable as JSON: {err}")]) from err
    features = document.get("features") if isinstance(document, dict) else None
    if not isinstance(features, list):
        raise InputErrors([InputError(path, None, "features", "not a GeoJSON FeatureCollection")])
    return [
        (dict(f.get("properties") or {}), f.get("geometry") if isinstance(f, dict) else None)
        for f in features
    ]


def _shapefile_features(path: Path) -> list[Feature]:
    try:
        with shapefile.Reader(str(path)) as reader:
            return [
                (dict(record.as_dict()), _geometry(shape_.__geo_interface__))
                for shape_, record in zip(reader.iterShapes(), reader.iterRecords(), strict=True)
            ]
    except (shapefile.ShapefileException, OSError, UnicodeDecodeError) as err:
        raise InputErrors(
            [InputError(path, None, None, f"not readable as a shapefile: {err}")]
        ) from err


def _geometry(interface: object) -> GeoJson | None:
    """A pyshp geometry as a plain GeoJSON dict (lists, not tuples), None for a null shape."""
    if not isinstance(interface, dict) or interface.get("type") in (None, "Null"):
        return None
    plain: GeoJson = json.loads(json.dumps(interface))
    return plain


def detect_fields(path: Path, keys: Sequence[str], given: BoundaryFields) -> BoundaryFields:
    """`given` with its empty fields found among `keys`: the deepest COD level's ADMn_EN,
    ADMn_PCODE, ADMn_AR and its parent's ADM(n-1)_PCODE; else NAME, name:en or name.

    Raises InputErrors when a field named in `given` is not among `keys`, with the closest.
    """
    errors = [
        _missing(path, name, keys)
        for name in (given.name, given.code, given.parent_field, given.name_ar)
        if name and name not in keys
    ]
    if errors:
        raise InputErrors(errors)
    levels: dict[int, dict[str, str]] = {}
    for key in keys:
        match = _ADM.match(key)
        if match:
            part = (match.group(2) or match.group(3)).lower()
            levels.setdefault(int(match.group(1)), {}).setdefault(part, key)
    named = [level for level, parts in levels.items() if "en" in parts]
    found = replace(given)
    if named and not given.name:
        deepest = max(named)
        parts, above = levels[deepest], levels.get(deepest - 1, {})
        found = replace(
            found,
            name=parts["en"],
            code=given.code or parts.get("pcode"),
            name_ar=given.name_ar or parts.get("ar"),
            # a --parent given for the whole file wins over the file's own parent column
            parent_field=given.parent_field
            or (None if given.parent else above.get("pcode") or above.get("en")),
            parent_name_field=above.get("en") if above.get("pcode") and not given.parent else None,
            kind=given.kind or _LEVEL_KINDS.get(deepest, PlaceKind.ADMIN3),
        )
    elif not given.name:
        name = next((n for n in _NAME_FIELDS if n in keys), None)
        if name is None:
            raise InputErrors(
                [
                    _missing(
                        path, "NAME", keys, "name it with --name-field; no ADMn_EN, NAME or name"
                    )
                ]
            )
        local = "name" if name == "name:en" and "name" in keys else None
        found = replace(found, name=name, local_name=local)
    if found.name_ar is None:
        found = replace(found, name_ar=next((n for n in _ARABIC_FIELDS if n in keys), None))
    return replace(found, kind=found.kind or PlaceKind.NEIGHBOURHOOD)


def _missing(path: Path, wanted: str, keys: Sequence[str], hint: str = "") -> InputError:
    close = difflib.get_close_matches(wanted, list(keys), n=3, cutoff=0.3)
    listed = f"closest: {', '.join(close)}" if close else f"fields: {', '.join(keys)}"
    return InputError(
        path, 1, wanted, "no such field in the features", "; ".join(filter(None, [hint, listed]))
    )


def read_boundaries(path: Path, given: BoundaryFields | None = None) -> BoundaryRead:
    """The places of a boundary file, one per P-code (or per name where there are none).

    Features of one name and P-code become one MultiPolygon place. Refused whole with every
    problem: a feature without its name, a P-code given to two names, a geometry that is
    neither polygon nor point, or a polygon that is not valid (unless `repair`).
    """
    given = given or BoundaryFields()
    features = read_features(path)
    keys = list(dict.fromkeys(k for properties, _ in features for k in properties))
    fields = detect_fields(path, keys, given)
    assert fields.name is not None and fields.kind is not None
    errors: list[InputError] = []
    notes: list[str] = []
    parts: dict[str, list[GeoJson]] = {}  # by place key: the P-code, else the name
    firsts: dict[str, tuple[int, str, Place]] = {}
    parent_names: dict[str, str] = {}
    for number, (properties, geometry) in enumerate(features, start=1):
        name = _text(properties, fields.name)
        if not name:
            errors.append(
                InputError(path, number, fields.name, "feature has no name", _listed(properties))
            )
            continue
        code = _text(properties, fields.code)
        if fields.code and not code:
            errors.append(InputError(path, number, fields.code, f'"{name}" has no P-code'))
            continue
        checked = _checked_geometry(path, number, name, geometry, fields.repair)
        if isinstance(checked, InputError):
            errors.append(checked)
            continue
        geometry, repaired = checked
        if repaired:
            notes.append(f'{path}: feature {number} "{name}": {repaired}')
        key = code or name
        known = firsts.get(key)
        if known is not None and known[1] != name:
            errors.append(
                InputError(
                    path,
                    number,
                    fields.code,
                    f'P-code "{code}" is used twice',
                    f'feature {known[0]} is "{known[1]}", this one "{name}"',
                )
            )
            continue
        parts.setdefault(key, []).append(geometry)
        if known is not None:
            continue
        parent = _text(properties, fields.parent_field) or fields.parent
        if parent and fields.parent_name_field:
            parent_names.setdefault(parent, _text(properties, fields.parent_name_field))
        local = _text(properties, fields.local_name)
        place = Place(
            f"{name} {fields.suffix}".strip(),
            fields.kind,
            aliases=tuple(dict.fromkeys(a for a in (name, local) if a)),
            name_ar=_text(properties, fields.name_ar) or None,
            parent=parent or None,
            pcode=code or None,
        )
        firsts[key] = (number, name, place)
    if errors:
        raise InputErrors(errors)
    places = _unique_names([place for _, _, place in firsts.values()], notes)
    out = []
    lines = {}
    for key, place in zip(firsts, places, strict=True):
        lines[place.name] = firsts[key][0]
        geometries = parts[key]
        if len(geometries) == 1 and geometries[0]["type"] == "Point":
            geometry = geometries[0]
        else:
            geometry = merge_polygons([g for g in geometries if g["type"] != "Point"])
        aliases = tuple(a for a in place.aliases if a != place.name)
        out.append(replace(place, aliases=aliases, geometry=geometry, area_km2=area_km2(geometry)))
    return BoundaryRead(out, fields, tuple(notes), parent_names, lines)


def _unique_names(places: list[Place], notes: list[str]) -> list[Place]:
    """Places of one name and different P-codes (two districts "Markaz") told apart by their
    P-code: "Markaz (YE1101)", the bare name an alias."""
    counts: dict[str, int] = {}
    for place in places:
        counts[place.name] = counts.get(place.name, 0) + 1
    out = []
    for place in places:
        if counts[place.name] > 1 and place.pcode:
            renamed = f"{place.name} ({place.pcode})"
            notes.append(f'"{place.name}" names several places: stored as "{renamed}"')
            place = replace(place, name=renamed, aliases=(*place.aliases, place.name))
        out.append(place)
    return out


def _checked_geometry(
    path: Path, number: int, name: str, geometry: GeoJson | None, repair: bool
) -> tuple[GeoJson, str] | InputError:
    """The feature's geometry and what was repaired in it (""), or the error refusing it."""
    if not isinstance(geometry, dict) or geometry.get("type") not in (*_POLYGONAL, "Point"):
        return InputError(path, number, "geometry", f'"{name}" has no polygon or point geometry')
    try:
        shaped: BaseGeometry = shape(geometry)
    except (ValueError, TypeError, IndexError, AttributeError) as err:
        return InputError(path, number, "geometry", f'"{name}" is not a geometry: {err}')
    west, south, east, north = shaped.bounds
    if not (-180 <= west <= east <= 180 and -90 <= south <= north <= 90):
        return InputError(
            path,
            number,
            "geometry",
            f'"{name}" has coordinates that are not longitude and latitude',
            "reproject the file to WGS84 (EPSG:4326)",
        )
    if geometry["type"] == "Point" or shaped.is_valid:
        return geometry, ""
    reason = explain_validity(shaped)
    if not repair:
        return InputError(
            path,
            number,
            "geometry",
            f'"{name}" is not a valid polygon: {reason}',
            "fix it, or accept shapely's make_valid repair with --repair",
        )
    fixed = _polygonal(make_valid(shaped))
    if fixed is None:
        return InputError(path, number, "geometry", f'"{name}" has no area once repaired: {reason}')
    before, after = area_km2(geometry) or 0.0, area_km2(fixed) or 0.0
    return (
        fixed,
        f"{reason}; repaired by make_valid, {before:.3f} km² before, {after:.3f} km² after",
    )


def _polygonal(geometry: BaseGeometry) -> GeoJson | None:
    """The polygons of a repaired geometry (make_valid may add lines or points), as GeoJSON."""
    polygons: list[GeoJson] = []
    for part in getattr(geometry, "geoms", [geometry]):
        if part.geom_type in _POLYGONAL and not part.is_empty:
            polygons.append(dict(mapping(part)))
        elif part.geom_type == "GeometryCollection":
            found = _polygonal(part)
            if found is not None:
                polygons.append(found)
    if not polygons:
        return None
    plain: GeoJson = json.loads(
        json.dumps(polygons[0] if len(polygons) == 1 else merge_polygons(polygons))
    )
    return plain


def _text(properties: dict[str, object], key: str | None) -> str:
    if not key:
        return ""
    value = properties.get(key)
    return "" if value is None else str(value).strip()


def _listed(properties: dict[str, object]) -> str:
    return f"fields: {', '.join(sorted(properties))}"
