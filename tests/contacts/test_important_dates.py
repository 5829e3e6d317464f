"""Important dates: added, kept when invalid, removed, never another user's."""

import datetime

import pytest
from django.urls import reverse

from contacts.models import ImportantDate
from tests.factories import (
    make_contact,
    make_important_date,
)

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def test_an_important_date_is_added(user_client, user):
    anna = make_contact(user, "Anna")

    response = user_client.post(
        reverse("contacts:date_add", args=[anna.pk]),
        {"label": "Company founded", "date": "1998-05-04"},
        **HTMX,
    )

    date = ImportantDate.objects.get()
    assert (date.owner, date.contact, date.label, date.date) == (
        user,
        anna,
        "Company founded",
        datetime.date(1998, 5, 4),
    )
    assert "Company founded" in response.content.decode()
    assert "<html" not in response.content.decode()


def test_an_invalid_important_date_keeps_what_was_typed(user_client, user):
    anna = make_contact(user, "Anna")

    response = user_client.post(
        reverse("contacts:date_add", args=[anna.pk]), {"label": "Name day", "date": "31.02."}
    )

    assert response.status_code == 200
    assert 'value="Name day"' in response.content.decode()
    assert not ImportantDate.objects.exists()


def test_an_important_date_is_removed(user_client, user):
    anna = make_contact(user, "Anna")
    date = make_important_date(anna)

    response = user_client.post(reverse("contacts:date_remove", args=[anna.pk, date.pk]))

    assert response.url == reverse("contacts:detail", args=[anna.pk]) + "#dates"
    assert not ImportantDate.objects.exists()


def test_another_users_date_cannot_be_removed(user_client, user, other_user):
    anna = make_contact(user, "Anna")
    date = make_important_date(make_contact(other_user, "Eve"))

    assert (
        user_client.post(reverse("contacts:date_remove", args=[anna.pk, date.pk])).status_code
        == 404
    )
    assert ImportantDate.objects.filter(pk=date.pk).exists()
