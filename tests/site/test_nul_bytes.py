"""A NUL byte in an address or a form is refused with a 400 that says why, never a 500.

PostgreSQL stores no NUL in text, so a NUL that reaches a query fails there; it is turned away at the
door, for every view, before any of them reads it.
"""

import pytest
from django.urls import reverse

from contacts.models import Contact
from tests.factories import make_contact

pytestmark = pytest.mark.django_db

GET_ADDRESSES = [
    "/calendar/%00.ics",
    "/contacts/?q=%00",
    "/contacts/suggestions/?q=%00",
    "/encounters/picker/?who=%00",
    "/exchange/export/contacts.vcf?q=%00",
    "/exchange/export/contacts.csv?q=%00",
    "/contacts/?f=6:%00",
    "/introductions/context/?first=%00",
    "/search/?q=a%00b",
]


@pytest.mark.parametrize("address", GET_ADDRESSES)
def test_a_nul_in_an_address_is_a_400_for_the_owner(user_client, address):
    response = user_client.get(address)

    assert response.status_code == 400
    assert b"cannot be stored" in response.content


@pytest.mark.parametrize("address", GET_ADDRESSES)
def test_a_nul_in_an_address_is_a_400_without_login(client, address):
    assert client.get(address).status_code == 400


def test_a_nul_in_a_new_introduction_is_a_400(user_client, user):
    make_contact(user, "Ada")
    make_contact(user, "Ben")
    response = user_client.post(
        reverse("introductions:new"), {"first": "Ada\x00", "second": "Ben", "reason": "Both mill."}
    )
    assert response.status_code == 400


def test_a_nul_in_a_new_participant_is_a_400_and_stores_nothing(user_client, user):
    response = user_client.post(
        reverse("encounters:log"),
        {"new_people": "Zoe\x00", "kind": "coffee", "occurred_on": "2026-01-05"},
    )
    assert response.status_code == 400
    assert not Contact.objects.for_user(user).exists()
