"""Hostile metadata (a `javascript:` url, `<script>` and attribute-breaking quotes in title and
publisher) is imported as data and rendered inert everywhere: dashboard, source pages,
Markdown and HTML briefings."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from sitroom.api import create_app
from sitroom.cli import app

TITLE = "Aleppo <script>alert('title')</script>\" onmouseover=\"alert(1)"
# the publisher is the voice of the text's figures: its name is drawn in the chart's legend,
# where "$\\undefined$" would be mathtext that fails the page
PUBLISHER = "<img src=x onerror=alert('publisher')>' data-x=' $\\undefined{x}$"
URL = "javascript:alert(document.cookie)"
TEXT = (
    "ALEPPO, 9 December. More than 3,000 residents returned to their homes in Aleppo "
    "over the past 24 hours, [click](javascript:void(0)) <b>bold</b>.\n"
)
DAY = "2016-12-09"
# what must never appear in any rendering: the live forms of the payloads
LIVE = ("<script>", "<img", "<b>", 'href="javascript:', "href='javascript:")


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("hostile")
    report = folder / "hostile.txt"
    report.write_text(TEXT, encoding="utf-8")
    meta = {"title": TITLE, "publisher": PUBLISHER, "url": URL, "published_at": DAY,
            "kind": "news", "language": "en"}  # fmt: skip
    (folder / "hostile.meta.json").write_text(json.dumps(meta), encoding="utf-8")
    db = f"sqlite:///{folder / 'hostile.db'}"
    for args in (["sample", "load", "--db", db], ["import", "-q", str(report), "--db", db]):
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 0, result.output
    return db


@pytest.fixture(scope="module")
def hostile_client(hostile_db: str) -> Iterator[TestClient]:
    with TestClient(create_app(hostile_db)) as client:
        yield client


def hostile_source_id(client: TestClient) -> int:
    sources = client.get("/api/sources?limit=500").json()["items"]
    found = [s["id"] for s in sources if s["url"] == URL]
    assert len(found) == 1, "the hostile report was imported as data"
    return int(found[0])


def assert_inert(html: str) -> None:
    for live in LIVE:
        assert live not in html
    assert "javascript:" not in "".join(
        part.split('"', 1)[0] for part in html.split('href="')[1:]
    ), "no link goes to javascript:"


def test_source_page_shows_the_javascript_url_as_text_not_a_link(
    hostile_client: TestClient,
) -> None:
    html = hostile_client.get(f"/sources/{hostile_source_id(hostile_client)}").text
    assert_inert(html)
    assert "javascript:alert(document.cookie)" in html  # shown, as text
    assert "&lt;script&gt;" in html and ("&#34;" in html or "&quot;" in html)


@pytest.mark.parametrize("path", ["/", f"/?place=Aleppo&date={DAY}", "/sources"])
def test_dashboard_pages_render_hostile_metadata_inert(
    hostile_client: TestClient, path: str
) -> None:
    response = hostile_client.get(path)
    assert response.status_code == 200
    assert_inert(response.text)
    if path != "/":
        assert "&lt;script&gt;" in response.text  # the title is there, escaped


def test_the_hostile_source_is_quoted_by_the_briefing(hostile_client: TestClient) -> None:
    briefing = hostile_client.get(f"/api/briefing?place=Aleppo&date={DAY}").json()
    assert f'"{TITLE.replace(chr(34), chr(92) + chr(34))}"' in json.dumps(
        briefing, ensure_ascii=False
    )  # the JSON briefing carries the title as data, exactly


def test_markdown_briefing_escapes_html_and_links(hostile_db: str, tmp_path: Path) -> None:
    out = tmp_path / "b.md"
    args = ["briefing", "--place", "Aleppo", "--date", DAY, "--db", hostile_db, "-o", str(out)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code in (0, 3), result.output
    text = out.read_text(encoding="utf-8")
    assert_inert(text)
    assert not re.search(r"(?<!\\)\]\(javascript:", text)  # a link in a quote stays text
    assert "\\[click\\](javascript:void(0))" in text
    assert "&lt;script&gt;alert('title')&lt;/script&gt;" in text
    assert "&lt;img src=x onerror=alert('publisher')&gt;" in text


def test_html_briefing_escapes_hostile_metadata(hostile_db: str, tmp_path: Path) -> None:
    out = tmp_path / "b.html"
    args = ["briefing", "--place", "Aleppo", "--date", DAY, "--db", hostile_db,
            "--format", "html", "-o", str(out)]  # fmt: skip
    result = CliRunner().invoke(app, args)
    assert result.exit_code in (0, 3), result.output
    html = out.read_text(encoding="utf-8")
    assert_inert(html)
    assert "&lt;script&gt;" in html
