import json
from dataclasses import replace
from pathlib import Path

import pytest

from sitroom.domain import InputErrors, PlaceKind
from sitroom.geo.boundaries import BoundaryFields
from sitroom.geo.bundled import sample_geo_dir
from sitroom.geo.gazetteer import Gazetteer
from sitroom.ingest.places import import_places_file, load_bundled_places
from sitroom.store.database import Store
from sitroom.store.places import list_places


def test_bundled_places_load_once(store: Store) -> None:
    first = load_bundled_places(store)
    assert first.new == 1 and first.claims > 400
    assert load_bundled_places(store).unchanged == 1
    with store.session() as session:
        places = {p.name: p for p in list_places(session)}
    assert places["Aleppo"].kind is PlaceKind.CITY
    neighbourhoods = [p for p in places.values() if p.parent == "Aleppo" and p.area_km2]
    assert sum(p.area_km2 or 0 for p in neighbourhoods) == pytest.approx(places["Aleppo"].area_km2)
    gazetteer = Gazetteer(places.values())
    assert gazetteer.find("Khan Eshieh").name == "Khan al-Shih"  # type: ignore[union-attr]


def test_geojson_import_merges_parts_of_one_name_and_computes_areas(store: Store) -> None:
    folder = sample_geo_dir()
    result = import_places_file(
        store,
        folder / "aleppo-neighbourhoods.geojson",
        BoundaryFields(parent="Aleppo"),
        variants=folder / "aleppo-neighbourhood-name-variants.json",
    ).result
    assert result.claims == 126  # 133 features, 126 names
    with store.session() as session:
        places = {p.name: p for p in list_places(session)}
    assert places["al-Hamdaniyeh I"].geometry["type"] == "MultiPolygon"  # type: ignore[index]
    assert 125 < sum(p.area_km2 or 0 for p in places.values()) < 127
    again = import_places_file(
        store,
        folder / "aleppo-neighbourhoods.geojson",
        BoundaryFields(parent="Aleppo"),
        variants=folder / "aleppo-neighbourhood-name-variants.json",
    ).result
    assert again.unchanged == 1


def test_csv_points_import_and_governorates_with_other_properties(
    store: Store, tmp_path: Path
) -> None:
    folder = sample_geo_dir()
    with pytest.raises(InputErrors, match=r'geonames.csv:276: field "name": empty name'):
        import_places_file(store, folder / "syria-places-geonames.csv")
    lines = (folder / "syria-places-geonames.csv").read_text(encoding="utf-8").splitlines()
    named = tmp_path / "geonames.csv"
    named.write_text(
        "\n".join(line for line in lines if ",," not in line[:30]) + "\n", encoding="utf-8"
    )
    import_places_file(store, named)
    governorates = folder / "syria-governorates.geojson"
    fields = BoundaryFields(name="shapeName", kind=PlaceKind.ADMIN1)
    # GeoNames' town Aleppo is stored: the governorate of that name would overwrite it
    with pytest.raises(InputErrors, match=r'"Aleppo" is already a settlement in the store'):
        import_places_file(store, governorates, fields)
    import_places_file(store, governorates, replace(fields, suffix="Governorate"))
    with store.session() as session:
        places = {p.name: p for p in list_places(session)}
    idleb = places["Idleb Governorate"]
    assert idleb.kind is PlaceKind.ADMIN1 and idleb.area_km2 and idleb.aliases == ("Idleb",)
    assert places["Aleppo"].kind is PlaceKind.SETTLEMENT
    assert places["Idlib"].geometry == {"type": "Point", "coordinates": [36.63393, 35.93062]}


def test_geojson_without_the_name_property_is_refused_whole(store: Store, tmp_path: Path) -> None:
    bad = tmp_path / "bad.geojson"
    square = {"type": "Polygon", "coordinates": [[[37, 36], [37.1, 36], [37.1, 36.1], [37, 36]]]}
    bad.write_text(
        json.dumps(
            {
                "type": "FeatureCollection",
                "features": [
                    {"type": "Feature", "properties": {"NAME": "ok"}, "geometry": square},
                    {"type": "Feature", "properties": {"title": "x"}, "geometry": square},
                ],
            }
        )
    )
    with pytest.raises(InputErrors) as caught:
        import_places_file(store, bad)
    assert str(caught.value).startswith(f'{bad}:2: field "NAME": feature has no name')
    with store.session() as session:
        assert list_places(session) == []
