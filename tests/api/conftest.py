"""A real SQLite store loaded with the bundled sample, and a TestClient on the app."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

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


@pytest.fixture(scope="module")
def pg_sample_url(
    pg_schema: Callable[[], AbstractContextManager[str]],
) -> Iterator[str]:
    """A PostgreSQL schema holding the sample, for this module, dropped afterwards."""
    with pg_schema() as url:
        store = Store(url)
        load_sample(store, gazetteer=bundled_gazetteer())
        store.dispose()
        yield url


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
