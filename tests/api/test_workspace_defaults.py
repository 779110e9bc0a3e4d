"""The dashboard and /api/briefing default to the workspace's place and latest day."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from sitroom.api import create_app
from sitroom.cli import app
from sitroom.report.target import default_target, suggested_places
from sitroom.store.database import Store


@pytest.fixture(scope="module")
def workspace_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('ws') / 'workspace.db'}"
    for args in (
        ["sample", "load", "--db", url],
        ["init", "--name", "Aleppo 2016", "--place", "Hanano", "--db", url],
    ):
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 0, result.output
    return url


@pytest.fixture(scope="module")
def workspace_client(workspace_url: str) -> Iterator[TestClient]:
    with TestClient(create_app(workspace_url)) as test_client:
        yield test_client


def test_the_page_opens_on_the_workspace_place_with_its_places_suggested(
    workspace_client: TestClient,
) -> None:
    html = workspace_client.get("/").text
    assert "<h1>Briefing: Hanano, 2016-12-14</h1>" in html  # its latest day with figures
    assert '<input name="place" value="Hanano" list="places"' in html
    datalist = html[html.index('<datalist id="places">') : html.index("</datalist>")]
    assert datalist.index('value="Hanano"') < datalist.index('value="Aleppo"')
    assert 'value="East Aleppo"' in datalist and "Al-Razi" not in datalist  # not locatable


def test_api_briefing_defaults_the_same_way(workspace_client: TestClient) -> None:
    body = workspace_client.get("/api/briefing").json()
    assert (body["place"], body["date"]) == ("Hanano", "2016-12-14")
    body = workspace_client.get("/api/briefing", params={"place": "Aleppo"}).json()
    assert (body["place"], body["date"]) == ("Aleppo", "2016-12-19")


def test_an_error_page_suggests_the_places_too(workspace_client: TestClient) -> None:
    response = workspace_client.get("/?place=Xqzlandia", headers={"accept": "text/html"})
    assert response.status_code == 404
    assert '<datalist id="places">' in response.text and 'value="Hanano"' in response.text


def test_an_empty_workspace_opens_on_its_place_today(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'sudan.db'}"
    result = CliRunner().invoke(
        app, ["init", "--name", "Sudan", "--place", "Khartoum", "--db", url]
    )
    assert result.exit_code == 0, result.output
    store = Store(url)
    place, _ = default_target(store, None, None)
    assert place == "Khartoum" and suggested_places(store) == ["Khartoum"]
    store.dispose()
