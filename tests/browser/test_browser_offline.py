"""The quick log with no connection, on a phone: it opens, logs into the outbox, sends each once."""

import json
import re
import time
from collections.abc import Callable
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from contacts.models import Contact
from encounters.models import Encounter
from tests.factories import make_attribute, make_contact, make_user

from .conftest import PASSWORD, log_in, screenshot

pytestmark = pytest.mark.browser

DEVICE_CONTACTS = """() => new Promise(resolve => {
  const request = indexedDB.open("weitblick");
  request.onsuccess = () => {
    const db = request.result;
    if (!db.objectStoreNames.contains("contacts")) { db.close(); resolve(-1); return; }
    const count = db.transaction("contacts").objectStore("contacts").count();
    count.onsuccess = () => { db.close(); resolve(count.result); };
  };
})"""
OUTBOX = """() => new Promise(resolve => {
  const request = indexedDB.open("weitblick");
  request.onsuccess = () => {
    const db = request.result;
    const all = db.transaction("outbox").objectStore("outbox").getAll();
    all.onsuccess = () => { db.close(); resolve(all.result); };
  };
})"""
PUT_BACK = """entry => new Promise(resolve => {
  const request = indexedDB.open("weitblick");
  request.onsuccess = () => {
    const db = request.result;
    const tx = db.transaction("outbox", "readwrite");
    tx.objectStore("outbox").put(entry);
    tx.oncomplete = () => { db.close(); resolve(true); };
  };
})"""


def open_quick_log_ready_for_offline(page: Page, contacts: int = 2) -> None:
    """The quick log page, controlled by the service worker, with the contacts copied to the device."""
    page.goto("/encounters/new/")
    # The worker installed on the first visit controls the pages loaded after it is active.
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.reload()
    expect(page.locator("body")).to_have_attribute("data-offline-ready", "", timeout=10_000)
    assert page.evaluate("navigator.serviceWorker.controller !== null")
    assert page.evaluate(DEVICE_CONTACTS) == contacts


@pytest.fixture
def world(account):
    anna = make_contact(account, "Anna Berger", organisation="Stadtwerke")
    make_attribute(anna, "Industry", "Shipbuilding")
    ben = make_contact(account, "Ben Okafor", organisation="Varvet")
    return {"anna": anna, "ben": ben}


def pick(page: Page, typed: str, option: str) -> None:
    page.get_by_label("Who", exact=True).press_sequentially(typed)
    page.locator("#picker-results").get_by_role("button", name=option).click()


def wait_until(condition: Callable[[], bool], what: str) -> None:
    """Wait for something the browser does on its own (no page of ours drives it), at most 15 s."""
    deadline = time.monotonic() + 15
    while not condition():
        assert time.monotonic() < deadline, f"still waiting for {what}"
        time.sleep(0.1)


def refused_meal_with_anna_and_ben(page: Page, world) -> dict:
    """A meal with Anna, Ben and Lena (new) logged offline; Anna deleted; refused once back online."""
    page.context.set_offline(True)
    pick(page, "anna", "Anna Berger · Stadtwerke")
    pick(page, "ben", "Ben Okafor · Varvet")
    page.get_by_label("Who", exact=True).press_sequentially("Lena Nilsson")
    page.get_by_role("button", name="Add “Lena Nilsson” as a new person").click()
    page.get_by_text("Who is Lena Nilsson?").click()
    page.locator("#new-people fieldset").get_by_label("Organisation").fill("Varvet")
    page.get_by_label("meal", exact=True).check()
    page.get_by_text("Where, notes, what I learned").click()
    page.get_by_label("Notes").fill("Talked about the harbour")
    page.get_by_role("button", name="Log it").click()
    expect(page.locator("#outbox li")).to_have_count(1)
    world["anna"].delete()
    page.context.set_offline(False)
    expect(page.locator("#outbox li.outbox-refused")).to_contain_text(
        "not accepted", timeout=10_000
    )
    (entry,) = page.evaluate(OUTBOX)
    return entry


