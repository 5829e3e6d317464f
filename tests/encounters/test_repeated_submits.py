"""What the user meant is stored once: a double submit, a replay and many clients at once.

Real threads on the configured database (PostgreSQL in CI), each with its own connection.
"""

import re
import uuid

import pytest
from django.test import Client
from django.urls import reverse

from contacts.models import Contact
from encounters.models import Encounter, EncounterParticipant
from tests.concurrency import at_once
from tests.factories import make_contact, quick_log_form

HTMX = {"HTTP_HX_REQUEST": "true"}
CLIENTS = 16


def _clients(user, count: int) -> list[Client]:
    clients = []
    for _ in range(count):
        client = Client()
        client.force_login(user)
        clients.append(client)
    return clients


def _posted_key(html: str) -> str:
    return re.search(r'name="client_key" value="([0-9a-f-]{36})"', html).group(1)


@pytest.mark.django_db
def test_the_quick_log_carries_a_fresh_key_each_time_it_is_shown(user_client):
    first = _posted_key(user_client.get(reverse("dashboard")).content.decode())
    second = _posted_key(user_client.get(reverse("dashboard")).content.decode())

    assert uuid.UUID(first) != uuid.UUID(second)


@pytest.mark.django_db
def test_a_double_submit_stores_the_encounter_once_and_answers_the_same(user_client, user):
    anna = make_contact(user, "Anna")
    data = quick_log_form(participants=[anna.pk], new_people=["Dora"], client_key=str(uuid.uuid4()))

    first = user_client.post(reverse("encounters:log"), data, **HTMX)
    second = user_client.post(reverse("encounters:log"), data, **HTMX)

    encounter = Encounter.objects.get()
    dora = Contact.objects.get(name="Dora")
    for response in (first, second):
        html = response.content.decode()
        assert reverse("encounters:undo", args=[encounter.pk]) in html
    assert Contact.objects.filter(owner=user).count() == 2
    # The replay's undo still takes Dora with it: the log recorded that it created her.
    user_client.post(reverse("encounters:undo", args=[encounter.pk]), **HTMX)
    assert not Contact.objects.filter(pk=dora.pk).exists()


@pytest.mark.django_db
def test_a_replayed_post_without_htmx_stores_once_and_redirects_again(user_client, user):
    anna = make_contact(user, "Anna")
    data = quick_log_form(participants=[anna.pk], client_key=str(uuid.uuid4()))

    responses = [user_client.post(reverse("encounters:log"), data) for _ in range(3)]

    assert [r.status_code for r in responses] == [302, 302, 302]
    assert Encounter.objects.count() == 1


@pytest.mark.django_db
def test_the_same_key_of_another_user_is_another_encounter(user_client, user, other_user):
    key = str(uuid.uuid4())
    mallory = Client()
    mallory.force_login(other_user)
    mallory.post(
        reverse("encounters:log"),
        quick_log_form(participants=[make_contact(other_user, "M").pk], client_key=key),
    )

    user_client.post(
        reverse("encounters:log"),
        quick_log_form(participants=[make_contact(user).pk], client_key=key),
    )

    assert Encounter.objects.filter(owner=user).count() == 1
    assert Encounter.objects.filter(owner=other_user).count() == 1


@pytest.mark.django_db(transaction=True)
def test_sixteen_clients_replaying_one_quick_log_store_one_encounter_and_one_new_person(user):
    anna = make_contact(user, "Anna")
    data = quick_log_form(
        participants=[anna.pk], new_people=["Stranger in 14C"], client_key=str(uuid.uuid4())
    )
    clients = _clients(user, CLIENTS)

    responses = at_once(CLIENTS, lambda i: clients[i].post(reverse("encounters:log"), data, **HTMX))

    assert [r.status_code for r in responses] == [200] * CLIENTS
    encounter = Encounter.objects.get()
    assert Contact.objects.filter(owner=user, name="Stranger in 14C").count() == 1
    assert all(
        reverse("encounters:undo", args=[encounter.pk]) in r.content.decode() for r in responses
    )
    assert EncounterParticipant.objects.filter(encounter=encounter).count() == 2


@pytest.mark.django_db(transaction=True)
def test_sixteen_quick_logs_naming_one_new_person_at_once_make_one_contact(user):
    clients = _clients(user, CLIENTS)

    responses = at_once(
        CLIENTS,
        lambda i: clients[i].post(
            reverse("encounters:log"),
            quick_log_form(new_people=["Jana Neu"], client_key=str(uuid.uuid4())),
            **HTMX,
        ),
    )

    assert [r.status_code for r in responses] == [200] * CLIENTS
    assert Encounter.objects.filter(owner=user).count() == CLIENTS  # sixteen meetings, all kept
    jana = Contact.objects.get(owner=user, name="Jana Neu")
    assert EncounterParticipant.objects.filter(contact=jana).count() == CLIENTS


@pytest.mark.django_db(transaction=True)
def test_eight_new_contact_posts_with_one_name_and_email_make_one_contact(user):
    clients = _clients(user, 8)
    data = {"name": "Lea Sommer", "email": "lea@example.org"}

    responses = at_once(8, lambda i: clients[i].post(reverse("contacts:create"), data))

    lea = Contact.objects.get(owner=user)
    assert [r.status_code for r in responses] == [302] * 8
    assert {r.url for r in responses} == {reverse("contacts:detail", args=[lea.pk])}


@pytest.mark.django_db
def test_a_new_contact_with_the_name_and_email_of_another_contact_is_that_contact(
    user_client, user
):
    lea = make_contact(user, "Lea Sommer", email="lea@example.org")

    response = user_client.post(
        reverse("contacts:create"), {"name": "lea sommer", "email": "LEA@example.org"}, follow=True
    )

    assert response.redirect_chain[0][0] == reverse("contacts:detail", args=[lea.pk])
    assert Contact.objects.filter(owner=user).count() == 1
    assert "already in your contacts" in response.content.decode()


@pytest.mark.django_db
def test_a_namesake_with_another_email_is_a_new_contact(user_client, user):
    make_contact(user, "Thomas Müller", email="thomas@bosch.example")

    user_client.post(
        reverse("contacts:create"), {"name": "Thomas Müller", "email": "tm@example.org"}
    )

    assert Contact.objects.filter(owner=user, name="Thomas Müller").count() == 2


@pytest.mark.django_db
def test_the_contact_form_refuses_what_is_not_an_email_address(user_client, user):
    response = user_client.post(
        reverse("contacts:create"), {"name": "Lea", "email": "not-an-email"}
    )

    assert response.status_code == 200
    assert response.context["form"].errors["email"]
    assert not Contact.objects.exists()
