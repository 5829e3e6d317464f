"""A quick log commits once: the encounter, the network's change and the cached pages' data version
go out in one transaction, and the log never waits for another writer's hold on the account."""

import datetime
import threading
import time

import psycopg
import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from contacts.models import Contact, NetworkChange, account_writes_in_transaction
from crm.models import User
from encounters.models import Encounter
from tests.factories import make_contact

pytestmark = pytest.mark.django_db(transaction=True)

HTMX = {"HTTP_HX_REQUEST": "true"}


def _version(user: User) -> int:
    return User.objects.values_list("data_version", flat=True).get(pk=user.pk)


def _log(client: Client, **fields) -> None:
    response = client.post(
        reverse("encounters:log"),
        {
            "kind": "coffee",
            "occurred_on": timezone.localdate().isoformat(),
            "planned": "1",
            "next": "/",
            **fields,
        },
        **HTMX,
    )
    assert response.status_code == 200
    assert "X-Encounter-Logged" in response


def _signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_quick_log_moves_the_version_on_once_and_notes_the_network_change(user):
    anna = make_contact(user, "Anna Berg")
    client = _signed_in(user)
    before = _version(user)
    started = timezone.now()
    _log(client, participants=[anna.pk])
    assert _version(user) == before + 1
    assert NetworkChange.objects.get(owner=user).changed_at >= started


def test_a_quick_log_with_a_new_person_moves_the_version_on_once(user):
    client = _signed_in(user)
    before = _version(user)
    _log(client, new_people=["Newcomer"])
    assert _version(user) == before + 1
    assert Contact.objects.for_user(user).filter(name="Newcomer").count() == 1


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_a_quick_log_never_waits_for_another_bump_and_the_version_still_moves_on(user):
    """Another request's bump holds the account's row: the log commits without waiting for it,
    and its own bump follows once the row is free."""
    anna = make_contact(user, "Anna Berg")
    client = _signed_in(user)
    settings = connection.settings_dict
    holder = psycopg.connect(
        host=settings["HOST"],
        port=settings["PORT"] or 5432,
        user=settings["USER"],
        password=settings["PASSWORD"],
        dbname=settings["NAME"],
    )
    before = _version(user)
    holder.execute("SELECT id FROM crm_user WHERE id = %s FOR NO KEY UPDATE", [user.pk])
    seen: list[bool] = []

    def hold_until_stored() -> None:
        deadline = time.monotonic() + 10
        with psycopg.connect(holder.info.dsn, password=settings["PASSWORD"]) as reader:
            reader.autocommit = True
            while time.monotonic() < deadline:
                query = "SELECT count(*) FROM encounters_encounter WHERE owner_id = %s"
                row = reader.execute(query, [user.pk]).fetchone()
                if row and row[0]:
                    seen.append(True)
                    break
                time.sleep(0.05)
        holder.rollback()  # the other bump ends: the log's own bump may go now

    thread = threading.Thread(target=hold_until_stored)
    thread.start()
    try:
        _log(client, participants=[anna.pk])
    finally:
        thread.join()
        holder.close()
    assert seen == [True], "the encounter was committed while the account's row was held"
    assert Encounter.objects.for_user(user).count() == 1
    assert _version(user) == before + 1


def test_a_refused_log_still_moves_the_version_on(user):
    client = _signed_in(user)
    before = _version(user)
    response = client.post(
        reverse("encounters:log"),
        {"kind": "coffee", "occurred_on": (timezone.localdate()).isoformat(), "planned": "1"},
        **HTMX,
    )
    assert response.status_code == 200
    assert not Encounter.objects.for_user(user).exists()
    assert _version(user) > before


def test_a_log_that_rolls_back_after_its_bump_still_moves_the_version_on(user):
    """The bump inside the log's transaction goes with it when it rolls back: the request bumps."""
    anna = make_contact(user, "Anna Berg")
    client = Client(raise_request_exception=False)
    client.force_login(user)
    before = _version(user)

    def fail_after_the_bump(sender, stage, **kwargs):  # runs after the page cache's receiver
        if stage == "ending":
            raise RuntimeError("the commit failed")

    account_writes_in_transaction.connect(fail_after_the_bump)
    try:
        response = client.post(
            reverse("encounters:log"),
            {
                "kind": "coffee",
                "occurred_on": timezone.localdate().isoformat(),
                "planned": "1",
                "participants": [anna.pk],
            },
            **HTMX,
        )
    finally:
        account_writes_in_transaction.disconnect(fail_after_the_bump)
    assert response.status_code == 500
    assert not Encounter.objects.for_user(user).exists()
    assert _version(user) > before


def test_a_log_moves_the_circles_on_once_its_transaction_commits(user):
    """The change is recorded with the encounter: a snapshot asked for before it is older."""
    anna = make_contact(user, "Anna Berg")
    NetworkChange.objects.update_or_create(
        owner=user,
        defaults={"changed_at": timezone.now() - datetime.timedelta(days=1), "dirty_since": None},
    )
    client = _signed_in(user)
    started = timezone.now()
    _log(client, participants=[anna.pk])
    change = NetworkChange.objects.get(owner=user)
    assert change.changed_at >= started
    assert change.dirty_since is not None
