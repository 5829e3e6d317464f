"""The dashboard shows the person's own numbers: contacts, encounters this month, in person vs remote."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import make_contact, make_encounter

pytestmark = pytest.mark.django_db


def test_it_counts_only_this_months_encounters_and_splits_in_person_from_remote(
    user_client, user, other_user
):
    today = timezone.localdate()
    anna = make_contact(user, "Anna")
    make_encounter(user, [anna], kind="coffee", occurred_on=today)
    make_encounter(user, [anna], kind="shop_floor", occurred_on=today.replace(day=1))
    make_encounter(user, [anna], kind="phone_call", occurred_on=today, planned=False)
    make_encounter(
        user, [anna], kind="meal", occurred_on=today.replace(day=1) - datetime.timedelta(days=1)
    )
    eve = make_contact(other_user, "Eve")
    make_encounter(other_user, [eve], kind="coffee", occurred_on=today)

    response = user_client.get(reverse("dashboard"))
    month = response.context["month"]
    assert (month.total, month.in_person, month.remote, month.by_chance) == (3, 2, 1, 1)
    assert response.context["contact_count"] == 1


def test_archived_contacts_do_not_count(user_client, user):
    make_contact(user, "Anna")
    make_contact(user, "Ben", archived=True)
    assert user_client.get(reverse("dashboard")).context["contact_count"] == 1