@pytest.mark.parametrize("viewport", ["phone"])
def test_it_logs_two_encounters_offline_and_sends_each_once_when_back_online(
    page: Page, viewport, account, world
):
    log_in(page, account.username)
    # An installable app: the manifest is linked and valid, the service worker controls the page.
    manifest = json.loads(page.request.get("/manifest.webmanifest").text())
    assert manifest["name"] == "Weitblick" and manifest["start_url"] == "/encounters/new/"
    assert {"192x192", "512x512"} <= {icon["sizes"] for icon in manifest["icons"]}
    assert page.locator("link[rel=manifest]").get_attribute("href") == "/manifest.webmanifest"
    open_quick_log_ready_for_offline(page)

    page.context.set_offline(True)
    page.reload()
    expect(page.get_by_role("heading", level=1)).to_have_text("Log an encounter")

    # One with Anna, found in the device's copy.
    page.get_by_label("Who", exact=True).press_sequentially("anna")
    page.locator("#picker-results").get_by_role("button", name="Anna Berger · Stadtwerke").click()
    expect(page.locator("#chips")).to_contain_text("Anna Berger")
    page.get_by_label("coffee", exact=True).check()
    page.get_by_role("button", name="Log it").click()
    expect(page.locator("#outbox li")).to_have_count(1)
    expect(page.locator("#outbox-count")).to_have_text("1")
    expect(page.locator("#chips .chip")).to_have_count(0)

    # One with a stranger, given an organisation and a dimension value.
    page.get_by_label("Who", exact=True).press_sequentially("Lena Nilsson")
    page.get_by_role("button", name="Add “Lena Nilsson” as a new person").click()
    page.get_by_text("Who is Lena Nilsson?").click()
    fields = page.locator("#new-people fieldset")
    fields.get_by_label("Organisation").fill("Varvet")
    fields.get_by_label("Industry").fill("shipbuilding")
    page.get_by_label("travel", exact=True).check()
    page.get_by_role("button", name="Log it").click()
    expect(page.locator("#outbox li")).to_have_count(2)
    expect(page.locator("#outbox-count")).to_have_text("2")
    expect(page.locator("#outbox")).to_contain_text("Lena Nilsson")
    expect(page.locator("#outbox li").first).to_contain_text("waiting to be sent")
    assert not Encounter.objects.exists()
    screenshot(page, "offline-waiting", viewport, full_page=False)
    waiting = page.evaluate(OUTBOX)

    page.context.set_offline(False)
    expect(page.locator("#outbox-count")).to_be_hidden(timeout=10_000)
    expect(page.locator("#outbox-sent")).to_have_text("Sent: 2")
    screenshot(page, "offline-sent", viewport, full_page=False)
    assert Encounter.objects.filter(owner=account).count() == 2
    lena = Contact.objects.get(owner=account, name="Lena Nilsson")
    assert lena.organisation == "Varvet"
    assert list(lena.attributes.values_list("value", flat=True)) == ["Shipbuilding"]
    assert Encounter.objects.get(kind="travel").participants.get() == lena
    assert Encounter.objects.get(kind="coffee").participants.get() == world["anna"]

    # A sync cut off after the server stored them (the device never heard): sent again, still once.
    for entry in waiting:
        page.evaluate(PUT_BACK, entry)
    assert page.evaluate("window.weitblickOutbox.sync()") == 2
    assert page.evaluate(OUTBOX) == []
    assert Encounter.objects.filter(owner=account).count() == 2
    assert Contact.objects.filter(owner=account, name="Lena Nilsson").count() == 1

    # On the timelines, once.
    page.goto(f"/contacts/{lena.pk}/")
    expect(page.locator("#encounter-list > li")).to_have_count(1)


@pytest.mark.parametrize("viewport", ["phone"])
def test_one_the_server_refuses_keeps_its_data_and_its_reason(page: Page, viewport, account, world):
    log_in(page, account.username)
    open_quick_log_ready_for_offline(page)
    page.context.set_offline(True)
    page.get_by_label("Who", exact=True).press_sequentially("anna")
    page.locator("#picker-results").get_by_role("button", name="Anna Berger · Stadtwerke").click()
    page.get_by_label("meal", exact=True).check()
    page.get_by_role("button", name="Log it").click()
    expect(page.locator("#outbox li")).to_have_count(1)
    # Anna is deleted (on another device) while this one waits.
    world["anna"].delete()

    page.context.set_offline(False)
    refused = page.locator("#outbox li.outbox-refused")
    expect(refused).to_contain_text("not accepted", timeout=10_000)
    expect(refused.locator(".outbox-reason")).not_to_be_empty()
    assert not Encounter.objects.exists()
    (kept,) = page.evaluate(OUTBOX)
    assert kept["reason"] and ["kind", "meal"] in kept["entries"]
    screenshot(page, "offline-refused", viewport, full_page=False)

    refused.get_by_role("button", name="Discard").click()
    expect(page.locator("#outbox li")).to_have_count(0)


