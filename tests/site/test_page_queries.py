"""Every page makes a fixed number of queries, the same for 12 contacts as for 500 with 5,000 encounters."""

import datetime
import uuid
from dataclasses import dataclass

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from contacts.models import Contact, Dimension, Tie
from encounters.models import Encounter
from tests.factories import bulk_contacts_with_encounters, bulk_network, make_user

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


@dataclass(frozen=True)
class World:
    owner: object
    hub: Contact
    others: tuple[Contact, Contact]
    industry: Dimension


def _build_world(
    username: str, *, contacts: int, encounters_each: int, group_encounters: int
) -> World:
    owner = make_user(username)
    people = bulk_contacts_with_encounters(owner, contacts, encounters_each=encounters_each)
    hub = bulk_network(
        owner,
        people,
        group_encounters=group_encounters,
        first_day=datetime.date.today() - datetime.timedelta(days=400),
    )
    industry = Dimension.objects.get(owner=owner, name="Industry")
    return World(owner=owner, hub=hub, others=(people[1], people[2]), industry=industry)


@pytest.fixture(scope="module")
def worlds(django_db_setup, django_db_blocker):
    """A small and a large network, built once for the module and removed after it."""
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]),
    ):
        small = _build_world("small-world", contacts=12, encounters_each=2, group_encounters=3)
        large = _build_world("large-world", contacts=500, encounters_each=10, group_encounters=300)
    yield {"small": small, "large": large}
    with django_db_blocker.unblock():
        for world in (small, large):
            world.owner.delete()


def test_the_large_world_is_large(worlds):
    large = worlds["large"]
    assert Contact.objects.for_user(large.owner).count() == 500
    assert Encounter.objects.for_user(large.owner).count() == 5_300
    assert Tie.objects.for_user(large.owner).count() > 500
    assert large.hub.encounters.count() > 300


# The most queries each page may make: the same number whatever the size of the network.
MOST_QUERIES = {
    "dashboard": 15,  # first steps; due people (fingerprint, ranking, topics); dates, plans (4); follow-ups
    "contact list by name": 7,
    # One more than by name: the last-seen order comes from its own aggregate query.
    "contact list by last seen": 8,
    "contact list by strength": 7,
    "contact list page 2": 7,
    "contact list filtered and searched, by name": 7,
    "contact list filtered and searched, by last seen": 8,
    "contact list filtered and searched, by strength": 7,
    "contact page": 14,
    "encounter list": 5,
    "encounter list page 2": 5,
    "picker": 4,
    # Contacts, their values, encounters, their participants, introductions (and the session's two).
    "search as you type": 7,
    "encounter list filtered by words and more": 6,
    # The check constraints restate the choices: no query checks them again (was 25); with a new
    # person, the account's lock and the look for a contact of that name (one each). The chosen
    # contacts are read once (the form's), the answer shows the people stored without reading
    # them back (was 15), and the account's data version moves on (one: crm/page_cache.py). On
    # PostgreSQL the network's change takes a shared lock first (contacts/network/freshness.py),
    # so that no snapshot is stamped between it and the log's commit.
    "quick log": 13,
    # As the form sends it, with its key, one contact: the key is not looked up before the
    # writes (the unique key refuses a repeat): 10 queries, was 11.
    "quick log with the form's key": 10,
}


def _filtered(world: World) -> dict:
    return {
        "q": "Bulk 00",
        "f": f"{world.industry.pk}:Industry 1",
        "in_person_days": "1000",
        "status": "all",
    }


def _open(client, world: World, page: str):
    contact_list = reverse("contacts:list")
    match page:
        case "dashboard":
            return client.get(reverse("dashboard"))
        case "contact list by name":
            return client.get(contact_list, {"sort": "name"})
        case "contact list by last seen":
            return client.get(contact_list, {"sort": "last_seen"})
        case "contact list by strength":
            return client.get(contact_list, {"sort": "strength"})
        case "contact list page 2":
            return client.get(contact_list, {"page": "2"})
        case "contact list filtered and searched, by name":
            return client.get(contact_list, {**_filtered(world), "sort": "name"})
        case "contact list filtered and searched, by last seen":
            return client.get(contact_list, {**_filtered(world), "sort": "last_seen"})
        case "contact list filtered and searched, by strength":
            return client.get(contact_list, {**_filtered(world), "sort": "strength"})
        case "contact page":
            return client.get(reverse("contacts:detail", args=[world.hub.pk]))
        case "encounter list":
            return client.get(reverse("encounters:list"))
        case "encounter list page 2":
            return client.get(reverse("encounters:list"), {"page": "2"})
        case "search as you type":
            return client.get(reverse("search"), {"q": "Place 1"}, **HTMX)
        case "encounter list filtered by words and more":
            return client.get(
                reverse("encounters:list"),
                {"q": "place", "met": "in_person", "start": "2000-01-01", "person": world.hub.name},
            )
        case "picker":
            return client.get(reverse("encounters:picker"), {"who": "Bulk 0000"}, **HTMX)
        case "quick log":
            anna, ben = world.others
            data = {
                "kind": "coffee",
                "occurred_on": (datetime.date.today() - datetime.timedelta(days=2)).isoformat(),
                "planned": "1",
                "participants": [world.hub.pk, anna.pk],
                "who": ben.name,
                "new_people": ["Newcomer"],
                "preselect": str(world.hub.pk),
                "next": reverse("contacts:detail", args=[world.hub.pk]),
            }
            response = client.post(reverse("encounters:log"), data, **HTMX)
            assert b"afterbegin:#encounter-list" in response.content  # logged, not sent back
            return response
        case "quick log with the form's key":
            data = {
                "kind": "coffee",
                "occurred_on": (datetime.date.today() - datetime.timedelta(days=2)).isoformat(),
                "planned": "1",
                "participants": [world.hub.pk],
                "client_key": str(uuid.uuid4()),
                "next": "/",
            }
            response = client.post(reverse("encounters:log"), data, **HTMX)
            assert b"afterbegin:#encounter-list" in response.content
            return response
    raise ValueError(page)


def test_the_filtered_contact_list_finds_people_in_both_worlds(client, worlds):
    for world in worlds.values():
        client.force_login(world.owner)
        response = client.get(reverse("contacts:list"), {**_filtered(world), "sort": "strength"})
        assert response.context["rows"]


def _count_queries(client, world: World, page: str) -> int:
    client.force_login(world.owner)
    with CaptureQueriesContext(connection) as queries:
        response = _open(client, world, page)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("page", list(MOST_QUERIES))
def test_the_page_makes_a_fixed_number_of_queries(
    page, client, worlds, django_assert_max_num_queries
):
    small = _count_queries(client, worlds["small"], page)

    client.force_login(worlds["large"].owner)
    with django_assert_max_num_queries(MOST_QUERIES[page]) as queries:
        response = _open(client, worlds["large"], page)

    assert response.status_code == 200
    assert len(queries) == small
