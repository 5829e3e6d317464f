"""Each person gets at most one digest per ISO week, however often the dispatcher or the task runs."""

import datetime

import pytest
from django.core import mail
from django.db import connection

from encounters.delivery import enqueue_due_digests, mark_enqueued
from encounters.digest import due_week
from encounters.models import DigestDelivery
from encounters.tasks import dispatch_digests, send_digest
from tests.factories import make_user

pytestmark = pytest.mark.django_db

# Monday 23 November 2026, 08:30 in Berlin.
MONDAY_MORNING = datetime.datetime(2026, 11, 23, 7, 30, tzinfo=datetime.UTC)


@pytest.fixture
def monday_user(db):
    return make_user("monday", time_zone="Europe/Berlin", digest_weekday=0, digest_hour=8)


def test_the_digest_is_due_from_the_chosen_hour_to_the_end_of_the_week():
    berlin = datetime.timezone(datetime.timedelta(hours=1))
    assert due_week(datetime.datetime(2026, 11, 23, 7, 59, tzinfo=berlin), 0, 8) is None
    assert due_week(datetime.datetime(2026, 11, 23, 8, 0, tzinfo=berlin), 0, 8) == (2026, 48)
    assert due_week(datetime.datetime(2026, 11, 29, 23, 0, tzinfo=berlin), 0, 8) == (2026, 48)
    assert due_week(datetime.datetime(2026, 11, 22, 23, 0, tzinfo=berlin), 6, 8) == (2026, 47)


def test_it_respects_each_users_time_zone(db):
    make_user("tokyo", time_zone="Asia/Tokyo", digest_weekday=0, digest_hour=8)
    make_user("lima", time_zone="America/Lima", digest_weekday=0, digest_hour=8)
    # 07:30 UTC: 16:30 in Tokyo (due), 02:30 in Lima (not yet).
    ids = enqueue_due_digests(MONDAY_MORNING)
    owners = set(
        DigestDelivery.objects.filter(pk__in=ids).values_list("owner__username", flat=True)
    )
    assert owners == {"tokyo"}


def test_a_user_with_the_digest_off_or_no_email_gets_none(db):
    make_user("off", digest_enabled=False, digest_weekday=0, digest_hour=0)
    make_user("noemail", email="", digest_weekday=0, digest_hour=0)
    assert enqueue_due_digests(MONDAY_MORNING) == []


def test_a_second_dispatcher_run_enqueues_nothing(monday_user):
    first = enqueue_due_digests(MONDAY_MORNING)
    mark_enqueued(first[0], MONDAY_MORNING)
    second = enqueue_due_digests(MONDAY_MORNING + datetime.timedelta(minutes=5))
    assert len(first) == 1 and second == []
    assert DigestDelivery.objects.count() == 1


def test_a_repeated_dispatcher_and_a_repeated_task_send_one_mail(monday_user):
    ids = enqueue_due_digests(MONDAY_MORNING) + enqueue_due_digests(MONDAY_MORNING)
    for delivery_id in ids + ids:
        send_digest.apply(args=[delivery_id])
    # A duplicate task with a different id (the dispatcher enqueued twice) must not send either.
    send_digest.apply(args=[ids[0]], task_id="another-task")
    assert len(mail.outbox) == 1
    delivery = DigestDelivery.objects.get()
    assert delivery.status == DigestDelivery.Status.SENT and delivery.sent_at is not None


def test_the_task_enqueued_through_the_dispatcher_task_sends_the_digest(
    monday_user, settings, django_capture_on_commit_callbacks
):
    import encounters.digest as digest

    original = digest.timezone.now
    digest.timezone.now = lambda: MONDAY_MORNING
    try:
        with django_capture_on_commit_callbacks(execute=True):
            assert dispatch_digests.apply().get() == 1
    finally:
        digest.timezone.now = original
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [monday_user.email]


def test_a_delivery_left_pending_by_a_lost_task_is_enqueued_again_after_the_lease(
    monday_user, settings
):
    first = enqueue_due_digests(MONDAY_MORNING)
    mark_enqueued(first[0], MONDAY_MORNING)
    lease = datetime.timedelta(seconds=settings.DIGEST_LEASE_SECONDS)
    assert enqueue_due_digests(MONDAY_MORNING + lease / 2) == []
    assert enqueue_due_digests(MONDAY_MORNING + lease * 1.5) == first


def test_the_next_week_gets_its_own_digest(monday_user):
    enqueue_due_digests(MONDAY_MORNING)
    assert len(enqueue_due_digests(MONDAY_MORNING + datetime.timedelta(days=7))) == 1
    assert DigestDelivery.objects.count() == 2


def test_the_send_task_acks_late_and_is_rejected_on_worker_loss(settings):
    assert send_digest.acks_late is True
    assert send_digest.reject_on_worker_lost is True
    assert settings.DIGEST_MAX_ATTEMPTS >= 4


def test_the_dispatcher_makes_a_fixed_number_of_queries(db, django_assert_max_num_queries):
    # SQLite caps the parameters of one statement, so Django splits the bulk insert in batches there.
    batches = (
        (lambda users: -(-users // 90)) if connection.vendor == "sqlite" else (lambda users: 1)
    )
    for i in range(5):
        make_user(f"few{i}", digest_weekday=0, digest_hour=0)
    with django_assert_max_num_queries(3 + batches(5)):
        assert len(enqueue_due_digests(MONDAY_MORNING)) == 5
    for i in range(200):
        make_user(f"many{i}", digest_weekday=0, digest_hour=0)
    with django_assert_max_num_queries(3 + batches(205)):
        assert len(enqueue_due_digests(MONDAY_MORNING + datetime.timedelta(days=7))) == 205
