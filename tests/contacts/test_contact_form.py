"""Creating and editing a contact: the form, the birthday, met through, another user's contact."""

import re

import pytest
from django.urls import reverse

from contacts.dates import Birthday
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
            "birthday_0": "12",
            "birthday_1": "4",
            "birthday_2": "1979",
        },
    )

    anna = Contact.objects.get(owner=user)
    assert response.status_code == 302
    assert response.url == reverse("contacts:detail", args=[anna.pk])
    assert (anna.name, anna.email, anna.organisation) == ("Anna Berg", "anna@example.org", "SWM")
    assert (anna.birthday_year, anna.birthday_month, anna.birthday_day) == (1979, 4, 12)


def test_it_creates_a_contact_with_a_birthday_without_the_year(user_client, user):
    user_client.post(
        reverse("contacts:create"),
        {"name": "Anna", "birthday_0": "29", "birthday_1": "2", "birthday_2": ""},
    )

    anna = Contact.objects.get(owner=user)
    assert (anna.birthday_year, anna.birthday_month, anna.birthday_day) == (None, 2, 29)
    page = _text(user_client.get(reverse("contacts:detail", args=[anna.pk])))
    assert "Birthday 29.2." in page


def test_it_keeps_what_was_typed_when_the_birthday_is_not_a_date(user_client, user):
    response = user_client.post(
        reverse("contacts:create"),
        {
            "name": "Anna Berg",
            "email": "anna@example.org",
            "birthday_0": "30",
            "birthday_1": "2",
            "birthday_2": "1979",
        },
    )

    assert response.status_code == 200
    assert "does not exist in that month" in str(response.context["form"].errors["birthday"])
    html = response.content.decode()
    assert 'value="Anna Berg"' in html
    assert 'value="anna@example.org"' in html
    assert 'name="birthday_0" value="30"' in html
    assert '<option value="2" selected>' in html
    assert 'name="birthday_2" value="1979"' in html
    assert not Contact.objects.exists()


@pytest.mark.parametrize(
    ("day", "month", "year", "says"),
    [
        ("12", "", "", "Give both the day and the month"),
        ("", "4", "1979", "Give both the day and the month"),
        ("twelve", "4", "", "Write the day as a number"),
        ("32", "4", "", "less than or equal to 31"),
        ("12", "13", "", "Select a valid choice"),
        ("12", "4", "3000", "cannot lie in the future"),
    ],
)
def test_it_refuses_a_birthday_that_is_incomplete_or_impossible(
    user_client, user, day, month, year, says
):
    response = user_client.post(
        reverse("contacts:create"),
        {"name": "Anna", "birthday_0": day, "birthday_1": month, "birthday_2": year},
    )

    assert response.status_code == 200
    assert says in str(response.context["form"].errors["birthday"])
    assert not Contact.objects.exists()


def test_the_birthday_has_a_label_for_each_part(user_client):
    html = user_client.get(reverse("contacts:create")).content.decode()

    assert "<legend>Birthday</legend>" in html
    for part, label in (("0", "Day"), ("1", "Month"), ("2", "Year (optional)")):
        assert f'<label for="id_birthday_{part}">{label}</label>' in html
    assert '<option value="12">December</option>' in html


def test_a_birthday_sent_as_one_text_is_still_read(user_client, user):
    user_client.post(reverse("contacts:create"), {"name": "Anna", "birthday": "1979-04-12"})
    user_client.post(reverse("contacts:create"), {"name": "Ben", "birthday": "--02-29"})

    anna, ben = Contact.objects.order_by("name")
    assert anna.birthday == Birthday(month=4, day=12, year=1979)
    assert ben.birthday == Birthday(month=2, day=29)


def test_it_refuses_a_birthday_text_in_an_unknown_shape(user_client, user):
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

    form_page = user_client.get(reverse("contacts:edit", args=[anna.pk])).content.decode()
    assert 'name="birthday_0" value="12"' in form_page
    assert '<option value="4" selected>April</option>' in form_page
    assert (
        'name="birthday_2" min="1900"' in form_page and 'name="birthday_2" value=' not in form_page
    )

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
