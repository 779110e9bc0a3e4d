"""Importing gazetteer files (GeoJSON polygons, CSV points) and the bundled places."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path

from sitroom.domain import ImportResult, InputError, InputErrors, Place, PlaceKind
from sitroom.geo.bundled import GEO_FILES, bundled_places, sample_geo_dir
from sitroom.geo.readers import (
    GeoJsonFields,
    read_geojson,
    read_points_csv,
    read_variants,
    with_variants,
)
from sitroom.store.control import add_import, find_import
from sitroom.store.database import Store
from sitroom.store.places import upsert_places

BUNDLED_NAME = "sitroom:sample/geo"


def _sha256(*paths: Path) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _store_places(store: Store, places: list[Place], sha256: str, filename: str) -> ImportResult:
    with store.session() as session:
        if find_import(session, sha256) is not None:
            return ImportResult(unchanged=1)
        created, updated = upsert_places(session, places)
        add_import(session, sha256, "places", filename, created + updated)
    return ImportResult(new=1, claims=created + updated)


def read_places_file(
    path: Path,
    *,
    name_property: str = "NAME",
    arabic_property: str | None = "NAME_A",
    kind_property: str | None = None,
    kind: PlaceKind = PlaceKind.NEIGHBOURHOOD,
    parent: str | None = None,
    variants: Path | None = None,
) -> list[Place]:
    """The places of a GeoJSON (.geojson/.json) or CSV file of points, areas computed.

    CSV files need `lat`, `lon` and the name column (`name_property`, default "name" when
    the GeoJSON default "NAME" is not among its columns). `variants` is a CSR-style JSON
    file of spelling variants, added as aliases.
    """
    suffix = path.suffix.lower()
    if suffix in (".geojson", ".json"):
        places = read_geojson(
            path,
            GeoJsonFields(
                name=name_property,
                name_ar=arabic_property,
                kind_property=kind_property,
                kind=kind,
                parent=parent,
            ),
        )
    elif suffix == ".csv":
        header = path.read_text(encoding="utf-8").split("\n", 1)[0]
        column = name_property if name_property in header.split(",") else "name"
        places = read_points_csv(path, name_column=column, kind=kind)
        places = [replace(p, parent=parent) for p in places] if parent else places
    else:
        raise InputErrors(
            [
                InputError(
                    path,
                    None,
                    None,
                    f'"{suffix}" files are not read',
                    "use .geojson, .json or .csv",
                )
            ]
        )
    if variants is not None:
        places = with_variants(places, read_variants(variants))
    return places


def import_places_file(
    store: Store,
    path: Path,
    *,
    name_property: str = "NAME",
    arabic_property: str | None = "NAME_A",
    kind_property: str | None = None,
    kind: PlaceKind = PlaceKind.NEIGHBOURHOOD,
    parent: str | None = None,
    variants: Path | None = None,
) -> ImportResult:
    """Import one gazetteer file whole; a file imported before changes nothing.

    Options are those of `read_places_file`. `claims` in the result counts places written.
    """
    places = read_places_file(
        path,
        name_property=name_property,
        arabic_property=arabic_property,
        kind_property=kind_property,
        kind=kind,
        parent=parent,
        variants=variants,
    )
    sha256 = _sha256(path, *([variants] if variants else []))
    return _store_places(store, places, sha256, str(path))


def load_bundled_places(store: Store) -> ImportResult:
    """Import the bundled gazetteer (city, governorates, neighbourhoods, GeoNames) once.

    Idempotent: the sample files' joint sha256 is recorded, a second call is unchanged.
    `claims` in the result counts places written.
    """
    folder = sample_geo_dir()
    sha256 = _sha256(*(folder / name for name in GEO_FILES))
    return _store_places(store, bundled_places(), sha256, BUNDLED_NAME)
