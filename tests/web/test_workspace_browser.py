"""The dashboard of a workspace opens on its place and latest day, and suggests places."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


def test_the_dashboard_opens_on_the_workspace_place_and_latest_day(
    page: Page, workspace_server: str
) -> None:
    page.goto(workspace_server)
    expect(page.locator("h1")).to_have_text("Briefing: East Aleppo, 2016-12-19")
    field = page.locator("form.pick input[name=place]")
    expect(field).to_have_value("East Aleppo")
    expect(field).to_have_attribute("list", "places")
    options = page.locator("datalist#places option")
    expect(options.first).to_have_attribute("value", "East Aleppo")
    values = [options.nth(i).get_attribute("value") for i in range(options.count())]
    assert {"Aleppo", "Hanano", "Mahalej"} <= set(values)

    field.fill("Hanano")
    page.click("form.pick button")
    expect(page.locator("h1")).to_have_text("Briefing: Hanano, 2016-12-19")
