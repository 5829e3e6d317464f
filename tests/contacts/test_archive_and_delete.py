"""Archiving a contact, and deleting one with what goes with them."""

import re

import pytest
from django.urls import reverse

from contacts.models import Contact, Tie
from encounters.models import Encounter
from tests.factories import (
    make_contact,
    make_encounter,
    make_important_date,
    make_introduction,
    make_tie,
)

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def _text(response) -> str:
    """The page as a reader sees it: tags dropped, whitespace collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


def test_archiving_toggles(user_client, user):
    anna = make_contact(user, "Anna")

    user_client.post(reverse("contacts:archive", args=[anna.pk]))
    anna.refresh_from_db()
    assert anna.archived

    response = user_client.post(reverse("contacts:archive", args=[anna.pk]))
    anna.refresh_from_db()
    assert not anna.archived
    assert response.url == reverse("contacts:detail", args=[anna.pk])


def test_archiving_needs_a_post(user_client, user):
    anna = make_contact(user, "Anna")

    assert user_client.get(reverse("contacts:archive", args=[anna.pk])).status_code == 405
    anna.refresh_from_db()
    assert not anna.archived


def _anna_with_history(user):
    anna, ben, carla = (
        make_contact(user, "Anna"),
        make_contact(user, "Ben"),
        make_contact(user, "Carla"),
    )
    alone = [make_encounter(user, [anna]), make_encounter(user, [anna], kind="phone_call")]
    shared = make_encounter(user, [anna, ben], kind="meal")
    make_encounter(user, [ben, carla])
    make_tie(user, anna, ben)
    make_important_date(anna)
    make_introduction(user, anna, carla)
    make_contact(user, "Dora", met_through=anna)
    return anna, ben, alone, shared


def test_the_delete_confirmation_says_what_goes(user_client, user):
    anna, _ben, _alone, _shared = _anna_with_history(user)

    response = user_client.get(reverse("contacts:delete", args=[anna.pk]))

    assert response.context["summary"] == {
        "encounters_alone": 2,
        "encounters_shared": 1,
        "ties": 1,
        "dates": 1,
        "introductions": 1,
        "introduced": 1,
    }
    page = _text(response)
    assert "2 encounters that were with them alone" in page
    assert "their place in 1 shared encounter" in page
    assert "1 tie, 1 important date, 1 introduction" in page
    assert "you met 1 person through them" in page
    assert Contact.objects.filter(pk=anna.pk).exists()


def test_deleting_removes_the_contact_and_their_own_encounters_but_keeps_shared_ones(
    user_client, user
):
    anna, ben, alone, shared = _anna_with_history(user)

    response = user_client.post(reverse("contacts:delete", args=[anna.pk]))

    assert response.status_code == 302
    assert not Contact.objects.filter(pk=anna.pk).exists()
    assert not Encounter.objects.filter(pk__in=[e.pk for e in alone]).exists()
    assert list(Encounter.objects.get(pk=shared.pk).participants.all()) == [ben]
    assert Encounter.objects.filter(owner=user).count() == 2
    assert not Tie.objects.filter(owner=user).exists()
    assert Contact.objects.get(name="Dora").met_through is None
