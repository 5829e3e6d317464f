"""Creating and editing a contact: the form, the birthday, met through, another user's contact."""

import re

import pytest
from django.urls import reverse

from contacts.models import Contact
from tests.factories import (
    make_contact,
)

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def _text(response) -> str:
    """The page as a reader sees it: tags dropped, whitespace collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


def test_it_creates_a_contact_with_a_full_birthday(user_client, user):
    response = user_client.post(
        reverse("contacts:create"),
        {
            "name": "Anna Berg",
            "email": "anna@example.org",
            "organisation": "SWM",
            "birthday": "1979-04-12",
        },
    )

    anna = Contact.objects.get(owner=user)
    assert response.status_code == 302
    assert response.url == reverse("contacts:detail", args=[anna.pk])
    assert (anna.name, anna.email, anna.organisation) == ("Anna Berg", "anna@example.org", "SWM")
    assert (anna.birthday_year, anna.birthday_month, anna.birthday_day) == (1979, 4, 12)


def test_it_creates_a_contact_with_a_birthday_without_the_year(user_client, user):
    user_client.post(reverse("contacts:create"), {"name": "Anna", "birthday": "--02-29"})

    anna = Contact.objects.get(owner=user)
    assert (anna.birthday_year, anna.birthday_month, anna.birthday_day) == (None, 2, 29)
    page = _text(user_client.get(reverse("contacts:detail", args=[anna.pk])))
    assert "Birthday 29.2." in page


def test_it_keeps_what_was_typed_when_the_birthday_is_not_a_date(user_client, user):
    response = user_client.post(
        reverse("contacts:create"),
        {"name": "Anna Berg", "email": "anna@example.org", "birthday": "1979-02-30"},
    )

    assert response.status_code == 200
    assert "birthday" in response.context["form"].errors
    html = response.content.decode()
    assert 'value="Anna Berg"' in html
    assert 'value="anna@example.org"' in html
    assert 'value="1979-02-30"' in html
    assert not Contact.objects.exists()


def test_it_refuses_a_birthday_in_an_unknown_shape(user_client, user):
    response = user_client.post(
        reverse("contacts:create"), {"name": "Anna", "birthday": "12.04.1979"}
    )

    assert "birthday" in response.context["form"].errors
    assert not Contact.objects.exists()


def test_the_new_contact_form_takes_the_name_from_the_address(user_client):
    response = user_client.get(reverse("contacts:create"), {"name": "Stranger in 14C"})

    assert 'value="Stranger in 14C"' in response.content.decode()


def test_it_edits_a_contact_and_shows_the_birthday_as_it_was_written(user_client, user):
    anna = make_contact(user, "Anna", birthday_month=4, birthday_day=12)

    form_page = user_client.get(reverse("contacts:edit", args=[anna.pk]))
    assert 'value="--04-12"' in form_page.content.decode()

    response = user_client.post(
        reverse("contacts:edit", args=[anna.pk]),
        {"name": "Anna Berg", "city": "München", "trust": "4"},
    )

    assert response.status_code == 302
    anna.refresh_from_db()
    assert (anna.name, anna.city, anna.trust, anna.birthday) == ("Anna Berg", "München", 4, None)


def test_met_through_accepts_one_of_the_users_own_contacts(user_client, user):
    ben = make_contact(user, "Ben")

    user_client.post(reverse("contacts:create"), {"name": "Anna", "met_through": ben.pk})

    assert Contact.objects.get(name="Anna").met_through == ben


def test_met_through_refuses_a_contact_of_another_user(user_client, user, other_user):
    eve = make_contact(other_user, "Eve Secret")
    anna = make_contact(user, "Anna")

    response = user_client.post(
        reverse("contacts:edit", args=[anna.pk]), {"name": "Anna", "met_through": eve.pk}
    )

    assert response.status_code == 200
    assert "own contacts" in str(response.context["form"].errors["met_through"])
    assert "Eve Secret" not in response.content.decode()
    anna.refresh_from_db()
    assert anna.met_through is None


def test_met_through_refuses_the_contact_themselves(user_client, user):
    anna = make_contact(user, "Anna")

    response = user_client.post(
        reverse("contacts:edit", args=[anna.pk]), {"name": "Anna", "met_through": anna.pk}
    )

    assert "met_through" in response.context["form"].errors
    anna.refresh_from_db()
    assert anna.met_through is None


def test_another_users_contact_cannot_be_edited(user_client, other_user):
    eve = make_contact(other_user, "Eve")

    response = user_client.post(reverse("contacts:edit", args=[eve.pk]), {"name": "Hacked"})

    assert response.status_code == 404
    eve.refresh_from_db()
    assert eve.name == "Eve"
