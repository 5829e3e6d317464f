"""Celery tasks for the weekly digest: a thin layer over encounters.delivery."""

import datetime
import logging
import uuid
from collections.abc import Iterable, Iterator
from itertools import islice

from celery import Task, shared_task
from django.conf import settings
from django.utils import timezone

from .delivery import (
    attempt_deliveries,
    attempt_delivery,
    enqueue_due_digests,
    mark_enqueued,
    sweep_deliveries,
)

logger = logging.getLogger(__name__)

# A broker that failed this many publishes in a row is down: the rest wait for the next sweep
# (a minute) instead of each waiting for its own connection timeout.
PUBLISH_FAILURES_IN_A_ROW = 3


def batched(ids: Iterable[int], size: int) -> Iterator[list[int]]:
    rows = iter(ids)
    while batch := list(islice(rows, max(1, size))):
        yield batch


@shared_task
def dispatch_digests() -> int:
    """Hourly: publish one digest task per user whose send time has come and who has none this week."""
    return publish_deliveries(enqueue_due_digests())


@shared_task
def sweep_digests() -> int:
    """Every minute: hand digests stuck by a dead worker, a lost message or a due retry to a worker."""
    return publish_deliveries(sweep_deliveries())


def publish_deliveries(ids: Iterable[int], *, eta: datetime.datetime | None = None) -> int:
    """Publish a send task per batch of DIGEST_BATCH_SIZE rows, stamping a batch's rows only once
    the broker took its message; how many rows were published.

    A failed publish leaves its rows unstamped for the next sweep and does not stop the others.
    """
    published = failures = 0
    for batch in batched(ids, settings.DIGEST_BATCH_SIZE):
        try:
            send_digest_batch.apply_async(args=[batch], eta=eta)
        except Exception as error:  # a dead broker: kombu's OperationalError, or a socket error
            failures += 1
            logger.warning("could not publish digests %s: %r", batch, error)
            if failures >= PUBLISH_FAILURES_IN_A_ROW:
                break
            continue
        failures = 0
        mark_enqueued(batch, eta or timezone.now())
        published += len(batch)
    return published


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True)
def send_digest_batch(self: Task, delivery_ids: list[int]) -> dict[str, int]:
    """Send a batch of deliveries' digests (one connection to the mail server, a fixed number of
    queries); safe to run twice. The failed tries are published again for their retry time;
    in-process (no broker) the next sweep or cron run takes them then."""
    claim = self.request.id or f"local-{uuid.uuid4()}"
    outcomes = attempt_deliveries(delivery_ids, claim)
    if not self.app.conf.task_always_eager:
        for retry_at, ids in outcomes.retry.items():
            publish_deliveries(ids, eta=retry_at)
    return {
        "sent": len(outcomes.sent),
        "retry": sum(len(ids) for ids in outcomes.retry.values()),
        "failed": len(outcomes.failed),
        "skipped": len(outcomes.skipped),
    }


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True)
def send_digest(self: Task, delivery_id: int) -> str:
    """Send one delivery's digest (a batch of one; for messages published one row at a time);
    safe to run twice."""
    claim = self.request.id or f"local-{uuid.uuid4()}"
    outcome, retry_at = attempt_delivery(delivery_id, claim)
    if retry_at is not None and not self.app.conf.task_always_eager:
        publish_deliveries([delivery_id], eta=retry_at)
    return outcome
