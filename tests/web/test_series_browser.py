"""In chromium: the briefing's movement charts, drawn in the browser from /api/series."""

from __future__ import annotations

import re
from itertools import pairwise

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

CHART = 'figure.chart.live[data-indicator="people.evacuated"]'


def _boxes(page: Page, selector: str) -> list[dict[str, float]]:
    boxes: list[dict[str, float]] = page.eval_on_selector_all(
        selector,
        "nodes => nodes.map(n => { const b = n.getBoundingClientRect();"
        " return {left: b.left, right: b.right, top: b.top, bottom: b.bottom}; })",
    )
    return boxes


def test_series_of_several_days_are_drawn_as_steps_on_a_log_axis(
    page: Page, series_server: str
) -> None:
    page.goto(f"{series_server}/?place=Aleppo&date=2016-12-12")
    expect(page.locator("#charts")).to_have_attribute("data-ready", "1")
    chart = page.locator(CHART)
    # people and children of one publisher: two lines, three points each, 40 to 8,000
    expect(chart.locator("path.series")).to_have_count(2)
    expect(chart.locator("circle.point")).to_have_count(6)
    expect(chart.locator("svg")).to_have_attribute("data-scale", "log")
    expect(chart.locator("figcaption")).to_have_text(re.compile("running total"))
    legend = chart.locator("ul.legend li")
    expect(legend).to_have_count(2)
    expect(legend.nth(0)).to_have_text(
        re.compile(r"^Aleppo Evacuation Committee — East Aleppo \((children|civilians)\)$")
    )
    # day labels: none overlapping another, none sticking out of the chart
    ticks = _boxes(page, f"{CHART} text.tick-day")
    svg = _boxes(page, f"{CHART} svg")[0]
    assert len(ticks) >= 2
    for a, b in pairwise(ticks):
        assert a["right"] <= b["left"], (a, b)
    assert svg["left"] <= ticks[0]["left"] and ticks[-1]["right"] <= svg["right"]


def test_a_point_opens_its_claim(page: Page, series_server: str) -> None:
    page.goto(f"{series_server}/?place=Aleppo&date=2016-12-12")
    expect(page.locator("#charts")).to_have_attribute("data-ready", "1")
    page.locator(f"{CHART} a:has(circle.point)").last.click()
    expect(page).to_have_url(re.compile(r"/claims/\d+$"))
    expect(page.locator("main")).to_contain_text("eastern Aleppo")


def test_a_series_of_one_point_is_a_line_of_text(page: Page, series_server: str) -> None:
    page.goto(f"{series_server}/?place=Aleppo&date=2016-12-09")
    expect(page.locator("#charts")).to_have_attribute("data-ready", "1")
    chart = page.locator(CHART)
    expect(chart.locator("svg")).to_have_count(0)
    expect(chart.locator("ul.single-points li").first).to_contain_text(" on ")
    expect(chart.locator("figcaption")).not_to_have_text(re.compile("running total"))


def test_the_reviewed_toggle_keeps_only_reviewed_claims(page: Page, series_server: str) -> None:
    page.goto(f"{series_server}/?place=Aleppo&date=2016-12-12")
    page.get_by_label("Reviewed claims only").check()
    page.get_by_role("button", name="Show briefing").click()
    expect(page).to_have_url(re.compile("reviewed=true"))
    expect(page.get_by_label("Reviewed claims only")).to_be_checked()
    expect(page.locator("p.warning").first).to_contain_text("only reviewed claims")
    expect(page.locator("li.figure")).to_have_count(0)
