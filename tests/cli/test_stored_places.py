"""Places a user stored (`sitroom places import`) are part of the gazetteer everywhere:
extraction with --db, extraction at import time, `places list --db`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sitroom.cli import app

runner = CliRunner()
# a camp no gazetteer holds, drawn as a small square near Nyala
CAMP = {
    "type": "FeatureCollection",
    "features": [
        {
            "type": "Feature",
            "properties": {"name": "Qxaria"},
            "geometry": {
                "type": "Polygon",
                "coordinates": [
                    [[24.8, 12.0], [24.9, 12.0], [24.9, 12.1], [24.8, 12.1], [24.8, 12.0]]
                ],
            },
        }
    ],
}
REPORT = "Some 4,200 displaced people are sheltering in Qxaria, the agency said.\n"


def _store(tmp_path: Path) -> str:
    geojson = tmp_path / "camps.geojson"
    geojson.write_text(json.dumps(CAMP), encoding="utf-8")
    db = str(tmp_path / "s.db")
    result = runner.invoke(app, ["places", "import", str(geojson), "--name", "name", "--db", db])
    assert result.exit_code == 0, result.output
    return db


def test_extract_with_db_finds_the_places_the_user_stored(tmp_path: Path) -> None:
    db = _store(tmp_path)
    report = tmp_path / "r.txt"
    report.write_text(REPORT, encoding="utf-8")
    args = ["extract", str(report), "--published-at", "2024-06-10"]
    without = json.loads(runner.invoke(app, args).stdout)
    with_db = json.loads(runner.invoke(app, [*args, "--db", db]).stdout)
    assert without["place"] is None
    assert with_db["place"] == "Qxaria"


def test_import_extracts_with_the_places_the_user_stored(tmp_path: Path) -> None:
    db = _store(tmp_path)
    report = tmp_path / "r.txt"
    report.write_text(REPORT, encoding="utf-8")
    result = runner.invoke(
        app, ["import", str(report), "--published-at", "2024-06-10", "--db", db, "--quiet"]
    )
    assert result.exit_code == 0, result.output
    claims = runner.invoke(app, ["claims", "--db", db, "--json"])
    assert [c["place"] for c in json.loads(claims.stdout)] == ["Qxaria"]


def test_places_list_with_db_lists_the_stored_places(tmp_path: Path) -> None:
    db = _store(tmp_path)
    result = runner.invoke(app, ["places", "list", "--db", db, "--json"])
    assert result.exit_code == 0, result.output
    assert "Qxaria" in {p["name"] for p in json.loads(result.stdout)}


def test_a_briefing_for_a_stored_place_holds_its_figures(tmp_path: Path) -> None:
    db = _store(tmp_path)
    report = tmp_path / "r.txt"
    report.write_text(REPORT, encoding="utf-8")
    runner.invoke(app, ["import", str(report), "--published-at", "2024-06-10", "--db", db, "-q"])
    result = runner.invoke(
        app, ["briefing", "--place", "Qxaria", "--date", "2024-06-10", "--db", db]
    )
    assert result.exit_code == 0, result.output
    assert "4,200 displaced people" in result.stdout


def test_places_list_reads_the_database_of_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = _store(tmp_path)
    monkeypatch.setenv("SITROOM_DATABASE_URL", db)
    result = runner.invoke(app, ["places", "list", "--json"])
    assert result.exit_code == 0, result.output
    assert "Qxaria" in {p["name"] for p in json.loads(result.stdout)}


def test_a_parent_given_for_the_file_wins_over_its_parent_column(tmp_path: Path) -> None:
    districts = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"ADM2_EN": "Qxarsk", "ADM2_PCODE": "QX0101", "ADM1_PCODE": "QX01"},
                "geometry": CAMP["features"][0]["geometry"],  # type: ignore[index]
            }
        ],
    }
    geojson = tmp_path / "districts.geojson"
    geojson.write_text(json.dumps(districts), encoding="utf-8")
    db = str(tmp_path / "d.db")
    result = runner.invoke(app, ["places", "import", str(geojson), "--parent", "Sudan", "--db", db])
    assert result.exit_code == 0, result.output
    listed = json.loads(runner.invoke(app, ["places", "list", "--db", db, "--json"]).stdout)
    [district] = [p for p in listed if p["name"] == "Qxarsk"]
    assert district["parent"] == "Sudan"
