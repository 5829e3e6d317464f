"""Gone quiet in a real browser: not now, a plan, a new rhythm, each on its row without a reload."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from encounters.models import Plan, Snooze

from .conftest import assert_not_reloaded, log_in, mark_page, screenshot

pytestmark = pytest.mark.browser


def first_row(page: Page):
    return page.locator(".quiet-list > li.quiet-row").first


def test_not_now_and_undo_on_the_row(page: Page, viewport, demo_account):
    log_in(page, demo_account.username)
    page.goto("/quiet/")
    screenshot(page, "gone-quiet", viewport)
    mark_page(page)
    row = first_row(page)
    name = row.locator(".contact-name").inner_text()
    expect(row.locator(".strength-label")).to_have_text("tie strength")

    row.get_by_text("Not now").click()
    row.get_by_role("button", name="a month").click()

    expect(page.get_by_text(f"Not now: {name} is back on")).to_be_visible()
    assert_not_reloaded(page)
    until = Snooze.objects.get(owner=demo_account).until
    assert until == timezone.localdate() + datetime.timedelta(days=30)
    screenshot(page, "gone-quiet-snoozed", viewport, full_page=False)

    page.get_by_role("button", name="Undo").click()
    expect(first_row(page).locator(".contact-name")).to_have_text(name)
    assert not Snooze.objects.exists()

    page.reload()
    expect(first_row(page).locator(".contact-name")).to_have_text(name)


def test_plan_from_the_row_shows_on_the_dashboard(page: Page, viewport, demo_account):
    log_in(page, demo_account.username)
    page.goto("/quiet/")
    row = first_row(page)
    name = row.locator(".contact-name").inner_text()

    row.get_by_text("Plan", exact=True).click()
    row.get_by_label("What").select_option("coffee")
    row.get_by_label("Note").fill("Ask about the new line")
    row.get_by_role("button", name="Plan it").click()

    expect(page.get_by_text("Planned for")).to_be_visible()
    assert Plan.objects.get(owner=demo_account).kind == "coffee"

    page.goto("/")
    coming = page.locator("section", has=page.get_by_role("heading", name="Coming up"))
    expect(coming).to_contain_text(f"Coffee with {name}")
    expect(
        page.locator("section", has=page.get_by_role("heading", name="Due to see"))
    ).not_to_contain_text(name)
    screenshot(page, "dashboard-due", viewport)
