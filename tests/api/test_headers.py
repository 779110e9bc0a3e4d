"""Every response carries the security headers: pages, API, static files, errors, docs."""

from __future__ import annotations

import base64
import hashlib
import re

import pytest
from fastapi.testclient import TestClient

EXPECTED = {
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
}


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/sources",
        "/sources/1",
        "/api/claims?limit=1",
        "/api/sources/1",
        "/api/briefing",
        "/static/sitroom.css",
        "/openapi.json",
        "/api/nothing-here",
        "/sources/999999",
        "/api/claims?limit=0",
        "/api/claims?cursor=x",
        "/api/claims?place=%00",
    ],
)
def test_security_headers_on_every_response(client: TestClient, path: str) -> None:
    response = client.get(path)
    for name, value in EXPECTED.items():
        assert response.headers[name] == value, (path, name)
    policy = response.headers["content-security-policy"]
    assert (
        "script-src 'self'" in policy
        and "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]
    )
    assert "frame-ancestors 'none'" in policy and "default-src 'none'" in policy


def test_dashboard_pages_hold_no_inline_script(client: TestClient) -> None:
    for path in ("/", "/sources", "/sources/1", "/map", "/claims"):
        html = client.get(path).text
        # only scripts of the package's own files, which the policy's 'self' admits
        assert re.findall(r"<script(?![^>]*\bsrc=\"/static/)", html) == [], path
        assert " on" + "click=" not in html


def test_docs_page_allows_only_its_own_inline_script_by_hash(client: TestClient) -> None:
    response = client.get("/docs")
    assert response.status_code == 200
    scripts = re.findall(r"<script>(.*?)</script>", response.text, re.DOTALL)
    assert scripts, "Swagger UI starts from an inline script"
    policy = response.headers["content-security-policy"]
    for script in scripts:
        digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in policy
    assert "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]
    assert response.headers["x-frame-options"] == "DENY"
