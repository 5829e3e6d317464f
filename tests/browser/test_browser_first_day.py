"""The first day in a real browser: accept an invitation, choose a time zone, follow the first steps."""

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import Page, expect

from contacts.models import Contact
from crm.signup import invite
from tests.factories import make_user

from .conftest import log_in, screenshot

pytestmark = pytest.mark.browser


@pytest.fixture
def invitation_link(live_server, settings, smtp_server, transactional_db) -> str:
    """An invitation from Sam, mailed through a real SMTP server; the link as the mail has it."""
    settings.SIGNUP_MODE = "invite"
    settings.WEITBLICK_SITE_URL = live_server.url
    sam = make_user("sam", first_name="Sam", is_staff=True)
    assert invite(invited_by=sam, email="lea@example.org", language="en").mailed
    body = smtp_server.messages[0].get_payload(decode=True).decode()
    return re.search(r"https?://\S+/accounts/join/\S+/", body).group(0)


def use_time_zone(page: Page, zone: str) -> None:
    """Make the browser report `zone` as its own, as a laptop in that zone would."""
    page.context.new_cdp_session(page).send("Emulation.setTimezoneOverride", {"timezoneId": zone})


def test_accepting_an_invitation_makes_the_account_and_opens_the_first_steps(
    page: Page, viewport, invitation_link
):
    use_time_zone(page, "America/Sao_Paulo")
    page.goto(invitation_link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Your account")
    expect(page.get_by_text("Sam invited you as lea@example.org")).to_be_visible()
    expect(page.get_by_label("Username")).to_have_value("lea")
    page.get_by_label("Password", exact=True).fill("lea-chooses-a-passphrase")
    page.get_by_label("Password confirmation").fill("lea-chooses-a-passphrase")
    page.get_by_label("Your name").fill("Lea")
    # The browser's own zone is offered; one click takes it.
    page.get_by_role("button", name="Use America/Sao Paulo, this device’s time zone").click()
    expect(page.get_by_label("Time zone", exact=True)).to_have_value("America/Sao_Paulo")
    screenshot(page, "join", viewport)
    page.get_by_role("button", name="Create my account").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Hello, Lea")
    expect(page.get_by_text("Welcome to Weitblick")).to_be_visible()
    steps = page.locator(".first-steps")
    expect(steps.get_by_role("heading", level=3)).to_have_text(
        [
            "Bring in your address book",
            "Choose the dimensions that matter to you",
            "Log your first encounter",
        ]
    )
    screenshot(page, "first-steps", viewport)
    lea = get_user_model().objects.get(username="lea")
    assert (lea.email, lea.time_zone, lea.first_name) == (
        "lea@example.org",
        "America/Sao_Paulo",
        "Lea",
    )


@pytest.mark.parametrize("viewport", ["phone"])
def test_the_time_zone_search_narrows_the_list(page: Page, viewport, account):
    log_in(page, account.username)
    page.goto("/settings/")
    select = page.get_by_label("Time zone", exact=True)
    search = page.get_by_label("Search time zones")

    search.fill("são")
    expect(select.locator("option")).to_have_text(["Sao Tome", "Sao Paulo"])
    select.select_option("America/Sao_Paulo")
    search.fill("paulo")
    expect(select).to_have_value("America/Sao_Paulo")
    search.fill("new york")
    expect(select.locator("option")).to_have_text(["New York"])
    search.fill("atlantis")
    expect(page.get_by_text("No time zone matches.")).to_be_visible()
    expect(select).to_have_value("America/New_York")
    search.fill("")
    expect(select.locator("optgroup")).to_have_count(10)
    screenshot(page, "settings-time-zone", viewport)
    page.get_by_role("button", name="Save settings").click()

    expect(page.get_by_text("Your settings are saved.")).to_be_visible()
    account.refresh_from_db()
    assert account.time_zone == "America/New_York"


def test_the_first_steps_leave_one_by_one(page: Page, viewport, account):
    log_in(page, account.username)
    expect(page.locator(".first-steps h3")).to_have_count(3)

    page.get_by_role("link", name="Look at the dimensions").click()
    expect(page.get_by_role("heading", name="Why these five")).to_be_visible()
    page.get_by_label("Add a dimension").fill("Languages")
    screenshot(page, "dimensions", viewport)
    page.get_by_role("button", name="Save these dimensions").click()
    expect(page.get_by_text("Your dimensions are saved.")).to_be_visible()
    page.get_by_role("link", name="Back to Today").click()
    expect(page.locator(".first-steps h3")).to_have_count(2)

    page.get_by_label("Who", exact=True).press_sequentially("Finn Schuster")
    page.get_by_role("button", name="Add “Finn Schuster” as a new person").click()
    expect(page.locator("#chips .chip-new")).to_contain_text("Finn Schuster")
    page.get_by_label("coffee", exact=True).check()
    page.get_by_role("button", name="Log it").click()
    expect(page.locator("#encounter-list > li").first).to_contain_text("Finn Schuster")
    page.reload()
    expect(page.locator(".first-steps h3")).to_have_text(["Bring in your address book"])
    expect(page.get_by_text("in person over the last year")).to_be_visible()


@pytest.mark.parametrize("viewport", ["phone"])
def test_a_birthday_is_day_month_and_maybe_year(page: Page, viewport, account):
    log_in(page, account.username)
    page.goto("/contacts/new/")
    page.get_by_label("Name", exact=True).fill("Ayşe Yılmaz")
    page.get_by_label("Day", exact=True).fill("29")
    page.get_by_label("Month", exact=True).select_option(label="February")
    screenshot(page, "contact-birthday", viewport)
    page.get_by_role("button", name="Add contact").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Ayşe Yılmaz")
    ayse = Contact.objects.get(owner=account)
    assert (ayse.birthday_day, ayse.birthday_month, ayse.birthday_year) == (29, 2, None)


@pytest.mark.parametrize("viewport", ["desktop"])
def test_the_favicon_and_the_app_icons_load(page: Page, viewport):
    page.goto("/accounts/login/")
    for path in (
        "/favicon.ico",
        "/static/img/icon-192.png",
        "/static/img/icon-512.png",
        "/static/img/icon.svg",
    ):
        response = page.request.get(path)
        assert response.status == 200, path
    assert page.request.get("/favicon.ico").headers["content-type"] in {
        "image/x-icon",
        "image/vnd.microsoft.icon",
    }


def test_the_sign_up_form_is_reachable_from_the_login_in_open_mode(
    page: Page, viewport, settings, smtp_server, live_server
):
    settings.SIGNUP_MODE = "open"
    settings.WEITBLICK_SITE_URL = live_server.url
    page.goto("/accounts/login/")
    page.get_by_role("link", name="Create an account").click()
    page.get_by_label("Your email address").fill("noah@example.org")
    page.get_by_role("button", name="Send me the link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
    assert smtp_server.envelopes[0][1] == ["noah@example.org"]
