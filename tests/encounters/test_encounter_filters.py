"""The encounter list's filters: words, kind, in person, planned, views, dates and a person."""

import datetime

import pytest
from django.urls import reverse

from tests.factories import make_contact, make_encounter

pytestmark = pytest.mark.django_db

DAY = datetime.date(2025, 3, 10)


@pytest.fixture
def diary(user, other_user):
    anna, ben = make_contact(user, "Anna Berger"), make_contact(user, "Ben Okafor")
    make_contact(other_user, "Cleo Secret")
    return {
        "coffee": make_encounter(
            user, [anna], kind="coffee", occurred_on=DAY, notes="Talked about welding robots."
        ),
        "call": make_encounter(
            user,
            [ben],
            kind="phone_call",
            occurred_on=DAY + datetime.timedelta(days=30),
            views="differed",
            learned="Ben thinks robots cost jobs.",
        ),  # fmt: skip
        "flight": make_encounter(
            user,
            [anna, ben],
            kind="travel",
            planned=False,
            occurred_on=DAY + datetime.timedelta(days=60),
            location="Flight LH 1336",
        ),  # fmt: skip
    }


def shown(client, **params) -> set[int]:
    response = client.get(reverse("encounters:list"), params)
    assert response.status_code == 200
    return {encounter.pk for encounter in response.context["page"]}


def ids(diary, *names) -> set[int]:
    return {diary[name].pk for name in names}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, ("coffee", "call", "flight")),
        ({"q": "robot"}, ("coffee", "call")),
        ({"q": "flights"}, ("flight",)),
        ({"kind": "phone_call"}, ("call",)),
        ({"met": "in_person"}, ("coffee", "flight")),
        ({"met": "remote"}, ("call",)),
        ({"planned": "chance"}, ("flight",)),
        ({"planned": "planned"}, ("coffee", "call")),
        ({"views": "differed"}, ("call",)),
        ({"start": "2025-04-01"}, ("call", "flight")),
        ({"end": "2025-04-09"}, ("coffee", "call")),
        ({"start": "2025-04-01", "end": "2025-04-30"}, ("call",)),
        ({"person": "Anna Berger"}, ("coffee", "flight")),
        ({"person": "Ben Okafor", "met": "in_person"}, ("flight",)),
        ({"q": "robots", "views": "differed", "person": "Ben Okafor"}, ("call",)),
    ],
)
def test_each_filter_narrows_the_list(user_client, diary, params, expected):
    assert shown(user_client, **params) == ids(diary, *expected)


def test_a_bad_date_is_explained_and_the_other_filters_still_apply(user_client, diary):
    response = user_client.get(
        reverse("encounters:list"), {"start": "next tuesday", "kind": "coffee"}
    )

    assert response.status_code == 200
    assert "This is not a date." in response.content.decode()
    assert {e.pk for e in response.context["page"]} == ids(diary, "coffee")


def test_an_end_before_the_start_is_explained(user_client, diary):
    response = user_client.get(
        reverse("encounters:list"), {"start": "2025-05-01", "end": "2025-01-01"}
    )

    assert "The end comes before the start." in response.content.decode()


def test_a_person_who_is_not_a_contact_is_explained(user_client, diary):
    for name in ("Nobody Known", "Cleo Secret"):  # the second is another account's contact
        response = user_client.get(reverse("encounters:list"), {"person": name})
        assert f"None of your contacts is called “{name}”." in response.content.decode()


def test_an_unknown_choice_is_refused_with_a_message(user_client, diary):
    response = user_client.get(reverse("encounters:list"), {"kind": "skydiving"})

    assert response.status_code == 200
    assert "Select a valid choice." in response.content.decode()
    assert {e.pk for e in response.context["page"]} == ids(diary, "coffee", "call", "flight")


def test_the_filters_keep_their_values_and_offer_to_clear(user_client, diary):
    html = user_client.get(
        reverse("encounters:list"), {"q": "robot", "met": "remote"}
    ).content.decode()

    assert 'value="robot"' in html
    assert '<option value="remote" selected>' in html
    assert ">Clear</a>" in html
