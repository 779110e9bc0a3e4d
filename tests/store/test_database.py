from sqlalchemy import inspect, text

from sitroom.store.database import SCHEMA_HEAD, Store, database_url, downgrade, upgrade


def test_schema_is_built_by_migrations(store: Store) -> None:
    tables = set(inspect(store.engine).get_table_names())
    assert {
        "sources",
        "claims",
        "places",
        "control_observations",
        "actors",
        "alembic_version",
    } <= tables


def test_migrations_go_down_and_up_again(store: Store) -> None:
    downgrade(store.url)
    assert "claims" not in inspect(store.engine).get_table_names()
    upgrade(store.url)
    assert "claims" in inspect(store.engine).get_table_names()


def test_database_url_takes_flag_then_env_then_default(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("SITROOM_DATABASE_URL", "postgresql://u@h/db")
    assert database_url("sqlite:///x.db") == "sqlite:///x.db"
    assert database_url() == "postgresql+psycopg://u@h/db"
    monkeypatch.delenv("SITROOM_DATABASE_URL")
    monkeypatch.chdir(tmp_path)
    assert database_url() == f"sqlite:///{tmp_path / 'sitroom.db'}"


def test_migrations_build_exactly_the_tables_the_code_declares(store: Store) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from sitroom.store.jobs import is_queue_table
    from sitroom.store.tables import Base

    def ours(name, type_, _parents):  # the job queue's tables are procrastinate's SQL
        return not (type_ == "table" and is_queue_table(name))

    with store.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"include_name": ours})
        differences = compare_metadata(context, Base.metadata)
    assert differences == []


def test_schema_head_is_alembics_newest_revision(tmp_path) -> None:
    # opening a store trusts SCHEMA_HEAD instead of asking Alembic: a new migration must
    # move it, or stores would never be upgraded to it
    from alembic.script import ScriptDirectory

    from sitroom.store.database import alembic_config

    script = ScriptDirectory.from_config(alembic_config(f"sqlite:///{tmp_path}/x.db"))
    assert script.get_heads() == [SCHEMA_HEAD]


def test_a_store_one_migration_behind_is_upgraded_on_open(tmp_path) -> None:
    url = f"sqlite:///{tmp_path}/behind.db"
    upgrade(url, "0003")
    Store(url)
    with Store(url).engine.connect() as connection:
        assert connection.scalar(text("SELECT version_num FROM alembic_version")) == SCHEMA_HEAD
