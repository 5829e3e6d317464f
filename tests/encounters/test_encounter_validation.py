"""Validating an encounter: the choices are checked once, in Python; the database still refuses."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from encounters.models import Encounter
from tests.factories import make_contact, make_encounter


@pytest.mark.parametrize(("field", "value"), [("kind", "teleport"), ("views", "shrug")])
def test_full_clean_refuses_a_value_outside_the_choices_without_a_query(
    user, field, value, django_assert_num_queries
):
    encounter = Encounter(owner=user, **{"kind": "coffee", field: value})
    with django_assert_num_queries(0), pytest.raises(ValidationError) as raised:
        encounter.full_clean(exclude=["owner"])
    assert field in raised.value.message_dict


def test_full_clean_of_a_valid_encounter_needs_no_query(user, django_assert_num_queries):
    encounter = Encounter(owner=user, kind="meal", views="agreed")
    with django_assert_num_queries(0):
        encounter.full_clean(exclude=["owner"])


def test_the_database_still_refuses_a_kind_outside_the_choices(user):
    encounter = make_encounter(user, [make_contact(user)])
    with pytest.raises(IntegrityError), transaction.atomic():
        Encounter.objects.filter(pk=encounter.pk).update(kind="teleport")
