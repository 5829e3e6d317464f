"""The contact list and the contact page in a real browser: find people, edit in place, add ties."""

import datetime

import pytest
from django.db.models import Count
from django.utils import timezone
from playwright.sync_api import Page, expect

from contacts.models import Contact, ContactAttribute, Dimension, Tie
from tests.factories import make_attribute, make_contact, make_encounter

from .conftest import (
    assert_not_reloaded,
    log_in,
    mark_page,
    open_section,
    readme_screenshot,
    screenshot,
)

pytestmark = pytest.mark.browser


@pytest.fixture
def network(account):
    """Four active contacts seen at different times, one archived, two industries."""
    today = timezone.localdate()
    anna = make_contact(account, "Anna Berger", organisation="Stadtwerke", city="Munich")
    ben = make_contact(account, "Ben Okafor", organisation="Mainland Bank", city="Frankfurt")
    carla = make_contact(account, "Carla Romero", organisation="Banco Sur", city="Madrid")
    david = make_contact(account, "David Klein", organisation="Klein & Söhne")
    make_contact(account, "Egon Alt", archived=True)
    make_attribute(anna, "Industry", "Energy")
    make_attribute(ben, "Industry", "Banking")
    make_attribute(carla, "Industry", "Banking")
    make_attribute(anna, "Generation", "Millennial")
    make_encounter(account, [anna], kind="coffee", occurred_on=today - datetime.timedelta(days=40))
    make_encounter(
        account, [ben], kind="phone_call", occurred_on=today - datetime.timedelta(days=2)
    )
    make_encounter(account, [carla], kind="meal", occurred_on=today - datetime.timedelta(days=200))
    return {"anna": anna, "ben": ben, "carla": carla, "david": david}


def listed_names(page: Page):
    return page.locator(".contact-list .contact-name")


def test_it_finds_contacts_as_you_type_and_by_dimension(page: Page, viewport, account, network):
    log_in(page, account.username)
    open_section(page, "Contacts")
    expect(listed_names(page)).to_have_text(
        ["Anna Berger", "Ben Okafor", "Carla Romero", "David Klein"]
    )
    mark_page(page)

    # The search is the first thing on the page; results follow the typing, no Enter needed.
    search = page.get_by_label("Search", exact=True)
    search.press_sequentially("munich")
    expect(listed_names(page)).to_have_text(["Anna Berger"])
    expect(page.get_by_role("heading", name="1 contact")).to_be_visible()
    assert "q=munich" in page.url
    search.fill("")
    expect(listed_names(page)).to_have_count(4)

    # The filters wait behind one button.
    sort = page.get_by_label("Sort by")
    expect(sort).to_be_hidden()
    page.get_by_text("Filters", exact=True).click()
    industry = Dimension.objects.get(owner=account, name="Industry")
    page.get_by_label("Industry").select_option(f"{industry.pk}:Banking")
    expect(listed_names(page)).to_have_text(["Ben Okafor", "Carla Romero"])
    expect(page.get_by_label("Industry")).to_have_value(f"{industry.pk}:Banking")
    assert_not_reloaded(page)
    screenshot(page, "contacts-filtered", viewport)

    # The address holds the filters: a reload shows the same people, with the panel open.
    page.reload()
    expect(listed_names(page)).to_have_text(["Ben Okafor", "Carla Romero"])
    expect(page.get_by_label("Industry")).to_be_visible()


@pytest.mark.parametrize("viewport", ["phone"])
def test_the_contact_list_shows_people_on_the_first_phone_screen(
    page: Page, viewport, account, network
):
    for number in range(20):
        make_contact(account, f"Person {number:02d}", organisation="Somewhere")
    log_in(page, account.username)
    page.goto("/contacts/")
    visible = listed_names(page).evaluate_all(
        "links => links.filter(link => link.getBoundingClientRect().bottom <= window.innerHeight).length"
    )
    # Before: the filter block filled the first screen and two contacts were visible.
    print(f"contacts on the first phone screen: {visible}")
    assert visible >= 8, visible
    screenshot(page, "contacts-first-screen", viewport, full_page=False)


def test_it_sorts_contacts_by_last_seen(page: Page, viewport, account, network):
    log_in(page, account.username)
    page.goto("/contacts/")
    page.get_by_text("Filters", exact=True).click()
    page.get_by_label("Sort by").select_option(label="last seen")
    expect(listed_names(page)).to_have_text(
        ["Ben Okafor", "Anna Berger", "Carla Romero", "David Klein"]
    )
    expect(page.locator(".contact-list .last-seen").first).to_contain_text("2 days")
    expect(page.locator(".contact-list .last-seen").last).to_have_text("not met yet")
    screenshot(page, "contacts-by-last-seen", viewport)


