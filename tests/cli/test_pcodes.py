"""P-codes and parents from the user's own admin boundaries, everywhere: `places import` of a
COD file, `briefing --place SY07` holding the figures of a town inside the governorate,
`control import` and `control share` by P-code and for a country of the world gazetteer."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from sitroom.cli import app

runner = CliRunner()
DATA = Path(__file__).parent.parent / "data"
COD = DATA / "admin" / "syria-admin1-cod.geojson"
IDLIB = DATA / "world" / "reports" / "syria-idlib-2020-02-20-ocha-flash-update.txt"


def _run(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def test_a_briefing_by_pcode_holds_the_figures_of_a_town_inside_the_governorate(
    tmp_path: Path,
) -> None:
    db = str(tmp_path / "idlib.db")
    assert _run("places", "import", str(COD), "--suffix", "Governorate", "--db", db) == (
        f"{COD}: 14 places written\n"
    )
    # OCHA's flash update places its figures in "Dana sub-district", which no gazetteer holds:
    # the user adds it under Idleb's P-code (GeoNames' coordinates of Dana)
    towns = tmp_path / "subdistricts.csv"
    towns.write_text("name,lat,lon,parent\nDana sub-district,36.2153,36.7750,SY07\n", "utf-8")
    _run("places", "import", str(towns), "--db", db)
    report = tmp_path / "idlib.txt"
    shutil.copy(IDLIB, report)
    _run("import", str(report), "--published-at", "2020-02-20", "--db", db, "--quiet")
    idleb = _run("briefing", "--place", "SY07", "--date", "2020-02-20", "--db", db)
    assert idleb.startswith("# Briefing: Idleb Governorate, 2020-02-20")
    assert "**some 267,000 displaced people, Dana sub-district, on 14 and 15 February**" in idleb
    assert "**one person (1 people), Dana sub-district" in idleb
    assert "not in the gazetteer" not in idleb
    aleppo = _run("briefing", "--place", "sy02", "--date", "2020-02-20", "--db", db)
    assert aleppo.startswith("# Briefing: Aleppo Governorate") and "Dana" not in aleppo


CONTROL_HEADER = "place,actor,status,observed_at,claimant,source_title\n"


def test_control_by_pcode_and_shares_for_a_country_of_the_world_gazetteer(tmp_path: Path) -> None:
    db = str(tmp_path / "syria.db")
    _run("places", "import", str(COD), "--db", db)
    control = tmp_path / "control.csv"
    control.write_text(
        CONTROL_HEADER
        + "SY07,Armed opposition,held,2020-02-20,tester,a test of control by P-code\n"
        + "Aleppo,Syrian Army,held,2020-02-20,tester,a test of control by P-code\n",
        encoding="utf-8",
    )
    assert _run("control", "import", str(control), "--db", db) == (
        f"{control}: 2 observations written\n"
    )
    # Syria is the world gazetteer's: its governorates name it their parent (ADM0_EN)
    shares = json.loads(
        _run("control", "share", "Syria", "--date", "2020-02-20", "--json", "--db", db)
    )
    assert shares["place"] == "Syria" and 185_000 < shares["area_km2"] < 190_000
    opposition = next(a for a in shares["held"] if a != "Government of Syria and allies")
    # Idleb's 5,416.5 km² and the 19,890.8 km² of Aleppo (the governorate, here so named)
    assert shares["held"][opposition] == round(100 * 5416.502 / shares["area_km2"], 2)
    assert shares["held"]["Government of Syria and allies"] == round(
        100 * 19890.837 / shares["area_km2"], 2
    )
    one = json.loads(_run("control", "share", "sy07", "--date", "2020-02-20", "--json", "--db", db))
    assert one["place"] == "Idleb" and one["held"] == {opposition: 100.0}


def test_a_control_row_naming_an_unknown_pcode_is_refused_with_the_closest(
    tmp_path: Path,
) -> None:
    db = str(tmp_path / "syria.db")
    _run("places", "import", str(COD), "--db", db)
    control = tmp_path / "control.csv"
    control.write_text(
        CONTROL_HEADER + "SY17,Armed opposition,held,2020-02-20,tester,a test\n", "utf-8"
    )
    result = runner.invoke(app, ["control", "import", str(control), "--db", db])
    assert result.exit_code == 1
    assert result.stderr == (
        f'error: {control}:2: field "place": "SY17" is no place stored in this database '
        "(control needs its polygon: sitroom places import) "
        '(closest: "SY14 Quneitra", "SY13 As-Sweida", "SY12 Dar\'a")\n'
    )


def test_places_import_refuses_a_missing_field_and_reports_repairs(tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    result = runner.invoke(
        app, ["places", "import", str(COD), "--name-field", "ADM2_EN", "--db", db]
    )
    assert result.exit_code == 1
    assert result.stderr == (
        f'error: {COD}:1: field "ADM2_EN": no such field in the features '
        "(closest: ADM1_EN, ADM0_EN, ADM1_PCODE)\n"
    )
    assert "\tSY07\n" not in _run("places", "list", "--db", db)
    features = json.loads(COD.read_text(encoding="utf-8"))["features"]
    features[0]["geometry"] = {
        "type": "Polygon",
        "coordinates": [[[36.2, 33.4], [36.4, 33.6], [36.4, 33.4], [36.2, 33.6], [36.2, 33.4]]],
    }
    bowtie = tmp_path / "bowtie.geojson"
    bowtie.write_text(json.dumps({"type": "FeatureCollection", "features": features}), "utf-8")
    refused = runner.invoke(app, ["places", "import", str(bowtie), "--db", db])
    assert refused.exit_code == 1 and "--repair" in refused.stderr
    repaired = runner.invoke(app, ["places", "import", str(bowtie), "--repair", "--db", db])
    assert repaired.exit_code == 0, repaired.output
    assert repaired.stderr.startswith(
        f'note: {bowtie}: feature 1 "Damascus": Self-intersection[36.3 33.5]; '
        "repaired by make_valid"
    )
    assert repaired.stdout == f"{bowtie}: 14 places written\n"
    assert "Idleb\tadmin1\tSyria\tإدلب\tSY07\n" in _run("places", "list", "--db", db)
