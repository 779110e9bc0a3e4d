"""Admin boundaries and neighbourhoods as users have them: a COD file of Syria's governorates
(GeoJSON and shapefile, tests/data/admin), an OSM-style export of Aleppo's neighbourhoods."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitroom.domain import InputErrors, PlaceKind
from sitroom.geo.boundaries import BoundaryFields, read_boundaries
from sitroom.geo.bundled import sample_geo_dir

ADMIN = Path(__file__).parent.parent / "data" / "admin"
COD = ADMIN / "syria-admin1-cod.geojson"
SHAPEFILE = ADMIN / "syria-admin1-cod.shp"


def _features(path: Path) -> list[dict[str, object]]:
    features: list[dict[str, object]] = json.loads(path.read_text(encoding="utf-8"))["features"]
    return features


def _write(path: Path, features: list[dict[str, object]]) -> Path:
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}), "utf-8")
    return path


def test_cod_fields_are_found_from_the_deepest_admin_level() -> None:
    read = read_boundaries(COD)
    assert (read.fields.name, read.fields.code, read.fields.name_ar) == (
        "ADM1_EN",
        "ADM1_PCODE",
        "ADM1_AR",
    )
    assert read.fields.parent_field == "ADM0_PCODE" and read.fields.kind is PlaceKind.ADMIN1
    idleb = next(p for p in read.places if p.pcode == "SY07")
    assert (idleb.name, idleb.name_ar, idleb.parent) == ("Idleb", "إدلب", "SY")
    assert read.parent_names == {"SY": "Syrian Arab Republic"}
    assert len(read.places) == 14 and read.lines["Idleb"] == 7
    # Syria is some 185,000 km²; the simplified outline gives a little more
    assert 185_000 < sum(p.area_km2 or 0 for p in read.places) < 190_000


def test_the_shapefile_gives_the_same_places_as_the_geojson() -> None:
    geojson, shapefile = read_boundaries(COD), read_boundaries(SHAPEFILE)
    assert [(p.name, p.pcode, p.name_ar, p.parent) for p in shapefile.places] == [
        (p.name, p.pcode, p.name_ar, p.parent) for p in geojson.places
    ]
    for a, b in zip(geojson.places, shapefile.places, strict=True):
        assert b.area_km2 == pytest.approx(a.area_km2, rel=1e-6)


def test_named_fields_and_a_suffix_override_detection() -> None:
    fields = BoundaryFields(name="ADM1_EN", code="ADM1_PCODE", suffix="Governorate")
    read = read_boundaries(COD, fields)
    aleppo = next(p for p in read.places if p.pcode == "SY02")
    assert aleppo.name == "Aleppo Governorate" and aleppo.aliases == ("Aleppo",)


def test_a_named_field_the_file_lacks_is_refused_with_the_closest_fields() -> None:
    with pytest.raises(InputErrors) as caught:
        read_boundaries(SHAPEFILE, BoundaryFields(name="ADM2_EN"))
    assert str(caught.value) == (
        f'{SHAPEFILE}:1: field "ADM2_EN": no such field in the features '
        "(closest: ADM1_EN, ADM0_EN, ADM1_PCODE)"
    )


def test_an_osm_export_takes_name_en_and_keeps_the_local_and_arabic_names(
    tmp_path: Path,
) -> None:
    # Aleppo's neighbourhoods as OSM tags them: name (local, Arabic), name:en, name:ar
    features = [
        {
            "type": "Feature",
            "properties": {
                "@id": f"way/{n}",
                "place": "neighbourhood",
                "name": f["properties"]["NAME_A"],  # type: ignore[index]
                "name:en": f["properties"]["NAME"],  # type: ignore[index]
                "name:ar": f["properties"]["NAME_A"],  # type: ignore[index]
            },
            "geometry": f["geometry"],
        }
        for n, f in enumerate(_features(sample_geo_dir() / "aleppo-neighbourhoods.geojson"))
        if f["properties"]["NAME_A"]  # type: ignore[index]
    ]
    read = read_boundaries(_write(tmp_path / "osm.geojson", features))
    assert (read.fields.name, read.fields.local_name, read.fields.name_ar) == (
        "name:en",
        "name",
        "name:ar",
    )
    jamiliyeh = next(p for p in read.places if p.name == "al-Jamiliyeh")
    assert jamiliyeh.kind is PlaceKind.NEIGHBOURHOOD and jamiliyeh.name_ar == "الجميلية"
    assert jamiliyeh.aliases == ("الجميلية",) and jamiliyeh.pcode is None


def _bowtie(features: list[dict[str, object]]) -> list[dict[str, object]]:
    """The first feature's polygon drawn as a bow tie: its ring crosses itself."""
    bowtie = {
        "type": "Polygon",
        "coordinates": [[[36.2, 33.4], [36.4, 33.6], [36.4, 33.4], [36.2, 33.6], [36.2, 33.4]]],
    }
    return [{**features[0], "geometry": bowtie}, *features[1:]]


def test_an_invalid_polygon_is_refused_and_repaired_only_when_asked(tmp_path: Path) -> None:
    path = _write(tmp_path / "bowtie.geojson", _bowtie(_features(COD)))
    with pytest.raises(InputErrors) as caught:
        read_boundaries(path)
    assert str(caught.value) == (
        f'{path}:1: field "geometry": "Damascus" is not a valid polygon: '
        "Self-intersection[36.3 33.5] "
        "(fix it, or accept shapely's make_valid repair with --repair)"
    )
    read = read_boundaries(path, BoundaryFields(repair=True))
    assert len(read.notes) == 1
    assert read.notes[0].startswith(f'{path}: feature 1 "Damascus": Self-intersection[36.3 33.5]')
    assert "repaired by make_valid" in read.notes[0]
    damascus = read.places[0]
    assert damascus.geometry["type"] == "MultiPolygon"  # type: ignore[index]
    assert 200 < (damascus.area_km2 or 0) < 300  # two triangles of 0.1° x 0.2°


def test_a_pcode_given_to_two_names_is_refused_whole(tmp_path: Path) -> None:
    features = _features(COD)
    properties = dict(features[6]["properties"])  # type: ignore[call-overload]
    properties["ADM1_PCODE"] = "SY02"
    features[6] = {**features[6], "properties": properties}
    path = _write(tmp_path / "twice.geojson", features)
    with pytest.raises(InputErrors) as caught:
        read_boundaries(path)
    assert str(caught.value) == (
        f'{path}:7: field "ADM1_PCODE": P-code "SY02" is used twice '
        '(feature 2 is "Aleppo", this one "Idleb")'
    )


def test_projected_coordinates_are_refused(tmp_path: Path) -> None:
    square = {
        "type": "Polygon",
        "coordinates": [
            [[500000, 3700000], [510000, 3700000], [510000, 3710000], [500000, 3700000]]
        ],
    }
    path = _write(
        tmp_path / "utm.geojson",
        [{"type": "Feature", "properties": {"NAME": "Block"}, "geometry": square}],
    )
    with pytest.raises(InputErrors, match="not longitude and latitude"):
        read_boundaries(path)
