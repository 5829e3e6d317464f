"""Celery tasks for the weekly digest: a thin layer over encounters.delivery."""

import datetime
import logging
import uuid
from collections.abc import Iterable

from celery import Task, shared_task
from django.utils import timezone

from .delivery import attempt_delivery, enqueue_due_digests, mark_enqueued, sweep_deliveries

logger = logging.getLogger(__name__)

# A broker that failed this many publishes in a row is down: the rest wait for the next sweep
# (a minute) instead of each waiting for its own connection timeout.
PUBLISH_FAILURES_IN_A_ROW = 3


@shared_task
def dispatch_digests() -> int:
    """Hourly: publish one digest task per user whose send time has come and who has none this week."""
    return publish_deliveries(enqueue_due_digests())


@shared_task
def sweep_digests() -> int:
    """Every minute: hand digests stuck by a dead worker, a lost message or a due retry to a worker."""
    return publish_deliveries(sweep_deliveries())


def publish_deliveries(ids: Iterable[int], *, eta: datetime.datetime | None = None) -> int:
    """Publish a send task per row, stamping each only once the broker took it; how many were.

    A failed publish leaves its row unstamped for the next sweep and does not stop the others.
    """
    published = failures = 0
    for delivery_id in ids:
        try:
            send_digest.apply_async(args=[delivery_id], eta=eta)
        except Exception as error:  # a dead broker: kombu's OperationalError, or a socket error
            failures += 1
            logger.warning("could not publish digest %s: %r", delivery_id, error)
            if failures >= PUBLISH_FAILURES_IN_A_ROW:
                break
            continue
        failures = 0
        mark_enqueued(delivery_id, eta or timezone.now())
        published += 1
    return published


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True)
def send_digest(self: Task, delivery_id: int) -> str:
    """Send one delivery's digest; safe to run twice. A failed try is published again for its
    retry time; in-process (no broker) the next sweep or cron run takes it then."""
    claim = self.request.id or f"local-{uuid.uuid4()}"
    outcome, retry_at = attempt_delivery(delivery_id, claim)
    if retry_at is not None and not self.app.conf.task_always_eager:
        publish_deliveries([delivery_id], eta=retry_at)
    return outcome
