"""Ties between contacts: added by name, stored once, removed, never across accounts."""

import re

import pytest
from django.urls import reverse

from contacts.models import Tie
from tests.factories import (
    make_contact,
    make_tie,
)

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def test_a_tie_is_added_by_exact_name(user_client, user):
    anna, ben = make_contact(user, "Anna"), make_contact(user, "Ben Weber")

    response = user_client.post(
        reverse("contacts:tie_add", args=[anna.pk]),
        {"other": " ben weber ", "kind": "colleague"},
        **HTMX,
    )

    tie = Tie.objects.get()
    assert (tie.a, tie.b, tie.kind, tie.owner) == (anna, ben, "colleague", user)
    html = response.content.decode()
    assert '<section class="card" id="ties"' in html and "Ben Weber" in html and "<html" not in html


def test_a_tie_is_stored_once_whichever_side_adds_it(user_client, user):
    anna, ben = make_contact(user, "Anna"), make_contact(user, "Ben")
    make_tie(user, anna, ben)

    user_client.post(
        reverse("contacts:tie_add", args=[ben.pk]), {"other": "Anna", "kind": "friend"}
    )

    assert list(Tie.objects.values_list("a", "b", "kind")) == [(anna.pk, ben.pk, "friend")]


def test_two_contacts_of_the_same_name_are_told_apart_by_organisation(user_client, user):
    anna = make_contact(user, "Anna")
    make_contact(user, "Ben", organisation="Siemens")
    bosch_ben = make_contact(user, "Ben", organisation="Bosch")

    ambiguous = user_client.post(
        reverse("contacts:tie_add", args=[anna.pk]), {"other": "Ben", "kind": "knows"}
    )
    assert "Several contacts" in ambiguous.content.decode()
    assert not Tie.objects.exists()

    user_client.post(
        reverse("contacts:tie_add", args=[anna.pk]), {"other": "Ben (Bosch)", "kind": "knows"}
    )

    assert Tie.objects.get().b == bosch_ben


def test_the_tie_suggestions_name_the_organisation_of_namesakes(user_client, user):
    make_contact(user, "Ben", organisation="Siemens")
    make_contact(user, "Ben", organisation="Bosch")
    make_contact(user, "Benedikt", organisation="SWM")

    response = user_client.get(reverse("contacts:suggestions"), {"other": "Ben"}, **HTMX)

    options = re.findall(r'<option value="([^"]+)">', response.content.decode())
    assert sorted(options) == ["Ben (Bosch)", "Ben (Siemens)", "Benedikt"]


def test_a_tie_to_a_contact_of_another_user_is_refused(user_client, user, other_user):
    anna = make_contact(user, "Anna")
    make_contact(other_user, "Eve Secret")

    response = user_client.post(
        reverse("contacts:tie_add", args=[anna.pk]),
        {"other": "Eve Secret", "kind": "knows"},
        **HTMX,
    )

    assert "None of your contacts" in response.content.decode()
    assert not Tie.objects.exists()


def test_a_tie_to_the_contact_themselves_is_refused(user_client, user):
    anna = make_contact(user, "Anna")

    user_client.post(
        reverse("contacts:tie_add", args=[anna.pk]), {"other": "Anna", "kind": "knows"}
    )

    assert not Tie.objects.exists()


def test_a_refused_tie_without_htmx_shows_the_error_on_its_own_page(user_client, user):
    anna = make_contact(user, "Anna")

    response = user_client.post(
        reverse("contacts:tie_add", args=[anna.pk]), {"other": "Nobody", "kind": "knows"}
    )

    assert response.status_code == 200
    assert "None of your contacts" in response.content.decode()
    assert 'value="Nobody"' in response.content.decode()


def test_a_tie_is_removed(user_client, user):
    anna, ben = make_contact(user, "Anna"), make_contact(user, "Ben")
    tie = make_tie(user, anna, ben)

    response = user_client.post(reverse("contacts:tie_remove", args=[ben.pk, tie.pk]), **HTMX)

    assert not Tie.objects.exists()
    assert "No ties yet" in response.content.decode()


def test_another_users_tie_cannot_be_removed(user_client, user, other_user):
    anna = make_contact(user, "Anna")
    eve, fred = make_contact(other_user, "Eve"), make_contact(other_user, "Fred")
    tie = make_tie(other_user, eve, fred)

    assert (
        user_client.post(reverse("contacts:tie_remove", args=[anna.pk, tie.pk])).status_code == 404
    )
    assert (
        user_client.post(reverse("contacts:tie_remove", args=[eve.pk, tie.pk])).status_code == 404
    )
    assert Tie.objects.filter(pk=tie.pk).exists()
