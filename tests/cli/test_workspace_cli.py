"""`sitroom init` and `sitroom settings` as a user meets them; briefings follow the workspace."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sitroom.cli import app
from sitroom.store.audit import list_audit
from sitroom.store.database import Store

runner = CliRunner()


def _run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_init_stores_name_place_and_parties_and_settings_shows_them(tmp_path: Path) -> None:
    db = str(tmp_path / "sudan.db")
    code, _, err = _run(
        "init", "--name", "Sudan 2023", "--place", "Khartoum", "--parties", "SAF, RSF", "--db", db
    )
    assert code == 0, err
    assert err.startswith('workspace "Sudan 2023" of Khartoum, parties SAF, RSF in sqlite:///')
    code, out, _ = _run("settings", "--db", db)
    assert code == 0
    assert out == "name\tSudan 2023\nplace\tKhartoum\nparties\tSAF, RSF\n"
    code, out, _ = _run("settings", "show", "--json", "--db", db)
    assert json.loads(out) == {"name": "Sudan 2023", "place": "Khartoum", "parties": ["SAF", "RSF"]}


def test_init_refuses_an_unknown_place_in_one_line_and_writes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "new.db"
    code, out, err = _run("init", "--name", "X", "--place", "Xqzlandia", "--db", str(db))
    assert code == 1 and out == ""
    assert err.startswith('error: setting "place": "Xqzlandia" is not in the gazetteer')
    assert len(err.splitlines()) == 1
    assert not db.exists()


def test_init_twice_is_refused_unless_forced(tmp_path: Path) -> None:
    db = str(tmp_path / "w.db")
    assert _run("init", "--name", "Sudan 2023", "--place", "Khartoum", "--db", db)[0] == 0
    code, _, err = _run("init", "--name", "Darfur", "--place", "El Fasher", "--db", db)
    assert code == 1
    assert err == (
        'error: this database is already the workspace "Sudan 2023" of Khartoum '
        "(change a setting: sitroom settings set KEY VALUE; start over: --force)\n"
    )
    code, _, err = _run("init", "--name", "Darfur", "--place", "El Fasher", "--force", "--db", db)
    assert code == 0, err
    assert _run("settings", "--db", db)[1].startswith("name\tDarfur\nplace\tEl Fasher\n")


def test_settings_set_checks_keys_and_values_and_audits_each_change(tmp_path: Path) -> None:
    db = str(tmp_path / "w.db")
    _run("init", "--name", "Sudan 2023", "--place", "Khartoum", "--db", db)
    code, _, err = _run("settings", "set", "plase", "Omdurman", "--db", db)
    assert (code, err) == (
        1,
        'error: no setting "plase" (closest: place; settings: name, place, parties)\n',
    )
    code, _, err = _run("settings", "set", "place", "Xqzlandia", "--db", db)
    assert code == 1 and err.startswith(
        'error: setting "place": "Xqzlandia" is not in the gazetteer'
    )
    code, _, err = _run("settings", "set", "parties", "SAF,,RSF", "--db", db)
    assert (code, err) == (
        1,
        'error: setting "parties": "SAF,,RSF" has an empty name (e.g. "A, B")\n',
    )
    code, _, err = _run(
        "settings", "set", "parties", " SAF , RSF,SAF", "--who", "amina", "--db", db
    )
    assert (code, err) == (0, "parties: - -> SAF, RSF\n")
    code, _, err = _run("settings", "set", "place", "El Fasher", "--who", "amina", "--db", db)
    assert (code, err) == (0, "place: Khartoum -> El Fasher\n")
    assert (
        _run("settings", "set", "place", "El Fasher", "--db", db)[2] == "place: already El Fasher\n"
    )
    store = Store(f"sqlite:///{db}")
    with store.session() as session:
        entries = list_audit(session, entity="setting")
    store.dispose()
    assert [(e.what, e.after) for e in entries] == [
        ("set_name", '"Sudan 2023"'),
        ("set_place", '"Khartoum"'),
        ("set_parties", '["SAF", "RSF"]'),
        ("set_place", '"El Fasher"'),
    ]
    assert entries[-1].who == "amina"


def test_settings_of_a_database_without_init_are_the_defaults(sample_db: str) -> None:
    code, out, err = _run("settings", "--db", sample_db)
    assert (code, out) == (0, "name\t-\nplace\t-\nparties\t-\n")
    assert err == (
        "this database has no workspace settings "
        "(set them: sitroom init --name NAME --place PLACE)\n"
    )


def test_a_briefing_without_place_and_date_on_a_store_without_init_is_as_before(
    sample_db: str,
) -> None:
    code, out, _ = _run("briefing", "--db", sample_db)
    assert code in (0, 3)
    assert out.startswith("# Briefing: Aleppo, 2016-12-09\n")


def test_a_briefing_without_place_and_date_is_of_the_workspace_on_the_latest_day(
    tmp_path: Path,
) -> None:
    db = str(tmp_path / "aleppo.db")
    assert _run("sample", "load", "--db", db)[0] == 0
    assert _run("init", "--name", "Aleppo 2016", "--place", "eastern Aleppo", "--db", db)[0] == 0
    code, out, _ = _run("briefing", "--db", db)
    assert code in (0, 3)
    assert out.startswith("# Briefing: East Aleppo, 2016-12-19\n")
    code, out, _ = _run("briefing", "--place", "Aleppo", "--db", db)
    assert out.startswith("# Briefing: Aleppo, 2016-12-19\n")


@pytest.mark.usefixtures("pg_url")
def test_init_on_postgresql(pg_url: str) -> None:
    code, _, err = _run("init", "--name", "Sudan 2023", "--place", "Khartoum", "--db", pg_url)
    assert code == 0, err
    assert "postgresql+psycopg://" in err
    code, out, _ = _run("settings", "show", "--json", "--db", pg_url)
    assert json.loads(out) == {"name": "Sudan 2023", "place": "Khartoum", "parties": []}
    assert _run("init", "--name", "Again", "--place", "Khartoum", "--db", pg_url)[0] == 1


def test_a_briefing_without_a_date_takes_the_latest_day_with_figures_at_its_place(
    tmp_path: Path,
) -> None:
    db = str(tmp_path / "w.db")
    assert (
        runner.invoke(
            app, ["init", "--name", "Sudan 2023", "--place", "Sudan", "--db", db]
        ).exit_code
        == 0
    )
    assert runner.invoke(app, ["sample", "load", "world", "--db", db, "-q"]).exit_code == 0
    result = runner.invoke(app, ["briefing", "--place", "Khartoum", "--db", db])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# Briefing: Khartoum, 2023-07-18")
