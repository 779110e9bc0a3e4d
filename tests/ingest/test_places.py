import json
from dataclasses import replace
from pathlib import Path

import pytest

from sitroom.domain import InputErrors, PlaceKind
from sitroom.geo.boundaries import BoundaryFields
from sitroom.geo.bundled import sample_geo_dir
from sitroom.geo.gazetteer import Gazetteer
from sitroom.geo.stored import gazetteer_for
from sitroom.ingest.places import import_places_file, load_bundled_places
from sitroom.store.audit import list_audit
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


ADMIN = Path(__file__).parent.parent / "data" / "admin"


def test_cod_admin1_import_stores_pcodes_and_names_the_country_parent(store: Store) -> None:
    done = import_places_file(store, ADMIN / "syria-admin1-cod.geojson", who="tester")
    assert done.result.claims == 14 and done.notes == ()
    gazetteer = gazetteer_for(store)
    idleb = gazetteer.find("sy07")
    assert idleb is not None and (idleb.name, idleb.kind, idleb.parent) == (
        "Idleb",
        PlaceKind.ADMIN1,
        "Syria",  # ADM0_PCODE "SY" is no gazetteer's code: ADM0_EN names it
    )
    assert {p.name for p in gazetteer.inside(gazetteer.find("Syria"))} >= {"Idleb", "Quneitra"}  # type: ignore[arg-type]
    with store.session() as session:
        (entry,) = list_audit(session, entity="import")
    assert (entry.who, entry.what) == ("tester", "import_places")
    assert entry.after and entry.after.endswith("14 places new, 0 updated, 14 with P-codes")


def test_cod_import_over_the_sample_is_refused_until_the_governorates_are_named_apart(
    store: Store,
) -> None:
    load_bundled_places(store)
    shapefile = ADMIN / "syria-admin1-cod.shp"
    with pytest.raises(InputErrors) as caught:
        import_places_file(store, shapefile)
    assert str(caught.value).splitlines()[0] == (
        f'{shapefile}:1: field "name": "Damascus" is already a settlement in the store '
        '(name these apart with --suffix (--suffix Governorate gives "Damascus Governorate"))'
    )
    assert f'{shapefile}:2: field "name": "Aleppo" is already a city' in str(caught.value)
    with store.session() as session:
        assert all(p.pcode is None for p in list_places(session))
    done = import_places_file(store, shapefile, BoundaryFields(suffix="Governorate"))
    assert done.result.claims == 14
    gazetteer = gazetteer_for(store)
    assert gazetteer.find("SY02").name == "Aleppo Governorate"  # type: ignore[union-attr]
    assert gazetteer.find("Aleppo").name == "Aleppo"  # type: ignore[union-attr]  # the city


def test_a_pcode_the_store_gives_another_place_is_refused(store: Store, tmp_path: Path) -> None:
    import_places_file(store, ADMIN / "syria-admin1-cod.geojson")
    towns = tmp_path / "towns.csv"
    towns.write_text("name,lat,lon,pcode\nHalab,36.2,37.16,SY02\n", encoding="utf-8")
    with pytest.raises(InputErrors) as caught:
        import_places_file(store, towns)
    assert str(caught.value) == (
        f'{towns}:2: field "pcode": P-code "SY02" is used twice (the store gives it to "Aleppo")'
    )
    with store.session() as session:
        assert "Halab" not in {p.name for p in list_places(session)}


def test_csv_points_take_their_parent_by_pcode_and_refuse_a_pcode_twice(
    store: Store, tmp_path: Path
) -> None:
    import_places_file(store, ADMIN / "syria-admin1-cod.geojson", BoundaryFields(suffix="Gov."))
    twice = tmp_path / "twice.csv"
    twice.write_text(
        "name,lat,lon,pcode,parent\nDana,36.22,36.77,SY0703,SY07\nSarmada,36.18,36.72,SY0703,SY07\n",
        encoding="utf-8",
    )
    with pytest.raises(InputErrors, match=r'twice.csv:3: field "pcode": P-code "SY0703" is used'):
        import_places_file(store, twice)
    towns = tmp_path / "towns.csv"
    towns.write_text("name,lat,lon,parent\nDana,36.22,36.77,SY07\n", encoding="utf-8")
    import_places_file(store, towns)
    with store.session() as session:
        dana = next(p for p in list_places(session) if p.name == "Dana")
    assert (dana.kind, dana.parent) == (PlaceKind.SETTLEMENT, "Idleb Gov.")
