"""A digest survives a killed worker, a broker that is down and a mail server that is down:
leases, retries stored on the row, the sweeper, and the cron command honouring the same backoff.

In-process (the worker and Redis are killed for real in tests/site/test_faults_with_real_parts.py).
"""

import datetime
from io import StringIO
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from encounters.delivery import claim_delivery, enqueue_due_digests, retry_delay, sweep_deliveries
from encounters.models import DigestDelivery
from encounters.tasks import (
    dispatch_digests,
    publish_deliveries,
    send_digest,
    send_digest_batch,
    sweep_digests,
)
from tests.factories import make_user

pytestmark = pytest.mark.django_db
Status = DigestDelivery.Status


@pytest.fixture
def due_user(db):
    now = timezone.now()
    return make_user("due", time_zone="UTC", digest_weekday=now.weekday(), digest_hour=0)


@pytest.fixture
def smtp_down(settings):
    """Django's SMTP backend pointed at a port where nothing listens."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2


@pytest.fixture
def broker_down():
    """The Celery app publishing to a Redis port where nothing listens."""
    from kombu import pools

    from crm.celery import app

    def fresh_connections():
        # Celery keeps its connections and producers in pools keyed by the broker: start afresh.
        pools.reset()
        app._pool = None
        app.amqp._producer_pool = None

    previous = app.conf.task_always_eager, app.conf.broker_url
    app.conf.task_always_eager = False
    app.conf.broker_url = "redis://127.0.0.1:9/0"
    fresh_connections()
    try:
        yield
    finally:
        app.conf.task_always_eager, app.conf.broker_url = previous
        fresh_connections()


def _later(minutes: float) -> mock._patch:
    moment = timezone.now() + datetime.timedelta(minutes=minutes)
    return mock.patch("django.utils.timezone.now", return_value=moment)


def test_the_same_task_id_cannot_claim_a_delivery_twice_while_it_is_sending(due_user):
    (delivery_id,) = enqueue_due_digests()

    assert claim_delivery(delivery_id, "task-1") is not None
    assert claim_delivery(delivery_id, "task-1") is None
    assert claim_delivery(delivery_id, "task-2") is None


def test_a_digest_stuck_sending_by_a_killed_worker_is_sent_after_the_lease(due_user, settings):
    (delivery_id,) = enqueue_due_digests()
    claim_delivery(delivery_id, "killed-worker")  # the worker died here, before sending

    assert sweep_deliveries() == []  # its lease still holds
    with _later(settings.DIGEST_LEASE_SECONDS / 60 + 1):
        assert sweep_digests.apply().get() == 1

    delivery = DigestDelivery.objects.get()
    assert delivery.status == Status.SENT and delivery.attempts == 2
    assert len(mail.outbox) == 1


def test_a_broker_that_is_down_loses_no_digest_and_the_next_sweep_sends_them(db, broker_down):
    now = timezone.now()
    for i in range(5):
        make_user(f"u{i}", time_zone="UTC", digest_weekday=now.weekday(), digest_hour=0)

    assert dispatch_digests.apply().get() == 0  # every publish refused

    assert not DigestDelivery.objects.filter(enqueued_at__isnull=False).exists()
    from crm.celery import app

    app.conf.task_always_eager = True  # the broker is back (in-process here)
    assert sweep_digests.apply().get() == 5
    assert DigestDelivery.objects.filter(status=Status.SENT).count() == 5
    assert len(mail.outbox) == 5


def test_one_failed_publish_does_not_stop_the_other_batches(due_user, monkeypatch, settings):
    settings.DIGEST_BATCH_SIZE = 1
    make_user("second", time_zone="UTC", digest_weekday=timezone.now().weekday(), digest_hour=0)
    ids = enqueue_due_digests()
    real = send_digest_batch.apply_async
    calls = []

    def flaky(*args, **kwargs):
        calls.append(kwargs["args"][0])
        if len(calls) == 1:
            raise ConnectionError("broker hiccup")
        return real(*args, **kwargs)

    monkeypatch.setattr(send_digest_batch, "apply_async", flaky)

    assert publish_deliveries(ids) == 1
    unstamped = DigestDelivery.objects.filter(enqueued_at__isnull=True, status=Status.PENDING)
    assert list(unstamped.values_list("pk", flat=True)) == calls[0]


def test_a_failed_send_waits_longer_each_time_and_is_sent_when_smtp_returns(
    due_user, smtp_down, settings
):
    (delivery_id,) = enqueue_due_digests()
    pauses = []
    minutes = 0.0
    for _ in range(3):
        with _later(minutes):
            assert send_digest.apply(args=[delivery_id]).get() == "retry"
            delivery = DigestDelivery.objects.get()
            pauses.append((delivery.retry_at - timezone.now()).total_seconds() / 60)
            # Not before its time, whoever asks.
            assert send_digest.apply(args=[delivery_id]).get() == "skipped"
        minutes += pauses[-1] + 0.1

    assert pauses == [1.0, 2.0, 4.0]
    assert delivery.status == Status.PENDING and delivery.attempts == 3

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"  # SMTP is back
    with _later(minutes):
        assert sweep_digests.apply().get() == 1
    assert DigestDelivery.objects.get().status == Status.SENT
    assert len(mail.outbox) == 1


def test_a_week_fails_only_after_every_try(due_user, smtp_down, settings):
    settings.DIGEST_MAX_ATTEMPTS = 3
    (delivery_id,) = enqueue_due_digests()
    for minutes in (0, 2, 5):
        with _later(minutes):
            send_digest.apply(args=[delivery_id])

    delivery = DigestDelivery.objects.get()
    assert delivery.status == Status.FAILED and delivery.attempts == 3
    assert "Connection refused" in delivery.error or "Errno" in delivery.error


def test_the_retry_pause_doubles_up_to_an_hour(settings):
    settings.DIGEST_RETRY_BASE_SECONDS, settings.DIGEST_RETRY_MAX_SECONDS = 60, 3600
    assert [retry_delay(n).total_seconds() / 60 for n in (1, 2, 3, 6, 7, 9)] == [
        1,
        2,
        4,
        32,
        60,
        60,
    ]


def test_the_cron_command_backs_off_and_sends_the_week_when_smtp_returns(
    due_user, smtp_down, settings
):
    started = timezone.now()
    out = StringIO()
    call_command("send_digests", stdout=out)
    assert "1 to try again later" in out.getvalue()

    # Run again at once: the retry's time has not come, nothing is tried.
    call_command("send_digests", stdout=StringIO())
    delivery = DigestDelivery.objects.get()
    assert (delivery.status, delivery.attempts) == (Status.PENDING, 1)
    assert delivery.retry_at >= started + datetime.timedelta(minutes=1)

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with _later(2):
        out = StringIO()
        call_command("send_digests", stdout=out)
    assert "1 digest(s) sent" in out.getvalue()
    assert DigestDelivery.objects.get().status == Status.SENT
    assert len(mail.outbox) == 1


def test_the_sweeper_runs_every_minute_in_beat(settings):
    schedule = {
        entry["task"]: entry["schedule"] for entry in settings.CELERY_BEAT_SCHEDULE.values()
    }
    assert schedule["encounters.tasks.sweep_digests"] <= 60
    assert schedule["exchange.tasks.sweep_imports"] <= 60
