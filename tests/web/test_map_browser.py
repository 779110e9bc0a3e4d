"""In chromium: the control map, offline (vendored Leaflet), moved along its date slider."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


def _fills(page: Page) -> Counter[str]:
    found: list[str] = page.eval_on_selector_all(
        "#map path.leaflet-interactive", "paths => paths.map(p => p.getAttribute('fill'))"
    )
    return Counter(found)


def test_the_slider_recolours_east_aleppo(page: Page, live_server: str, tmp_path: Path) -> None:
    outside: list[str] = []
    page.on(
        "request",
        lambda r: outside.append(r.url) if not r.url.startswith(live_server) else None,
    )
    data = page.request.get(f"{live_server}/api/control/map?place=Aleppo").json()
    opposition = data["colours"]["Armed opposition groups"]
    government = data["colours"]["Government of Syria and allies"]
    page.goto(f"{live_server}/map?place=Aleppo")
    expect(page.locator("#map")).to_have_attribute("data-ready", "1")
    expect(page.locator("#map path.leaflet-interactive")).to_have_count(len(data["features"]))
    slider = page.locator("#day")
    slider.fill("0")
    expect(page.locator("#day-label")).to_have_text("2016-11-15")
    first = _fills(page)
    slider.fill(str(len(data["days"]) - 1))
    expect(page.locator("#day-label")).to_have_text("2016-12-22")
    last = _fills(page)
    assert first[opposition] > 20 and last[opposition] < first[opposition] // 4
    assert last[government] > first[government]
    expect(page.locator("#legend")).to_contain_text("held by Armed opposition groups")
    page.locator("#map path.leaflet-interactive").nth(0).click(force=True)
    expect(page.locator("#observations li").first).to_contain_text("per ")
    page.screenshot(path=str(tmp_path / "map.png"), full_page=True)
    assert outside == []  # no tile server, no CDN: it works offline


def test_the_timeline_is_drawn_in_the_browser_from_the_api(page: Page, live_server: str) -> None:
    data = page.request.get(f"{live_server}/api/control/timeline?place=Aleppo").json()
    opposition = data["held"]["Armed opposition groups"]
    assert data["days"][0] == "2016-11-15" and opposition[0] > opposition[-1]
    page.goto(f"{live_server}/map?place=Aleppo")
    expect(page.locator("#timeline")).to_have_attribute("data-ready", "1")
    expect(page.locator("#timeline polyline.side")).to_have_count(len(data["held"]))
    marker = page.locator("#timeline line.marker")
    at_end = marker.get_attribute("x1")
    page.locator("#day").fill("0")
    expect(marker).not_to_have_attribute("x1", at_end or "")


def test_acled_events_show_as_points_with_a_popup(page: Page, events_server: str) -> None:
    page.goto(f"{events_server}/map?place=Aleppo")
    expect(page.locator("#map")).to_have_attribute("data-ready", "1")
    slider = page.locator("#day")
    data = page.request.get(f"{events_server}/api/control/map?place=Aleppo").json()
    slider.fill(str(data["days"].index("2016-12-09")))
    expect(page.locator("#map")).to_have_attribute("data-events", "3")
    expect(page.locator("#legend")).to_contain_text("ACLED event")
    slider.fill(str(data["days"].index("2016-11-20")))
    expect(page.locator("#map")).to_have_attribute("data-events", "0")
    slider.fill(str(data["days"].index("2016-12-07")))
    expect(page.locator("#map")).to_have_attribute("data-events", "1")
    page.locator("path.event").first.click(force=True)
    popup = page.locator(".leaflet-popup-content")
    expect(popup).to_contain_text("ACLED SYR90001")
    expect(popup).to_contain_text("9 fatalities as ACLED reports them")
