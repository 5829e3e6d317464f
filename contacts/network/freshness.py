"""Circles that keep up with the data: when a person's network changed, and whether a snapshot is
older than that.

Every write that the analysis reads (contacts, their dimension values, dimensions, ties,
introductions, shared encounters) notes a change once its transaction commits. With a worker, the
first change of a burst schedules one recompute DEBOUNCE_SECONDS later; a change while it waits
pushes it back, so a person adding ten contacts and their ties gets one analysis, not thirty. The
circles page does the rest: no snapshot yet, or one older than the data, and nothing under way
means it asks for one itself (which also covers a scheduled task the broker lost).
"""

import datetime
import sqlite3
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from contacts.models import NetworkChange, NetworkSnapshot, owned_rows_changed

# How long the data must stay unchanged before the automatic recompute runs. Edits come in bursts
# (a contact, then its values, then its ties, seconds apart); a minute of quiet ends most bursts,
# and the analysis of a large network (about a second for 5,000 contacts) then runs once.
DEBOUNCE_SECONDS = 60

# A person who keeps editing for longer than this still gets fresh circles: the recompute waits for
# quiet only so long after the first change it would cover.
MAX_WAIT_SECONDS = 15 * 60

# A scheduled recompute that should have run this long ago was lost (a broker restart): the next
# change schedules a new one instead of trusting it.
LOST_AFTER_SECONDS = 5 * 60

# PostgreSQL advisory locks (namespace, account) between a change recorded inside a writer's
# transaction (record_change_here: shared, held to that commit) and a snapshot being stamped
# (new_snapshot: exclusive). A change's time is taken before its commit, so without them a snapshot
# stamped in between would count as newer than a change its computation cannot see.
CHANGES_LOCK = 0x57425243  # "WBRC"


def record_change(user_id: int, *, schedule: bool) -> float | None:
    """Note that the person's data changed now; the countdown of a recompute to schedule, if any.

    Only the first change of a burst schedules (schedule=False just records it: without a worker
    the circles page recomputes on its next visit).
    """
    now = timezone.now()
    try:
        return _record_change(user_id, now, schedule=schedule)
    except IntegrityError:  # the person was deleted, and their contacts with them
        return None


def _record_change(user_id: int, now: datetime.datetime, *, schedule: bool) -> float | None:
    with transaction.atomic():
        change, created = NetworkChange.objects.select_for_update().get_or_create(
            owner_id=user_id, defaults={"changed_at": now, "dirty_since": now}
        )
        change.changed_at = now
        if change.dirty_since is None:
            change.dirty_since = now
        due = change.recompute_due_at
        waiting = due is not None and due > now - datetime.timedelta(seconds=LOST_AFTER_SECONDS)
        countdown = None
        if schedule and not waiting:
            countdown = float(DEBOUNCE_SECONDS)
            change.recompute_due_at = now + datetime.timedelta(seconds=countdown)
        change.save(update_fields=["changed_at", "dirty_since", "recompute_due_at"])
    return countdown


def record_change_here(user_id: int, *, schedule: bool) -> float | None:
    """As record_change, in one statement inside the caller's transaction (no savepoint of its own).

    For a writer that commits once (the quick log): the row is held from here until that commit,
    and so is a shared lock that keeps new_snapshot() from stamping a snapshot before it.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock_shared(%s, %s)", _lock_key(user_id))
    # The same upsert on SQLite from 3.35 on (RETURNING), with the datetimes as Django stores
    # them there (naive UTC text), so that the quick log's queries are the same on both.
    if connection.vendor == "sqlite" and sqlite3.sqlite_version_info < (3, 35):
        return _record_change(user_id, timezone.now(), schedule=schedule)
    adapt = connection.ops.adapt_datetimefield_value
    now = timezone.now()
    due = now + datetime.timedelta(seconds=DEBOUNCE_SECONDS)
    lost = now - datetime.timedelta(seconds=LOST_AFTER_SECONDS)
    params: dict[str, Any] = {"user": user_id, "schedule": schedule}
    params |= {"now": adapt(now), "due": adapt(due), "lost": adapt(lost)}
    table = NetworkChange._meta.db_table
    with connection.cursor() as cursor:
        # What _record_change does, as an upsert: a due recompute that is not lost is kept.
        cursor.execute(
            f"""
            INSERT INTO {table} AS c (owner_id, changed_at, dirty_since, recompute_due_at)
            VALUES (%(user)s, %(now)s, %(now)s, CASE WHEN %(schedule)s THEN %(due)s END)
            ON CONFLICT (owner_id) DO UPDATE SET
                changed_at = EXCLUDED.changed_at,
                dirty_since = COALESCE(c.dirty_since, EXCLUDED.changed_at),
                recompute_due_at = CASE
                    WHEN %(schedule)s AND NOT coalesce(c.recompute_due_at > %(lost)s, false)
                    THEN %(due)s ELSE c.recompute_due_at END
            RETURNING recompute_due_at = %(due)s
            """,  # noqa: S608 - a table name
            params,
        )
        row = cursor.fetchone()
    owned_rows_changed.send(sender=NetworkChange, owner_ids={user_id})
    return float(DEBOUNCE_SECONDS) if row and row[0] else None


def _lock_key(user_id: int) -> tuple[int, int]:
    return CHANGES_LOCK, user_id % 2**31  # two int4 keys; accounts that share one only wait


def new_snapshot(user_id: int) -> NetworkSnapshot:
    """A pending snapshot asked for now, stamped once every change recorded inside a transaction
    (the quick log's) has committed: a snapshot never counts as newer than a change it cannot see.
    On SQLite the writers take turns: a snapshot's insert waits for the log's commit anyway."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", _lock_key(user_id))
        return NetworkSnapshot.objects.create(owner_id=user_id, requested_at=timezone.now())


@dataclass(frozen=True)
class Settled:
    """What the scheduled recompute should do: wait `countdown` more seconds, or run, or nothing."""

    countdown: float | None = None
    run: bool = False


def settle(user_id: int) -> Settled:
    """Decide, under the row's lock, whether the data has been quiet long enough to recompute."""
    now = timezone.now()
    with transaction.atomic():
        change = NetworkChange.objects.select_for_update().filter(owner_id=user_id).first()
        if change is None:
            return Settled()
        quiet_from = change.changed_at + datetime.timedelta(seconds=DEBOUNCE_SECONDS)
        waited = now - (change.dirty_since or change.changed_at)
        if quiet_from > now and waited < datetime.timedelta(seconds=MAX_WAIT_SECONDS):
            change.recompute_due_at = quiet_from
            change.save(update_fields=["recompute_due_at"])
            return Settled(countdown=(quiet_from - now).total_seconds())
        change.recompute_due_at = None
        change.dirty_since = None
        change.save(update_fields=["recompute_due_at", "dirty_since"])
        covered = (
            NetworkSnapshot.objects.filter(owner_id=user_id, requested_at__gte=change.changed_at)
            .exclude(status=NetworkSnapshot.Status.FAILED)
            .exists()
        )
        return Settled(run=not covered)


def data_changed_at(user_id: int) -> datetime.datetime | None:
    return (
        NetworkChange.objects.filter(owner_id=user_id).values_list("changed_at", flat=True).first()
    )


def is_older_than_data(
    snapshot: NetworkSnapshot | None, changed_at: datetime.datetime | None
) -> bool:
    """True when the data changed after the snapshot was asked for (so it may not include it)."""
    return snapshot is not None and changed_at is not None and changed_at > snapshot.requested_at
