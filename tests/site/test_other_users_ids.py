"""Every URL that takes an object id answers 404 for another user's object, never with their data."""

import datetime

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from contacts.models import ContactAttribute, Dimension, NetworkSnapshot
from crm.signup import invite
from encounters.models import Plan
from exchange.keys import create_key
from exchange.models import ImportJob
from tests.factories import (
    make_contact,
    make_encounter,
    make_important_date,
    make_introduction,
    make_tie,
)

pytestmark = pytest.mark.django_db


def _patterns(resolver: URLResolver, prefix: str = ""):
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            if route.startswith("admin/"):
                continue  # the admin is staff-only and has its own tests
            yield from _patterns(entry, route)
        elif isinstance(entry, URLPattern):
            yield route, entry


def _object_id_patterns():
    return [
        (route, pattern)
        for route, pattern in _patterns(get_resolver())
        if pattern.pattern.converters
        and any(type(c).__name__ == "IntConverter" for c in pattern.pattern.converters.values())
    ]


@pytest.fixture
def foreign_ids(other_user, settings):
    settings.SIGNUP_MODE = "invite"
    other_user.is_staff = True
    other_user.save()
    eve = make_contact(other_user, "Eve")
    fred = make_contact(other_user, "Fred")
    dimension = Dimension.objects.for_user(other_user).first()
    attribute = ContactAttribute.objects.create(
        owner=other_user, contact=eve, dimension=dimension, value="Secret"
    )
    return {
        "contact_id": eve.pk,
        "other_id": fred.pk,
        "encounter_id": make_encounter(other_user, [eve], occurred_on=datetime.date(2026, 1, 5)).pk,
        "tie_id": make_tie(other_user, eve, fred).pk,
        "date_id": make_important_date(eve).pk,
        "introduction_id": make_introduction(other_user, eve, fred).pk,
        "dimension_id": dimension.pk,
        "attribute_id": attribute.pk,
        "snapshot_id": NetworkSnapshot.objects.create(owner=other_user).pk,
        "invitation_id": invite(
            invited_by=other_user, email="friend@example.org", language="en"
        ).invitation.pk,
        "plan_id": Plan.objects.create(
            owner=other_user, contact=eve, on=datetime.date(2026, 1, 9)
        ).pk,
        "job_id": ImportJob.objects.create(
            owner=other_user, format="vcard", filename="secret.vcf"
        ).pk,
        "key_id": create_key(other_user, name="Their phone", kind="carddav")[0].pk,
    }


def test_every_id_taking_url_has_a_known_kind_of_id(foreign_ids):
    for route, pattern in _object_id_patterns():
        for name in pattern.pattern.converters:
            assert name in foreign_ids, f"{route}: add {name!r} to foreign_ids in this test"


def test_another_users_id_answers_404_for_get_and_post(user_client, foreign_ids):
    checked = 0
    for route, pattern in _object_id_patterns():
        kwargs = {name: foreign_ids[name] for name in pattern.pattern.converters}
        path = "/" + route
        for name, value in kwargs.items():
            path = path.replace(f"<int:{name}>", str(value))
        statuses = {user_client.get(path).status_code, user_client.post(path, {}).status_code}
        assert statuses <= {404, 405}, f"{path} answered {statuses}"
        assert 404 in statuses, f"{path} answered {statuses}"
        checked += 1
    # The walk must have something to walk: the contact and encounter pages take ids.
    assert checked >= 10
