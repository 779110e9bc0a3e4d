"""The dashboard pages: the briefing links every figure to its footnote and every footnote
to the highlighted quote; the source page marks every claim."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from fastapi.testclient import TestClient


class MarkText(HTMLParser):
    """The text inside each claim's marks (all its pieces), by claim id."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str | None] = []
        self.text: dict[str, str] = {}
        self.ids: list[str] = []
        self.plain: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "mark":
            found = dict(attrs)
            self.open.append(found.get("data-claim"))
            if found.get("id"):
                self.ids.append(str(found["id"]))

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark":
            self.open.pop()

    def handle_data(self, data: str) -> None:
        for claim in {c for c in self.open if c}:
            self.text[claim] = self.text.get(claim, "") + data


def test_briefing_defaults_to_aleppo_on_the_sample_day(client: TestClient) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "<h1>Briefing: Aleppo, 2016-12-09</h1>" in response.text
    assert 'href="/static/sitroom.css"' in response.text


def test_every_figure_links_to_a_footnote_that_links_to_quotes(client: TestClient) -> None:
    html = client.get("/", params={"place": "Aleppo", "date": "2016-12-09"}).text
    figures = re.findall(r'<li class="figure" id="figure-(\d+)">(.*?)</li>', html, re.S)
    assert figures
    footnotes = dict(re.findall(r'<li id="fn-(\d+)" value="\d+">(.*?)</ul>\s*</li>', html, re.S))
    for number, body in figures:
        assert f'href="#fn-{number}"' in body
        assert re.search(r'class="value" href="/sources/\d+#claim-\d+"', body)
        assert re.search(r'href="/sources/\d+#claim-\d+"', footnotes[number])
    ninety_three = next(body for _, body in figures if ">93%" in body)
    number = re.search(r'href="#fn-(\d+)"', ninety_three).group(1)  # type: ignore[union-attr]
    assert re.search(r'href="/sources/\d+#claim-\d+">“93%”</a>', footnotes[number])


def test_static_stylesheet_is_served(client: TestClient) -> None:
    response = client.get("/static/sitroom.css")
    assert response.status_code == 200
    assert "@media print" in response.text


def test_pages_load_nothing_from_elsewhere(client: TestClient) -> None:
    for url in ("/", "/sources", "/sources/1"):
        html = client.get(url).text
        assert not re.search(r'<(script|link|img)[^>]+(src|href)="(https?:)?//', html), url


def rudskoy_id(client: TestClient) -> int:
    listed = client.get("/api/sources").json()["items"]
    found: int = next(s["id"] for s in listed if s["filename"] == "aleppo-2016-12-09-rudskoy.html")
    return found


def test_source_page_marks_every_claim_with_its_exact_quote(client: TestClient) -> None:
    source_id = rudskoy_id(client)
    claims = client.get("/api/claims", params={"source": source_id, "limit": 500}).json()["items"]
    assert claims
    text = client.get(f"/api/sources/{source_id}").json()["text"]
    html = client.get(f"/sources/{source_id}").text
    parser = MarkText()
    parser.feed(html)
    assert sorted(parser.ids) == sorted(f"claim-{c['id']}" for c in claims)
    for claim in claims:
        assert parser.text[str(claim["id"])] == text[claim["start"] : claim["end"]]
    assert 'data-label="territory.share: 93%' in html


def test_sources_page_lists_the_sample(client: TestClient) -> None:
    html = client.get("/sources").text
    assert html.count('<a href="/sources/') == 4


def test_empty_store_shows_an_empty_briefing(empty_client: TestClient) -> None:
    response = empty_client.get("/")
    assert response.status_code == 200
    assert "No claims about Aleppo were published in this window." in response.text
    assert empty_client.get("/sources").text.count("No sources yet") == 1
