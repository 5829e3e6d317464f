"""Undo takes back the encounter and only the people this very log created, untouched since.

What the request says it created is not believed: the log records it with the encounter.
"""

import datetime
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from contacts.models import Contact, Tie
from encounters.models import Encounter
from tests.factories import make_contact, make_encounter, make_tie

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def _log(client, **fields) -> Encounter:
    data = {
        "kind": "coffee",
        "occurred_on": (timezone.localdate() - datetime.timedelta(days=1)).isoformat(),
        "planned": "1",
        "client_key": str(uuid.uuid4()),
        **fields,
    }
    assert client.post(reverse("encounters:log"), data, **HTMX).status_code == 200
    return Encounter.objects.latest("pk")


def _undo(client, encounter, created=()):
    return client.post(
        reverse("encounters:undo", args=[encounter.pk]), {"created": list(created)}, **HTMX
    )


def test_undo_takes_the_new_person_the_log_created(user_client, user):
    anna = make_contact(user, "Anna")
    encounter = _log(user_client, participants=[anna.pk], new_people=["Dora"])

    response = _undo(user_client, encounter)

    assert "The new person went with it" in response.content.decode()
    assert list(Contact.objects.for_user(user)) == [anna]


def test_undo_keeps_an_older_contact_posted_as_created(user_client, user):
    # Anna existed before; this log is her only encounter, and the request claims it made her.
    anna = make_contact(user, "Anna")
    encounter = _log(user_client, participants=[anna.pk])

    _undo(user_client, encounter, created=[anna.pk])

    assert not Encounter.objects.exists()
    assert Contact.objects.filter(pk=anna.pk).exists()


def test_undo_keeps_a_new_person_given_an_email_and_notes_since(user_client, user):
    encounter = _log(user_client, new_people=["Dora"])
    dora = Contact.objects.get(name="Dora")
    user_client.post(
        reverse("contacts:edit", args=[dora.pk]),
        {"name": "Dora", "email": "dora@example.org", "notes": "Runs the bakery"},
    )

    _undo(user_client, encounter, created=[dora.pk])

    assert Contact.objects.get(pk=dora.pk).email == "dora@example.org"


def test_undo_keeps_a_new_person_given_a_tie_and_the_tie(user_client, user):
    anna = make_contact(user, "Anna")
    encounter = _log(user_client, new_people=["Dora"])
    dora = Contact.objects.get(name="Dora")
    make_tie(user, anna, dora)

    _undo(user_client, encounter, created=[dora.pk])

    assert Contact.objects.filter(pk=dora.pk).exists()
    assert Tie.objects.for_user(user).count() == 1


def test_undo_keeps_a_person_an_earlier_log_created(user_client, user):
    first = _log(user_client, new_people=["Dora"])
    dora = Contact.objects.get(name="Dora")
    second = make_encounter(user, [dora])
    first.delete()  # Dora's first meeting is gone; the second log did not create her

    _undo(user_client, second, created=[dora.pk])

    assert Contact.objects.filter(pk=dora.pk).exists()