@pytest.mark.parametrize("viewport", ["phone"])
def test_logging_out_wipes_the_device_copy_and_the_cache(page: Page, viewport, account, world):
    log_in(page, account.username)
    open_quick_log_ready_for_offline(page)
    assert page.evaluate("caches.keys().then(keys => keys.length)") >= 1

    page.locator("summary.menu-button").click()
    page.get_by_role("button", name="Log out").click()
    expect(page.locator("#id_username")).to_be_visible()
    assert page.evaluate("indexedDB.databases().then(dbs => dbs.map(db => db.name))") == []
    assert page.evaluate("caches.keys()") == []


@pytest.mark.parametrize("viewport", ["phone"])
def test_logging_out_with_encounters_still_waiting_asks_first_and_keeps_them_when_told_no(
    page: Page, viewport, account, world
):
    log_in(page, account.username)
    open_quick_log_ready_for_offline(page)
    refused_meal_with_anna_and_ben(page, world)
    asked = []

    def answer(dialog, accept: bool) -> None:
        asked.append(dialog.message)
        dialog.accept() if accept else dialog.dismiss()

    page.once("dialog", lambda dialog: answer(dialog, accept=False))
    page.locator("summary.menu-button").click()
    page.get_by_role("button", name="Log out").click()
    deadline = time.monotonic() + 10
    while not asked and time.monotonic() < deadline:
        page.wait_for_timeout(100)  # lets Playwright deliver the dialog to `answer`
    expect(page.locator("#outbox li.outbox-refused")).to_have_count(1)
    assert asked and "still waiting to be sent: 1" in asked[0]
    assert len(page.evaluate(OUTBOX)) == 1
    assert page.evaluate("document.body.dataset.user") == str(account.pk)

    page.once("dialog", lambda dialog: answer(dialog, accept=True))
    page.get_by_role("button", name="Log out").click()
    expect(page.locator("#id_username")).to_be_visible()
    assert page.evaluate("indexedDB.databases().then(dbs => dbs.map(db => db.name))") == []


@pytest.mark.parametrize("viewport", ["phone"])
def test_a_session_that_ends_keeps_what_waits_and_sends_it_when_the_same_person_signs_in(
    page: Page, viewport, account, world
):
    # As in a browser without Background Sync: otherwise Chromium may fire the sync on its own
    # (its idea of the connection is not the emulated one) and send the encounter before the
    # session ends, which is right but not what this test is about.
    page.add_init_script(
        "if (self.ServiceWorkerRegistration) { delete ServiceWorkerRegistration.prototype.sync; }"
    )
    log_in(page, account.username)
    open_quick_log_ready_for_offline(page)
    page.context.set_offline(True)
    pick(page, "anna", "Anna Berger · Stadtwerke")
    page.get_by_label("coffee", exact=True).check()
    page.get_by_role("button", name="Log it").click()
    expect(page.locator("#outbox li")).to_have_count(1)
    assert page.evaluate("'sync' in ServiceWorkerRegistration.prototype") is False

    # The session ends on its own (expired, or signed out elsewhere) while no page of ours is open;
    # the next one is the login page.
    page.goto("about:blank")
    page.context.clear_cookies()
    page.context.set_offline(False)
    page.goto("/accounts/login/")
    expect(page.locator("#id_username")).to_be_visible()
    wait_until(lambda: page.evaluate(DEVICE_CONTACTS) == 0, "the contacts copy wiped")
    assert len(page.evaluate(OUTBOX)) == 1
    assert page.evaluate("caches.keys()") == []
    # (Whether the server already has it does not matter here: Chromium's emulated outage does not
    # always hold the service worker's requests, and the client key stores it once either way.)

    log_in(page, account.username)
    wait_until(lambda: Encounter.objects.filter(owner=account).count() == 1, "the encounter sent")
    expect(page.locator("#outbox li")).to_have_count(0)


