"""Getting each weekly digest out exactly once, also when a worker dies, the broker is down or the
mail server is: the delivery row's states, its lease, its retries and the sweep.

A row goes PENDING -> SENDING (claimed, leased) -> SENT, or back to PENDING with a retry time
after a failed try, or FAILED after DIGEST_MAX_ATTEMPTS. Every step is one conditional UPDATE, so
two workers, a repeated message or the sweeper can never both send. docs/guarantees.md says what
this guarantees and where it stops.
"""

import datetime
import logging
from collections.abc import Collection
from typing import NamedTuple

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import F, Q
from django.utils import timezone

from .digest import (
    close_mail_connection,
    digest_messages,
    due_week,
    local_now,
    open_mail_connection,
    send_over,
)
from .models import DigestDelivery

logger = logging.getLogger(__name__)

Status = DigestDelivery.Status
# A row left unsent this long (the weekly digest of a week that is over) is not sent any more.
SWEEP_WINDOW = datetime.timedelta(days=7)


def lease() -> datetime.timedelta:
    return datetime.timedelta(seconds=settings.DIGEST_LEASE_SECONDS)


def retry_delay(attempts: int) -> datetime.timedelta:
    """The pause after the `attempts`-th failed try: 1, 2, 4, … base periods, capped."""
    seconds = settings.DIGEST_RETRY_BASE_SECONDS * 2 ** max(attempts - 1, 0)
    return datetime.timedelta(seconds=min(seconds, settings.DIGEST_RETRY_MAX_SECONDS))


def _ready(now: datetime.datetime) -> Q:
    """Pending rows whose retry time (if any) has come and that no published task is due to take:
    never published, or published so long ago that the message must be lost."""
    return (
        Q(status=Status.PENDING)
        & (Q(retry_at__isnull=True) | Q(retry_at__lte=now))
        & (Q(enqueued_at__isnull=True) | Q(enqueued_at__lt=now - lease()))
    )


def _claimable(now: datetime.datetime) -> Q:
    """Rows a try may take: pending, and their retry time (if any) has come."""
    return Q(status=Status.PENDING) & (Q(retry_at__isnull=True) | Q(retry_at__lte=now))


def enqueue_due_digests(now: datetime.datetime | None = None) -> list[int]:
    """Create this week's delivery rows for the users whose send time has come; return the rows
    to publish now (new ones, due retries, ones whose message was lost).

    The caller stamps each row with mark_enqueued() once its message is published, so a row the
    broker never took is returned again by the next run. A fixed number of queries whatever the
    number of users.
    """
    now = now or timezone.now()
    due: dict[int, tuple[int, int]] = {}
    users = (
        get_user_model()
        .objects.filter(is_active=True, digest_enabled=True)
        .exclude(email="")
        .only("pk", "time_zone", "digest_weekday", "digest_hour")
    )
    for user in users:
        week = due_week(local_now(user, now), user.digest_weekday, user.digest_hour)
        if week:
            due[user.pk] = week
    if not due:
        return []
    DigestDelivery.objects.bulk_create(
        [DigestDelivery(owner_id=pk, iso_year=y, iso_week=w) for pk, (y, w) in due.items()],
        ignore_conflicts=True,
    )
    weeks = Q()
    for iso_year, iso_week in set(due.values()):
        weeks |= Q(iso_year=iso_year, iso_week=iso_week)
    waiting = DigestDelivery.objects.filter(weeks).filter(_ready(now))
    return [
        pk
        for pk, owner_id, year, week in waiting.values_list(
            "pk", "owner_id", "iso_year", "iso_week"
        )
        if due.get(owner_id) == (year, week)
    ]


def mark_enqueued(delivery_ids: int | Collection[int], at: datetime.datetime) -> None:
    """The broker took the rows' message (one per batch), due to run at `at`; one update."""
    ids = [delivery_ids] if isinstance(delivery_ids, int) else list(delivery_ids)
    DigestDelivery.objects.filter(pk__in=ids, status=Status.PENDING).update(enqueued_at=at)


def sweep_deliveries(now: datetime.datetime | None = None) -> list[int]:
    """Free the rows of workers that died mid-send; return the rows of the last week to publish.

    A row whose worker was lost DIGEST_MAX_ATTEMPTS times fails for good rather than kill worker
    after worker.
    """
    now = now or timezone.now()
    expired = DigestDelivery.objects.filter(status=Status.SENDING, lease_until__lt=now)
    expired.filter(attempts__gte=settings.DIGEST_MAX_ATTEMPTS).update(
        status=Status.FAILED, lease_until=None, error="the worker was lost on every try"
    )
    released = expired.update(
        status=Status.PENDING, claimed_by="", lease_until=None, enqueued_at=None
    )
    if released:
        logger.warning("%d digest(s) released by a worker that stopped mid-send", released)
    return list(
        DigestDelivery.objects.filter(created_at__gte=now - SWEEP_WINDOW)
        .filter(_ready(now))
        .values_list("pk", flat=True)
    )


