"""The contact page: the timeline, ties, dates, introductions, the chain, the tie strength."""

import datetime
import re

import pytest
from django.urls import reverse

from contacts.models import Contact, Tie
from contacts.sections import CHAIN_MAX, chain_of
from tests.factories import (
    make_contact,
    make_encounter,
    make_important_date,
    make_introduction,
    make_tie,
)

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def _text(response) -> str:
    """The page as a reader sees it: tags dropped, whitespace collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


def test_the_contact_page_shows_the_timeline_ties_dates_and_introductions(user_client, user):
    anna, ben, carla = (
        make_contact(user, "Anna"),
        make_contact(user, "Ben Weber"),
        make_contact(user, "Carla"),
    )
    make_encounter(
        user, [anna, carla], kind="meal", location="Tantris", occurred_on=datetime.date(2026, 5, 2)
    )
    make_encounter(user, [ben], kind="coffee")
    make_tie(user, anna, ben, kind=Tie.Kind.COLLEAGUE)
    make_important_date(anna, label="Company founded", date=datetime.date(1998, 5, 4))
    make_introduction(user, anna, carla, reason="Both care about plant safety.")

    response = user_client.get(reverse("contacts:detail", args=[anna.pk]))

    assert response.status_code == 200
    assert [e.location for e in response.context["timeline"]] == ["Tantris"]
    page = _text(response)
    assert "Tantris" in page
    assert "Ben Weber colleague" in page
    assert "Company founded · 4 May (1998)" in page
    assert "Anna ↔ Carla" in page and "Both care about plant safety." in page
    assert response.context["encounter_count"] == 1 and response.context["in_person_count"] == 1


def test_the_contact_page_shows_through_whom_you_met_and_whom_you_met_through_them(
    user_client, user
):
    ben = make_contact(user, "Ben")
    anna = make_contact(user, "Anna", met_through=ben)
    carla = make_contact(user, "Carla", met_through=anna)
    make_contact(user, "Dora", met_through=carla)

    response = user_client.get(reverse("contacts:detail", args=[carla.pk]))

    assert [link["name"] for link in response.context["chain"]] == ["Anna", "Ben"]
    page = _text(response)
    assert "you ← Anna ← Ben" in page
    assert "Whom you met through them Dora" in page


def test_the_met_through_chain_stops_at_a_loop(user_client, user):
    anna = make_contact(user, "Anna")
    ben = make_contact(user, "Ben", met_through=anna)
    Contact.objects.filter(pk=anna.pk).update(met_through=ben)

    response = user_client.get(reverse("contacts:detail", args=[anna.pk]))

    assert [link["name"] for link in response.context["chain"]] == ["Ben"]


def test_the_met_through_chain_stops_where_a_loop_further_on_comes_round(user, other_user):
    anna = make_contact(user, "Anna")
    ben = make_contact(user, "Ben")
    carla = make_contact(user, "Carla", met_through=ben)
    Contact.objects.filter(pk=anna.pk).update(met_through=ben)
    Contact.objects.filter(pk=ben.pk).update(met_through=carla)
    anna.refresh_from_db()
    assert [link["name"] for link in chain_of(anna)] == ["Ben", "Carla"]


def test_the_met_through_chain_is_at_most_twelve_long_in_one_query(user, django_assert_num_queries):
    people = [make_contact(user, "Person 00")]
    for number in range(1, 20):
        people.append(make_contact(user, f"Person {number:02d}", met_through=people[-1]))
    with django_assert_num_queries(1):
        chain = chain_of(people[-1])
    assert [link["name"] for link in chain] == [f"Person {n:02d}" for n in range(18, 6, -1)]
    assert len(chain) == CHAIN_MAX


def test_the_contact_page_shows_the_tie_strength(user_client, user):
    anna, ben = make_contact(user, "Anna"), make_contact(user, "Ben")
    for _ in range(6):
        make_encounter(user, [anna], kind="coffee")
    make_encounter(user, [ben], kind="message", occurred_on=datetime.date(2020, 1, 1))

    strong = user_client.get(reverse("contacts:detail", args=[anna.pk])).context
    faint = user_client.get(reverse("contacts:detail", args=[ben.pk])).context

    assert strong["strength"] > faint["strength"] > 0
    assert faint["strength_label"] == "faint"
    page = _text(user_client.get(reverse("contacts:detail", args=[anna.pk])))
    assert f"{strong['strength']:.2f} tie strength · {strong['strength_label']}" in page


def test_the_contact_page_of_another_user_is_not_found(user_client, other_user):
    eve = make_contact(other_user, "Eve Secret")

    response = user_client.get(reverse("contacts:detail", args=[eve.pk]))

    assert response.status_code == 404
    assert b"Eve Secret" not in response.content
