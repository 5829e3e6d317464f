"""What the server answers a device's outbox: logged or refused in JSON, a key stored once, the session."""

import datetime
import json
import uuid

import pytest
from django.test import Client
from django.urls import reverse

from encounters.models import Encounter
from tests.factories import make_contact

pytestmark = pytest.mark.django_db

OUTBOX = {"HTTP_ACCEPT": "application/json"}


def _entry(**fields) -> dict:
    return {
        "kind": "coffee",
        "occurred_on": (datetime.date.today() - datetime.timedelta(days=1)).isoformat(),
        "planned": "1",
        "client_key": str(uuid.uuid4()),
        **fields,
    }


def test_a_stored_entry_is_answered_with_its_encounter(user_client, user):
    anna = make_contact(user, "Anna")

    response = user_client.post(reverse("encounters:log"), _entry(participants=[anna.pk]), **OUTBOX)

    assert response.json() == {"logged": Encounter.objects.get().pk}


def test_a_refused_entry_is_answered_with_its_reasons_and_nothing_is_stored(user_client, user):
    anna = make_contact(user, "Anna")

    response = user_client.post(
        reverse("encounters:log"),
        _entry(participants=[anna.pk], occurred_on="2999-01-01"),
        **OUTBOX,
    )

    assert response.status_code == 200
    assert response.json() == {
        "refused": ["That is in the future. Log an encounter once it has happened."],
        "gone": [],
    }
    assert not Encounter.objects.exists()


def test_a_stored_key_is_answered_as_logged_even_when_its_participant_was_deleted_since(
    user_client, user
):
    # The first post was stored but its answer never reached the device; Anna is deleted before
    # the retry. Refusing the retry would leave a stored encounter on the device as "not accepted",
    # to be fixed and sent again: the retry is answered as logged instead.
    anna = make_contact(user, "Anna")
    ben = make_contact(user, "Ben")
    entry = _entry(participants=[anna.pk, ben.pk])
    first = user_client.post(reverse("encounters:log"), entry, **OUTBOX)
    anna.delete()

    retry = user_client.post(reverse("encounters:log"), entry, **OUTBOX)

    assert retry.json() == first.json() == {"logged": Encounter.objects.get().pk}


def test_a_refused_entry_fixed_and_sent_again_under_its_key_is_stored_once(user_client, user):
    anna = make_contact(user, "Anna")
    ben = make_contact(user, "Ben")
    refused = _entry(participants=[anna.pk, ben.pk])
    anna_id = str(anna.pk)
    anna.delete()
    answer = user_client.post(reverse("encounters:log"), refused, **OUTBOX).json()
    # The device is told who is gone, to flag them when the entry is fixed.
    assert answer["refused"] and answer["gone"] == [anna_id]

    fixed = {**refused, "participants": [ben.pk]}
    first = user_client.post(reverse("encounters:log"), fixed, **OUTBOX)
    again = user_client.post(reverse("encounters:log"), fixed, **OUTBOX)

    encounter = Encounter.objects.get()
    assert first.json() == again.json() == {"logged": encounter.pk}
    assert str(encounter.client_key) == refused["client_key"]
    assert list(encounter.participants.all()) == [ben]


def test_the_outbox_session_names_the_user_with_a_token_that_passes_the_csrf_check(user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    anna = make_contact(user, "Anna")

    session = client.get(reverse("encounters:outbox_session"))
    refused = client.post(reverse("encounters:log"), _entry(participants=[anna.pk]), **OUTBOX)
    accepted = client.post(
        reverse("encounters:log"),
        _entry(participants=[anna.pk]),
        HTTP_X_CSRFTOKEN=session.json()["csrf"],
        **OUTBOX,
    )

    assert session.json()["user"] == user.pk
    assert "no-store" in session["Cache-Control"] and "private" in session["Cache-Control"]
    assert refused.status_code == 403
    assert accepted.json() == {"logged": Encounter.objects.get().pk}


def test_the_outbox_session_needs_a_login(client):
    response = client.get(reverse("encounters:outbox_session"))

    assert response.status_code == 302


def test_the_service_worker_imports_the_outbox_and_knows_where_to_send(client):
    source = client.get("/sw.js").content.decode()

    config = json.loads(source.split("self.WEITBLICK = ", 1)[1].split(";\n", 1)[0])
    assert config["outbox"] == "/static/js/outbox.js"
    assert config["log"] == reverse("encounters:log")
    assert config["session"] == reverse("encounters:outbox_session")
    assert "importScripts(CONFIG.outbox)" in source
    assert 'addEventListener("sync"' in source
