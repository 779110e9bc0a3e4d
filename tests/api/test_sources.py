from __future__ import annotations

from fastapi.testclient import TestClient


def test_sources_list_is_paginated_oldest_first(client: TestClient) -> None:
    first = client.get("/api/sources", params={"limit": 3}).json()
    assert len(first["items"]) == 3
    rest = client.get(first["next"]).json()
    assert rest["next"] is None
    items = first["items"] + rest["items"]
    assert len(items) == 4
    days = [item["published_at"] for item in items]
    assert days == sorted(days)
    assert "text" not in items[0]
    assert len({item["id"] for item in items}) == 4


def test_source_detail_has_full_text_and_claim_count(client: TestClient) -> None:
    listed = client.get("/api/sources").json()["items"]
    rudskoy = next(s for s in listed if s["filename"] == "aleppo-2016-12-09-rudskoy.html")
    detail = client.get(f"/api/sources/{rudskoy['id']}").json()
    assert detail["text"].startswith("93% of Aleppo in Syrian Control")
    assert detail["claims"] > 10
    assert detail["page"] == f"/sources/{rudskoy['id']}"


def test_a_page_source_keeps_its_original_file(client: TestClient) -> None:
    from pathlib import Path

    listed = client.get("/api/sources").json()["items"]
    page = next(s for s in listed if s["filename"] == "aleppo-2016-12-09-rudskoy.html")
    assert page["media_type"] == "text/html"
    original = client.get(page["original"])
    assert original.status_code == 200
    assert original.headers["content-type"] == "application/octet-stream"
    assert "attachment" in original.headers["content-disposition"]
    sample = Path(__file__).parents[2] / "src" / "sitroom" / "sample" / "reports"
    assert original.content == (sample / "aleppo-2016-12-09-rudskoy.html").read_bytes()
    text = next(s for s in listed if s["filename"].endswith(".txt"))
    assert text["original"] is None
    assert client.get(f"/api/sources/{text['id']}/original").status_code == 404
