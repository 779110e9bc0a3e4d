"""In chromium: hostile metadata stays inert, and the pages work under their CSP."""

from __future__ import annotations

import pytest
from playwright.sync_api import ConsoleMessage, Dialog, Page, expect

pytestmark = pytest.mark.browser


def test_hostile_metadata_runs_nothing_on_any_page(page: Page, hostile_server: str) -> None:
    dialogs: list[str] = []

    def record(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", record)
    page.goto(f"{hostile_server}/sources")
    link = page.locator("table.sources a", has_text="<script>")
    expect(link).to_have_count(1)
    link.hover()
    link.click()
    expect(page.locator("h1")).to_contain_text("<script>alert('title')</script>")
    expect(page.locator("a[href^='javascript:' i]")).to_have_count(0)
    expect(page.locator("p.meta")).to_contain_text("javascript:alert('url')")
    page.locator("p.meta").hover()
    page.locator("p.meta .url").click()
    page.goto(f"{hostile_server}/?place=Aleppo&date=2016-12-09")
    expect(page.locator("#footnotes")).to_contain_text("<img src=x onerror=alert('publisher')>")
    expect(page.locator("a[href^='javascript:' i]")).to_have_count(0)
    assert dialogs == []


def test_hostile_text_runs_nothing_on_the_workbench_pages(page: Page, hostile_server: str) -> None:
    dialogs: list[str] = []

    def record(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", record)
    page.goto(f"{hostile_server}/claims?q=onerror")
    row = page.locator("table.claims tbody tr").first
    expect(row).to_be_visible()
    row.get_by_role("link").first.click()
    expect(page.locator("blockquote.sentence")).to_contain_text("<img src=x onerror=alert('text')>")
    expect(page.locator("img")).to_have_count(0)
    page.goto(f"{hostile_server}/signin?next=javascript:alert(1)")
    expect(page.locator("input[name=next]")).to_have_value("/claims")
    assert dialogs == []


@pytest.mark.parametrize(
    "path",
    ["/?place=Aleppo&date=2016-12-09", "/sources", "/sources/1", "/claims", "/claims/1", "/signin"],
)
def test_pages_break_no_rule_of_their_content_security_policy(
    page: Page, live_server: str, path: str
) -> None:
    refused: list[str] = []

    def watch(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text:
            refused.append(message.text)

    page.on("console", watch)
    response = page.goto(f"{live_server}{path}")
    assert response is not None and response.status == 200
    assert "default-src 'none'" in response.headers["content-security-policy"]
    expect(page.locator("h1").first).to_be_visible()
    assert page.evaluate(
        "[...document.styleSheets].some(s => (s.href || '').endsWith('/static/sitroom.css'))"
    )
    assert refused == []
