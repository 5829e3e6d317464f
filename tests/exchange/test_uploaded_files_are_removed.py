"""An uploaded file lives only while its job waits to be read: it is removed once read, refused or
cancelled, and the sweeper removes what a killed process, an expired job or a deleted account
left behind."""

import datetime
import os
import time

from django.urls import reverse
from django.utils import timezone

from exchange import tasks
from exchange.imports import jobs, uploads
from exchange.models import ImportJob
from tests.exchange.helpers import generated_vcards


def _waiting(user) -> ImportJob:
    job = jobs.start_import(user, generated_vcards(jobs.IN_REQUEST_LIMIT), filename="big.vcf")
    assert jobs.is_reading(job) and uploads.path_of(job.pk).exists()
    return job


def _age(path, hours: float) -> None:
    then = time.time() - hours * 3600
    os.utime(path, (then, then))


def test_a_small_file_is_read_at_once_and_its_file_removed(user):
    job = jobs.start_import(user, generated_vcards(20), filename="small.vcf")
    assert job.summary["phase"] == jobs.READY
    assert not uploads.path_of(job.pk).exists()


def test_cancelling_a_job_that_waits_to_be_read_removes_its_file(user_client, user):
    job = _waiting(user)
    user_client.post(reverse("exchange:cancel", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == ImportJob.Status.CANCELLED
    assert not uploads.path_of(job.pk).exists()
    assert jobs.read_job(job.pk) == "skipped"


def test_the_sweeper_keeps_the_file_of_a_waiting_job_and_reads_it(user):
    job = _waiting(user)
    tasks.sweep_imports.apply().get()
    job.refresh_from_db()
    assert job.summary["phase"] == jobs.READY
    assert not uploads.path_of(job.pk).exists()


def test_a_job_whose_file_waited_more_than_a_day_fails_and_its_file_is_removed(user):
    job = _waiting(user)
    ImportJob.objects.filter(pk=job.pk).update(
        created_at=timezone.now() - jobs.SWEEP_WINDOW - datetime.timedelta(minutes=1)
    )
    tasks.sweep_imports.apply().get()
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED
    assert "waited too long" in job.summary["errors"][0]
    assert not uploads.path_of(job.pk).exists()


def test_the_file_of_a_deleted_job_is_removed_once_it_is_an_hour_old(user):
    job = _waiting(user)
    path = uploads.path_of(job.pk)
    job.delete()  # as when its person deletes their account
    stray = uploads.folder() / "123456789.part"  # a request killed while it copied a file
    stray.write_bytes(b"half")

    jobs.remove_stale_uploads()
    assert path.exists() and stray.exists()  # it may belong to a job not committed yet

    _age(path, 2)
    _age(stray, 2)
    jobs.remove_stale_uploads()
    assert not path.exists() and not stray.exists()


def test_a_file_left_by_a_reader_killed_after_the_preview_is_removed_by_the_sweeper(user):
    job = _waiting(user)
    data = uploads.path_of(job.pk).read_bytes()
    jobs.read_job(job.pk)
    uploads.store(job.pk, [data])  # the reader was killed between storing the preview and removing

    jobs.remove_stale_uploads()
    assert not uploads.path_of(job.pk).exists()
