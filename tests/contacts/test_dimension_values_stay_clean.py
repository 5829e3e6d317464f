"""Dimension values stay clean: one spelling per value, suggestions, rename and merge."""

import importlib

import pytest
from django.apps import apps
from django.urls import reverse

from contacts.models import ContactAttribute, Dimension
from contacts.values import merge_spellings, rename_value
from tests.factories import make_attribute, make_contact

pytestmark = pytest.mark.django_db


def _values(user, name="Industry"):
    return sorted(
        ContactAttribute.objects.filter(owner=user, dimension__name=name).values_list(
            "value", flat=True
        )
    )


def test_a_value_saved_in_another_case_or_with_spaces_takes_the_known_spelling(user):
    make_attribute(make_contact(user, "Anna"), "Industry", "Banking")
    make_attribute(make_contact(user, "Ben"), "Industry", "  banking ")
    make_attribute(make_contact(user, "Carla"), "Industry", "BANKING")
    make_attribute(make_contact(user, "Dora"), "Industry", "Retail   banking")

    assert _values(user) == ["Banking", "Banking", "Banking", "Retail banking"]


def test_the_contact_page_saves_the_known_spelling(user_client, user):
    make_attribute(make_contact(user, "Anna"), "Industry", "Banking")
    ben = make_contact(user, "Ben")
    industry = Dimension.objects.get(owner=user, name="Industry")

    user_client.post(reverse("contacts:attributes", args=[ben.pk]), {f"d{industry.pk}": "banking "})

    assert ContactAttribute.objects.get(contact=ben).value == "Banking"


def test_the_contact_page_suggests_the_values_in_use_and_the_country_first(user_client, user):
    make_attribute(make_contact(user, "Anna"), "Industry", "Banking")
    make_attribute(make_contact(user, "Ben"), "Country/Culture", "Japan")
    carla = make_contact(user, "Carla", country="Sweden")

    html = user_client.get(reverse("contacts:attributes", args=[carla.pk])).content.decode()

    industry = Dimension.objects.get(owner=user, name="Industry")
    country = Dimension.objects.get(owner=user, name="Country/Culture")
    assert (
        f'<datalist id="values-d{industry.pk}"><option value="Banking"></option></datalist>' in html
    )
    assert (
        f'<datalist id="values-d{country.pk}"><option value="Sweden"></option>'
        '<option value="Japan"></option></datalist>'
    ) in html


def test_merging_spellings_keeps_the_one_most_contacts_have(user, other_user):
    # Written around save(), as a bulk import or an old database would have them.
    anna, ben, carla = (make_contact(user, name) for name in ("Anna", "Ben", "Carla"))
    industry = Dimension.objects.get(owner=user, name="Industry")
    theirs = make_contact(other_user, "Eve")
    their_industry = Dimension.objects.get(owner=other_user, name="Industry")
    ContactAttribute.objects.bulk_create(
        [
            ContactAttribute(owner=user, contact=anna, dimension=industry, value="banking"),
            ContactAttribute(owner=user, contact=ben, dimension=industry, value="banking"),
            ContactAttribute(owner=user, contact=carla, dimension=industry, value="Banking "),
            ContactAttribute(
                owner=other_user, contact=theirs, dimension=their_industry, value="BANKING"
            ),
        ]
    )

    assert merge_spellings(ContactAttribute.objects.all()) == 1
    assert _values(user) == ["banking", "banking", "banking"]
    # Another account's dimension is another dimension: its spelling is its own.
    assert _values(other_user) == ["BANKING"]


def test_the_data_migration_merges_the_spellings_stored_before(user):
    anna, ben = make_contact(user, "Anna"), make_contact(user, "Ben")
    industry = Dimension.objects.get(owner=user, name="Industry")
    ContactAttribute.objects.bulk_create(
        [
            ContactAttribute(owner=user, contact=anna, dimension=industry, value="Banking"),
            ContactAttribute(owner=user, contact=ben, dimension=industry, value=" banking"),
        ]
    )
    migration = importlib.import_module("contacts.migrations.0011_merge_dimension_value_spellings")

    migration.merge(apps, None)

    assert _values(user) == ["Banking", "Banking"]


def test_renaming_a_value_into_one_that_exists_merges_them(user):
    make_attribute(make_contact(user, "Anna"), "Industry", "Banks")
    make_attribute(make_contact(user, "Ben"), "Industry", "Banking")
    industry = Dimension.objects.get(owner=user, name="Industry")

    assert rename_value(industry, "Banks", "banking") == 1
    assert _values(user) == ["Banking", "Banking"]


def test_renaming_a_value_to_another_case_changes_it_for_everyone(user):
    make_attribute(make_contact(user, "Anna"), "Industry", "it")
    make_attribute(make_contact(user, "Ben"), "Industry", "it")
    industry = Dimension.objects.get(owner=user, name="Industry")

    assert rename_value(industry, "it", "IT") == 2
    assert _values(user) == ["IT", "IT"]


def test_the_dimensions_page_renames_and_merges_a_value(user_client, user):
    make_attribute(make_contact(user, "Anna"), "Industry", "Banks")
    make_attribute(make_contact(user, "Ben"), "Industry", "Banking")
    industry = Dimension.objects.get(owner=user, name="Industry")
    assert "Banks" in user_client.get(reverse("dimensions")).content.decode()

    response = user_client.post(
        reverse("dimension_rename", args=[industry.pk]), {"old": "Banks", "new": "banking"}
    )

    assert response.status_code == 302
    assert _values(user) == ["Banking", "Banking"]


def test_another_users_dimension_cannot_be_renamed(user_client, other_user):
    make_attribute(make_contact(other_user, "Eve"), "Industry", "Secret")
    theirs = Dimension.objects.get(owner=other_user, name="Industry")

    response = user_client.post(
        reverse("dimension_rename", args=[theirs.pk]), {"old": "Secret", "new": "Open"}
    )

    assert response.status_code == 404
    assert _values(other_user) == ["Secret"]
