"""The quick log in a real browser: pick people, log, see it at once, edit it, take it back."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from contacts.models import Contact
from encounters.models import Encounter
from tests.factories import make_contact, make_encounter

from .conftest import (
    assert_not_reloaded,
    log_in,
    mark_page,
    readme_screenshot,
    screenshot,
)

pytestmark = pytest.mark.browser

STRANGER = "Stranger in 14C"
# Every input of the quick log, by the words of its label.
QUICK_LOG_LABELS = (
    ["Who", "Add people I name who are not in Weitblick yet"]
    + ["coffee", "meal", "travel", "event", "office visit", "shop floor", "celebration"]
    + ["video call", "phone call", "message", "other"]
    + ["When", "Time", "planned", "by chance", "Where", "Notes", "What I learned"]
    + ["not noted", "we agreed", "mixed", "our views differed"]
)


@pytest.fixture
def people(account):
    anna = make_contact(account, "Anna Berger", organisation="Stadtwerke")
    annette = make_contact(account, "Annette Vogel")
    ben = make_contact(account, "Ben Okafor")
    make_encounter(
        account,
        [ben],
        kind="phone_call",
        occurred_on=timezone.localdate() - datetime.timedelta(days=3),
    )
    return {"anna": anna, "annette": annette, "ben": ben}


def tab_until(page: Page, selector: str, limit: int = 40) -> None:
    """Press Tab until the focused element matches the selector, as a keyboard user would."""
    for _ in range(limit):
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector}")


def pick_by_name(page: Page, typed: str, name: str) -> None:
    """Type into the picker, wait for the person among the results, click them."""
    page.get_by_label("Who", exact=True).press_sequentially(typed)
    page.locator("#picker-results").get_by_role("button", name=name).click()
    expect(page.locator("#chips")).to_contain_text(name)


def add_new_person(page: Page, name: str) -> None:
    page.get_by_label("Who", exact=True).press_sequentially(name)
    page.get_by_role("button", name=f"Add “{name}” as a new person").click()
    expect(page.locator("#chips .chip-new")).to_contain_text(name)


def log_with_anna_and_the_stranger(page: Page) -> Encounter:
    pick_by_name(page, "Anna", "Anna Berger")
    add_new_person(page, STRANGER)
    page.get_by_label("travel", exact=True).check()
    page.get_by_label("by chance", exact=True).check()
    page.get_by_role("button", name="Log it").click()
    expect(page.locator("#encounter-list > li").first).to_contain_text(STRANGER)
    return Encounter.objects.get(kind="travel")


@pytest.mark.parametrize("viewport", ["desktop"])
def test_the_stylesheet_and_the_scripts_load(page: Page, viewport):
    statuses = {}
    page.on(
        "response",
        lambda response: statuses.__setitem__(response.url.split("/static/")[-1], response.status),
    )
    page.goto("/accounts/login/")
    page.wait_for_load_state("load")
    for path in ("css/weitblick.css", "vendor/htmx.min.js", "js/weitblick.js"):
        assert statuses.get(path) == 200, f"/static/{path}: {statuses.get(path)}"
    # Headless Chromium does not always ask for the icon; ask for it the way a tab would.
    assert page.request.get("/static/img/favicon.svg").status == 200
    assert page.evaluate("typeof window.htmx") == "object"
    # The stylesheet is applied, not only fetched: the page has the paper background.
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(247, 245, 240)"


def test_it_logs_an_encounter_by_keyboard_without_reloading(page: Page, viewport, account, people):
    log_in(page, account.username)
    mark_page(page)

    who = page.get_by_label("Who", exact=True)
    who.focus()
    page.keyboard.type("ann")
    results = page.locator("#picker-results .picker-option")
    expect(results.first).to_contain_text("Anna Berger")
    expect(results.nth(1)).to_contain_text("Annette Vogel")
    screenshot(page, "quick-log-picker", viewport)
    page.keyboard.press("Enter")
    expect(page.locator("#chips .chip")).to_have_count(1)
    expect(page.locator("#chips")).to_contain_text("Anna Berger")
    expect(who).to_be_focused()
    expect(who).to_have_value("")

    tab_until(page, "#quick-log input[name=kind]")
    page.keyboard.press("ArrowRight")
    expect(page.get_by_label("meal", exact=True)).to_be_checked()
    tab_until(page, "#quick-log button[type=submit]")
    page.keyboard.press("Enter")

    newest = page.locator("#encounter-list > li").first
    expect(newest).to_contain_text("Meal")
    expect(newest).to_contain_text("Anna Berger")
    toast = page.locator("#toast")
    expect(toast).to_be_visible()
    expect(toast).to_contain_text("Logged: meal · Anna Berger")
    expect(toast.get_by_role("button", name="Undo")).to_be_visible()
    expect(page.locator("#chips .chip")).to_have_count(0)
    assert_not_reloaded(page)
    screenshot(page, "quick-log-logged", viewport, full_page=False)

    encounter = Encounter.objects.get(kind="meal")
    assert list(encounter.participants.all()) == [people["anna"]]
    assert newest.get_attribute("id") == f"encounter-{encounter.pk}"


def test_it_logs_an_encounter_with_a_new_person_shown_on_both_timelines(
    page: Page, viewport, account, people
):
    log_in(page, account.username)
    mark_page(page)
    encounter = log_with_anna_and_the_stranger(page)
    assert_not_reloaded(page)
    expect(page.locator("#toast")).to_contain_text(f"Logged: travel · Anna Berger, {STRANGER}")
    newest = page.locator(f"#encounter-{encounter.pk}")
    expect(newest).to_contain_text("by chance")

    stranger = Contact.objects.get(owner=account, name=STRANGER)
    assert set(encounter.participants.all()) == {people["anna"], stranger}
    assert encounter.planned is False

    for name in ("Anna Berger", STRANGER):
        page.goto("/")
        page.locator(f"#encounter-{encounter.pk}").get_by_role("link", name=name).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(name)
        on_timeline = page.locator(f"#encounter-list #encounter-{encounter.pk}")
        expect(on_timeline).to_contain_text("Travel")
        expect(on_timeline).to_contain_text("by chance")
    screenshot(page, "contact-new-person", viewport)


def test_it_edits_a_freshly_logged_encounter_through_its_edit_link(
    page: Page, viewport, account, people
):
    log_in(page, account.username)
    pick_by_name(page, "Anna", "Anna Berger")
    page.get_by_label("coffee", exact=True).check()
    page.get_by_role("button", name="Log it").click()
    encounter_item = page.locator("#encounter-list > li").first
    expect(encounter_item).to_contain_text("Coffee")
    encounter = Encounter.objects.get(kind="coffee")

    encounter_item.get_by_role("link", name=re.compile(r"^Edit coffee")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Edit encounter")
    # The edit form shows the encounter as it was logged, down to "planned".
    expect(page.locator("#chips")).to_contain_text("Anna Berger")
    expect(page.get_by_label("coffee", exact=True)).to_be_checked()
    expect(page.get_by_label("planned", exact=True)).to_be_checked()
    page.get_by_label("meal", exact=True).check()
    page.get_by_text("Where, notes, what I learned").click()
    page.get_by_label("Notes").fill("She is moving to the Hamburg plant in spring.")
    page.get_by_role("button", name="Save").click()

    expect(page.get_by_role("status").filter(has_text="Encounter saved.")).to_be_visible()
    edited = page.locator(f"#encounter-{encounter.pk}")
    expect(edited).to_contain_text("Meal")
    expect(edited).to_contain_text("She is moving to the Hamburg plant in spring.")
    screenshot(page, "quick-log-edited", viewport)
    encounter.refresh_from_db()
    assert (encounter.kind, encounter.notes) == (
        "meal",
        "She is moving to the Hamburg plant in spring.",
    )


def test_undo_takes_back_the_encounter_and_the_new_person(page: Page, viewport, account, people):
    log_in(page, account.username)
    mark_page(page)
    encounter = log_with_anna_and_the_stranger(page)
    expect(page.locator(f"#encounter-{encounter.pk}")).to_be_visible()

    page.locator("#toast").get_by_role("button", name="Undo").click()

    expect(page.locator("#toast")).to_contain_text("Taken back. The new person went with it.")
    expect(page.locator(f"#encounter-{encounter.pk}")).to_have_count(0)
    assert_not_reloaded(page)
    screenshot(page, "quick-log-undone", viewport, full_page=False)
    assert not Encounter.objects.filter(pk=encounter.pk).exists()
    assert not Contact.objects.filter(name=STRANGER).exists()
    assert Contact.objects.filter(pk=people["anna"].pk).exists()


@pytest.mark.parametrize("viewport", ["phone"])
def test_every_quick_log_input_has_a_label(page: Page, viewport, account):
    log_in(page, account.username)
    form = page.locator("#quick-log")
    for label in QUICK_LOG_LABELS:
        # Django's label_tag adds a colon to some labels; the words are what matter.
        labelled = form.get_by_label(re.compile(rf"^\s*{re.escape(label)}:?\s*$"))
        expect(labelled, f"label {label!r}").to_have_count(1)
    inputs = form.locator("input:not([type=hidden]), select, textarea")
    assert inputs.count() == len(QUICK_LOG_LABELS), "an input of the quick log has no label"


def test_focus_is_visible_on_every_stop_of_the_quick_log(page: Page, viewport, account, people):
    log_in(page, account.username)
    pick_by_name(page, "Anna", "Anna Berger")  # a chip, so its remove button is a tab stop too
    page.locator("#quick-log details.more summary").click()  # show the optional fields
    page.get_by_label("Who", exact=True).focus()
    page.keyboard.press("Shift+Tab")  # back to the chip's remove button, the form's first stop
    seen = []
    for _ in range(60):
        stop = page.evaluate(
            """() => {
                const el = document.activeElement;
                if (!el.closest('#quick-log')) return null;
                // Radios are visually hidden; their focus ring is drawn on the pill next to them.
                const drawn = el.type === 'radio' ? el.nextElementSibling : el;
                const style = getComputedStyle(drawn);
                // In a date or time field the last stop is the picker button, inside the field.
                const part = el.matches(':focus') ? '' : ' (its picker button)';
                return {
                    name: `${el.tagName.toLowerCase()} ${el.name || el.textContent.trim()}${part}`,
                    ring: style.boxShadow !== 'none' || style.outlineStyle !== 'none',
                };
            }"""
        )
        if stop is None:
            break
        seen.append(stop)
        page.keyboard.press("Tab")
    names = [stop["name"] for stop in seen]
    assert {
        "input who",
        "input kind",
        "input occurred_on",
        "textarea notes",
        "button Log it",
    } <= set(names), names
    # Date and time fields are several stops each (day, month, year, the picker button); every one
    # of them must show the ring on the field.
    assert [stop["name"] for stop in seen if not stop["ring"]] == [], (
        "focused without a visible ring"
    )
    page.get_by_label("Who", exact=True).focus()
    screenshot(page, "quick-log-focus", viewport)


@pytest.mark.parametrize("viewport", ["desktop"])
def test_readme_screenshot_of_the_dashboard(page: Page, viewport, demo_account):
    log_in(page, demo_account.username)
    pick_by_name(page, "Thomas", "Thomas Weber")
    page.get_by_label("Who", exact=True).press_sequentially("Fra")
    expect(page.locator("#picker-results .picker-option").first).to_be_visible()
    page.get_by_label("coffee", exact=True).check()
    readme_screenshot(page, "dashboard")
