"""A large file is read and imported by Celery tasks while the page shows a progress bar."""

import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from contacts.models import Contact
from exchange import tasks
from exchange.imports import jobs, uploads
from exchange.models import ImportJob
from tests.exchange.helpers import generated_vcards, import_file


def _upload(client, data: bytes, name: str = "big.vcf"):
    return client.post(
        "/exchange/import/", {"file": SimpleUploadedFile(name, data), "format": "auto"}
    )


def test_the_import_tasks_are_registered_with_celery():
    from crm.celery import app

    app.loader.import_default_modules()
    assert {"exchange.tasks.read_import", "exchange.tasks.run_import"} <= set(app.tasks)


def test_a_large_upload_returns_at_once_and_the_file_is_read_by_a_task(
    user_client, user, django_capture_on_commit_callbacks
):
    count = jobs.IN_REQUEST_LIMIT + 100
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = _upload(user_client, generated_vcards(count))
    job = ImportJob.objects.for_user(user).get()
    assert response.status_code == 302
    # The request only stored the file: nothing read, nothing counted, nothing imported.
    assert jobs.is_reading(job) and job.total == 0
    assert "records" not in job.payload
    assert len(callbacks) == 1
    page = user_client.get(f"/exchange/import/{job.pk}/").content.decode()
    assert (
        "Reading the file…" in page
        and 'hx-trigger="every 1s"' in page
        and 'role="progressbar"' in page
    )

    callbacks[0]()  # the reading task, run in-process as the broker would
    job.refresh_from_db()
    assert job.summary["phase"] == "ready" and job.summary["new"]["count"] == count
    # The photos were not stored with the waiting file.
    assert "4AAQSkZJRg" not in str(job.payload)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        user_client.post(f"/exchange/import/{job.pk}/confirm/")
    job.refresh_from_db()
    assert job.status == ImportJob.Status.QUEUED
    assert not Contact.objects.for_user(user).exists()
    poll = user_client.get(f"/exchange/import/{job.pk}/progress/", headers={"HX-Request": "true"})
    assert "Waiting for the worker…" in poll.content.decode()

    callbacks[0]()  # the import task
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE
    assert Contact.objects.for_user(user).count() == count
    poll = user_client.get(f"/exchange/import/{job.pk}/progress/", headers={"HX-Request": "true"})
    assert poll.headers["HX-Refresh"] == "true"


def test_the_progress_bar_follows_the_records_imported(user_client, user):
    job = ImportJob.objects.create(
        owner=user, format="vcard", status=ImportJob.Status.RUNNING, total=2000, processed=1000
    )
    html = user_client.get(
        f"/exchange/import/{job.pk}/progress/", headers={"HX-Request": "true"}
    ).content.decode()
    assert 'aria-valuenow="1000"' in html and 'class="w-50"' in html
    assert "1000 of 2000 records imported" in html


def test_ten_thousand_cards_are_read_and_imported_by_the_tasks(
    user, django_capture_on_commit_callbacks, capsys
):
    data = generated_vcards(10_000)
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        job = jobs.start_import(user, data, filename="ten-thousand.vcf")
        tasks.request_reading(job)
    read = time.monotonic()
    job.refresh_from_db()
    assert job.summary["new"]["count"] == 10_000
    assert jobs.confirm_import(job)
    with django_capture_on_commit_callbacks(execute=True):
        tasks.request_import(job)
    done = time.monotonic()
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE, job.error
    assert job.processed == job.total == 10_000
    assert Contact.objects.for_user(user).count() == 10_000
    anna = Contact.objects.for_user(user).get(email="person00000@example.org")
    assert anna.name == "Anna Schmidt 00000" and anna.birthday.year == 1950
    with capsys.disabled():
        print(
            f"\n10,000 cards ({len(data) / 1e6:.1f} MB): read and previewed in {read - started:.1f} s, imported in {done - read:.1f} s"
        )
    assert done - started < 60


