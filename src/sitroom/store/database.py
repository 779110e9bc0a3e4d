"""Opening a store: the database URL, the engine, the schema via Alembic."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DatabaseError
from sqlalchemy.orm import Session, sessionmaker

from sitroom.domain import SitroomError

ENV_VAR = "SITROOM_DATABASE_URL"
DEFAULT_FILE = "sitroom.db"


def database_url(explicit: str | None = None) -> str:
    """The URL from `--db`, else SITROOM_DATABASE_URL, else a SQLite file in the working dir.

    A bare path (no "://") is taken as a SQLite file.
    """
    url = explicit or os.environ.get(ENV_VAR) or DEFAULT_FILE
    if "://" not in url:
        url = f"sqlite:///{Path(url).expanduser().resolve()}"
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    return url


def _enable_sqlite_foreign_keys(dbapi_connection: object, _record: object) -> None:
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def make_engine(url: str) -> Engine:
    """An engine for `url`; SQLite gets foreign keys switched on."""
    engine = create_engine(url, future=True)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _enable_sqlite_foreign_keys)
    return engine


def alembic_config(url: str) -> Config:
    """An Alembic config pointing at the migrations bundled in the package."""
    migrations = resources.files("sitroom.store").joinpath("migrations")
    config = Config()
    config.set_main_option("script_location", str(migrations))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(url: str, revision: str = "head") -> None:
    """Bring the schema at `url` up to `revision` (Alembic)."""
    command.upgrade(alembic_config(url), revision)


def downgrade(url: str, revision: str = "base") -> None:
    """Take the schema at `url` down to `revision` (Alembic)."""
    command.downgrade(alembic_config(url), revision)


class Store:
    """A database: its URL, engine and session factory. Schema made by `upgrade` on open."""

    def __init__(self, url: str, *, migrate: bool = True) -> None:
        self.url = url
        self.engine = make_engine(url)
        if migrate and not _is_current(self.engine):
            upgrade(url)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session in one transaction: committed on success, rolled back on error."""
        with self._sessions() as session, session.begin():
            yield session

    def dispose(self) -> None:
        self.engine.dispose()


def _is_current(engine: Engine) -> bool:
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    if not inspect(engine).has_table("alembic_version"):
        return False
    script = ScriptDirectory.from_config(
        alembic_config(engine.url.render_as_string(hide_password=False))
    )
    with engine.connect() as connection:
        current = MigrationContext.configure(connection).get_current_heads()
    return set(current) == set(script.get_heads())


class NoDatabase(SitroomError):
    """The database named does not exist or cannot be reached."""


def open_store(db: str | None = None, *, create: bool = True) -> Store:
    """The store named by `--db`, SITROOM_DATABASE_URL or the default, schema up to date.

    With `create=False` (commands that only read) a SQLite file that does not exist is
    refused instead of being made empty, so a mistyped path is not answered with nothing.
    """
    url = database_url(db)
    parsed = make_url(url)
    in_file = parsed.get_backend_name() == "sqlite" and parsed.database not in (
        None,
        "",
        ":memory:",
    )
    if not create and in_file and not Path(str(parsed.database)).exists():
        raise NoDatabase(
            f'no database at "{parsed.database}" (load one first: sitroom sample load '
            f"--db {parsed.database}, or give --db / $SITROOM_DATABASE_URL)"
        )
    try:
        return Store(url)
    except DatabaseError as err:  # unreachable server, or a file that is no database
        shown = parsed.render_as_string(hide_password=True)
        reason = str(err.orig).strip().splitlines()[0] if err.orig else str(err)
        raise NoDatabase(f'cannot open database "{shown}": {reason}') from err