@pytest.mark.parametrize("viewport", ["phone"])
def test_a_refused_encounter_fixed_in_the_quick_log_is_sent_once_and_leaves_the_device(
    page: Page, viewport, account, world
):
    log_in(page, account.username)
    open_quick_log_ready_for_offline(page)
    refused = refused_meal_with_anna_and_ben(page, world)
    item = page.locator("#outbox li.outbox-refused")
    item.scroll_into_view_if_needed()
    screenshot(page, "offline-refused-actions", viewport, full_page=False)

    item.get_by_role("button", name="Edit").click()
    # Back in the quick log: Ben as a chip, Anna flagged, the kind and the notes as typed.
    notice = page.locator("#outbox-fixing")
    expect(notice).to_contain_text("Fixing an encounter that was not accepted")
    expect(notice.locator("[data-fixing-reason]")).to_have_text(refused["reason"])
    chips = page.locator("#chips .chip")
    expect(chips).to_have_count(3)
    expect(page.locator("#chips .chip-new")).to_contain_text("Lena Nilsson")
    expect(page.locator("#new-people fieldset").get_by_label("Organisation")).to_have_value(
        "Varvet"
    )
    expect(page.locator("#chips .chip-gone")).to_contain_text(
        "Anna Berger no longer in your contacts"
    )
    expect(page.locator("#chips input[name=participants]")).to_have_count(1)
    expect(page.locator("#chips input[name=participants]")).to_have_value(str(world["ben"].pk))
    expect(page.get_by_label("meal", exact=True)).to_be_checked()
    expect(page.get_by_label("Notes")).to_have_value("Talked about the harbour")
    expect(page.locator("#quick-log input[name=client_key]")).to_have_value(refused["key"])
    expect(page.locator("#outbox li")).to_contain_text("being fixed above")
    screenshot(page, "offline-fixing", viewport, full_page=False)

    # Sent with Anna still flagged: it says what to do, and nothing leaves the device.
    page.get_by_role("button", name="Send again").click()
    expect(page.locator("#outbox-fixing-problem")).to_contain_text("Remove the people flagged")
    assert not Encounter.objects.exists()

    page.get_by_role("button", name="Remove Anna Berger").click()
    page.get_by_label("Notes").fill("Talked about the harbour, and the new dock")
    page.get_by_role("button", name="Send again").click()

    expect(page.locator("#outbox-count")).to_be_hidden(timeout=10_000)
    expect(page.locator("#outbox li")).to_have_count(0)
    expect(notice).to_be_hidden()
    expect(page.get_by_role("button", name="Log it")).to_be_visible()
    assert page.evaluate(OUTBOX) == []
    encounter = Encounter.objects.get(owner=account)
    assert str(encounter.client_key) == refused["key"]
    lena = Contact.objects.get(owner=account, name="Lena Nilsson")
    assert lena.organisation == "Varvet"
    assert set(encounter.participants.all()) == {world["ben"], lena}
    assert (encounter.kind, encounter.notes) == (
        "meal",
        "Talked about the harbour, and the new dock",
    )

    # The refused version turning up again (a second tab, an old copy) stores nothing more.
    page.evaluate(PUT_BACK, {**refused, "reason": ""})
    assert page.evaluate("window.weitblickOutbox.sync()") == 1
    assert Encounter.objects.filter(owner=account).count() == 1
    assert Contact.objects.filter(owner=account, name="Lena Nilsson").count() == 1

    page.goto(f"/contacts/{world['ben'].pk}/")
    expect(page.locator("#encounter-list > li")).to_have_count(1)


@pytest.mark.parametrize("viewport", ["phone"])
def test_an_edit_left_unsent_leaves_the_refused_encounter_on_the_device_as_it_was(
    page: Page, viewport, account, world
):
    log_in(page, account.username)
    open_quick_log_ready_for_offline(page)
    refused = refused_meal_with_anna_and_ben(page, world)

    # "Keep it as it was": the form is empty again, the entry untouched.
    page.locator("#outbox li.outbox-refused").get_by_role("button", name="Edit").click()
    page.get_by_label("Notes").fill("Something else entirely")
    page.get_by_role("button", name="Keep it as it was").click()
    expect(page.locator("#outbox-fixing")).to_be_hidden()
    expect(page.locator("#chips .chip")).to_have_count(0)
    expect(page.locator("#new-people fieldset")).to_have_count(0)
    expect(page.get_by_label("Notes")).to_have_value("")
    assert page.evaluate(OUTBOX) == [refused]

    # Leaving the page in the middle of an edit: the entry waits as it was.
    page.locator("#outbox li.outbox-refused").get_by_role("button", name="Edit").click()
    page.get_by_label("Notes").fill("Half-way through a fix")
    page.reload()
    expect(page.locator("#outbox li.outbox-refused")).to_contain_text("not accepted")
    expect(page.locator("#outbox-count")).to_have_text("1")
    assert page.evaluate(OUTBOX) == [refused]
    assert not Encounter.objects.exists()


