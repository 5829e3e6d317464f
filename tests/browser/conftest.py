"""Playwright fixtures: one Chromium per session, a fresh page per test at a phone and a desktop width.

Every page fails its test at teardown if the browser reported a console error, an uncaught
exception, a Content-Security-Policy violation or a failed request (a missing favicon counts).
"""

import json
import os
import re
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect, sync_playwright

from devdata.management.commands.load_demo import DEMO_FILE, days_to_yesterday
from exchange.backup import import_backup, shift_dates
from tests.factories import make_user

# Playwright's sync API keeps an event loop running in the main thread; the ORM calls the tests
# make there (setting up rows, checking them afterwards) would otherwise be refused as async-unsafe.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

VIEWPORTS = {
    "phone": {"width": 390, "height": 844},
    "desktop": {"width": 1280, "height": 900},
}
SCREENSHOTS = Path(__file__).resolve().parent.parent / "screenshots"
README_SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
PASSWORD = "pw-for-tests-1"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-gpu",
]
CSP_VIOLATION = re.compile(r"Content Security Policy|Refused to")

# Browser tests wait for the page, never for a fixed time; five seconds is plenty on a slow CI.
expect.set_options(timeout=5_000)


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture(params=list(VIEWPORTS))
def viewport(request) -> str:
    """The viewport's name; tests that need only one width parametrize it directly."""
    return request.param


@pytest.fixture
def page(browser, viewport, live_server, transactional_db) -> Page:
    context = browser.new_context(viewport=VIEWPORTS[viewport], base_url=live_server.url)
    context.set_default_timeout(5_000)
    page = context.new_page()
    problems: list[str] = []

    def on_console(message):
        if message.type == "error" or CSP_VIOLATION.search(message.text):
            problems.append(
                f"console {message.type}: {message.text} ({message.location.get('url')})"
            )

    def on_response(response):
        if response.status >= 400:
            problems.append(f"HTTP {response.status} for {response.request.method} {response.url}")

    def on_request_failed(request):
        # A navigation aborts what the old page was still loading (its icon, say): not a failure.
        if request.failure != "net::ERR_ABORTED":
            problems.append(f"request failed: {request.method} {request.url} {request.failure}")

    page.on("console", on_console)
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    page.on("response", on_response)
    page.on("requestfailed", on_request_failed)
    yield page
    context.close()
    assert problems == [], "the browser reported problems:\n" + "\n".join(problems)


@pytest.fixture(autouse=True)
def fast_password_hasher(settings):
    """Hashing a password the production way takes a good part of a second, twice per login."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def account(transactional_db):
    return make_user("alice", password=PASSWORD, first_name="Alice", time_zone="Europe/Berlin")


@pytest.fixture
def demo_account(transactional_db):
    """Jana, with the demo network (74 contacts, years of encounters) moved to end yesterday."""
    user = make_user("jana", password=PASSWORD, first_name="Jana", time_zone="Europe/Berlin")
    document = json.loads(DEMO_FILE.read_text(encoding="utf-8"))
    import_backup(user, shift_dates(document, days_to_yesterday(document, timezone.localdate())))
    return user


def log_in(page: Page, username: str, password: str = PASSWORD) -> None:
    """Log in through the real login form and wait for the dashboard."""
    page.goto("/accounts/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hello")


def open_section(page: Page, name: str) -> None:
    """Follow a header link as a person would: in the bar on a laptop, through the menu on a phone."""
    in_bar = page.get_by_role("navigation", name="Main").get_by_role("link", name=name, exact=True)
    if in_bar.is_visible():
        in_bar.click()
        return
    page.locator("summary.menu-button").click()
    page.get_by_role("navigation", name="Menu").get_by_role("link", name=name, exact=True).click()


def mark_page(page: Page) -> None:
    """Leave a marker in the window: if it is still there later, the page was never reloaded."""
    page.evaluate("window.__weitblickMarker = 'still here'")


def assert_not_reloaded(page: Page) -> None:
    assert page.evaluate("window.__weitblickMarker") == "still here", "the page was reloaded"


def screenshot(page: Page, name: str, viewport: str, *, full_page: bool = True) -> None:
    """Save tests/screenshots/<name>-<viewport>.png: the whole page, or what the person sees now.

    Playwright hides the caret with an inline style by default and leaves style="" behind on every
    input; htmx then copies that attribute while settling a swap and the CSP rightly refuses it.
    """
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    if full_page:
        # From the top, so the sticky bar is drawn at the top and not wherever the test scrolled to.
        page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(
        path=SCREENSHOTS / f"{name}-{viewport}.png",
        full_page=full_page,
        caret="initial",
        animations="disabled",
    )


def readme_screenshot(page: Page, name: str) -> None:
    """Save docs/screenshots/<name>.png, the picture the README shows: one screen, no scrolling.

    Only with UPDATE_README_SCREENSHOTS=1, so that a test run leaves the checkout as it was.
    """
    if os.environ.get("UPDATE_README_SCREENSHOTS") != "1":
        return
    README_SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=README_SCREENSHOTS / f"{name}.png", caret="initial", animations="disabled")
