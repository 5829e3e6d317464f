"""A new person from the quick log, stored with who they are in the same submit."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from contacts.models import Contact, ContactAttribute, Dimension
from encounters.models import Encounter
from encounters.recording import NewPerson, how_we_met_from, log_encounter
from tests.factories import make_attribute, make_contact

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}
DAY = datetime.date(2026, 12, 2)


def test_how_we_met_comes_from_the_encounter_in_the_users_language():
    with translation.override("en"):
        assert how_we_met_from(kind="travel", occurred_on=DAY, location="seat 14C") == (
            "Travel, 2 December 2026 · seat 14C"
        )
    with translation.override("de"):
        assert how_we_met_from(kind="travel", occurred_on=DAY, location="") == (
            "Reise, 2. Dezember 2026"
        )


def test_it_stores_the_new_person_with_who_they_are(user):
    # Every account starts with the default dimensions.
    industry = Dimension.objects.get(owner=user, name="Industry")
    country = Dimension.objects.get(owner=user, name="Country/Culture")
    make_attribute(make_contact(user, "Anna"), "Industry", "Shipbuilding")

    encounter, (welder,) = log_encounter(
        user=user,
        kind="travel",
        occurred_on=DAY,
        location="seat 14C",
        new_people=[
            NewPerson(
                name="Lena",
                role="welder",
                organisation="Varvet",
                city="Gothenburg",
                country="Sweden",
                email="lena@example.se",
                values={industry.pk: " shipbuilding "},
            )
        ],
    )

    welder.refresh_from_db()
    assert (welder.role, welder.organisation, welder.city, welder.country, welder.email) == (
        "welder",
        "Varvet",
        "Gothenburg",
        "Sweden",
        "lena@example.se",
    )
    assert welder.how_we_met == "Travel, 2 December 2026 · seat 14C"
    values = dict(
        ContactAttribute.objects.filter(contact=welder).values_list("dimension_id", "value")
    )
    # The value already in use keeps its spelling; the country answers the country-like dimension.
    assert values == {industry.pk: "Shipbuilding", country.pk: "Sweden"}
    assert list(encounter.participants.all()) == [welder]


def test_a_how_we_met_that_was_typed_wins(user):
    _encounter, (person,) = log_encounter(
        user=user,
        kind="event",
        occurred_on=DAY,
        new_people=[NewPerson(name="Ola", how_we_met="Queue for the coffee at the fair")],
    )

    assert Contact.objects.get(pk=person.pk).how_we_met == "Queue for the coffee at the fair"


def test_another_users_dimension_is_refused_and_nothing_is_stored(user, other_user):
    theirs = Dimension.objects.create(owner=other_user, name="Secret")

    with pytest.raises(Exception, match="own dimensions"):
        log_encounter(
            user=user,
            kind="event",
            occurred_on=DAY,
            new_people=[NewPerson(name="Ola", values={theirs.pk: "x"})],
        )

    assert not Contact.objects.exists() and not Encounter.objects.exists()


def test_the_quick_log_stores_who_the_stranger_is_in_one_post(user_client, user):
    industry = Dimension.objects.get(owner=user, name="Industry")
    anna = make_contact(user, "Anna")

    response = user_client.post(
        reverse("encounters:log"),
        {
            "kind": "travel",
            "occurred_on": DAY.isoformat(),
            "planned": "0",
            "location": "seat 14C",
            "participants": [anna.pk],
            "new_people": ["Lena", "Ola"],
            "new_organisation": ["Varvet", ""],
            "new_role": ["welder", "pilot"],
            "new_city": ["Gothenburg", ""],
            "new_country": ["", ""],
            "new_email": ["", ""],
            "new_how_we_met": ["", ""],
            f"new_d{industry.pk}": ["Shipbuilding", ""],
        },
        **HTMX,
    )

    assert response.status_code == 200
    lena, ola = Contact.objects.for_user(user).exclude(pk=anna.pk).order_by("name")
    assert (lena.organisation, lena.role, lena.city) == ("Varvet", "welder", "Gothenburg")
    assert (ola.organisation, ola.role) == ("", "pilot")
    assert lena.how_we_met == "Travel, 2 December 2026 · seat 14C"
    assert list(lena.attributes.values_list("value", flat=True)) == ["Shipbuilding"]
    assert not ola.attributes.exists()


def test_a_wrong_email_brings_the_form_back_with_what_was_typed(user_client, user):
    response = user_client.post(
        reverse("encounters:log"),
        {
            "kind": "travel",
            "occurred_on": DAY.isoformat(),
            "planned": "0",
            "new_people": ["Lena"],
            "new_role": ["welder"],
            "new_email": ["not an address"],
        },
        **HTMX,
    )

    html = response.content.decode()
    assert not Contact.objects.exists()
    assert "is not an email address" in html
    assert 'name="new_role" maxlength="200" value="welder"' in html
    assert 'name="new_people" value="Lena"' in html


def test_the_new_persons_chip_brings_the_fields_with_the_values_in_use(user_client, user):
    make_attribute(make_contact(user, "Anna"), "Industry", "Banking")

    response = user_client.get(reverse("encounters:picker_chip"), {"name": "Lena"}, **HTMX)

    html = response.content.decode()
    assert 'hx-swap-oob="beforeend:#new-people"' in html
    assert 'name="new_organisation"' in html
    assert '<option value="Banking"></option>' in html
