"""One walk through the dashboard in a real browser."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


def test_footnote_of_93_percent_leads_to_the_highlighted_quote(
    page: Page, live_server: str
) -> None:
    page.goto(f"{live_server}/?place=Aleppo&date=2016-12-09")
    expect(page.locator("h1")).to_have_text("Briefing: Aleppo, 2016-12-09")

    figure = page.locator("li.figure", has=page.locator("a.value", has_text="93%")).first
    figure.locator("a.fnref").click()
    expect(page).to_have_url(re.compile(r"#fn-\d+$"))
    footnote = page.locator("ol.footnotes > li:target")
    expect(footnote).to_be_visible()

    footnote.locator("a.quote", has_text="“93%”").first.click()
    expect(page).to_have_url(re.compile(r"/sources/\d+#claim-\d+$"))
    claim_id = page.url.rsplit("#", 1)[1]
    mark = page.locator(f"mark#{claim_id}")
    expect(mark).to_contain_text("93%")
    expect(mark).to_be_visible()
    expect(mark).to_be_in_viewport()
    expect(mark).to_have_attribute("title", re.compile(r"^territory\.share: .*93%"))


def test_api_docs_render_without_the_internet(page: Page, live_server: str) -> None:
    # the browser here reaches nothing but localhost: a CDN script would leave it blank
    page.goto(f"{live_server}/docs")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("sitroom")
    expect(page.locator(".opblock-summary-path", has_text="/api/briefing").first).to_be_visible()


def test_a_briefing_for_an_unknown_place_is_a_page_with_the_form(
    page: Page, live_server: str
) -> None:
    response = page.goto(f"{live_server}/?place=Xqzlandia&date=2016-12-09")
    assert response is not None and response.status == 404
    expect(page.locator("p.warning")).to_contain_text('"Xqzlandia" is not in the gazetteer')
    page.fill("form.pick input[name=place]", "Aleppo")
    page.fill("form.pick input[name=date]", "2016-12-09")
    page.click("form.pick button")
    expect(page.locator("h1")).to_have_text("Briefing: Aleppo, 2016-12-09")
