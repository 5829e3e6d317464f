"""Making an introduction in a real browser: pick the two, copy the text, follow it up, see it counted."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from contacts.models import Introduction
from tests.factories import make_contact, make_encounter, make_introduction

from .conftest import assert_not_reloaded, log_in, mark_page, screenshot

pytestmark = pytest.mark.browser


@pytest.fixture
def people(account):
    """Anna, known for years and trusted; Ben, whose last introduction (to Carla) did not fit."""
    today = timezone.localdate()
    anna = make_contact(
        account, "Anna Berger", email="anna@example.org", phone="+49 89 1234", trust=4
    )
    ben = make_contact(account, "Ben Okafor", email="ben@example.org")
    make_contact(account, "Benedikt Schulz")
    carla = make_contact(account, "Carla Romero")
    make_encounter(account, [anna], occurred_on=today - datetime.timedelta(days=3 * 365))
    make_introduction(
        account,
        carla,
        ben,
        reason="Both in banking.",
        status=Introduction.Status.MET,
        outcome=Introduction.Outcome.DID_NOT_FIT,
        made_on=today - datetime.timedelta(days=200),
    )
    return {"anna": anna, "ben": ben}


def assert_fits_the_width(page: Page) -> None:
    """Nothing pushes the page wider than the window (a phone would scroll sideways)."""
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


REASON = "Both are rebuilding old mills; Anna knows the permits, Ben the turbines."


def test_it_introduces_two_people_copies_the_text_and_follows_it_up(
    page: Page, viewport, account, people, live_server
):
    anna, ben = people["anna"], people["ben"]
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    log_in(page, account.username)

    page.goto(f"/contacts/{anna.pk}/")
    page.get_by_role("link", name="Introduce them").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Introduce two people")
    expect(page.locator("#id_first")).to_have_value("Anna Berger")

    second = page.locator("#id_second")
    second.press_sequentially("ben")
    # The suggestions follow the box being typed in, not the one already filled.
    suggestions = page.locator("#intro-suggestions option")
    expect(suggestions).to_have_count(2)
    assert [o.get_attribute("value") for o in suggestions.all()] == [
        "Ben Okafor",
        "Benedikt Schulz",
    ]
    second.fill("Ben Okafor")
    second.press("Tab")

    panel = page.locator("#intro-context")
    expect(panel.get_by_role("heading", name="Anna Berger")).to_be_visible()
    expect(panel.get_by_role("heading", name="Ben Okafor")).to_be_visible()
    expect(panel).to_contain_text("trust 4/5")
    expect(panel).to_contain_text("An earlier introduction of theirs did not fit.")
    expect(panel).to_contain_text("Carla Romero ↔ Ben Okafor")

    page.get_by_label("Why should they meet?").fill(REASON)
    page.get_by_text("in person", exact=True).click()
    assert_fits_the_width(page)
    screenshot(page, "introduction-form", viewport)
    page.get_by_role("button", name="Make the introduction").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Anna Berger ↔ Ben Okafor")
    intro = Introduction.objects.get(owner=account, a=anna)
    assert (intro.b, intro.reason, intro.channel) == (ben, REASON, "in_person")
    assert (intro.status, intro.outcome) == ("made", "pending")
    assert intro.follow_up_on == timezone.localdate() + datetime.timedelta(weeks=3)
    mail = page.get_by_role("link", name="Open in mail program")
    assert mail.get_attribute("href").startswith("mailto:anna@example.org,ben@example.org?subject=")

    copy = page.get_by_role("button", name="Copy text")
    copy.click()
    expect(page.get_by_role("button", name="Copied")).to_be_visible()
    copied = page.evaluate("navigator.clipboard.readText()")
    for part in ("Hi Anna, hi Ben,", REASON, "anna@example.org", "ben@example.org", "Alice"):
        assert part in copied

    mark_page(page)
    card = page.locator("#intro-card")
    card.get_by_role("button", name="They have met").click()
    expect(card.get_by_role("group", name="How did it turn out?")).to_be_visible()
    intro.refresh_from_db()
    assert intro.status == "met"

    card.get_by_label("A note on the outcome (optional)").fill("They applied for a grant together.")
    card.get_by_role("button", name="fruitful").click()
    # Recorded: the outcome shows, the buttons fold away behind one line, the follow-up is gone.
    expect(card.locator(".badge", has_text="fruitful")).to_be_visible()
    expect(card.get_by_text("Change the outcome")).to_be_visible()
    expect(card.get_by_role("button", name="fruitful")).to_be_hidden()
    expect(card.get_by_label("Follow up on")).to_have_count(0)
    expect(card).to_contain_text("They applied for a grant together.")
    assert_not_reloaded(page)
    intro.refresh_from_db()
    assert (intro.status, intro.outcome) == ("met", "fruitful")
    assert intro.outcome_note == "They applied for a grant together."
    assert list(intro.events.values_list("status", "outcome")) == [
        ("made", "pending"),
        ("met", "pending"),
        ("met", "fruitful"),
    ]
    assert_fits_the_width(page)
    screenshot(page, "introduction-detail", viewport)

    page.get_by_role("link", name="Your introductions").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your introductions")
    numbers = page.locator(".numbers")
    expect(numbers).to_contain_text("2introductions")
    expect(numbers).to_contain_text("2have met")
    expect(numbers).to_contain_text("50%fruitful, of 2 with an outcome")
    row = page.get_by_role("row", name="Anna Berger")
    expect(row.get_by_role("cell")).to_have_text(["Anna Berger", "1", "1", "1", "0"])
    assert_fits_the_width(page)
    screenshot(page, "introduction-record", viewport)