def claim_deliveries(
    delivery_ids: Collection[int], claim: str, now: datetime.datetime | None = None
) -> list[DigestDelivery]:
    """Take the deliveries of a batch for this try, those that are pending and due; two queries.

    Only a PENDING row is taken, never one that is SENDING, not even by the same task id: a
    message the broker delivers twice while the first copy is still sending does nothing. The
    claim names this try, so the rows it took are read back by it alone.
    """
    now = now or timezone.now()
    claimed = (
        DigestDelivery.objects.filter(pk__in=list(delivery_ids))
        .filter(_claimable(now))
        .update(
            status=Status.SENDING,
            claimed_by=claim,
            lease_until=now + lease(),
            attempts=F("attempts") + 1,
        )
    )
    if not claimed:
        return []
    return list(
        DigestDelivery.objects.filter(
            pk__in=list(delivery_ids), status=Status.SENDING, claimed_by=claim
        )
        .select_related("owner")
        .order_by("pk")
    )


def claim_delivery(
    delivery_id: int, claim: str, now: datetime.datetime | None = None
) -> DigestDelivery | None:
    """claim_deliveries for one row: the row, or None when it is sent, failed, not due or held."""
    claimed = claim_deliveries([delivery_id], claim, now)
    return claimed[0] if claimed else None


class Outcomes(NamedTuple):
    """What a try did with each row it was given: sent, put back for a retry (with the time of
    the next try), failed for good, or skipped (not pending or not due, or taken by another)."""

    sent: list[int]
    retry: dict[datetime.datetime, list[int]]
    failed: list[int]
    skipped: list[int]

    def of(self, delivery_id: int) -> tuple[str, datetime.datetime | None]:
        for retry_at, ids in self.retry.items():
            if delivery_id in ids:
                return "retry", retry_at
        if delivery_id in self.sent:
            return "sent", None
        return ("failed" if delivery_id in self.failed else "skipped"), None


def attempt_deliveries(delivery_ids: Collection[int], claim: str) -> Outcomes:
    """One try at sending a batch of deliveries, over one connection to the mail server.

    The batch's digests are built together with a fixed number of queries, then its rows claimed
    in one update (so a lease covers the sending alone), the mails sent, and the rows that went
    out marked sent in one update at the end. A failed mail puts
    its row back with its retry time on the row itself, so every path honours the backoff: the
    task publishes the retry for that time, the sweeper and the cron command take the row once it
    has come. A worker killed mid-batch leaves every row of the batch SENDING until the lease runs
    out; the sweeper sends them again (docs/guarantees.md).
    """
    # The digests are built before the rows are claimed, so that a row's lease covers its
    # sending alone; a row another worker claims meanwhile was built for nothing, never sent.
    ready = list(
        DigestDelivery.objects.filter(pk__in=list(delivery_ids))
        .filter(_claimable(timezone.now()))
        .select_related("owner")
        .order_by("pk")
    )
    connection, refused = open_mail_connection() if ready else (None, None)
    messages = digest_messages(ready) if ready and refused is None else {}
    deliveries = claim_deliveries([delivery.pk for delivery in ready], claim) if ready else []
    taken = {delivery.pk for delivery in deliveries}
    skipped = [pk for pk in delivery_ids if pk not in taken]
    if connection is None:
        errors: dict[int, Exception] = {}
    elif refused is not None:  # the mail server is down: every row of the batch tries later
        errors = dict.fromkeys(taken, refused)
        close_mail_connection(connection)
    else:
        errors = send_over(connection, {pk: messages[pk] for pk in sorted(taken)})
    sent = [delivery.pk for delivery in deliveries if delivery.pk not in errors]
    if sent:
        # Sent: whatever happened to the leases meanwhile, the mails are out.
        DigestDelivery.objects.filter(pk__in=sent).exclude(status=Status.SENT).update(
            status=Status.SENT, sent_at=timezone.now(), lease_until=None, retry_at=None, error=""
        )
    retry: dict[datetime.datetime, list[int]] = {}
    failed: list[int] = []
    now = timezone.now()
    for delivery in deliveries:
        error = errors.get(delivery.pk)
        if error is None:
            continue
        mine = DigestDelivery.objects.filter(pk=delivery.pk, status=Status.SENDING)
        if delivery.attempts >= settings.DIGEST_MAX_ATTEMPTS:
            mine.update(status=Status.FAILED, lease_until=None, error=repr(error))
            logger.error("digest %s failed for good: %r", delivery.pk, error)
            failed.append(delivery.pk)
            continue
        retry_at = now + retry_delay(delivery.attempts)
        mine.update(
            status=Status.PENDING,
            claimed_by="",
            lease_until=None,
            enqueued_at=None,
            retry_at=retry_at,
            error=repr(error),
        )
        logger.warning("digest %s: try %d failed (%r)", delivery.pk, delivery.attempts, error)
        retry.setdefault(retry_at, []).append(delivery.pk)
    return Outcomes(sent, retry, failed, skipped)


def attempt_delivery(delivery_id: int, claim: str) -> tuple[str, datetime.datetime | None]:
    """One try at sending one delivery: ("sent" | "retry" | "failed" | "skipped", next try's time)."""
    return attempt_deliveries([delivery_id], claim).of(delivery_id)
