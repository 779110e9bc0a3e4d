import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sitroom.cli import app
from sitroom.geo.bundled import sample_geo_dir
from sitroom.ingest.control import bundled_control_file, load_bundled_control
from sitroom.store.database import Store

runner = CliRunner()


@pytest.fixture
def db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'sitroom.db'}"
    store = Store(url)
    load_bundled_control(store)
    store.dispose()
    return url


def test_share_json_has_the_documented_keys_and_the_disputed_claims(db: str) -> None:
    result = runner.invoke(
        app, ["control", "share", "Aleppo", "--date", "2016-12-09", "--json", "--db", db]
    )
    assert result.exit_code == 0, result.output
    shares = json.loads(result.stdout)
    assert set(shares) == {
        "place",
        "date",
        "area_km2",
        "held",
        "held_or_unsettled",
        "contested",
        "disputed",
        "unknown",
        "disputed_places",
    }
    assert shares["held"]["Government of Syria and allies"] == pytest.approx(80.7, abs=0.05)
    disputed = {p["place"]: p for p in shares["disputed_places"]}
    assert "Karm al-Myassar" in disputed
    assert len({c["claimant"] for c in disputed["Karm al-Myassar"]["claims"]}) >= 2


def test_share_text_names_each_actor(db: str) -> None:
    result = runner.invoke(
        app, ["control", "share", "eastern Aleppo", "--date", "2016-12-14", "--db", db]
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("East Aleppo on 2016-12-14")
    assert "Armed opposition groups:" in result.stdout


def test_timeline_prints_each_day_and_draws_a_png(db: str, tmp_path: Path) -> None:
    png = tmp_path / "timeline.png"
    result = runner.invoke(
        app,
        [
            "control",
            "timeline",
            "Aleppo",
            "--from",
            "2016-11-15",
            "--to",
            "2016-12-22",
            "--png",
            str(png),
            "--db",
            db,
        ],
    )
    assert result.exit_code == 0, result.output
    assert len(result.stdout.strip().splitlines()) == 1 + 38
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_geojson_gives_each_polygon_its_state(db: str) -> None:
    result = runner.invoke(
        app, ["control", "geojson", "Aleppo", "--date", "2016-12-09", "--db", db]
    )
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["type"] == "FeatureCollection" and len(document["features"]) == 126
    states = {f["properties"]["state"] for f in document["features"]}
    assert states <= {"held", "contested", "disputed", "unknown"} and "disputed" in states


def test_control_import_twice_says_unchanged(db: str) -> None:
    result = runner.invoke(app, ["control", "import", str(bundled_control_file()), "--db", db])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["control", "import", str(bundled_control_file()), "--db", db])
    assert "unchanged" in result.stdout


def test_control_import_refuses_an_unknown_place_with_exit_1(db: str, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "place,actor,status,observed_at,claimant,source_title\n"
        "Bustan al-Qasrr Heights,rebels,held,2016-11-20,SOHR,t\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["control", "import", str(bad), "--db", db])
    assert result.exit_code == 1
    expected = f'{bad}:2: field "place": "Bustan al-Qasrr Heights" is no place stored'
    assert expected in result.stderr


def test_places_import_geojson_with_parent(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'p.db'}"
    path = sample_geo_dir() / "aleppo-neighbourhoods.geojson"
    result = runner.invoke(app, ["places", "import", str(path), "--parent", "Aleppo", "--db", db])
    assert result.exit_code == 0, result.output
    assert "126 places written" in result.stdout


def test_share_without_data_says_how_to_load_it(tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        [
            "control",
            "share",
            "Aleppo",
            "--date",
            "2016-12-09",
            "--db",
            f"sqlite:///{tmp_path / 'empty.db'}",
        ],
    )
    assert result.exit_code == 1
    assert "sitroom sample load" in result.stderr


def test_a_party_first_named_by_a_control_file_is_pointed_out(tmp_path: Path) -> None:
    db = str(tmp_path / "c.db")
    assert runner.invoke(app, ["sample", "load", "--db", db, "-q"]).exit_code == 0
    rows = tmp_path / "typo.csv"
    header = (
        (
            Path(__file__).parents[2]
            / "src"
            / "sitroom"
            / "sample"
            / "control"
            / "aleppo-2016-control-observations.csv"
        )
        .read_text(encoding="utf-8")
        .splitlines()[0]
    )
    columns = header.split(",")
    values = {c: "" for c in columns}
    values.update(place="Hanano", actor="Goverment of Syria and allies", status="held")
    for key in ("observed_at", "observed_on", "valid_from", "date"):
        if key in values:
            values[key] = "2016-12-30"
    for key in ("claimant", "source_title"):
        if key in values:
            values[key] = "a test"
    rows.write_text(header + "\n" + ",".join(values[c] for c in columns) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["control", "import", str(rows), "--db", db])
    assert result.exit_code == 0, result.output
    assert 'note: "Goverment of Syria and allies" is a new party (close to: ' in result.stderr


def test_control_share_without_a_date_takes_the_latest_observed_day(db: str) -> None:
    result = runner.invoke(app, ["control", "share", "Aleppo", "--json", "--db", db])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["date"] == "2016-12-22"
