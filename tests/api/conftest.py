"""A real SQLite store loaded with the bundled sample, and a TestClient on the app."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text

from sitroom.api import create_app
from sitroom.geo.bundled import bundled_gazetteer
from sitroom.ingest.sample import load_sample
from sitroom.store.database import Store


@pytest.fixture(scope="session")
def sample_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The URL of a SQLite file holding the sample; loaded once, read by every API test."""
    url = f"sqlite:///{tmp_path_factory.mktemp('api') / 'sample.db'}"
    store = Store(url)
    load_sample(store, gazetteer=bundled_gazetteer())
    store.dispose()
    return url


# the server tests/conftest.py's pg_url uses; here one schema serves a whole module
PG_ADMIN_URL = os.environ.get(
    "SITROOM_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


@pytest.fixture(scope="module")
def pg_sample_url() -> Iterator[str]:
    """A PostgreSQL schema holding the sample, for this module, dropped afterwards."""
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
    url = f"{PG_ADMIN_URL}{sep}options=-csearch_path%3D{schema}"
    store = Store(url)
    load_sample(store, gazetteer=bundled_gazetteer())
    store.dispose()
    yield url
    with admin.connect() as connection:
        connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


@pytest.fixture(scope="module")
def pg_client(pg_sample_url: str) -> Iterator[TestClient]:
    with TestClient(create_app(pg_sample_url)) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def client(sample_url: str) -> Iterator[TestClient]:
    with TestClient(create_app(sample_url)) as test_client:
        yield test_client


@pytest.fixture
def empty_client(tmp_path: Path) -> Iterator[TestClient]:
    with TestClient(create_app(f"sqlite:///{tmp_path / 'empty.db'}")) as test_client:
        yield test_client
