"""Celery tasks for the weekly digest: a thin layer over encounters.digest."""

import logging
import smtplib
from functools import partial

from celery import Task, shared_task
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from .digest import claim_delivery, enqueue_due_digests, send_delivery
from .models import DigestDelivery

logger = logging.getLogger(__name__)

DIGEST_MAX_RETRIES = 4
# 1, 2, 4, 8 minutes between tries: an SMTP server that is down for a restart gets time to return.
DIGEST_RETRY_BASE_SECONDS = 60


@shared_task
def dispatch_digests() -> int:
    """Hourly: enqueue one digest task per user whose send time has come and who has none this week."""
    ids = enqueue_due_digests()
    for delivery_id in ids:
        transaction.on_commit(partial(send_digest.delay, delivery_id))
    return len(ids)


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=DIGEST_MAX_RETRIES)
def send_digest(self: Task, delivery_id: int) -> str:
    """Send one delivery's digest; safe to run twice, retried with backoff when SMTP fails."""
    claim = self.request.id or f"local-{delivery_id}"
    delivery = claim_delivery(delivery_id, claim)
    if delivery is None:
        return "skipped"
    DigestDelivery.objects.filter(pk=delivery_id).update(attempts=F("attempts") + 1)
    try:
        send_delivery(delivery)
    except (smtplib.SMTPException, OSError) as error:
        if self.request.retries >= self.max_retries:
            DigestDelivery.objects.filter(pk=delivery_id).update(
                status=DigestDelivery.Status.FAILED, error=repr(error)
            )
            logger.error("digest %s failed for good: %r", delivery_id, error)
            return "failed"
        DigestDelivery.objects.filter(pk=delivery_id).update(error=repr(error))
        raise self.retry(
            exc=error, countdown=DIGEST_RETRY_BASE_SECONDS * 2**self.request.retries
        ) from error
    DigestDelivery.objects.filter(pk=delivery_id).update(
        status=DigestDelivery.Status.SENT, sent_at=timezone.now(), error=""
    )
    return "sent"
