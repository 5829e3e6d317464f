"""Celery tasks for the network analysis: nightly per person, and on request."""

import logging

from celery import shared_task
from django.contrib.auth import get_user_model
from django.db import transaction

from contacts.account import User
from contacts.models import Contact, NetworkSnapshot

from .snapshots import compute_snapshot

logger = logging.getLogger(__name__)


@shared_task(acks_late=True, reject_on_worker_lost=True)
def compute_network_snapshot(snapshot_id: int) -> str:
    """Compute one snapshot; running it twice recomputes the same data into the same row."""
    snapshot = NetworkSnapshot.objects.select_related("owner").filter(pk=snapshot_id).first()
    if snapshot is None or snapshot.status == NetworkSnapshot.Status.DONE:
        return "skipped"
    try:
        compute_snapshot(snapshot)
    except Exception as error:  # the snapshot records the failure for the page; then re-raise
        NetworkSnapshot.objects.filter(pk=snapshot_id).update(
            status=NetworkSnapshot.Status.FAILED, error=repr(error)[:2000]
        )
        logger.exception("network snapshot %s failed", snapshot_id)
        raise
    return "done"


def request_snapshot(user: User) -> NetworkSnapshot:
    """A new pending snapshot for the person, computed by a task once this transaction commits."""
    snapshot = NetworkSnapshot.objects.create(owner=user)
    transaction.on_commit(lambda: enqueue_snapshot(snapshot))
    return snapshot


def enqueue_snapshot(snapshot: NetworkSnapshot) -> None:
    try:
        compute_network_snapshot.delay(snapshot.pk)
    except Exception as error:  # a dead broker: say so on the page instead of waiting forever
        logger.warning("could not enqueue network snapshot %s: %r", snapshot.pk, error)
        NetworkSnapshot.objects.filter(
            pk=snapshot.pk, status=NetworkSnapshot.Status.PENDING
        ).update(status=NetworkSnapshot.Status.FAILED, error="broker unavailable")


@shared_task
def nightly_network_snapshots() -> int:
    """Fan out: one snapshot task per active person with at least one contact."""
    owners = Contact.objects.values("owner_id")
    users = get_user_model().objects.filter(is_active=True, pk__in=owners)
    count = 0
    for user in users.only("pk"):
        with transaction.atomic():
            request_snapshot(user)
        count += 1
    return count
