"""Opening a store: the database URL, the engine, the schema via Alembic."""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from sitroom.domain import SitroomError

if TYPE_CHECKING:
    from alembic.config import Config

# The newest migration's revision. Opening a store compares it with the database's
# instead of asking Alembic, whose import and reading of the migrations cost every
# command some 0.3 s; tests/store/test_migrations.py holds it to Alembic's head.
SCHEMA_HEAD = "0010"

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


BUSY_TIMEOUT_S = 30.0  # how long SQLite waits for another writer; `?timeout=N` in the URL


def _prepare_sqlite(wait_s: float, dbapi_connection: object, _record: object) -> None:
    # The driver leaves transactions to us (isolation_level None, BEGIN in _begin_sqlite):
    # pysqlite's own begins skip DDL, so a schema made at first use was not one transaction
    # and a kill in the middle left tables without their alembic_version row.
    dbapi_connection.isolation_level = None  # type: ignore[attr-defined]
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
    cursor.execute("PRAGMA foreign_keys=ON")
    # readers go on while one process writes; a writer waits for another (busy timeout)
    _wal(cursor, wait_s)
    cursor.close()


def _wal(cursor: Any, wait_s: float) -> None:
    """Put the file in WAL mode. SQLite answers "locked" to this at once, without its busy
    handler, while another process writes a new file's first transaction (not yet in WAL):
    so the busy timeout is kept here by hand."""
    deadline = time.monotonic() + wait_s
    while True:
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as err:
            if "locked" not in str(err) or time.monotonic() >= deadline:
                raise
            time.sleep(0.01)


def _begin_sqlite(connection: Connection) -> None:
    # "IMMEDIATE" for writes: the write lock is taken at BEGIN, where the busy timeout
    # applies, instead of at the first write of a transaction that read an older state
    mode = connection.get_execution_options().get("sqlite_begin", "")
    connection.exec_driver_sql(f"BEGIN {mode}".strip())


def make_engine(url: str, connections: int | None = None) -> Engine:
    """An engine for `url`; SQLite gets foreign keys, WAL, a busy timeout, real transactions.

    `connections`: how many connections the pool keeps open (a server's threads each hold
    one); without it, SQLAlchemy's default of 5. Connections beyond those kept are opened
    and closed per use, which costs a server a connect (and, on SQLite, its pragmas) per
    request."""
    parsed = make_url(url)
    pool: dict[str, int] = {}
    if connections is not None:
        pool = {"pool_size": connections, "max_overflow": connections}
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, future=True, **pool)
    timeout = {} if "timeout" in parsed.query else {"timeout": BUSY_TIMEOUT_S}
    engine = create_engine(url, future=True, connect_args=timeout, **pool)
    event.listen(engine, "connect", partial(_prepare_sqlite, _timeout(url)))
    event.listen(engine, "begin", _begin_sqlite)
    return engine


# rows ANALYZE reads per index: the planner needs the tables' rough sizes and spreads,
# not exact counts (3 ms at 100,000 claims instead of 50 ms)
ANALYSIS_LIMIT = 1000


def refresh_statistics(session: Session) -> None:
    """Tell SQLite's query planner how large the tables and their indexes now are, once a
    bulk write (an import, a re-extraction, events) is done: 3 ms at 100,000 claims, so
    not after every claim a review adds. Without statistics it guesses, and read the day
    before a briefing through the index of indicators, every claim of the store, instead
    of through the day's sources (0.1 s instead of 0.015 s at 100,000 claims,
    bench/briefing.py). PostgreSQL's autovacuum keeps its own statistics."""
    if session.get_bind().dialect.name != "sqlite":
        return
    session.execute(text(f"PRAGMA analysis_limit={ANALYSIS_LIMIT}"))
    session.execute(text("ANALYZE"))


class StoreBusy(SitroomError):
    """Another process held the database's write lock for longer than the busy timeout."""


@contextmanager
def refused_when_locked(url: str) -> Iterator[None]:
    """Turn SQLite's "database is locked" (after the busy timeout) into StoreBusy."""
    try:
        yield
    except OperationalError as err:
        if "database is locked" not in str(err.orig):
            raise
        shown = make_url(url).render_as_string(hide_password=True)
        raise StoreBusy(
            f'database "{shown}" is locked by another writer (waited {_timeout(url):g} s; '
            "try again when it is done)"
        ) from err


def _timeout(url: str) -> float:
    given = make_url(url).query.get("timeout")
    return float(given if isinstance(given, str) else BUSY_TIMEOUT_S)


def alembic_config(url: str) -> Config:
    """An Alembic config pointing at the migrations bundled in the package."""
    from alembic.config import Config

    migrations = resources.files("sitroom.store").joinpath("migrations")
    config = Config()
    config.set_main_option("script_location", str(migrations))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(url: str, revision: str = "head") -> None:
    """Bring the schema at `url` up to `revision` (Alembic), in one locked transaction.

    On SQLite the transaction takes the write lock first (BEGIN IMMEDIATE); on PostgreSQL
    an advisory lock per schema. Either way two processes at first use do not both create
    the tables, and a kill part-way leaves the schema as it was.
    """
    from alembic import command

    _migrate(url, lambda config: command.upgrade(config, revision))


def downgrade(url: str, revision: str = "base") -> None:
    """Take the schema at `url` down to `revision` (Alembic)."""
    from alembic import command

    _migrate(url, lambda config: command.downgrade(config, revision))


def _migrate(url: str, run: Callable[[Config], None]) -> None:
    engine = make_engine(url)
    config = alembic_config(url)
    try:
        with (
            refused_when_locked(url),
            engine.execution_options(sqlite_begin="IMMEDIATE").begin() as connection,
        ):
            if engine.dialect.name == "postgresql":
                connection.execute(
                    text("SELECT pg_advisory_xact_lock(hashtext(:key))"),
                    {
                        "key": "sitroom.migrations."
                        + str(connection.scalar(text("SELECT current_schema()")))
                    },
                )
            config.attributes["connection"] = connection  # env.py runs in this transaction
            run(config)
    finally:
        engine.dispose()


class Store:
    """A database: its URL, engine and session factory. Schema made by `upgrade` on open."""

    def __init__(self, url: str, *, migrate: bool = True, connections: int | None = None) -> None:
        self.url = url
        self.engine = make_engine(url, connections)
        if migrate:
            with refused_when_locked(url):
                current = _is_current(self.engine)
            if not current:
                upgrade(url)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._writes = sessionmaker(
            self.engine.execution_options(sqlite_begin="IMMEDIATE"), expire_on_commit=False
        )

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session in one transaction: committed on success, rolled back on error."""
        with refused_when_locked(self.url), self._sessions() as session, session.begin():
            yield session

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        """A connection in one transaction, for reads that need no ORM session (a third
        less time for a page of claims: bench/api.py)."""
        with refused_when_locked(self.url), self.engine.begin() as connection:
            yield connection

    @contextmanager
    def write_session(self) -> Iterator[Session]:
        """A session that writes: on SQLite it waits for the write lock at its start, so
        what it reads is not made stale by another writer before it writes."""
        with refused_when_locked(self.url), self._writes() as session, session.begin():
            yield session

    def dispose(self) -> None:
        self.engine.dispose()


def _is_current(engine: Engine) -> bool:
    if not inspect(engine).has_table("alembic_version"):
        return False
    with engine.connect() as connection:
        current = connection.scalars(text("SELECT version_num FROM alembic_version")).all()
    return current == [SCHEMA_HEAD]


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
