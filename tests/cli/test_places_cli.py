"""`sitroom places list`: the names `briefing --place` knows."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from sitroom.cli import app

runner = CliRunner()


def test_places_within_aleppo_are_its_neighbourhoods_with_their_spellings() -> None:
    result = runner.invoke(app, ["places", "list", "--within", "Aleppo", "--kind", "neighbourhood"])
    assert result.exit_code == 0, result.output
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert rows[0] == ["name", "kind", "parent", "other spellings", "pcode"]
    names = {row[0] for row in rows[1:]}
    assert {"Hanano", "ash-Sheikh Maqsoud", "Bab al-Maqam"} <= names
    assert all(row[1] == "neighbourhood" for row in rows[1:])
    assert result.stderr == f"{len(rows) - 1} places\n"


def test_places_as_json_name_their_parent_and_area() -> None:
    result = runner.invoke(app, ["places", "list", "--kind", "admin1", "--json"])
    assert result.exit_code == 0, result.output
    places = json.loads(result.stdout)
    assert len(places) == 14  # Syria's governorates
    aleppo = next(p for p in places if p["name"] == "Aleppo Governorate")
    assert aleppo["parent"] == "Syria" and aleppo["area_km2"] > 10_000
    assert all(len(p["aliases"]) == len(set(p["aliases"])) for p in places)  # each once


def test_an_unknown_area_is_refused_with_the_closest_names() -> None:
    result = runner.invoke(app, ["places", "list", "--within", "Xqzlandia"])
    assert result.exit_code == 1
    assert result.stderr.startswith('error: "Xqzlandia" is not in the gazetteer')


def test_a_transliteration_finds_the_area() -> None:
    result = runner.invoke(app, ["places", "list", "--within", "Halab", "--kind", "neighbourhood"])
    assert result.exit_code == 0
    assert "Hanano\tneighbourhood\tAleppo" in result.stdout