def test_the_import_task_takes_only_a_queued_job(user):
    job = jobs.start_import(user, generated_vcards(20), filename="small.vcf")
    assert tasks.run_import(job.pk) == "skipped"  # not confirmed yet
    assert jobs.confirm_import(job)
    assert tasks.run_import(job.pk) == "done"
    assert tasks.run_import(job.pk) == "skipped"  # a second delivery of the message
    assert Contact.objects.for_user(user).count() == 20


def test_a_running_job_whose_worker_died_is_taken_again_and_merges_instead_of_duplicating(user):
    job = import_file(user, generated_vcards(30), "first.vcf")
    assert job.status == "done"
    again = jobs.start_import(user, generated_vcards(40), filename="again.vcf")
    jobs.confirm_import(again)
    # A worker took it and died: the job says running and has not moved for a long time.
    ImportJob.objects.filter(pk=again.pk).update(
        status=ImportJob.Status.RUNNING, lease_until=again.created_at - jobs.lease()
    )
    assert tasks.run_import(again.pk) == "done"
    again.refresh_from_db()
    assert again.summary["result"]["created"] == 10
    assert again.summary["result"]["unchanged"] == 30
    assert Contact.objects.for_user(user).count() == 40


@pytest.mark.django_db(transaction=True)
def test_the_real_worker_reads_and_imports_a_large_file(celery_worker, client):
    from tests.factories import make_user

    person = make_user("worker-test")
    client.force_login(person)
    count = jobs.IN_REQUEST_LIMIT + 50
    _upload(client, generated_vcards(count))
    job = ImportJob.objects.for_user(person).get()
    assert _wait_for(lambda: ImportJob.objects.get(pk=job.pk).summary.get("phase") == "ready")
    client.post(f"/exchange/import/{job.pk}/confirm/")
    assert _wait_for(lambda: ImportJob.objects.get(pk=job.pk).status == ImportJob.Status.DONE)
    assert Contact.objects.for_user(person).count() == count


@pytest.mark.django_db(transaction=True)
def test_the_real_worker_reads_the_streamed_file_imports_it_and_removes_the_file(
    celery_worker, client
):
    from tests.factories import make_user

    person = make_user("streamed")
    client.force_login(person)
    count = 5_000  # 2 MB, copied to the job's file in chunks and read by the worker
    response = _upload(client, generated_vcards(count))
    job = ImportJob.objects.for_user(person).get()
    assert response.status_code == 302 and response["Location"] == f"/exchange/import/{job.pk}/"

    assert _wait_for(lambda: ImportJob.objects.get(pk=job.pk).summary.get("phase") == "ready")
    job.refresh_from_db()
    assert (job.format, job.total, job.summary["new"]["count"]) == ("vcard", count, count)
    assert not uploads.path_of(job.pk).exists()
    client.post(f"/exchange/import/{job.pk}/confirm/")
    assert _wait_for(lambda: ImportJob.objects.get(pk=job.pk).status == ImportJob.Status.DONE)
    assert Contact.objects.for_user(person).count() == count


@pytest.mark.django_db(transaction=True)
def test_the_real_worker_refuses_a_broken_line_naming_it_and_imports_nothing(celery_worker, client):
    from tests.factories import make_user

    person = make_user("broken-streamed")
    client.force_login(person)
    count = 2_000
    broken = generated_vcards(count) + (
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Late Error\r\nBDAY:1979-02-30\r\nEND:VCARD\r\n"
    )
    assert _upload(client, broken).status_code == 302
    job = ImportJob.objects.for_user(person).get()

    assert _wait_for(lambda: ImportJob.objects.get(pk=job.pk).status == ImportJob.Status.FAILED)
    job.refresh_from_db()
    line = 13 * count + 2 * (count // 50) + 4
    assert job.summary["errors"] == [
        f"Card {count + 1} (Late Error), line {line}, BDAY: “1979-02-30” is not a date; "
        "expected YYYY-MM-DD, YYYYMMDD or --MM-DD"
    ]
    page = client.get(f"/exchange/import/{job.pk}/").content.decode()
    assert "Nothing was imported" in page and f"line {line}, BDAY" in page
    assert not Contact.objects.for_user(person).exists()
    assert not uploads.path_of(job.pk).exists()


def _wait_for(condition, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False
