"""The contact form takes an email only when it is an address: `not-an-email` is refused, kept in the
field with a message, and nothing is stored."""

import pytest
from django.urls import reverse

from contacts.models import Contact
from tests.factories import make_contact

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("typed", ["not-an-email", "anna@", "@example.org", "a b@example.org"])
def test_a_new_contact_with_no_address_for_an_email_is_refused(user_client, user, typed):
    response = user_client.post(reverse("contacts:create"), {"name": "Anna", "email": typed})

    assert response.status_code == 200
    assert "valid email address" in response.content.decode()
    assert typed in response.content.decode()
    assert not Contact.objects.for_user(user).exists()


def test_editing_keeps_the_stored_address_when_a_wrong_one_is_typed(user_client, user):
    anna = make_contact(user, "Anna", email="anna@example.org")
    user_client.post(
        reverse("contacts:edit", args=[anna.pk]), {"name": "Anna", "email": "not-an-email"}
    )
    anna.refresh_from_db()
    assert anna.email == "anna@example.org"


def test_an_address_is_taken(user_client, user):
    user_client.post(reverse("contacts:create"), {"name": "Anna", "email": "anna@example.org"})
    assert Contact.objects.for_user(user).get().email == "anna@example.org"
