"""Weitblick's parts made to fail for real: a Celery worker SIGKILLed mid-digest and mid-import,
Redis killed during the dispatch, the SMTP server down. docs/guarantees.md says what holds.

The module runs its own redis-server and two worker processes (beat embedded, sweeping every
second), each test its aiosmtpd server, with leases of seconds instead of minutes
(tests/faults/conftest.py).
"""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone

from contacts.models import Contact
from encounters.models import DigestDelivery
from encounters.tasks import dispatch_digests, send_digest_batch
from exchange.imports import jobs
from exchange.models import ImportJob
from tests.exchange.helpers import generated_vcards
from tests.factories import make_user
from tests.faults.conftest import FAST, wait_for

pytestmark = [pytest.mark.faults, pytest.mark.django_db(transaction=True)]
Status = DigestDelivery.Status
CARDS = 3_000  # three batches of 1,000: the worker is killed after the first
HTMX = {"HTTP_HX_REQUEST": "true"}


def _due_users(count: int) -> list:
    now = timezone.now().astimezone(datetime.UTC)
    return [
        make_user(f"due{i}", time_zone="UTC", digest_weekday=now.weekday(), digest_hour=0)
        for i in range(count)
    ]


def _sent(count: int) -> bool:
    return DigestDelivery.objects.filter(status=Status.SENT).count() == count


def test_a_worker_killed_mid_digest_still_gets_every_user_exactly_one(workers, inbox):
    users = _due_users(4)
    inbox.start()
    inbox.hold.set()  # the first mail stops half-way, at RCPT
    workers.ensure(2)

    dispatch_digests()
    assert inbox.held.wait(30), workers.tail()
    stuck = DigestDelivery.objects.get(owner__email=inbox.held_for)
    assert stuck.status == Status.SENDING
    workers.holding(stuck.claimed_by).kill()
    inbox.hold.clear()

    # The other worker sends the rest; the sweeper frees the stuck row when its lease runs out.
    assert wait_for(lambda: _sent(4), 40), workers.tail()
    wait_for(lambda: False, 2 * FAST["WEITBLICK_SWEEP_SECONDS"])  # a few more sweeps: no more
    assert sorted(inbox.recipients) == sorted(user.email for user in users)
    assert DigestDelivery.objects.get(pk=stuck.pk).attempts == 2


def _import_killed_mid_way(client, workers, *, count: int) -> ImportJob:
    person = make_user("importer")
    client.force_login(person)
    workers.ensure(count)
    client.post(
        reverse("exchange:upload"),
        {"file": SimpleUploadedFile("big.vcf", generated_vcards(CARDS)), "format": "auto"},
    )
    job = ImportJob.objects.get()
    assert wait_for(lambda: _job(job).summary.get("phase") == jobs.READY, 60), workers.tail()
    client.post(reverse("exchange:confirm", args=[job.pk]))
    if connection.vendor != "postgresql":
        assert wait_for(
            lambda: _job(job).status == ImportJob.Status.RUNNING and _job(job).processed >= 1000,
            60,
        ), workers.tail()
        workers.holding("exchange.tasks.run_import[").kill()
        assert _job(job).status == ImportJob.Status.RUNNING
        return job
    # On an idle machine the worker writes the other two batches in the moment between seeing the
    # first and the kill. So the job's row is locked once the first batch is in: the worker's next
    # progress report waits for the lock, and it is killed while it waits. A poll that finds the
    # first batch not yet written rolls back its savepoint, and with it the lock.
    with transaction.atomic():

        def first_batch_in_and_held() -> bool:
            savepoint = transaction.savepoint()
            held = ImportJob.objects.select_for_update().get(pk=job.pk)
            if held.status == ImportJob.Status.RUNNING and held.processed >= 1000:
                return True
            transaction.savepoint_rollback(savepoint)
            return False

        assert wait_for(first_batch_in_and_held, 60), workers.tail()
        workers.holding("exchange.tasks.run_import[").kill()
    assert _job(job).status == ImportJob.Status.RUNNING
    return job


def _job(job: ImportJob) -> ImportJob:
    return ImportJob.objects.get(pk=job.pk)


def test_an_import_whose_worker_was_killed_finishes_with_each_contact_once(workers, client):
    job = _import_killed_mid_way(client, workers, count=2)
    written = Contact.objects.count()
    assert 1000 <= written < CARDS

    # The other worker takes it once the lease has run out; the rerun merges what was written.
    assert wait_for(lambda: _job(job).status == ImportJob.Status.DONE, 60), workers.tail()
    assert Contact.objects.count() == CARDS
    assert Contact.objects.values("email").distinct().count() == CARDS


def test_an_import_whose_worker_was_killed_can_be_cancelled_from_its_page(workers, client):
    job = _import_killed_mid_way(client, workers, count=1)
    written = Contact.objects.count()

    page = client.get(reverse("exchange:job", args=[job.pk])).content.decode()
    assert "Stop the import" in page
    client.post(reverse("exchange:cancel", args=[job.pk]))
    poll = client.get(reverse("exchange:progress", args=[job.pk]), **HTMX)
    assert poll.headers["HX-Refresh"] == "true"  # the bar stops polling

    workers.ensure(1)  # a worker is back, its sweeper leaves the cancelled import alone
    wait_for(lambda: False, FAST["IMPORT_LEASE_SECONDS"] + 2 * FAST["WEITBLICK_SWEEP_SECONDS"])
    assert _job(job).status == ImportJob.Status.CANCELLED
    assert Contact.objects.count() == written


def test_redis_killed_during_the_dispatch_loses_no_digest(
    workers, inbox, broker, monkeypatch, settings
):
    settings.DIGEST_BATCH_SIZE = 2
    users = _due_users(6)
    inbox.start()
    workers.ensure(1)
    publish = send_digest_batch.apply_async
    published = []

    def redis_dies_after_two(*args, **kwargs):
        if len(published) == 2:
            broker.kill()
        result = publish(*args, **kwargs)
        published.append(result)
        return result

    monkeypatch.setattr(send_digest_batch, "apply_async", redis_dies_after_two)
    assert dispatch_digests() == 4  # two batches went out before Redis died; the rest was refused
    monkeypatch.undo()
    assert DigestDelivery.objects.count() == 6
    assert DigestDelivery.objects.filter(enqueued_at__isnull=True).count() >= 2

    broker.start()  # an empty Redis on the same port: whatever it held is gone
    assert wait_for(lambda: _sent(6), 60), workers.tail()
    assert sorted(inbox.recipients) == sorted(user.email for user in users)


def test_smtp_down_backs_off_and_the_week_goes_out_when_it_returns(workers, inbox):
    users = _due_users(3)
    workers.ensure(1)  # the inbox is not listening yet
    dispatch_digests()

    assert wait_for(
        lambda: all(
            d.attempts >= 3 and d.status == Status.PENDING for d in DigestDelivery.objects.all()
        ),
        30,
    ), workers.tail()
    delivery = DigestDelivery.objects.first()
    assert delivery.status == Status.PENDING and "Connection refused" in delivery.error
    # Three tries took 1 + 2 seconds of pauses at least, not a burst.
    assert delivery.retry_at - delivery.created_at >= datetime.timedelta(seconds=3)

    inbox.start()
    assert wait_for(lambda: _sent(3), 30), workers.tail()
    assert sorted(inbox.recipients) == sorted(user.email for user in users)
