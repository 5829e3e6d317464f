"""The quick log records its network change inside its own transaction (one commit per log), so the
change's time is taken before the commit. A snapshot asked for while such a log is still committing
must not count as newer than a change its computation cannot see (found in review of the one-commit
quick log; the snapshot then waits for the log's commit, see freshness.new_snapshot).

The window is made wide on purpose: another connection holds the participant's row FOR UPDATE (as
a delete of that contact would, here rolled back), so the log waits in its COMMIT on the deferred
foreign-key check while its network change is written but not committed.
"""

import threading
import time

import psycopg
import pytest
from django.db import connection, connections, transaction

from contacts.network import freshness
from encounters.models import Encounter
from encounters.recording import log_encounter
from tests.factories import make_contact, make_user

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif("connection.vendor != 'postgresql'"),
]


def _connect() -> psycopg.Connection:
    settings = connection.settings_dict
    return psycopg.connect(
        host=settings["HOST"],
        port=settings["PORT"] or 5432,
        user=settings["USER"],
        password=settings["PASSWORD"],
        dbname=settings["NAME"],
    )


def _wait_until_a_commit_waits() -> None:
    with _connect() as watcher:
        watcher.autocommit = True
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            row = watcher.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                " AND query = 'COMMIT' AND datname = current_database()"
            ).fetchone()
            if row and row[0]:
                return
            time.sleep(0.05)
    pytest.fail("the log never waited in its commit")


def test_a_snapshot_asked_for_while_a_log_commits_counts_as_covering_it_only_if_it_sees_it():
    user = make_user("alice", first_name="Alice")
    anna = make_contact(user, "Anna Berg")
    holder = _connect()
    holder.execute("SELECT id FROM contacts_contact WHERE id = %s FOR UPDATE", [anna.pk])
    errors: list[BaseException] = []

    def log() -> None:
        try:
            log_encounter(user=user, kind="coffee", participants=[anna])
        except BaseException as error:  # reported below, in the test's thread
            errors.append(error)
        finally:
            connections.close_all()

    thread = threading.Thread(target=log)
    thread.start()
    try:
        _wait_until_a_commit_waits()
        # The other writer lets go a little later; a snapshot asked for now must not be stamped
        # before the log's commit, or its computation must count as older than the log's change.
        threading.Timer(1.0, holder.rollback).start()
        with transaction.atomic():  # as the nightly fan-out asks for one
            snapshot = freshness.new_snapshot(user.pk)
            # What the snapshot's computation reads if it starts now.
            sees_the_encounter = Encounter.objects.for_user(user).exists()
    finally:
        time.sleep(0.2)
        holder.rollback()
        thread.join(10)
        holder.close()

    assert not errors, errors
    assert Encounter.objects.for_user(user).count() == 1
    changed_at = freshness.data_changed_at(user.pk)
    assert sees_the_encounter or freshness.is_older_than_data(snapshot, changed_at), (
        changed_at,
        snapshot.requested_at,
    )
