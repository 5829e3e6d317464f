"""An import survives a killed worker and a broker that is down, and can be stopped from its page.

In-process; the worker is killed for real in tests/site/test_faults_with_real_parts.py.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from contacts.models import Contact
from exchange import tasks
from exchange.imports import jobs
from exchange.models import ImportJob
from tests.exchange.helpers import generated_vcards

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}
BIG = 2_500  # three batches, read and imported by the tasks


def _queued(user, count=BIG) -> ImportJob:
    job = jobs.start_import(user, generated_vcards(count), filename="big.vcf")
    if jobs.is_reading(job):
        jobs.read_job(job.pk)
        job.refresh_from_db()
    assert jobs.confirm_import(job)
    return job


def _worker_died(job: ImportJob, *, processed: int = 1000) -> None:
    """A worker took the job, wrote a batch and was killed: its lease runs out."""
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportJob.Status.RUNNING,
        processed=processed,
        lease_until=timezone.now() - datetime.timedelta(seconds=1),
    )


def test_a_job_whose_worker_died_is_published_again_by_the_sweeper_and_finishes(user):
    job = _queued(user)
    _worker_died(job)

    assert tasks.sweep_imports.apply().get() == 1

    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE
    assert Contact.objects.for_user(user).count() == BIG


def test_a_job_whose_worker_is_alive_is_left_to_it(user):
    job = _queued(user)
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportJob.Status.RUNNING,
        lease_until=timezone.now() + datetime.timedelta(minutes=1),
    )

    assert tasks.sweep_imports.apply().get() == 0
    assert tasks.run_import(job.pk) == "skipped"  # a second copy of the message


def test_an_import_started_while_the_broker_is_down_is_kept_and_run_by_the_sweeper(
    user_client, user, monkeypatch, django_capture_on_commit_callbacks
):
    def refuse(*args, **kwargs):
        raise ConnectionError("broker down")

    with monkeypatch.context() as broker:
        broker.setattr(tasks.read_import, "delay", refuse)
        with django_capture_on_commit_callbacks(execute=True):
            response = user_client.post(
                reverse("exchange:upload"),
                {"file": _upload(generated_vcards(BIG)), "format": "auto"},
            )
    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert jobs.is_reading(job) and job.lease_until is None
    page = user_client.get(reverse("exchange:job", args=[job.pk])).content.decode()
    assert "No worker has this import at the moment" in page

    # The broker is back: the next sweep reads the file.
    assert tasks.sweep_imports.apply().get() == 1
    job.refresh_from_db()
    assert job.summary["phase"] == jobs.READY


def test_a_running_import_can_be_stopped_from_its_page_and_stops_after_its_batch(
    user_client, user, monkeypatch
):
    job = _queued(user)
    real_heartbeat = jobs._heartbeat

    def heartbeat_that_presses_stop(job_id, *, status):
        progress = real_heartbeat(job_id, status=status)

        def first_batch_written(count):
            progress(count)
            if count == 1000:  # the person presses "Stop the import" while the bar moves
                page = user_client.get(reverse("exchange:job", args=[job.pk])).content.decode()
                assert "Stop the import" in page
                user_client.post(reverse("exchange:cancel", args=[job.pk]))

        return first_batch_written

    monkeypatch.setattr(jobs, "_heartbeat", heartbeat_that_presses_stop)

    assert tasks.run_import(job.pk) == "cancelled"

    job.refresh_from_db()
    assert job.status == ImportJob.Status.CANCELLED
    # The batch it was writing when the person pressed stop, and no more.
    assert Contact.objects.for_user(user).count() == 2000
    # The progress bar stops polling: the page reloads and says how far it got.
    poll = user_client.get(reverse("exchange:progress", args=[job.pk]), **HTMX)
    assert poll.headers["HX-Refresh"] == "true"
    page = user_client.get(reverse("exchange:job", args=[job.pk])).content.decode()
    assert "stopped after 2000 of 2500 records" in page


def test_a_job_left_running_by_a_dead_worker_can_be_cancelled(user_client, user):
    job = _queued(user)
    _worker_died(job)

    page = user_client.get(reverse("exchange:job", args=[job.pk])).content.decode()
    assert "No worker has this import at the moment" in page
    user_client.post(reverse("exchange:cancel", args=[job.pk]))

    job.refresh_from_db()
    assert job.status == ImportJob.Status.CANCELLED
    assert tasks.sweep_imports.apply().get() == 0
    assert tasks.run_import(job.pk) == "skipped"


def test_another_users_import_cannot_be_cancelled(client, other_user, user):
    job = _queued(user, count=10)
    client.force_login(other_user)

    assert client.post(reverse("exchange:cancel", args=[job.pk])).status_code == 404


def _upload(data: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("big.vcf", data)
