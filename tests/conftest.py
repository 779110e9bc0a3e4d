"""Shared fixtures: a real store on SQLite and on loopback PostgreSQL, the sample data."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from sitroom.store.database import Store

DATA = Path(__file__).parent / "data"
SAMPLE = Path(__file__).parents[1] / "src" / "sitroom" / "sample"
REPORTS = SAMPLE / "reports"
PG_ADMIN_URL = os.environ.get(
    "SITROOM_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite tests/data/golden")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture
def sqlite_store(tmp_path: Path) -> Iterator[Store]:
    store = Store(f"sqlite:///{tmp_path / 'sitroom.db'}")
    yield store
    store.dispose()


@contextmanager
def new_pg_schema() -> Iterator[str]:
    """The URL of a fresh schema in the `test` database, dropped afterwards: CI reuses the
    server. Skips the test where PostgreSQL is not reachable, outside CI."""
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    except Exception as err:
        admin.dispose()
        if os.environ.get("CI"):
            raise
        pytest.skip(f"PostgreSQL not reachable at {PG_ADMIN_URL}: {err}")
    sep = "&" if "?" in PG_ADMIN_URL else "?"
    try:
        yield f"{PG_ADMIN_URL}{sep}options=-csearch_path%3D{schema}"
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(scope="session")
def pg_schema() -> Callable[[], AbstractContextManager[str]]:
    """`new_pg_schema`, for fixtures of a wider scope than `pg_url`'s."""
    return new_pg_schema


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh schema in the `test` database, dropped afterwards: CI reuses the server."""
    with new_pg_schema() as url:
        yield url


@pytest.fixture
def pg_store(pg_url: str) -> Iterator[Store]:
    store = Store(pg_url)
    yield store
    store.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """The same test on SQLite and on PostgreSQL, schema built by `alembic upgrade head`."""
    if request.param == "sqlite":
        yield request.getfixturevalue("sqlite_store")
    else:
        yield request.getfixturevalue("pg_store")


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The URL of a SQLite file loaded with the bundled sample by `sitroom sample load`;
    one per test module, so a module that grades or imports changes only its own."""
    from typer.testing import CliRunner

    from sitroom.cli import app

    db = f"sqlite:///{tmp_path_factory.mktemp('sample') / 'sitroom.db'}"
    result = CliRunner().invoke(app, ["sample", "load", "--db", db])
    assert result.exit_code == 0, result.output
    return db
