"""In chromium: sign in, review claims, and see the briefing follow; a viewer cannot write."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser
BRIEFING = "/?place=Aleppo&date=2016-12-09"


def _sign_in(page: Page, base: str, token: str) -> None:
    page.goto(f"{base}/signin?next=/claims")
    page.get_by_label("Token").fill(token)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(f"{base}/claims")


def test_an_editor_rejects_a_figure_and_it_leaves_the_briefing(
    page: Page, review_server: tuple[str, dict[str, str]], tmp_path: Path
) -> None:
    base, tokens = review_server
    page.goto(base + BRIEFING)
    expect(page.locator("main")).to_contain_text("21 sites, Aleppo, over the past 24 hours alone")
    _sign_in(page, base, tokens["amal"])
    expect(page.locator("p.count")).to_contain_text("signed in as amal (editor)")
    page.get_by_label("Indicator").fill("mine_action.sites_cleared")
    page.get_by_role("button", name="Filter").click()
    row = page.locator("table.claims tr", has_text="21 sites")
    row.get_by_placeholder("reason").fill("the same sites as the headline")
    row.get_by_role("button", name="Reject").click()
    expect(page.locator("table.claims tr", has_text="21 sites")).to_contain_text("rejected")
    page.goto(base + BRIEFING)
    expect(page.locator("main")).not_to_contain_text(
        "21 sites, Aleppo, over the past 24 hours alone —"
    )
    page.screenshot(path=str(tmp_path / "review-rejected.png"), full_page=True)


def test_an_edited_place_is_said_in_the_footnote(
    page: Page, review_server: tuple[str, dict[str, str]]
) -> None:
    base, tokens = review_server
    _sign_in(page, base, tokens["amal"])
    page.goto(f"{base}/claims?indicator=mine_action.sites_cleared&q=two+mosques")
    page.locator("table.claims tr", has_text="two mosques").get_by_role("link").first.click()
    page.get_by_label("place", exact=True).fill("Old City of Aleppo")
    page.get_by_label("Note").fill("the mosques are in the Old City")
    page.get_by_role("button", name="Save the changes").click()
    expect(page.locator("p.meta")).to_contain_text("edited by amal")
    expect(page.locator("ol.history")).to_contain_text("review_edit")
    page.goto(base + BRIEFING)
    expect(page.locator("#footnotes")).to_contain_text("place edited by amal on")
    expect(page.locator("main")).to_contain_text("two mosques (2 sites), Old City of Aleppo")


def test_a_viewer_cannot_write(page: Page, review_server: tuple[str, dict[str, str]]) -> None:
    base, tokens = review_server
    _sign_in(page, base, tokens["vera"])
    expect(page.get_by_role("button", name="Confirm")).to_have_count(0)
    page.goto(f"{base}/claims/1")
    expect(page.get_by_role("button", name="Save the changes")).to_have_count(0)
    before = page.request.get(f"{base}/api/claims/1").json()
    forged = page.request.post(
        f"{base}/claims/1/review", form={"action": "confirm", "csrf": "x"}, max_redirects=0
    )
    assert forged.status == 403
    api = page.request.post(
        f"{base}/api/claims/1/review",
        data={"action": "confirm"},
        headers={"Authorization": f"Bearer {tokens['vera']}"},
    )
    assert api.status == 403 and api.json()["error"]["status"] == 403
    assert page.request.get(f"{base}/api/claims/1").json() == before


def test_the_claims_page_reads_on_a_phone_and_works_by_keyboard(
    page: Page, review_server: tuple[str, dict[str, str]]
) -> None:
    base, _ = review_server
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(f"{base}/claims")
    # the page itself does not scroll sideways: the table scrolls inside its box
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    page.get_by_label("Indicator").focus()
    page.keyboard.type("mine_action.sites_cleared")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/claims\?indicator=mine_action\.sites_cleared&"))
    expect(page.locator("p.count")).to_contain_text("6 claims")
