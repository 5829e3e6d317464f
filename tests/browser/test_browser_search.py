"""Search in a real browser: type in the header, see the results grow as you type, open one."""

import re

import pytest
from playwright.sync_api import Page, expect

from .conftest import assert_not_reloaded, log_in, mark_page, screenshot

pytestmark = pytest.mark.browser


def test_it_finds_as_you_type_from_the_header_and_opens_the_result(
    page: Page, viewport, demo_account
):
    log_in(page, demo_account.username)
    page.wait_for_load_state("load")  # htmx listens from here on
    mark_page(page)
    field = page.locator("#site-search")
    expect(field).to_be_visible()

    field.press_sequentially("weldi", delay=40)  # on its way to "welding"
    panel = page.locator("#site-search-panel")
    expect(panel.get_by_role("heading", name="Encounters")).to_be_visible()
    expect(panel.locator("mark").first).to_contain_text("weld", ignore_case=True)
    assert_not_reloaded(page)
    screenshot(page, "search-as-you-type", viewport, full_page=False)

    # A near miss in a name, accents and case aside: "schafer" finds Andreas Schäfer.
    field.fill("")
    field.press_sequentially("schafer", delay=30)
    expect(panel.get_by_role("link", name="Andreas Schäfer")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    page.keyboard.press("Escape")  # closes the results (and, in a search field, clears it)
    expect(panel).to_be_empty()

    field.fill("schafer")
    expect(panel.get_by_role("link", name="Andreas Schäfer")).to_be_visible()
    field.press("Enter")
    expect(page).to_have_url(re.compile(r"/search/\?q=schafer$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Search")
    page.get_by_role("link", name="Andreas Schäfer").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Andreas Schäfer")


def test_the_search_page_updates_as_you_type_and_keeps_the_address(
    page: Page, viewport, demo_account
):
    log_in(page, demo_account.username)
    page.goto("/search/?q=flight")
    page.wait_for_load_state("load")
    expect(page.locator("#search-results mark").first).to_be_visible()
    mark_page(page)

    field = page.locator("#site-search")
    field.fill("")
    field.press_sequentially("lisbon", delay=30)

    expect(page.locator("#search-results")).to_contain_text("Lisbon")
    expect(page).to_have_url(re.compile(r"/search/\?q=lisbon$"))
    assert_not_reloaded(page)
    screenshot(page, "search-page", viewport)
