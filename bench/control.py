"""Benchmark: the daily control timeline of Aleppo over 40 days, 133 polygons.

sitroom's way (areas computed once per place, claims judged once per observed day, each
day a bisection per place) against the naive way (every day, re-project every polygon
with shapely + pyproj and measure it, and scan all observations for each polygon).
Both give the same shares; the script checks that, then prints a table.

Run: .venv/bin/python bench/control.py
"""

from __future__ import annotations

import csv
import json
import time
import warnings
from collections.abc import Callable
from datetime import date, timedelta

from pyproj import Transformer
from shapely.geometry import shape
from shapely.ops import transform

from sitroom.domain import ControlObservation, ControlStatus, Place, PlaceKind
from sitroom.geo.bundled import CITY, NEIGHBOURHOODS_FILE, sample_geo_dir
from sitroom.geo.control import judge
from sitroom.geo.readers import GeoJsonFields, read_geojson
from sitroom.geo.shares import ControlMap
from sitroom.ingest.control import bundled_control_file

START, DAYS = date(2016, 11, 15), 40
GOAL_SECONDS, GOAL_SPEEDUP = 1.0, 20.0


def observations() -> list[ControlObservation]:
    with bundled_control_file().open(encoding="utf-8") as handle:
        return [
            ControlObservation(
                r["place"],
                r["actor"],
                ControlStatus(r["status"]),
                date.fromisoformat(r["observed_at"]),
                r["claimant"],
                r["source_title"],
            )
            for r in csv.DictReader(handle)
        ]


def sitroom_way(obs: list[ControlObservation]) -> list[dict[str, float]]:
    """Read the polygons and measure each place once, then the 40 days from the ledger."""
    places = read_geojson(sample_geo_dir() / NEIGHBOURHOODS_FILE, GeoJsonFields(parent=CITY))
    control = ControlMap([Place(CITY, PlaceKind.CITY), *places], obs)
    return timeline_only(control)


def timeline_only(control: ControlMap) -> list[dict[str, float]]:
    series = control.timeline(CITY, START, START + timedelta(days=DAYS - 1))
    return [dict(s.held) for s in series]


def naive_way(obs: list[ControlObservation]) -> list[dict[str, float]]:
    features = json.loads((sample_geo_dir() / NEIGHBOURHOODS_FILE).read_text())["features"]
    # the textbook recipe: shapely.ops.transform with a pyproj function, polygon by polygon
    warnings.filterwarnings("ignore", category=DeprecationWarning, module="shapely")
    to_metres = Transformer.from_crs("EPSG:4326", "EPSG:6933", always_xy=True).transform
    out = []
    for n in range(DAYS):
        day = START + timedelta(days=n)
        held: dict[str, float] = {}
        total = 0.0
        for feature in features:
            area = transform(to_metres, shape(feature["geometry"])).area / 1e6
            total += area
            name = feature["properties"]["NAME"]
            mine = [o for o in obs if o.place == name and o.observed_on <= day]
            latest = max((o.observed_on for o in mine), default=None)
            state = judge(name, [o for o in mine if o.observed_on == latest])
            if state.controller:
                held[state.controller] = held.get(state.controller, 0.0) + area
        out.append({a: 100 * km2 / total for a, km2 in sorted(held.items())})
    return out


def timed(
    run: Callable[[list[ControlObservation]], list[dict[str, float]]], obs: list[ControlObservation]
) -> tuple[float, list[dict[str, float]]]:
    started = time.perf_counter()
    result = run(obs)
    return time.perf_counter() - started, result


def main() -> None:
    obs = observations()
    # pyproj opens its CRS database on first use (~20 ms): pay it before either way runs
    Transformer.from_crs("EPSG:4326", "EPSG:3857", always_xy=True)
    fast, fast_result = timed(sitroom_way, obs)
    places = read_geojson(sample_geo_dir() / NEIGHBOURHOODS_FILE, GeoJsonFields(parent=CITY))
    control = ControlMap([Place(CITY, PlaceKind.CITY), *places], obs)
    started = time.perf_counter()
    timeline_only(control)
    days_only = time.perf_counter() - started
    slow, slow_result = timed(naive_way, obs)
    for mine, theirs in zip(fast_result, slow_result, strict=True):
        for actor in set(mine) | set(theirs):
            # LAEA per place and EPSG:6933 agree on shares to well under 0.01 point
            assert abs(mine.get(actor, 0.0) - theirs.get(actor, 0.0)) < 0.01, actor
    speedup = slow / fast
    print(
        f"daily timeline of {CITY}, {DAYS} days from {START}, "
        f"{len(places)} places (133 polygons), {len(obs)} claims\n"
    )
    print(f"| {'way':<54} | {'seconds':>8} | {'vs naive':>8} |")
    print(f"|{'-' * 56}|{'-' * 10}|{'-' * 10}|")
    rows = [
        ("sitroom: read + areas once + 40 days (total)", fast),
        ("sitroom: the 40 days alone (areas already stored)", days_only),
        ("naive: re-project and measure every polygon every day", slow),
    ]
    for label, seconds in rows:
        print(f"| {label:<54} | {seconds:>8.4f} | {slow / seconds:>7.1f}x |")
    ok = fast < GOAL_SECONDS and speedup >= GOAL_SPEEDUP
    print(
        f"\ngoal: total under {GOAL_SECONDS:.0f} s and at least {GOAL_SPEEDUP:.0f}x the naive "
        f"way: {'met' if ok else 'MISSED'}"
    )


if __name__ == "__main__":
    main()
