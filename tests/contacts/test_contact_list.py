"""The contact list: search, filters by dimension, in-person meetings and status, sorting, pages."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from contacts.models import Contact, Dimension
from tests.factories import make_attribute, make_contact, make_encounter

pytestmark = pytest.mark.django_db


def _names(client, **params) -> list[str]:
    response = client.get(reverse("contacts:list"), params)
    assert response.status_code == 200
    return [c.name for c in response.context["rows"]]


def _days_ago(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


def test_it_lists_only_the_users_own_contacts_by_name(user_client, user, other_user):
    make_contact(user, "Ben")
    make_contact(user, "Anna")
    make_contact(other_user, "Aaron Secret")

    assert _names(user_client) == ["Anna", "Ben"]
    assert "Aaron Secret" not in user_client.get(reverse("contacts:list")).content.decode()


@pytest.mark.parametrize("query", ["berg", "stadtwerke", "swm.example", "münchen", "plant manager"])
def test_it_searches_names_organisations_emails_cities_and_roles(user_client, user, query):
    make_contact(
        user,
        "Anna Berg",
        organisation="Stadtwerke",
        email="anna@swm.example",
        city="München",
        role="Plant manager",
    )
    make_contact(
        user,
        "Ben Weber",
        organisation="Bosch",
        email="ben@bosch.example",
        city="Stuttgart",
        role="CFO",
    )

    assert _names(user_client, q=query) == ["Anna Berg"]


def test_it_filters_by_the_value_of_a_dimension(user_client, user):
    anna, ben, carla = (
        make_contact(user, "Anna"),
        make_contact(user, "Ben"),
        make_contact(user, "Carla"),
    )
    make_attribute(anna, "Industry", "Energy")
    make_attribute(ben, "Industry", "Finance")
    make_attribute(carla, "Industry", "Energy")
    make_attribute(carla, "Generation", "Boomer")
    industry = Dimension.objects.get(owner=user, name="Industry")
    generation = Dimension.objects.get(owner=user, name="Generation")

    assert _names(user_client, f=f"{industry.pk}:Energy") == ["Anna", "Carla"]
    assert _names(user_client, f=[f"{industry.pk}:Energy", f"{generation.pk}:Boomer"]) == ["Carla"]


def test_it_offers_the_values_in_use_as_filters(user_client, user):
    make_attribute(make_contact(user, "Anna"), "Industry", "Energy")
    make_attribute(make_contact(user, "Ben"), "Industry", "Finance")
    industry = Dimension.objects.get(owner=user, name="Industry")

    response = user_client.get(reverse("contacts:list"), {"f": f"{industry.pk}:Energy"})

    assert response.context["dimensions"] == [(industry, ["Energy", "Finance"])]
    html = response.content.decode()
    assert f'<option value="{industry.pk}:Energy" selected>Energy</option>' in html
    assert f'<option value="{industry.pk}:Finance" >Finance</option>' in html


def test_a_malformed_dimension_filter_is_ignored(user_client, user):
    make_contact(user, "Anna")

    assert _names(user_client, f=["x:Energy", "3:", ""]) == ["Anna"]


def test_it_filters_by_meeting_in_person_recently(user_client, user):
    anna, ben, carla, dora = (make_contact(user, n) for n in ["Anna", "Ben", "Carla", "Dora"])
    make_encounter(user, [anna], kind="coffee", occurred_on=_days_ago(10))
    make_encounter(user, [ben], kind="video_call", occurred_on=_days_ago(5))
    make_encounter(user, [carla], kind="meal", occurred_on=_days_ago(200))
    make_encounter(user, [dora, anna], kind="shop_floor", occurred_on=_days_ago(60))

    assert _names(user_client, in_person_days="30") == ["Anna"]
    assert _names(user_client, in_person_days="90") == ["Anna", "Dora"]
    assert _names(user_client, in_person_days="365") == ["Anna", "Carla", "Dora"]
    assert _names(user_client, in_person_days="ever") == ["Anna", "Ben", "Carla", "Dora"]


def test_it_shows_active_archived_or_all_contacts(user_client, user):
    make_contact(user, "Anna")
    make_contact(user, "Ben", archived=True)

    assert _names(user_client) == ["Anna"]
    assert _names(user_client, status="active") == ["Anna"]
    assert _names(user_client, status="archived") == ["Ben"]
    assert _names(user_client, status="all") == ["Anna", "Ben"]
    assert _names(user_client, status="nonsense") == ["Anna"]


def test_it_sorts_by_name(user_client, user):
    for name in ["Carla", "Anna", "Ben"]:
        make_contact(user, name)

    assert _names(user_client, sort="name") == ["Anna", "Ben", "Carla"]
    assert _names(user_client, sort="nonsense") == ["Anna", "Ben", "Carla"]


def test_it_sorts_by_last_seen_with_those_never_met_last(user_client, user):
    anna, ben, carla = (
        make_contact(user, "Anna"),
        make_contact(user, "Ben"),
        make_contact(user, "Carla"),
    )
    make_contact(user, "Aaron")
    make_encounter(user, [anna], occurred_on=_days_ago(30))
    make_encounter(user, [anna], occurred_on=_days_ago(300))
    make_encounter(user, [ben], occurred_on=_days_ago(3))
    make_encounter(user, [carla], kind="phone_call", occurred_on=_days_ago(100))

    response = user_client.get(reverse("contacts:list"), {"sort": "last_seen"})

    assert [c.name for c in response.context["rows"]] == ["Ben", "Anna", "Carla", "Aaron"]
    assert [c.last_seen for c in response.context["rows"]] == [
        _days_ago(3),
        _days_ago(30),
        _days_ago(100),
        None,
    ]


def test_it_sorts_by_tie_strength_strongest_first(user_client, user):
    anna, ben, carla = (
        make_contact(user, "Anna"),
        make_contact(user, "Ben"),
        make_contact(user, "Carla"),
    )
    make_contact(user, "Aaron")
    for days in (3, 20, 40):
        make_encounter(user, [carla], kind="coffee", occurred_on=_days_ago(days))
    make_encounter(user, [anna], kind="coffee", occurred_on=_days_ago(10))
    make_encounter(user, [ben], kind="message", occurred_on=_days_ago(10))

    response = user_client.get(reverse("contacts:list"), {"sort": "strength"})

    rows = response.context["rows"]
    assert [c.name for c in rows] == ["Carla", "Anna", "Ben", "Aaron"]
    strengths = [c.strength for c in rows]
    assert strengths == sorted(strengths, reverse=True)
    assert strengths[-1] == 0.0 and rows[-1].strength_label == "faint"


def _many_contacts(user, count: int) -> list[Contact]:
    return Contact.objects.bulk_create(
        [Contact(owner=user, name=f"Person {i:03d}") for i in range(count)]
    )


def test_it_shows_fifty_contacts_a_page(user_client, user):
    _many_contacts(user, 120)

    first = user_client.get(reverse("contacts:list"))
    third = user_client.get(reverse("contacts:list"), {"page": "3"})

    assert first.context["page"].paginator.count == 120
    assert [c.name for c in first.context["rows"]][:2] == ["Person 000", "Person 001"]
    assert len(first.context["rows"]) == 50
    assert [c.name for c in third.context["rows"]] == [f"Person {i:03d}" for i in range(100, 120)]
    assert "page=2" in first.content.decode()


def test_the_pages_keep_the_search_and_the_sort(user_client, user):
    _many_contacts(user, 60)

    response = user_client.get(reverse("contacts:list"), {"q": "person", "sort": "last_seen"})

    assert "q=person&amp;sort=last_seen&amp;page=2" in response.content.decode()


def test_sorting_by_strength_pages_through_everyone_in_order(user_client, user):
    people = _many_contacts(user, 70)
    for i, person in enumerate(people[:10]):
        for _ in range(i + 1):
            make_encounter(user, [person], occurred_on=_days_ago(5))

    first = user_client.get(reverse("contacts:list"), {"sort": "strength"})
    second = user_client.get(reverse("contacts:list"), {"sort": "strength", "page": "2"})

    first_rows, second_rows = first.context["rows"], second.context["rows"]
    assert [c.name for c in first_rows][:3] == ["Person 009", "Person 008", "Person 007"]
    assert len(first_rows) == 50 and len(second_rows) == 20
    assert {c.pk for c in first_rows} | {c.pk for c in second_rows} == {p.pk for p in people}
    assert [c.name for c in second_rows] == [f"Person {i:03d}" for i in range(50, 70)]


def test_a_page_number_past_the_end_shows_the_last_page(user_client, user):
    _many_contacts(user, 55)

    response = user_client.get(reverse("contacts:list"), {"page": "99"})

    assert response.context["page"].number == 2
    assert len(response.context["rows"]) == 5
