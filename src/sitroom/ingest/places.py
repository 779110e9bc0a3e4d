"""Importing gazetteer files (admin boundaries, neighbourhoods, CSV points) and the bundled
places, each file whole or not at all, its parents resolved and the import audited."""

from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass, replace
from pathlib import Path

from sitroom.domain import ImportResult, InputError, InputErrors, Place, PlaceKind
from sitroom.geo.boundaries import BoundaryFields, read_boundaries
from sitroom.geo.bundled import GEO_FILES, bundled_places, sample_geo_dir
from sitroom.geo.gazetteer import Gazetteer
from sitroom.geo.readers import read_points_csv, read_variants, with_variants
from sitroom.geo.stored import gazetteer_for
from sitroom.store.audit import record_change
from sitroom.store.control import add_import, find_import
from sitroom.store.database import Store
from sitroom.store.places import list_places, upsert_places

BUNDLED_NAME = "sitroom:sample/geo"
BOUNDARY_SUFFIXES = (".geojson", ".json", ".shp", ".zip")
_CODE_COLUMNS = ("pcode", "PCODE", "p_code", "P_CODE", "code")
_PARENT_COLUMNS = ("parent", "PARENT")


@dataclass(frozen=True)
class PlacesRead:
    """The places of one file, where each came from (feature index or line), and notes for
    the user: polygons repaired, names told apart, parents resolved or not found."""

    places: list[Place]
    lines: dict[str, int]
    notes: tuple[str, ...] = ()
    parent_names: dict[str, str] | None = None


@dataclass(frozen=True)
class PlacesImport:
    """What `import_places_file` did, and what the user should know about it."""

    result: ImportResult
    notes: tuple[str, ...] = ()


def _sha256(*paths: Path) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _shapefile_parts(path: Path) -> list[Path]:
    """A shapefile's .shp and the files beside it that its content depends on."""
    if path.suffix.lower() != ".shp":
        return [path]
    return [
        p for s in (".shp", ".dbf", ".shx", ".prj", ".cpg") if (p := path.with_suffix(s)).exists()
    ]


def read_places_file(
    path: Path, fields: BoundaryFields | None = None, *, variants: Path | None = None
) -> PlacesRead:
    """The places of a GeoJSON (COD or OSM), a shapefile (.shp or .zip) or a CSV of points.

    Fields are found as `detect_fields` says unless `fields` names them. A CSV needs `lat`,
    `lon` and the name column ("name" unless named); a `pcode` and a `parent` column are read
    when present; its places are settlements unless `fields.kind` says otherwise.
    `variants` is a CSR-style JSON file of spelling variants, added as aliases.
    """
    fields = fields or BoundaryFields()
    suffix = path.suffix.lower()
    if suffix in BOUNDARY_SUFFIXES:
        read = read_boundaries(path, fields)
        found = PlacesRead(read.places, read.lines, read.notes, read.parent_names)
    elif suffix == ".csv":
        found = _read_points(path, fields)
    else:
        raise InputErrors(
            [
                InputError(
                    path,
                    None,
                    None,
                    f'"{suffix}" files are not read',
                    "use .geojson, .json, .shp, .zip (a shapefile) or .csv",
                )
            ]
        )
    if variants is not None:
        found = replace(found, places=with_variants(found.places, read_variants(variants)))
    return found


def _read_points(path: Path, fields: BoundaryFields) -> PlacesRead:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        columns = next(csv.reader(handle), [])
    code = fields.code or next((c for c in _CODE_COLUMNS if c in columns), None)
    parent = fields.parent_field or next((c for c in _PARENT_COLUMNS if c in columns), None)
    places = read_points_csv(
        path,
        name_column=fields.name or "name",
        kind=fields.kind or PlaceKind.SETTLEMENT,
        parent_column=parent,
        code_column=code,
    )
    places = [replace(p, parent=p.parent or fields.parent) for p in places]
    if fields.suffix:
        places = [replace(p, name=f"{p.name} {fields.suffix}", aliases=(p.name,)) for p in places]
    return PlacesRead(places, {p.name: n for n, p in enumerate(places, start=2)})


