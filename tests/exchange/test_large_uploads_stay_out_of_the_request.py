"""An oversized upload is refused from its Content-Length, before a byte of it is read; a large file
is never read in the request, also without a broker (no REDIS_URL): a thread of the web process
reads it while the page shows the progress bar."""

import io
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from contacts.models import Contact
from exchange.imports import jobs
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


@pytest.mark.django_db(transaction=True)
def test_without_a_broker_a_large_file_is_read_after_the_response(settings):
    settings.IMPORT_READS_IN_THREAD = True
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
    assert not Contact.objects.for_user(owner).exists()  # read and previewed, not imported