def test_it_edits_where_they_stand_in_place(page: Page, viewport, account, network):
    anna = network["anna"]
    log_in(page, account.username)
    page.goto(f"/contacts/{anna.pk}/")
    mark_page(page)
    card = page.locator("#attributes")
    expect(card).to_contain_text("Energy")

    card.get_by_role("link", name="Edit").click()
    industry = card.get_by_label("Industry")
    expect(industry).to_have_value("Energy")
    industry.fill("Utilities")
    card.get_by_label("Generation").fill("")
    card.scroll_into_view_if_needed()
    screenshot(page, "contact-attributes-form", viewport, full_page=False)
    card.get_by_role("button", name="Save").click()

    expect(card.get_by_role("link", name="Edit")).to_be_visible()
    expect(card).to_contain_text("Utilities")
    facts = card.locator("dl.facts")
    shown = dict(
        zip(
            facts.locator("dt").all_inner_texts(),
            facts.locator("dd").all_inner_texts(),
            strict=True,
        )
    )
    assert (shown["Industry"], shown["Generation"]) == ("Utilities", "–")
    assert_not_reloaded(page)
    screenshot(page, "contact-attributes", viewport)
    values = dict(
        ContactAttribute.objects.filter(contact=anna).values_list("dimension__name", "value")
    )
    assert values == {"Industry": "Utilities"}


def test_it_adds_a_tie_from_the_suggestions_and_removes_it(page: Page, viewport, account, network):
    anna, ben = network["anna"], network["ben"]
    make_contact(account, "Benedikt Schulz")
    log_in(page, account.username)
    page.goto(f"/contacts/{anna.pk}/")
    mark_page(page)
    ties = page.locator("#ties")
    expect(ties).to_contain_text("No ties yet.")

    knows = ties.get_by_label("Knows")
    knows.press_sequentially("ben")
    suggestions = page.locator("#tie-suggestions option")
    expect(suggestions).to_have_count(2)
    assert [o.get_attribute("value") for o in suggestions.all()] == [
        "Ben Okafor",
        "Benedikt Schulz",
    ]
    # A native datalist cannot be clicked in a headless browser; choosing an option fills the box.
    knows.fill(suggestions.first.get_attribute("value"))
    ties.get_by_label("How they know each other").select_option(label="colleague")
    ties.get_by_role("button", name="Add tie").click()

    expect(ties.locator("li.row")).to_have_count(1)
    expect(ties.locator("li.row")).to_contain_text("Ben Okafor")
    expect(ties.locator("li.row .badge")).to_have_text("colleague")
    expect(ties.get_by_label("Knows")).to_have_value("")
    screenshot(page, "contact-tie-added", viewport)
    tie = Tie.objects.get(owner=account)
    assert {tie.a, tie.b} == {anna, ben}
    assert tie.kind == Tie.Kind.COLLEAGUE

    ties.get_by_role("button", name="Remove the tie to Ben Okafor").click()
    expect(ties).to_contain_text("No ties yet.")
    assert_not_reloaded(page)
    assert not Tie.objects.filter(owner=account).exists()


@pytest.mark.parametrize("viewport", ["desktop"])
def test_readme_screenshot_of_a_contact(page: Page, viewport, demo_account):
    contact = (
        Contact.objects.for_user(demo_account)
        .filter(archived=False)
        .annotate(seen=Count("encounters"))
        .order_by("-seen")
        .first()
    )
    log_in(page, demo_account.username)
    page.goto(f"/contacts/{contact.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(contact.name)
    readme_screenshot(page, "contact")


@pytest.mark.parametrize("viewport", ["phone"])
def test_the_contact_page_shows_the_person_and_the_timeline_before_the_folded_quick_log(
    page: Page, viewport, account, network
):
    anna = network["anna"]
    log_in(page, account.username)
    page.goto(f"/contacts/{anna.pk}/")
    timeline_top = page.locator("#timeline-heading").evaluate("h => h.getBoundingClientRect().top")
    # Before: the full quick log came first and the timeline began about 1.6 screens down.
    print(f"timeline heading at {timeline_top:.0f} px of 844")
    assert timeline_top < 844, timeline_top
    expect(page.locator("#attributes")).to_be_in_viewport()
    form = page.locator("#quick-log")
    expect(form).to_be_hidden()
    screenshot(page, "contact-page", viewport, full_page=False)
    readme_screenshot(page, "contact-phone")

    page.get_by_role("heading", name="Log an encounter with Anna Berger").click()
    expect(form).to_be_visible()
    expect(form.locator("#chips")).to_contain_text("Anna Berger")
    form.get_by_label("meal", exact=True).check()
    form.get_by_role("button", name="Log it").click()
    expect(page.locator("#encounter-list > li").first).to_contain_text("Meal")
    assert anna.encounters.filter(kind="meal").count() == 1


@pytest.mark.parametrize("viewport", ["phone"])
def test_a_link_to_the_quick_log_opens_it(page: Page, viewport, account, network):
    log_in(page, account.username)
    page.goto(f"/contacts/{network['ben'].pk}/#log-heading")
    expect(page.locator("#quick-log")).to_be_visible()
