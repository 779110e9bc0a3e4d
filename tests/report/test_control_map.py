"""The control map: bundled polygons coloured by controller on a day, as inline SVG."""

from __future__ import annotations

import csv
import xml.etree.ElementTree as ET
from datetime import date

import pytest

from sitroom.domain import ControlObservation, ControlStatus, Place, PlaceKind
from sitroom.geo.actors import GOVERNMENT, OPPOSITION, default_parties
from sitroom.geo.bundled import bundled_places
from sitroom.geo.render import state_geojson
from sitroom.geo.shares import ControlMap
from sitroom.geo.stored import parties_for
from sitroom.ingest.control import bundled_control_file
from sitroom.report.control_map import (
    COLOURS,
    MapPolygon,
    control_map_svg,
    map_colours,
    polygons_from_geojson,
    polygons_on,
)
from sitroom.store.actors import add_actor
from sitroom.store.database import Store

SVG = "{http://www.w3.org/2000/svg}"
SQUARE = {
    "type": "Polygon",
    "coordinates": [[[37.1, 36.2], [37.2, 36.2], [37.2, 36.3], [37.1, 36.3], [37.1, 36.2]]],
}


@pytest.fixture(scope="module")
def control() -> ControlMap:
    with bundled_control_file().open(encoding="utf-8") as handle:
        observations = [
            ControlObservation(
                row["place"],
                row["actor"],
                ControlStatus(row["status"]),
                date.fromisoformat(row["observed_at"]),
                row["claimant"],
                row["source_title"],
            )
            for row in csv.DictReader(handle)
        ]
    return ControlMap(bundled_places(), observations)


def test_aleppo_map_colours_each_neighbourhood_by_its_controller(control: ControlMap) -> None:
    polygons = polygons_on(control, "Aleppo", date(2016, 12, 9))
    svg = control_map_svg(polygons, "Control of Aleppo, 9 December 2016")
    root = ET.fromstring(svg)
    paths = root.findall(f"{SVG}path")
    assert len(paths) == len(polygons) > 100
    fills = {p.get("fill") for p in paths}
    assert {COLOURS[GOVERNMENT], COLOURS[OPPOSITION], COLOURS["contested"]} <= fills
    tips = [p.findtext(f"{SVG}title") for p in paths]
    assert any(t and t.endswith(f"held by {GOVERNMENT}") for t in tips)


def test_legend_lists_the_parties_and_states_always(control: ControlMap) -> None:
    svg = control_map_svg([MapPolygon("x", SQUARE, "unknown")], "One place")
    texts = [t.text for t in ET.fromstring(svg).iter(f"{SVG}text")]
    assert texts == [
        "One place",
        f"Held by {GOVERNMENT}",
        f"Held by {OPPOSITION}",
        "Held by YPG/SDF",
        "Contested (fighting reported)",
        "Disputed (claimants disagree)",
        "Unknown (no observation)",
        "2 km",  # the scale bar: the test square is 0.1 degrees, some 9 km, a side
    ]


def test_another_holder_gets_its_own_legend_entry() -> None:
    svg = control_map_svg([MapPolygon("x", SQUARE, "held", "ISIL")], "t")
    assert "Held by ISIL" in svg


def test_map_is_inline_svg_without_prolog_and_escapes_names() -> None:
    svg = control_map_svg([MapPolygon("Bustan al-Qasr <east>", SQUARE, "disputed")], "A & B")
    assert svg.startswith("<svg ")
    assert "Bustan al-Qasr &lt;east&gt;: disputed" in svg
    assert "<title>A &amp; B</title>" in svg


def test_longitudes_are_scaled_by_the_cosine_of_latitude() -> None:
    root = ET.fromstring(control_map_svg([MapPolygon("x", SQUARE, "unknown")], "t", width=616))
    xs, ys = zip(
        *(
            map(float, p.split())
            for p in root.find(f"{SVG}path").get("d").replace("M", "").replace("Z", "").split(" L")
        ),
        strict=True,
    )
    ratio = (max(ys) - min(ys)) / (max(xs) - min(xs))
    assert ratio == pytest.approx(1 / 0.8064, rel=0.01)  # cos(36.25°) = 0.8064


def test_polygons_from_state_geojson_match_polygons_on(control: ControlMap) -> None:
    day = date(2016, 12, 13)
    from_geojson = polygons_from_geojson(state_geojson(control, "East Aleppo", day))
    assert [(p.name, p.state, p.controller) for p in from_geojson] == [
        (p.name, p.state, p.controller) for p in polygons_on(control, "East Aleppo", day)
    ]


