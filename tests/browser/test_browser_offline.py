"""The quick log with no connection, on a phone: it opens, logs into the outbox, sends each once."""

import json

import pytest
from playwright.sync_api import Page, expect

from contacts.models import Contact
from encounters.models import Encounter
from tests.factories import make_attribute, make_contact

from .conftest import log_in, screenshot

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


def open_quick_log_ready_for_offline(page: Page, contacts: int = 1) -> None:
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
    return {"anna": anna}


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
