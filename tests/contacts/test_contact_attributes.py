"""A contact's diversity attributes, edited in place."""

import pytest
from django.urls import reverse

from contacts.models import ContactAttribute, Dimension
from tests.factories import (
    make_attribute,
    make_contact,
)

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def test_the_attributes_form_comes_in_place_with_htmx(user_client, user):
    anna = make_contact(user, "Anna")
    make_attribute(anna, "Industry", "Energy")

    response = user_client.get(reverse("contacts:attributes", args=[anna.pk]), **HTMX)

    html = response.content.decode()
    assert '<section class="card" id="attributes"' in html
    assert "<form" in html and 'value="Energy"' in html
    assert "<html" not in html


def test_saving_attributes_with_htmx_stores_and_removes_values_and_returns_the_partial(
    user_client, user
):
    anna = make_contact(user, "Anna")
    make_attribute(anna, "Industry", "Energy")
    industry = Dimension.objects.get(owner=user, name="Industry")
    generation = Dimension.objects.get(owner=user, name="Generation")

    response = user_client.post(
        reverse("contacts:attributes", args=[anna.pk]),
        {f"d{industry.pk}": "  ", f"d{generation.pk}": "Boomer"},
        **HTMX,
    )

    values = dict(
        ContactAttribute.objects.filter(contact=anna).values_list("dimension__name", "value")
    )
    assert values == {"Generation": "Boomer"}
    html = response.content.decode()
    assert '<section class="card" id="attributes"' in html
    assert "Boomer" in html and "<form" not in html and "<html" not in html


def test_saving_attributes_without_htmx_goes_back_to_the_contact(user_client, user):
    anna = make_contact(user, "Anna")
    industry = Dimension.objects.get(owner=user, name="Industry")

    response = user_client.post(
        reverse("contacts:attributes", args=[anna.pk]), {f"d{industry.pk}": "Energy"}
    )

    assert response.url == reverse("contacts:detail", args=[anna.pk])
    assert ContactAttribute.objects.get(contact=anna).value == "Energy"
    assert user_client.get(reverse("contacts:attributes", args=[anna.pk])).status_code == 200


def test_another_users_attributes_are_not_found(user_client, other_user):
    eve = make_contact(other_user, "Eve")
    industry = Dimension.objects.get(owner=other_user, name="Industry")

    response = user_client.post(
        reverse("contacts:attributes", args=[eve.pk]), {f"d{industry.pk}": "X"}, **HTMX
    )

    assert response.status_code == 404
    assert not ContactAttribute.objects.exists()