def test_empty_map_still_draws_title_and_legend() -> None:
    root = ET.fromstring(control_map_svg([], "Nothing mapped"))
    assert root.findall(f"{SVG}path") == []
    assert len(root.findall(f"{SVG}rect")) == 6


def test_the_scale_bar_is_as_long_as_its_kilometres(control: ControlMap) -> None:
    svg = control_map_svg(polygons_on(control, "Aleppo", date(2016, 12, 9)), "Aleppo")
    root = ET.fromstring(svg)
    [bar] = root.findall(f"{SVG}polyline")
    xs = [float(p.split(",")[0]) for p in bar.get("points").split()]
    label = [t.text for t in root.iter(f"{SVG}text")][-1]
    km = float(label.removesuffix(" km"))
    # Aleppo's polygons span some 20 km from west to east
    paths = [p.get("d") for p in root.findall(f"{SVG}path")]
    all_x = [
        float(v.split()[0]) for d in paths for v in d.replace("M", "").replace("Z", "").split(" L")
    ]
    px_per_km = (max(xs) - min(xs)) / km
    city_km = (max(all_x) - min(all_x)) / px_per_km
    assert 17 < city_km < 23


def _square(west: float, south: float) -> dict[str, object]:
    ring = [[west, south], [west + 0.05, south], [west + 0.05, south + 0.05], [west, south + 0.05]]
    return {"type": "Polygon", "coordinates": [[*ring, ring[0]]]}


def test_a_party_of_another_crisis_gets_a_colour_and_a_legend_entry(
    sqlite_store: Store,
) -> None:
    with sqlite_store.session() as session:
        add_actor(session, "Sudanese Armed Forces", "test", aliases=["SAF"], party=True)
        add_actor(session, "Rapid Support Forces", "test", aliases=["RSF"], party=True)
    parties = parties_for(sqlite_store)
    # Khartoum's three towns, as squares: the drawing, not the shapes, is under test
    places = [
        Place("Khartoum", PlaceKind.CITY),
        *(
            Place(
                name,
                PlaceKind.ADMIN2,
                parent="Khartoum",
                geometry=_square(32.5, 15.5 + n / 10),
                area_km2=30.0,
            )
            for n, name in enumerate(("Omdurman", "Khartoum North", "Khartoum Centre"))
        ),
    ]

    def seen(place: str, actor: str, day: int) -> ControlObservation:
        return ControlObservation(
            place, actor, ControlStatus.HELD, date(2023, 7, day), "test", "test"
        )

    control = ControlMap(
        places,
        [
            seen("Omdurman", "Sudanese Armed Forces", 1),
            seen("Khartoum North", "Rapid Support Forces", 1),
            seen("Khartoum Centre", "Rapid Support Forces", 1),
            seen("Khartoum Centre", "Sudanese Armed Forces", 18),
        ],
    )
    colours = map_colours(parties, control)
    assert list(colours) == ["Sudanese Armed Forces", "Rapid Support Forces"]  # no Syrian side
    assert colours == {
        name: parties.colours[name] for name in ("Sudanese Armed Forces", "Rapid Support Forces")
    }
    drawn = {}
    for day in (1, 18):
        svg = ET.fromstring(
            control_map_svg(
                polygons_on(control, "Khartoum", date(2023, 7, day)), "K", sides=colours
            )
        )
        words = [t.text for t in svg.iter(f"{SVG}text")]
        assert "Held by Rapid Support Forces" in words and "Held by Sudanese Armed Forces" in words
        assert f"Held by {GOVERNMENT}" not in words
        drawn[day] = {
            (p.findtext(f"{SVG}title") or "").split(":")[0]: p.get("fill")
            for p in svg.iter(f"{SVG}path")
        }
    assert (
        drawn[1]["Khartoum North"] == drawn[18]["Khartoum North"] == colours["Rapid Support Forces"]
    )
    assert drawn[1]["Khartoum Centre"] == colours["Rapid Support Forces"]
    assert drawn[18]["Khartoum Centre"] == colours["Sudanese Armed Forces"]


def test_the_aleppo_map_keeps_its_three_sides_and_colours_from_the_data(
    control: ControlMap,
) -> None:
    colours = map_colours(default_parties(), control)
    assert colours == {GOVERNMENT: "#c0392b", OPPOSITION: "#27864a", "YPG/SDF": "#d4a017"}
