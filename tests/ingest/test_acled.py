"""ACLED exports in and out: revision-aware, all or nothing, round trips."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sitroom.cli import app
from sitroom.domain import InputErrors
from sitroom.ingest.acled import import_acled, read_acled
from sitroom.store.database import Store
from sitroom.store.events import list_events

ACLED = Path(__file__).parents[1] / "data" / "acled"
ROWS = ACLED / "acled-layout-rows.csv"
REVISED = ACLED / "acled-layout-rows-revised.csv"
runner = CliRunner()


def test_rows_import_once_and_a_revision_updates(store: Store) -> None:
    first = import_acled(store, [ROWS])
    assert (first.new, first.updated, first.unchanged) == (5, 0, 0)
    again = import_acled(store, [ROWS])
    assert (again.new, again.updated, again.unchanged) == (0, 0, 5)
    revised = import_acled(store, [REVISED])
    assert (revised.new, revised.updated, revised.unchanged) == (0, 1, 0)
    older = import_acled(store, [ROWS])  # the older revision does not win back
    assert (older.new, older.updated, older.unchanged) == (0, 0, 5)
    with store.session() as session:
        events = {e.event_id_cnty: e for e in list_events(session)}
    shelling = events["SYR90002"]
    assert (shelling.fatalities, shelling.timestamp) == (6, 1482019200)
    assert shelling.source == "SANA; Syrian Observatory for Human Rights"
    assert (shelling.latitude, shelling.longitude) == (36.224, 37.155)
    assert (shelling.file, shelling.line) == ("acled-layout-rows-revised.csv", 2)


def test_bad_rows_refuse_the_file_naming_line_and_column(tmp_path: Path, store: Store) -> None:
    lines = ROWS.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    bad = lines[1].split(",")
    bad[header.index("fatalities")] = "many"
    bad[header.index("event_date")] = "yesterday"
    path = tmp_path / "bad.csv"
    path.write_text("\n".join([lines[0], ",".join(bad), lines[2]]) + "\n", "utf-8")
    with pytest.raises(InputErrors) as refused:
        import_acled(store, [path])
    found = {(e.line, e.field) for e in refused.value.errors}
    assert found == {(2, "fatalities"), (2, "event_date")}
    with store.session() as session:
        assert list_events(session) == []  # nothing written
    missing = tmp_path / "not-acled.csv"
    missing.write_text("date,place,deaths\n2023-01-01,Khartoum,3\n", "utf-8")
    with pytest.raises(Exception, match="event_id_cnty"):
        read_acled(missing)


def test_export_acled_then_import_gives_the_same_events(tmp_path: Path) -> None:
    first, second = f"sqlite:///{tmp_path / 'a.db'}", f"sqlite:///{tmp_path / 'b.db'}"
    for db in (first, second):
        assert runner.invoke(app, ["db", "upgrade", "--db", db]).exit_code == 0
    done = runner.invoke(app, ["events", "import", str(ROWS), str(REVISED), "--db", first])
    assert done.exit_code == 0 and done.output.strip() == "5 new, 0 updated, 0 unchanged"
    out = tmp_path / "events.csv"
    exported = runner.invoke(app, ["export", "events", "-o", str(out), "--db", first])
    assert exported.exit_code == 0, exported.output
    assert out.read_text(encoding="utf-8").startswith("event_id_cnty,event_date,disorder_type")
    again = runner.invoke(app, ["events", "import", str(out), "--db", second])
    assert again.output.strip() == "5 new, 0 updated, 0 unchanged"
    twice = runner.invoke(app, ["events", "import", str(out), "--db", second])
    assert twice.output.strip() == "0 new, 0 updated, 5 unchanged"

    def events(db: str) -> list[tuple[object, ...]]:
        store = Store(db)
        with store.session() as session:
            found = [
                (e.event_id_cnty, e.event_date, e.event_type, e.fatalities, e.timestamp,
                 e.actor1, e.actor2, e.location, e.latitude, e.longitude, e.notes, e.source)
                for e in list_events(session)
            ]  # fmt: skip
        store.dispose()
        return found

    assert events(first) == events(second)
    geo = runner.invoke(app, ["export", "events", "--format", "geojson", "--db", first])
    features = json.loads(geo.output)["features"]
    assert features[0]["geometry"] == {"type": "Point", "coordinates": [37.162, 36.199]}
    hxl = runner.invoke(app, ["export", "events", "--format", "hxl", "--db", first])
    assert hxl.exit_code == 1 and "no hxl shape" in hxl.output


def test_events_stand_beside_the_claims_in_the_briefing(store: Store) -> None:
    from datetime import date

    from sitroom.geo.bundled import bundled_gazetteer
    from sitroom.ingest.sample import load_sample
    from sitroom.report.build import briefing_for
    from sitroom.report.json_out import render_json
    from sitroom.report.markdown import render_markdown

    load_sample(store, gazetteer=bundled_gazetteer())
    without = briefing_for(store, "Aleppo", date(2016, 12, 9))
    import_acled(store, [ROWS])
    briefing = briefing_for(store, "Aleppo", date(2016, 12, 9))
    assert [e.event_id_cnty for e in briefing.events] == ["SYR90001", "SYR90002", "SYR90003"]
    # never added to claims: the figures are those of the briefing without events
    assert [f.text for s in briefing.sections for f in s.figures] == [
        f.text for s in without.sections for f in s.figures
    ]
    text = render_markdown(briefing)
    assert "## Events (ACLED)" in text and "13 fatalities as ACLED reports them" in text
    assert "SDN90001" not in text  # Khartoum is not Aleppo
    record = json.loads(render_json(briefing))
    assert [e["fatalities"] for e in record["events"]] == [9, 4, 0]
    assert "## Events (ACLED)" not in render_markdown(without)
