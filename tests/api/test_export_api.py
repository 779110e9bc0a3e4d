"""/api/export: the files `sitroom export` writes, as downloads."""

from __future__ import annotations

import csv
import io
import json

from fastapi.testclient import TestClient


def test_claims_download_as_hxl_with_their_provenance(client: TestClient) -> None:
    response = client.get("/api/export/claims?format=hxl&indicator=people.evacuated")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert 'filename="sitroom-claims.hxl.csv"' in response.headers["content-disposition"]
    rows = list(csv.reader(io.StringIO(response.text)))
    headers, tags, data = rows[0], rows[1], rows[2:]
    assert tags[:4] == ["#meta+id", "#meta+source+id", "#meta+source+title", "#meta+source+url"]
    assert "#affected+evacuated+num" in tags and data
    for row in data:
        cells = dict(zip(headers, row, strict=True))
        assert cells["indicator"] == "people.evacuated" and cells["quote"]
        assert int(cells["quote_end"]) > int(cells["quote_start"]) >= 0


def test_placed_claims_have_rfc7946_geometries(client: TestClient) -> None:
    document = client.get("/api/export/claims?format=geojson&place=Aleppo").json()
    assert document["type"] == "FeatureCollection" and document["features"]
    placed = [f for f in document["features"] if f["geometry"]]
    assert placed
    for feature in placed:
        ring = feature["geometry"]["coordinates"]
        while isinstance(ring[0], list):
            ring = ring[0]
        lon, lat = ring
        assert 35.5 < lon < 42.5 and 32.0 < lat < 37.5  # in Syria, longitude first


def test_other_exports_and_a_format_without_a_shape(client: TestClient) -> None:
    places = client.get("/api/export/places").json()
    assert places["features"][0]["properties"]["name"]
    control = client.get("/api/export/control").text.splitlines()
    assert control[0].startswith("id,place,actor,status,observed_on")
    lines = client.get("/api/export/claims?format=jsonl&source=1").text.splitlines()
    assert all(json.loads(line)["source_id"] == 1 for line in lines)
    refused = client.get("/api/export/claims?format=acled")
    assert refused.status_code == 422
    assert "no acled shape" in refused.json()["error"]["message"]
    assert client.get("/api/export/nothing").status_code == 422
