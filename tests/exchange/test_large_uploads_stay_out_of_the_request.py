"""An oversized upload is refused from its Content-Length, before a byte of it is read; a large file
is never read in the request, also without a broker (no REDIS_URL): the request only copies it to
the job's file, and a task (or a thread of the web process) decodes, checks and previews it while
the page shows the progress bar."""

import io
import threading
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from contacts.models import Contact
from exchange.imports import jobs, uploads
from exchange.models import ImportJob
from tests.exchange.helpers import generated_vcards
from tests.factories import make_user


class WatchedBody(io.RawIOBase):
    """A request body that remembers whether anything read it."""

    was_read = False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        self.was_read = True
        return 0


@pytest.mark.django_db
def test_an_oversized_upload_is_refused_before_it_is_read(user_client):
    body = WatchedBody()
    response = user_client.generic(
        "POST",
        "/exchange/import/",
        content_type="multipart/form-data; boundary=x",
        **{
            "CONTENT_LENGTH": str(jobs.MAX_UPLOAD_BYTES + 2 * 1024 * 1024),
            "wsgi.input": body,
        },
    )
    assert response.status_code == 413
    assert b"too large" in response.content
    assert not body.was_read


@pytest.mark.django_db
def test_an_oversized_body_without_login_is_refused_too(client):
    body = WatchedBody()
    response = client.generic(
        "POST",
        "/accounts/login/",
        content_type="application/x-www-form-urlencoded",
        **{"CONTENT_LENGTH": str(10**12), "wsgi.input": body},
    )
    assert response.status_code == 413
    assert not body.was_read


def _cut_off(count: int) -> bytes:
    """`count` cards and a last one whose END:VCARD is missing: a file checked anywhere is refused."""
    return generated_vcards(count) + b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Cut Off\r\n"


@pytest.mark.django_db
def test_a_large_upload_is_only_stored_by_the_request_and_checked_by_its_task(
    user_client, user, django_capture_on_commit_callbacks
):
    count = 10_000  # 3.9 MB
    data = _cut_off(count)

    with django_capture_on_commit_callbacks(execute=False) as reading:
        response = user_client.post(
            "/exchange/import/",
            {"file": SimpleUploadedFile("big.vcf", data), "format": "auto"},
        )

    # The request neither decoded, counted nor checked the file: it is stored byte for byte and
    # waits for its task, with the format still to be found.
    assert response.status_code == 302
    job = ImportJob.objects.for_user(user).get()
    assert jobs.is_reading(job)
    assert (job.format, job.total, job.payload) == ("auto", 0, [])
    assert uploads.path_of(job.pk).read_bytes() == data

    assert len(reading) == 1
    reading[0]()  # the reading task, as the worker runs it
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED
    assert job.summary["errors"] == [
        f"Card {count + 1} (from line {13 * count + 2 * (count // 50) + 1}): the file ends before "
        "the card's END:VCARD."
    ]
    assert not Contact.objects.for_user(user).exists()
    assert not uploads.path_of(job.pk).exists()


@pytest.mark.django_db(transaction=True)
def test_without_a_broker_a_large_file_is_read_in_a_thread_after_the_response(
    settings, monkeypatch
):
    settings.IMPORT_READS_IN_THREAD = True
    # Which threads decode an uploaded file: the only edge of our code this test watches.
    decoded_in = []
    decode_text = jobs.decode_text

    def watched_decode_text(data: bytes) -> str:
        decoded_in.append(threading.current_thread().name)
        return decode_text(data)

    monkeypatch.setattr(jobs, "decode_text", watched_decode_text)
    owner = make_user("reader")
    client = Client()
    client.force_login(owner)
    count = jobs.IN_REQUEST_LIMIT * 4

    response = client.post(
        "/exchange/import/",
        {"file": SimpleUploadedFile("big.vcf", generated_vcards(count)), "format": "auto"},
    )

    job = ImportJob.objects.for_user(owner).get()
    assert response.status_code == 302
    assert "records" not in job.payload  # the request stored the file and read nothing
    deadline = time.monotonic() + 60
    while jobs.is_reading(job) and time.monotonic() < deadline:
        time.sleep(0.2)
        job.refresh_from_db()
    assert job.summary["phase"] == jobs.READY
    assert job.total == count
    assert decoded_in == [f"import-{job.pk}"]
    assert not uploads.path_of(job.pk).exists()
    assert not Contact.objects.for_user(owner).exists()  # read and previewed, not imported
