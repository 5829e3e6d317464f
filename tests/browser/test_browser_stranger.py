"""The stranger from seat 14C, logged on a phone with who they are, in one form and one submit."""

import pytest
from playwright.sync_api import Page, expect

from contacts.models import Contact
from encounters.models import Encounter
from tests.factories import make_attribute, make_contact

from .conftest import assert_not_reloaded, log_in, mark_page, screenshot

pytestmark = pytest.mark.browser

# Counted as a person taps, each field they type into included. Before this change logging the
# stranger took 10 taps and their details about 10 more over two further forms (edit details,
# then the dimensions), without the place: about 20.
TAPS_BEFORE = 20


class Taps:
    """Every tap the test makes goes through here, so the count is the test's own steps."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, locator) -> None:
        self.count += 1
        locator.click()


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_a_stranger_is_logged_with_who_they_are_in_one_submit(page: Page, viewport, account):
    make_attribute(make_contact(account, "Anna Berger"), "Industry", "Shipbuilding")
    log_in(page, account.username)
    mark_page(page)
    tap = Taps()

    tap(page.get_by_label("Who", exact=True))
    page.keyboard.type("Lena Nilsson")
    tap(page.get_by_role("button", name="Add “Lena Nilsson” as a new person"))
    expect(page.locator("#chips .chip-new")).to_contain_text("Lena Nilsson")
    tap(page.get_by_text("Who is Lena Nilsson?"))
    fields = page.locator("#new-people fieldset")
    for label, text in (
        ("Role", "welder"),
        ("Organisation", "Varvet"),
        ("City", "Gothenburg"),
        ("Industry", "shipbuilding "),
    ):
        tap(fields.get_by_label(label, exact=True))
        page.keyboard.type(text)
    # The values already in use are offered.
    options = fields.locator("datalist option")
    assert "Shipbuilding" in options.evaluate_all("o => o.map(x => x.value)")
    tap(page.get_by_label("travel", exact=True))
    tap(page.get_by_label("by chance", exact=True))
    tap(page.get_by_text("Where, notes, what I learned"))
    tap(page.get_by_label("Where", exact=True))
    page.keyboard.type("seat 14C")
    screenshot(page, "quick-log-stranger", viewport)
    tap(page.get_by_role("button", name="Log it"))

    expect(page.locator("#encounter-list > li").first).to_contain_text("Lena Nilsson")
    expect(page.locator("#new-people fieldset")).to_have_count(0)
    assert_not_reloaded(page)
    print(f"taps to log a stranger with who they are: {tap.count} (before: about {TAPS_BEFORE})")
    assert tap.count <= 12

    lena = Contact.objects.get(owner=account, name="Lena Nilsson")
    assert (lena.role, lena.organisation, lena.city) == ("welder", "Varvet", "Gothenburg")
    assert lena.how_we_met.startswith("Travel, ") and lena.how_we_met.endswith(" · seat 14C")
    assert list(lena.attributes.values_list("value", flat=True)) == ["Shipbuilding"]
    assert Encounter.objects.get(owner=account).participants.get() == lena

    page.goto(f"/contacts/{lena.pk}/")
    expect(page.locator("#attributes")).to_contain_text("Shipbuilding")
    expect(page.get_by_text(lena.how_we_met)).to_be_visible()


@pytest.mark.parametrize("viewport", ["phone"])
def test_removing_the_new_persons_chip_takes_their_fields_with_it(page: Page, viewport, account):
    log_in(page, account.username)
    page.get_by_label("Who", exact=True).press_sequentially("Ola")
    page.get_by_role("button", name="Add “Ola” as a new person").click()
    expect(page.locator("#new-people fieldset")).to_have_count(1)

    page.get_by_role("button", name="Remove Ola").click()
    expect(page.locator("#new-people fieldset")).to_have_count(0)
    expect(page.locator("#chips .chip")).to_have_count(0)