def background_sync(page: Page) -> Callable[[], None]:
    """Fire a real sync event at the worker, as DevTools' "Sync" button does.

    The DevTools session is opened while the page is ours and keeps working after it has left.
    """
    devtools = page.context.new_cdp_session(page)
    registrations: list[dict] = []
    devtools.on(
        "ServiceWorker.workerRegistrationUpdated",
        lambda event: registrations.extend(event["registrations"]),
    )
    devtools.send("ServiceWorker.enable")

    def fire() -> None:
        wait_until(lambda: any(not r["isDeleted"] for r in registrations), "the registration")
        registration = next(r for r in registrations if not r["isDeleted"])
        scope = urlsplit(registration["scopeURL"])
        devtools.send(
            "ServiceWorker.dispatchSyncEvent",
            {
                "origin": f"{scope.scheme}://{scope.netloc}",
                "registrationId": registration["registrationId"],
                "tag": "weitblick-send",
                "lastChance": False,
            },
        )

    return fire


def csrf_of(page: Page, path: str) -> str:
    html = page.request.get(path).text()
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def switch_session(page: Page, username: str) -> None:
    """Log out and in as someone else by plain requests: no page of ours runs meanwhile."""
    page.request.post(
        "/accounts/logout/", form={"csrfmiddlewaretoken": csrf_of(page, "/encounters/new/")}
    )
    login = page.request.post(
        "/accounts/login/",
        form={
            "csrfmiddlewaretoken": csrf_of(page, "/accounts/login/"),
            "username": username,
            "password": PASSWORD,
        },
    )
    assert login.url.endswith("/"), login.url


@pytest.mark.parametrize("viewport", ["phone"])
def test_background_sync_sends_what_waits_in_order_with_no_page_of_ours_open(
    page: Page, viewport, account, world
):
    log_in(page, account.username)
    open_quick_log_ready_for_offline(page)
    fire_sync = background_sync(page)

    page.context.set_offline(True)
    for who, option, kind in (
        ("anna", "Anna Berger · Stadtwerke", "coffee"),
        ("ben", "Ben Okafor · Varvet", "meal"),
    ):
        pick(page, who, option)
        page.get_by_label(kind, exact=True).check()
        page.get_by_role("button", name="Log it").click()
    expect(page.locator("#outbox li")).to_have_count(2)
    # Logging offline asked the browser for a Background Sync.
    assert "weitblick-send" in page.evaluate(
        "navigator.serviceWorker.ready.then(r => r.sync.getTags())"
    )
    waiting = page.evaluate(OUTBOX)

    # No Weitblick page is left to send anything; the connection comes back; the sync event fires.
    page.goto("about:blank")
    page.context.set_offline(False)
    fire_sync()

    wait_until(lambda: Encounter.objects.filter(owner=account).count() == 2, "the worker to send")
    # In the order they were logged, each with its key.
    sent = list(Encounter.objects.filter(owner=account).order_by("pk"))
    assert [e.kind for e in sent] == ["coffee", "meal"]
    assert [str(e.client_key) for e in sent] == [
        e["key"] for e in sorted(waiting, key=lambda e: e["created"])
    ]

    # Back on the quick log: nothing waits, nothing was sent twice.
    page.goto("/encounters/new/")
    expect(page.locator("#outbox-count")).to_be_hidden()
    assert page.evaluate(OUTBOX) == []
    assert Encounter.objects.filter(owner=account).count() == 2


@pytest.mark.parametrize("viewport", ["phone"])
def test_background_sync_never_sends_one_accounts_outbox_into_another_accounts_session(
    page: Page, viewport, account, world
):
    bob = make_user("bob", password=PASSWORD)
    log_in(page, account.username)
    open_quick_log_ready_for_offline(page)
    fire_sync = background_sync(page)
    page.context.set_offline(True)
    pick(page, "anna", "Anna Berger · Stadtwerke")
    page.get_by_label("coffee", exact=True).check()
    page.get_by_role("button", name="Log it").click()
    expect(page.locator("#outbox li")).to_have_count(1)

    # With no page of ours open (which would wipe the outbox), Alice's session ends and Bob's
    # begins (the test's own requests are not cut off by the emulated outage); then the connection
    # comes back and the sync fires. Sent as Bob, Anna would be refused (not his contact) and the
    # entry marked so: it would never reach Alice.
    page.goto("about:blank")
    switch_session(page, "bob")
    page.context.set_offline(False)
    fire_sync()
    # Alice back: the same sync sends her encounter into her account.
    switch_session(page, account.username)
    fire_sync()
    wait_until(lambda: Encounter.objects.filter(owner=account).exists(), "Alice's encounter")
    assert not Encounter.objects.filter(owner=bob).exists()
    assert Encounter.objects.count() == 1
