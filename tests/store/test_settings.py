"""The workspace's settings in the store: defaults, writes, the audit trail, the migration."""

from __future__ import annotations

from sqlalchemy import inspect, text
from typer.testing import CliRunner

from sitroom.cli import app
from sitroom.domain import Workspace
from sitroom.store.audit import list_audit
from sitroom.store.database import Store, downgrade
from sitroom.store.settings import read_settings, read_workspace, write_setting
from sitroom.store.sources import list_sources


def test_a_store_without_settings_has_the_default_workspace(store: Store) -> None:
    with store.session() as session:
        assert read_settings(session) == {}
        workspace = read_workspace(session)
    assert workspace == Workspace() and not workspace.initialised


def test_each_change_is_one_audit_entry_and_a_repeat_is_none(store: Store) -> None:
    with store.session() as session:
        first = write_setting(session, "place", "Khartoum", "amina")
        second = write_setting(session, "place", "El Fasher", "amina")
        again = write_setting(session, "place", "El Fasher", "amina")
        write_setting(session, "parties", ["SAF", "RSF"], "amina")
    assert again is None
    assert first is not None and (first.before, first.after) == (None, '"Khartoum"')
    assert second is not None and (second.before, second.after) == ('"Khartoum"', '"El Fasher"')
    with store.session() as session:
        entries = list_audit(session, entity="setting")
        workspace = read_workspace(session)
    assert [(e.who, e.what) for e in entries] == [
        ("amina", "set_place"),
        ("amina", "set_place"),
        ("amina", "set_parties"),
    ]
    assert workspace == Workspace(name=None, place="El Fasher", parties=("SAF", "RSF"))
    assert workspace.initialised


def test_a_store_made_before_settings_upgrades_and_keeps_its_sources(store: Store) -> None:
    downgrade(store.url, "0002")  # the schema as sitroom made it before this revision
    assert "settings" not in inspect(store.engine).get_table_names()
    upgrade_store = Store(store.url, migrate=False)
    # written with the columns the sources table had then
    with upgrade_store.engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO sources (title, kind, publisher, published_at, language, text, "
                "sha256, ingested_at, ingested_by, reliability) VALUES ('A report made before "
                "workspaces', 'briefing', 'OCHA', '2023-07-18', 'en', 'Some text.', :sha, "
                "'2023-07-18 00:00:00+00', 'sitroom', 'F')"
            ),
            {"sha": "0" * 64},
        )
    result = CliRunner().invoke(app, ["db", "upgrade", "--db", store.url])
    assert result.exit_code == 0, result.output
    assert "settings" in inspect(store.engine).get_table_names()
    with upgrade_store.session() as session:
        assert [s.title for s in list_sources(session)] == ["A report made before workspaces"]
        assert read_workspace(session) == Workspace()
    upgrade_store.dispose()
