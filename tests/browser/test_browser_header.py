"""The header on a phone and on a laptop, in English and German: one compact bar, the rest in a menu."""

import pytest
from playwright.sync_api import Page, expect

from tests.factories import make_user

from .conftest import PASSWORD, VIEWPORTS, screenshot

pytestmark = pytest.mark.browser

# The measure: on a 390 x 844 phone the sticky bar takes at most 64 px in every language.
# Measured before this change, for a staff account (with "Invite" and "Admin"): 194 px in English
# and 215 px in German at 390 px, 92 px in German at 1280 px (the links wrapped onto two rows).
PHONE_HEADER_MAX_PX = 64
# One row of 44 px tap targets and its padding: the same on a laptop, in both languages.
ONE_ROW_MAX_PX = 64


def log_in_as(page: Page, username: str, language: str) -> None:
    """The login form is in English before anyone is known; the dashboard after it in theirs."""
    page.goto("/accounts/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form button[type=submit]").click()
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.locator("header.topbar")).to_be_visible()


def header_height(page: Page) -> float:
    return page.evaluate("document.querySelector('header.topbar').getBoundingClientRect().height")


@pytest.mark.parametrize("language", ["en", "de"])
@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_the_header_is_one_row_no_taller_than_64_px_in_every_language(
    page: Page, viewport, language, transactional_db
):
    user = make_user("hanna", password=PASSWORD, language=language, is_staff=True)
    log_in_as(page, user.username, language)
    height = header_height(page)
    print(f"header at {VIEWPORTS[viewport]['width']} px, {language}: {height:.0f} px")
    assert height <= (PHONE_HEADER_MAX_PX if viewport == "phone" else ONE_ROW_MAX_PX)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), (
        "the page scrolls sideways"
    )
    if viewport == "desktop":
        # A laptop shows the sections in the bar, on one line.
        links = page.locator("header nav.nav a")
        expect(links).to_have_count(6)
        expect(links.first).to_be_visible()
        tops = {round(box["y"]) for box in (link.bounding_box() for link in links.all()) if box}
        assert len(tops) == 1, f"the sections wrap: rows at {sorted(tops)}"
    screenshot(page, f"header-{language}", viewport, full_page=False)


@pytest.mark.parametrize("viewport", ["phone"])
def test_the_menu_opens_by_keyboard_and_leads_everywhere(page: Page, viewport, transactional_db):
    user = make_user("hanna", password=PASSWORD, language="en", is_staff=True)
    log_in_as(page, user.username, "en")
    menu = page.get_by_role("navigation", name="Menu")
    expect(menu).to_be_hidden()

    page.locator("summary.menu-button").focus()
    page.keyboard.press("Enter")
    expect(menu).to_be_visible()
    for name in ("Today", "Contacts", "Encounters", "Gone quiet", "Circles", "Introductions"):
        expect(menu.get_by_role("link", name=name, exact=True)).to_be_visible()
    for name in ("Import & export", "Settings", "Admin"):
        expect(menu.get_by_role("link", name=name)).to_be_visible()
    expect(menu.get_by_role("button", name="Log out")).to_be_visible()
    # Every entry is a comfortable tap target.
    heights = menu.locator("a, button").evaluate_all(
        "items => items.map(item => item.getBoundingClientRect().height)"
    )
    assert min(heights) >= 44, heights
    screenshot(page, "header-menu", viewport, full_page=False)

    page.keyboard.press("Escape")
    expect(menu).to_be_hidden()
    expect(page.locator("summary.menu-button")).to_be_focused()

    page.locator("summary.menu-button").click()
    menu.get_by_role("link", name="Contacts").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Contacts")
