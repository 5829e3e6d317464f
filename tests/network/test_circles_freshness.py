"""Circles that keep up with the data: the writes the analysis reads note a change (once per
transaction), the debounced recompute waits for quiet, and the page computes on first use and says
when its circles are older than the data."""

import datetime

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from contacts.models import NetworkChange, NetworkSnapshot
from contacts.network import freshness
from contacts.network.tasks import compute_network_snapshot, recompute_after_changes
from exchange.backup import export_backup, import_backup
from tests.factories import (
    make_attribute,
    make_contact,
    make_encounter,
    make_introduction,
    make_tie,
)

pytestmark = pytest.mark.django_db


def _changed_at(user):
    return freshness.data_changed_at(user.pk)


def _circle(owner, prefix, size=5):
    people = [make_contact(owner, f"{prefix} {i}") for i in range(size)]
    for i, a in enumerate(people):
        for b in people[i + 1 :]:
            make_tie(owner, a, b)
    return people


@pytest.mark.parametrize(
    "write",
    [
        pytest.param(lambda user, ada, bo: make_contact(user, "Cleo"), id="new contact"),
        pytest.param(lambda user, ada, bo: make_tie(user, ada, bo), id="tie"),
        pytest.param(lambda user, ada, bo: make_attribute(ada, "Industry", "Energy"), id="value"),
        pytest.param(lambda user, ada, bo: make_introduction(user, ada, bo), id="introduction"),
        pytest.param(lambda user, ada, bo: make_encounter(user, [ada, bo]), id="encounter"),
        pytest.param(lambda user, ada, bo: ada.delete(), id="deleted contact"),
    ],
)
def test_each_write_the_analysis_reads_notes_a_change(
    user, write, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        ada, bo = make_contact(user, "Ada"), make_contact(user, "Bo")
    NetworkChange.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        write(user, ada, bo)
    assert _changed_at(user) is not None


def test_archiving_notes_a_change_and_saving_the_rhythm_does_not(
    user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        ada = make_contact(user, "Ada")
    NetworkChange.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        ada.cadence_days = 30
        ada.save(update_fields=["cadence_days", "updated_at"])
    assert _changed_at(user) is None
    with django_capture_on_commit_callbacks(execute=True):
        ada.archived = True
        ada.save(update_fields=["archived", "updated_at"])
    assert _changed_at(user) is not None


def test_a_transaction_that_writes_many_rows_notes_one_change(
    user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks, transaction.atomic():
        _circle(user, "Team", size=6)
    assert len(callbacks) == 1


def test_an_import_notes_a_change_for_the_importing_person_only(
    user, other_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _circle(user, "Team")
    NetworkChange.objects.all().delete()
    document = export_backup(user)
    with django_capture_on_commit_callbacks(execute=True):
        import_backup(other_user, document)
    assert _changed_at(other_user) is not None
    assert NetworkChange.objects.filter(owner=user).count() == 0


def test_without_a_worker_a_change_is_only_recorded(user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        make_contact(user, "Ada")
    change = NetworkChange.objects.get(owner=user)
    assert change.recompute_due_at is None
    assert not NetworkSnapshot.objects.exists()


def test_the_first_change_of_a_burst_schedules_and_the_next_ones_ride_along(user):
    assert freshness.record_change(user.pk, schedule=True) == freshness.DEBOUNCE_SECONDS
    assert freshness.record_change(user.pk, schedule=True) is None
    change = NetworkChange.objects.get(owner=user)
    assert change.recompute_due_at > change.changed_at


def test_a_scheduled_recompute_that_was_lost_is_scheduled_again(user):
    freshness.record_change(user.pk, schedule=True)
    NetworkChange.objects.filter(owner=user).update(
        recompute_due_at=timezone.now() - datetime.timedelta(hours=1)
    )
    assert freshness.record_change(user.pk, schedule=True) == freshness.DEBOUNCE_SECONDS


def test_the_recompute_waits_while_changes_keep_coming(user):
    freshness.record_change(user.pk, schedule=True)
    settled = freshness.settle(user.pk)
    assert settled.countdown is not None and 0 < settled.countdown <= freshness.DEBOUNCE_SECONDS
    assert not settled.run


def test_the_recompute_runs_once_the_data_is_quiet_and_not_when_a_snapshot_covers_it(user):
    _circle(user, "Team")
    freshness.record_change(user.pk, schedule=True)
    quiet = timezone.now() - datetime.timedelta(seconds=freshness.DEBOUNCE_SECONDS + 1)
    NetworkChange.objects.filter(owner=user).update(changed_at=quiet, dirty_since=quiet)

    assert recompute_after_changes(user.pk) == "done"
    snapshot = NetworkSnapshot.objects.get(owner=user)
    assert snapshot.status == "done" and snapshot.contact_count == 5
    assert NetworkChange.objects.get(owner=user).recompute_due_at is None
    # Run again (a duplicate delivery): the snapshot already covers the change.
    assert recompute_after_changes(user.pk) == "fresh"
    assert NetworkSnapshot.objects.filter(owner=user).count() == 1


def test_a_stream_of_edits_gets_fresh_circles_after_the_longest_wait(user):
    freshness.record_change(user.pk, schedule=True)
    long_ago = timezone.now() - datetime.timedelta(seconds=freshness.MAX_WAIT_SECONDS + 1)
    NetworkChange.objects.filter(owner=user).update(dirty_since=long_ago)
    assert freshness.settle(user.pk).run


@pytest.mark.django_db(transaction=True)
def test_without_a_worker_the_first_visit_computes_the_circles_at_once(user_client, user):
    _circle(user, "Team")
    response = user_client.get(reverse("circles"))
    content = response.content.decode()
    assert NetworkSnapshot.objects.get(owner=user).status == "done"
    assert "Team 0" in content and "being worked out" not in content


def test_while_the_first_circles_are_worked_out_the_page_says_so_and_polls(user_client, user):
    _circle(user, "Team")
    response = user_client.get(
        reverse("circles")
    )  # the enqueue waits for a commit that never comes
    snapshot = NetworkSnapshot.objects.get(owner=user)
    content = response.content.decode()
    assert "being worked out for the first time" in content
    assert reverse("circles_progress", args=[snapshot.pk]) in content


def test_the_page_says_when_its_circles_are_older_than_the_data_and_updates_them(
    user_client, user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _circle(user, "Team")
    compute_network_snapshot(NetworkSnapshot.objects.create(owner=user).pk)
    with django_capture_on_commit_callbacks(execute=True):
        make_contact(user, "Newcomer")
        make_contact(user, "Latecomer")
    response = user_client.get(reverse("circles"))
    content = response.content.decode()
    assert "Your contacts have changed since then (7 active contacts now)" in content
    assert "being updated" in content
    newer = NetworkSnapshot.objects.filter(owner=user).order_by("-requested_at").first()
    assert newer.status == "pending"


def test_fresh_circles_carry_no_warning_and_ask_for_nothing(user_client, user):
    _circle(user, "Team")
    freshness.record_change(user.pk, schedule=False)
    compute_network_snapshot(NetworkSnapshot.objects.create(owner=user).pk)
    response = user_client.get(reverse("circles"))
    assert "have changed since" not in response.content.decode()
    assert NetworkSnapshot.objects.filter(owner=user).count() == 1


def test_a_failed_attempt_is_not_repeated_on_every_visit(user_client, user):
    _circle(user, "Team")
    NetworkSnapshot.objects.create(owner=user, status="failed", error="broker unavailable")
    response = user_client.get(reverse("circles"))
    assert "That did not work" in response.content.decode()
    assert NetworkSnapshot.objects.filter(owner=user).count() == 1


def test_the_page_makes_the_same_number_of_queries_for_a_larger_network(user_client, user):
    def queries_of_a_stale_page():
        compute_network_snapshot(NetworkSnapshot.objects.create(owner=user).pk)
        freshness.record_change(user.pk, schedule=False)
        with CaptureQueriesContext(connection) as queries:
            assert user_client.get(reverse("circles")).status_code == 200
        NetworkSnapshot.objects.filter(owner=user).delete()
        return len(queries)

    _circle(user, "Team")
    small = queries_of_a_stale_page()
    _circle(user, "Club", size=12)
    assert queries_of_a_stale_page() == small


@pytest.mark.django_db(transaction=True)
def test_deleting_a_person_with_their_network_records_nothing(user):
    _circle(user, "Team")
    user.delete()
    assert not NetworkChange.objects.exists()
