"""Importing in a real browser: upload a file, read the preview, confirm, watch the progress bar."""

import pytest
from playwright.sync_api import Page, expect

from contacts.models import Contact
from exchange.imports import jobs
from exchange.models import ImportJob
from tests.exchange.helpers import generated_vcards
from tests.factories import make_contact

from .conftest import log_in, screenshot

pytestmark = pytest.mark.browser

COUNT = jobs.IN_REQUEST_LIMIT + 100


@pytest.fixture
def worker(monkeypatch):
    """Holds the tasks the page enqueues, so that the test runs them when it wants to see the bar."""
    enqueued = []
    monkeypatch.setattr(
        "exchange.tasks.enqueue", lambda task, job: enqueued.append((task.name, job.pk))
    )
    return enqueued


def test_it_previews_imports_and_shows_the_progress_bar(
    page: Page, viewport, account, worker, tmp_path
):
    anna = make_contact(
        account,
        "Anna Schmidt",
        email="person00000@example.org",
        organisation="Nordwind Logistik GmbH",
    )
    upload = tmp_path / "contacts.vcf"
    upload.write_bytes(generated_vcards(COUNT))

    log_in(page, account.username)
    page.goto("/exchange/")
    expect(page.get_by_role("heading", name="Import and export", level=1)).to_be_visible()
    page.get_by_label("File").set_input_files(upload)
    page.get_by_role("button", name="Read the file").click()

    # The request only stored the file; reading it waits for the worker, under a progress bar.
    expect(page.get_by_role("heading", name="Reading the file…")).to_be_visible()
    expect(page.get_by_role("progressbar")).to_have_attribute("aria-valuenow", "0")
    job = ImportJob.objects.get(owner=account)
    assert worker == [("exchange.tasks.read_import", job.pk)]
    jobs.read_job(job.pk)

    # The poll notices and the page shows the preview: nothing written yet.
    expect(page.get_by_role("heading", name="What would happen")).to_be_visible()
    expect(page.locator(".number").first).to_contain_text(str(COUNT - 1))
    merges = page.locator(".merges")
    expect(merges).to_contain_text("Anna Schmidt")
    expect(merges).to_contain_text("same email")
    expect(merges).to_contain_text("Phone: “+49 170 0000000” fills the empty field")
    expect(page.get_by_text("Weitblick has no field for these")).to_be_visible()
    assert Contact.objects.filter(owner=account).count() == 1
    screenshot(page, "import-preview", viewport)

    page.get_by_role("button", name=f"Import: {COUNT - 1} new, 1 merged").click()
    expect(page.get_by_role("heading", name="Waiting for the worker…")).to_be_visible()
    assert worker[-1] == ("exchange.tasks.run_import", job.pk)

    # Half-way through, as a worker reports it: the bar follows.
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportJob.Status.RUNNING, processed=COUNT // 2
    )
    expect(page.get_by_role("heading", name="Importing…")).to_be_visible()
    expect(page.get_by_role("progressbar")).to_have_attribute("aria-valuenow", str(COUNT // 2))
    expect(page.locator(".bar > i")).to_have_class("w-50")
    expect(page.get_by_text(f"{COUNT // 2} of {COUNT} records imported")).to_be_visible()
    screenshot(page, "import-progress", viewport, full_page=False)

    # The worker takes the job from the start and finishes; the page shows the result.
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.QUEUED, processed=0)
    assert jobs.run_import(job.pk) == "done"
    expect(page.get_by_role("heading", name="Imported")).to_be_visible()
    expect(page.locator(".number").first).to_contain_text(str(COUNT - 1))
    screenshot(page, "import-result", viewport)
    assert Contact.objects.filter(owner=account).count() == COUNT
    anna.refresh_from_db()
    assert anna.phone == "+49 170 0000000"


def test_a_refused_file_shows_its_errors_on_the_page(page: Page, viewport, account, tmp_path):
    broken = tmp_path / "broken.vcf"
    broken.write_text(
        "BEGIN:VCARD\nVERSION:3.0\nFN:Anna Schmidt\nBDAY:1979-02-30\nEND:VCARD\nBEGIN:VCARD\nFN:Cut off\n"
    )
    log_in(page, account.username)
    page.goto("/exchange/")
    page.get_by_label("File").set_input_files(broken)
    page.get_by_role("button", name="Read the file").click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("The file was refused; nothing was imported.")
    expect(alert).to_contain_text("Card 1 (Anna Schmidt), line 4, BDAY: “1979-02-30” is not a date")
    expect(alert).to_contain_text(
        "Card 2 (from line 6): the file ends before the card's END:VCARD."
    )
    screenshot(page, "import-refused", viewport)
    assert not Contact.objects.filter(owner=account).exists()
