"""Each documented error answers with the one error body."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient


def error_of(client: TestClient, url: str, status: int) -> dict[str, object]:
    response = client.get(url)
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"}
    error = body["error"]
    assert set(error) == {"status", "message", "details"}
    assert error["status"] == status
    assert isinstance(error["message"], str) and error["message"]
    assert isinstance(error["details"], list)
    for detail in error["details"]:
        assert set(detail) == {"field", "problem"}
    return error


@pytest.mark.parametrize("url", ["/api/sources/999999", "/sources/999999"])
def test_unknown_source_is_404(client: TestClient, url: str) -> None:
    error = error_of(client, url, 404)
    assert error["message"] == "no source with id 999999"
    assert error["details"] == []


def test_unknown_path_is_404(client: TestClient) -> None:
    assert error_of(client, "/api/nothing-here", 404)["message"] == "not found"


def test_wrong_method_is_405(client: TestClient) -> None:
    response = client.delete("/api/claims")
    assert response.status_code == 405
    assert response.json() == {
        "error": {"status": 405, "message": "method not allowed", "details": []}
    }


@pytest.mark.parametrize(
    ("url", "field"),
    [
        ("/api/claims?limit=0", "limit"),
        ("/api/claims?limit=501", "limit"),
        ("/api/claims?limit=many", "limit"),
        ("/api/claims?source=abc", "source"),
        ("/api/sources?limit=501", "limit"),
        ("/api/sources/abc", "source_id"),
        ("/api/briefing?date=2016-13-02", "date"),
        ("/?date=yesterday", "date"),
        ("/api/briefing?place=", "place"),
    ],
)
def test_invalid_parameter_is_422_naming_the_field(
    client: TestClient, url: str, field: str
) -> None:
    error = error_of(client, url, 422)
    assert [d["field"] for d in error["details"]] == [field]
    assert error["message"] == f"invalid request: {field}"


@pytest.mark.parametrize("list_url", ["/api/claims", "/api/sources"])
@pytest.mark.parametrize("cursor", ["not-a-cursor", "eyJrIjoib3RoZXIiLCJhIjpbMV19", "%%%"])
def test_foreign_cursor_is_400(client: TestClient, list_url: str, cursor: str) -> None:
    error = error_of(client, f"{list_url}?cursor={cursor}", 400)
    assert [d["field"] for d in error["details"]] == ["cursor"]
    assert "is not a cursor of this list" in error["message"]


def test_cursor_of_claims_is_refused_by_sources(client: TestClient) -> None:
    claims_next = client.get("/api/claims?limit=1").json()["next"]
    cursor = claims_next.split("cursor=")[1]
    error = error_of(client, f"/api/sources?cursor={cursor}", 400)
    assert error["details"][0]["field"] == "cursor"


@pytest.mark.parametrize(
    ("url", "status", "words"),
    [
        ("/?place=Xqzlandia&date=2016-12-09", 404, "is not in the gazetteer"),
        ("/sources/999999", 404, "no source with id 999999"),
        ("/?place=Aleppo&date=", 422, "invalid request: date"),
        ("/no-such-page", 404, "not found"),
    ],
)
def test_a_browser_gets_an_error_page_not_json(
    client: TestClient, url: str, status: int, words: str
) -> None:
    response = client.get(url, headers={"accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert response.status_code == status
    assert response.headers["content-type"].startswith("text/html")
    assert words in response.text
    assert '<form class="pick"' in response.text  # ask again from the same page


def test_the_api_answers_a_browser_in_json(client: TestClient) -> None:
    response = client.get("/api/sources/999999", headers={"accept": "text/html"})
    assert response.status_code == 404
    assert response.json()["error"]["message"] == "no source with id 999999"
