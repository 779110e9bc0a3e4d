"""Hostile and out-of-range requests answer 4xx in the one error body, never a 500, and
SQLite answers them as PostgreSQL does (ids, days, filter lengths, cursors, NUL)."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient


def error_of(client: TestClient, url: str, status: int) -> dict[str, object]:
    """The error of `url`, checked to be the one error body with `status`."""
    response = client.get(url)
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"status", "message", "details"}
    assert body["error"]["status"] == status
    return dict(body["error"])


def cursor_of(raw: str) -> str:
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


@pytest.mark.parametrize(
    ("url", "field"),
    [
        ("/api/sources/2147483648", "source_id"),
        ("/api/sources/99999999999999999999", "source_id"),
        ("/api/sources/0", "source_id"),
        ("/sources/2147483648", "source_id"),
        ("/api/claims?source=2147483648", "source"),
        ("/api/claims?source=-1", "source"),
        ("/api/briefing?date=0001-01-01", "date"),
        ("/api/briefing?date=9999-12-31", "date"),
        ("/?date=1899-12-31", "date"),
        ("/api/claims?place=" + "a" * 201, "place"),
        ("/api/claims?claimant=" + "a" * 60_000, "claimant"),
        ("/api/claims?indicator=" + "x" * 201, "indicator"),
        ("/api/briefing?place=" + "a" * 201, "place"),
    ],
)
def test_out_of_range_parameter_is_422_naming_it(client: TestClient, url: str, field: str) -> None:
    error = error_of(client, url, 422)
    assert [d["field"] for d in error["details"]] == [field]


def test_largest_id_is_a_plain_404(client: TestClient) -> None:
    error_of(client, "/api/sources/2147483647", 404)


@pytest.mark.parametrize(
    "raw",
    [
        '{"k":"claims","a":[99999999999999999999]}',
        '{"k":"claims","a":[2147483648]}',
        '{"k":"claims","a":[true]}',
        '{"k":"claims","a":[-1]}',
        '{"k":"claims","a":[1.5]}',
        "true",
        "[" * 5000 + "]" * 5000,
        '{"k":"claims","a":[' + "[" * 5000 + "]" * 5000 + "]}",
        '{"k":"claims","a":[1],"x":1}',
    ],
)
def test_hostile_claims_cursor_is_400(client: TestClient, raw: str) -> None:
    error = error_of(client, f"/api/claims?cursor={cursor_of(raw)}", 400)
    assert [d["field"] for d in error["details"]] == ["cursor"]


@pytest.mark.parametrize(
    "after",
    [["0001-01-01", 1], ["2016-12-09", 2**40], ["2016-13-01", 1], ["2016-12-09", True], [1, 1]],
)
def test_hostile_sources_cursor_is_400(client: TestClient, after: list[object]) -> None:
    raw = json.dumps({"k": "sources", "a": after}, separators=(",", ":"))
    error_of(client, f"/api/sources?cursor={cursor_of(raw)}", 400)


def test_cursors_the_api_wrote_still_page(client: TestClient) -> None:
    for url in ("/api/claims?limit=2", "/api/sources?limit=1"):
        following = client.get(url).json()["next"]
        assert following is not None
        assert client.get(following).status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "/api/claims?place=%00",
        "/api/claims?claimant=a%00b",
        "/api/claims?cursor=%00",
        "/api/briefing?place=Aleppo%00",
        "/?place=%00",
        "/api/sources/1%00",
        "/static/sitroom.css%00",
    ],
)
def test_nul_in_any_parameter_is_400(client: TestClient, url: str) -> None:
    error = error_of(client, url, 400)
    assert "NUL" in error["message"]


def test_like_wildcards_match_only_themselves(client: TestClient) -> None:
    for pattern in ("%", "_", "%25", "\\", "a%b"):
        response = client.get("/api/claims", params={"place": pattern})
        assert response.status_code == 200, response.text
        assert response.json()["items"] == []
    everything = client.get("/api/claims", params={"limit": 1}).json()["items"]
    assert everything, "the sample has claims"
    place = next(
        c["place"] for c in client.get("/api/claims?limit=500").json()["items"] if c["place"]
    )
    found = client.get("/api/claims", params={"place": place[1:-1]}).json()["items"]
    assert found and all(
        place[1:-1].lower() in (c["place"] or c["origin"] or c["destination"] or "").lower()
        or any(place[1:-1].lower() in (c[k] or "").lower() for k in ("origin", "destination"))
        for c in found
    )


def test_unexpected_failure_is_500_in_the_error_body(tmp_path: Path) -> None:
    import sqlite3

    from sitroom.api import create_app
    from sitroom.store.database import Store

    path = tmp_path / "broken.db"
    Store(f"sqlite:///{path}").dispose()
    with TestClient(create_app(f"sqlite:///{path}")) as broken:
        with sqlite3.connect(path) as db:  # a real fault: the table is gone under the server
            db.execute("DROP TABLE claims")
        error = error_of(broken, "/api/claims", 500)
        assert error["message"].startswith("internal error")
        assert "claims" not in error["message"]  # no SQL or traceback leaks out
        page = broken.get("/sources/1", headers={"accept": "text/html"})
        assert page.status_code in (404, 500)
        assert broken.get("/api/claims").headers["x-frame-options"] == "DENY"


@pytest.mark.postgres
@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/api/claims?place=%00", 400),
        ("/api/claims?claimant=a%00", 400),
        ("/api/sources/2147483648", 422),
        ("/api/claims?source=2147483648", 422),
        ("/api/sources/2147483647", 404),
        ("/api/briefing?date=0001-01-01", 422),
        ("/api/claims?place=" + "a" * 60_000, 422),
        ("/api/claims?cursor=" + cursor_of('{"k":"claims","a":[99999999999999999999]}'), 400),
    ],
)
def test_postgresql_answers_as_sqlite(
    pg_client: TestClient, client: TestClient, url: str, status: int
) -> None:
    assert error_of(pg_client, url, status) == error_of(client, url, status)


@pytest.mark.postgres
def test_like_wildcards_match_only_themselves_on_postgresql(pg_client: TestClient) -> None:
    for pattern in ("%", "_", "\\"):
        response = pg_client.get("/api/claims", params={"place": pattern})
        assert response.status_code == 200 and response.json()["items"] == []
