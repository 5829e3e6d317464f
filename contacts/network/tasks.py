"""Celery tasks for the network analysis: nightly per person, on request, and after changes."""

import logging
from typing import Any

from celery import current_app, shared_task
from django.contrib.auth import get_user_model
from django.db import transaction

from contacts.account import User
from contacts.models import Contact, NetworkSnapshot

from . import freshness
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
    snapshot = freshness.new_snapshot(user.pk)
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


@shared_task(acks_late=True, reject_on_worker_lost=True)
def recompute_after_changes(user_id: int) -> str:
    """The debounced recompute: wait while changes keep coming, then analyse once.

    Safe to run twice or late: it only computes when no snapshot asked for since the last change
    exists, and a second copy finds the first one's snapshot.
    """
    settled = freshness.settle(user_id)
    if settled.countdown is not None:
        recompute_after_changes.apply_async((user_id,), countdown=settled.countdown)
        return "deferred"
    if not settled.run:
        return "fresh"
    snapshot = freshness.new_snapshot(user_id)
    return compute_network_snapshot(snapshot.pk)


class _NoteChange:
    """The on-commit callback for one person; equal callbacks let a transaction register it once."""

    def __init__(self, user_id: int) -> None:
        self.user_id = user_id
        self.done = False

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _NoteChange) and other.user_id == self.user_id

    def __hash__(self) -> int:
        return hash(self.user_id)

    def __call__(self) -> None:
        if self.done:  # recorded in its transaction already (note_network_change_now)
            return
        self.done = True
        countdown = _record(self.user_id)
        if countdown is not None:
            _schedule(self.user_id, countdown)


def _record(user_id: int) -> float | None:
    # Without a broker a task would run here and now, inside someone's save: record only, and
    # let the circles page recompute when it is next visited.
    return freshness.record_change(user_id, schedule=not current_app.conf.task_always_eager)


def _schedule(user_id: int, countdown: float) -> None:
    try:
        recompute_after_changes.apply_async((user_id,), countdown=countdown)
    except Exception as error:  # a dead broker must not break the save that got us here
        logger.warning("could not schedule the recompute for %s: %r", user_id, error)


def note_network_change(user_id: int) -> None:
    """Record, once the current transaction commits, that the person's network data changed.

    However many rows a transaction writes (an import, a deleted contact and its ties), it records
    one change.
    """
    callback = _NoteChange(user_id)
    connection = transaction.get_connection()
    if connection.in_atomic_block:
        pending: list[tuple[Any, ...]] = connection.run_on_commit
        if any(entry[1] == callback and not entry[1].done for entry in pending):
            return
    transaction.on_commit(callback)


def note_network_change_now(user_id: int) -> None:
    """As note_network_change, with the change recorded in the current transaction, after its writes.

    For a write that should commit once (the quick log, encounters/recording.py): the change is
    seen at the same instant as the rows, and the person's row is held only until that commit.
    Only the recompute, if one is due, is scheduled once the transaction has committed.
    """
    connection = transaction.get_connection()
    for savepoints, callback, _robust in connection.run_on_commit:
        # A change waiting for this commit (a contact the same transaction created) is recorded
        # here with it, when it goes or stays with the same savepoints as this record.
        if callback == _NoteChange(user_id) and savepoints >= set(connection.savepoint_ids):
            callback.done = True
    countdown = freshness.record_change_here(
        user_id, schedule=not current_app.conf.task_always_eager
    )
    if countdown is not None:
        transaction.on_commit(lambda: _schedule(user_id, countdown))