def _resolved(path: Path, read: PlacesRead, store: Store, code_field: str | None) -> PlacesRead:
    """`read` checked against the store, each parent named as the gazetteer names it.

    Refused: a P-code that a stored place of another name holds, a name that a stored place
    of another kind holds (an import would overwrite it). A parent given by P-code becomes
    the name of the place with that code (in the file, the store or the world); a parent
    nobody knows is kept as written, with a note.
    """
    with store.session() as session:
        stored = {p.name: p for p in list_places(session)}
    gazetteer = gazetteer_for(store)
    held = gazetteer.pcodes()
    errors: list[InputError] = []
    for place in read.places:
        line = read.lines.get(place.name)
        other = held.get(place.pcode.upper()) if place.pcode else None
        if other is not None and other.name != place.name:
            errors.append(
                InputError(
                    path,
                    line,
                    code_field or "pcode",
                    f'P-code "{place.pcode}" is used twice',
                    f'the store gives it to "{other.name}"',
                )
            )
        same = stored.get(place.name)
        if same is not None and same.kind is not place.kind:
            errors.append(
                InputError(
                    path,
                    line,
                    "name",
                    f'"{place.name}" is already a {same.kind.value} in the store',
                    f"name these apart with --suffix (--suffix Governorate gives "
                    f'"{place.name} Governorate")',
                )
            )
    if errors:
        raise InputErrors(errors)
    own = Gazetteer(read.places)
    notes = list(read.notes)
    places = []
    unknown: dict[str, int] = {}
    for place in read.places:
        if not place.parent:
            places.append(place)
            continue
        written = place.parent
        # spelt as written, or a P-code: a guess by resemblance would make "SY" "Sa`sa`"
        parent = own.find_spelled(written) or gazetteer.find_spelled(written)
        if parent is None and read.parent_names and written in read.parent_names:
            parent = gazetteer.find_spelled(read.parent_names[written])
        if parent is None or parent.name == place.name:
            unknown[written] = unknown.get(written, 0) + 1
            places.append(place)
            continue
        places.append(replace(place, parent=parent.name))
    for written, count in unknown.items():
        notes.append(
            f'parent "{written}" of {count} places is not in the gazetteer: kept as written, '
            "found once a place of that name or P-code is imported"
        )
    return replace(read, places=places, notes=tuple(notes))


def import_places_file(
    store: Store,
    path: Path,
    fields: BoundaryFields | None = None,
    *,
    variants: Path | None = None,
    who: str = "sitroom",
) -> PlacesImport:
    """Import one gazetteer file whole, audited; a file imported before changes nothing.

    Reads as `read_places_file`; refuses as `_resolved`. `claims` in the result counts
    places written.
    """
    fields = fields or BoundaryFields()
    read = read_places_file(path, fields, variants=variants)
    sha256 = _sha256(*_shapefile_parts(path), *([variants] if variants else []))
    with store.session() as session:
        if find_import(session, sha256) is not None:
            return PlacesImport(ImportResult(unchanged=1))
    read = _resolved(path, read, store, fields.code)
    with store.session() as session:
        created, updated = upsert_places(session, read.places)
        import_id = add_import(session, sha256, "places", str(path), created + updated)
        codes = sum(1 for p in read.places if p.pcode)
        record_change(
            session,
            who,
            "import_places",
            "import",
            import_id,
            None,
            f"{path}: {created} places new, {updated} updated, {codes} with P-codes",
        )
    return PlacesImport(ImportResult(new=1, claims=created + updated), read.notes)


def _store_places(store: Store, places: list[Place], sha256: str, filename: str) -> ImportResult:
    with store.session() as session:
        if find_import(session, sha256) is not None:
            return ImportResult(unchanged=1)
        created, updated = upsert_places(session, places)
        add_import(session, sha256, "places", filename, created + updated)
    return ImportResult(new=1, claims=created + updated)


def load_bundled_places(store: Store) -> ImportResult:
    """Import the bundled gazetteer (city, governorates, neighbourhoods, GeoNames) once.

    Idempotent: the sample files' joint sha256 is recorded, a second call is unchanged.
    `claims` in the result counts places written.
    """
    folder = sample_geo_dir()
    sha256 = _sha256(*(folder / name for name in GEO_FILES))
    return _store_places(store, bundled_places(), sha256, BUNDLED_NAME)
