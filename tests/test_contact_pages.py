"""Keeping contacts: create, edit, archive, delete, attributes, ties, dates, and the contact page."""

import datetime
import re

import pytest
from django.urls import reverse

from contacts.models import Contact, ContactAttribute, Dimension, ImportantDate, Tie
from encounters.models import Encounter

from .factories import (
    make_attribute,
    make_contact,
    make_encounter,
    make_important_date,
    make_introduction,
    make_tie,
)

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture(autouse=True)
def quick_password_hashing(settings):
    # The default hasher takes most of a second per user on a busy machine; force_login needs none.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _text(response) -> str:
    """The page as a reader sees it: tags dropped, whitespace collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


# Creating and editing


def test_it_creates_a_contact_with_a_full_birthday(user_client, user):
    response = user_client.post(
        reverse("contacts:create"),
        {
            "name": "Anna Berg",
            "email": "anna@example.org",
            "organisation": "SWM",
            "birthday": "1979-04-12",
        },
    )

    anna = Contact.objects.get(owner=user)
    assert response.status_code == 302
    assert response.url == reverse("contacts:detail", args=[anna.pk])
    assert (anna.name, anna.email, anna.organisation) == ("Anna Berg", "anna@example.org", "SWM")
    assert (anna.birthday_year, anna.birthday_month, anna.birthday_day) == (1979, 4, 12)


def test_it_creates_a_contact_with_a_birthday_without_the_year(user_client, user):
    user_client.post(reverse("contacts:create"), {"name": "Anna", "birthday": "--02-29"})

    anna = Contact.objects.get(owner=user)
    assert (anna.birthday_year, anna.birthday_month, anna.birthday_day) == (None, 2, 29)
    page = _text(user_client.get(reverse("contacts:detail", args=[anna.pk])))
    assert "Birthday 29.2." in page


def test_it_keeps_what_was_typed_when_the_birthday_is_not_a_date(user_client, user):
    response = user_client.post(
        reverse("contacts:create"),
        {"name": "Anna Berg", "email": "anna@example.org", "birthday": "1979-02-30"},
    )

    assert response.status_code == 200
    assert "birthday" in response.context["form"].errors
    html = response.content.decode()
    assert 'value="Anna Berg"' in html
    assert 'value="anna@example.org"' in html
    assert 'value="1979-02-30"' in html
    assert not Contact.objects.exists()


def test_it_refuses_a_birthday_in_an_unknown_shape(user_client, user):
    response = user_client.post(
        reverse("contacts:create"), {"name": "Anna", "birthday": "12.04.1979"}
    )

    assert "birthday" in response.context["form"].errors
    assert not Contact.objects.exists()


def test_the_new_contact_form_takes_the_name_from_the_address(user_client):
    response = user_client.get(reverse("contacts:create"), {"name": "Stranger in 14C"})

    assert 'value="Stranger in 14C"' in response.content.decode()


def test_it_edits_a_contact_and_shows_the_birthday_as_it_was_written(user_client, user):
    anna = make_contact(user, "Anna", birthday_month=4, birthday_day=12)

    form_page = user_client.get(reverse("contacts:edit", args=[anna.pk]))
    assert 'value="--04-12"' in form_page.content.decode()

    response = user_client.post(
        reverse("contacts:edit", args=[anna.pk]),
        {"name": "Anna Berg", "city": "München", "trust": "4"},
    )

    assert response.status_code == 302
    anna.refresh_from_db()
    assert (anna.name, anna.city, anna.trust, anna.birthday) == ("Anna Berg", "München", 4, None)


def test_met_through_accepts_one_of_the_users_own_contacts(user_client, user):
    ben = make_contact(user, "Ben")

    user_client.post(reverse("contacts:create"), {"name": "Anna", "met_through": ben.pk})

    assert Contact.objects.get(name="Anna").met_through == ben


def test_met_through_refuses_a_contact_of_another_user(user_client, user, other_user):
    eve = make_contact(other_user, "Eve Secret")
    anna = make_contact(user, "Anna")

    response = user_client.post(
        reverse("contacts:edit", args=[anna.pk]), {"name": "Anna", "met_through": eve.pk}
    )

    assert response.status_code == 200
    assert "own contacts" in str(response.context["form"].errors["met_through"])
    assert "Eve Secret" not in response.content.decode()
    anna.refresh_from_db()
    assert anna.met_through is None


def test_met_through_refuses_the_contact_themselves(user_client, user):
    anna = make_contact(user, "Anna")

    response = user_client.post(
        reverse("contacts:edit", args=[anna.pk]), {"name": "Anna", "met_through": anna.pk}
    )

    assert "met_through" in response.context["form"].errors
    anna.refresh_from_db()
    assert anna.met_through is None


def test_another_users_contact_cannot_be_edited(user_client, other_user):
    eve = make_contact(other_user, "Eve")

    response = user_client.post(reverse("contacts:edit", args=[eve.pk]), {"name": "Hacked"})

    assert response.status_code == 404
    eve.refresh_from_db()
    assert eve.name == "Eve"


# Archiving and deleting


def test_archiving_toggles(user_client, user):
    anna = make_contact(user, "Anna")

    user_client.post(reverse("contacts:archive", args=[anna.pk]))
    anna.refresh_from_db()
    assert anna.archived

    response = user_client.post(reverse("contacts:archive", args=[anna.pk]))
    anna.refresh_from_db()
    assert not anna.archived
    assert response.url == reverse("contacts:detail", args=[anna.pk])


def test_archiving_needs_a_post(user_client, user):
    anna = make_contact(user, "Anna")

    assert user_client.get(reverse("contacts:archive", args=[anna.pk])).status_code == 405
    anna.refresh_from_db()
    assert not anna.archived


def _anna_with_history(user):
    anna, ben, carla = (
        make_contact(user, "Anna"),
        make_contact(user, "Ben"),
        make_contact(user, "Carla"),
    )
    alone = [make_encounter(user, [anna]), make_encounter(user, [anna], kind="phone_call")]
    shared = make_encounter(user, [anna, ben], kind="meal")
    make_encounter(user, [ben, carla])
    make_tie(user, anna, ben)
    make_important_date(anna)
    make_introduction(user, anna, carla)
    make_contact(user, "Dora", met_through=anna)
    return anna, ben, alone, shared


def test_the_delete_confirmation_says_what_goes(user_client, user):
    anna, _ben, _alone, _shared = _anna_with_history(user)

    response = user_client.get(reverse("contacts:delete", args=[anna.pk]))

    assert response.context["summary"] == {
        "encounters_alone": 2,
        "encounters_shared": 1,
        "ties": 1,
        "dates": 1,
        "introductions": 1,
        "introduced": 1,
    }
    page = _text(response)
    assert "2 encounters that were with them alone" in page
    assert "their place in 1 shared encounter" in page
    assert "1 tie, 1 important date, 1 introduction" in page
    assert "you met 1 person through them" in page
    assert Contact.objects.filter(pk=anna.pk).exists()


def test_deleting_removes_the_contact_and_their_own_encounters_but_keeps_shared_ones(
    user_client, user
):
    anna, ben, alone, shared = _anna_with_history(user)

    response = user_client.post(reverse("contacts:delete", args=[anna.pk]))

    assert response.status_code == 302
    assert not Contact.objects.filter(pk=anna.pk).exists()
    assert not Encounter.objects.filter(pk__in=[e.pk for e in alone]).exists()
    assert list(Encounter.objects.get(pk=shared.pk).participants.all()) == [ben]
    assert Encounter.objects.filter(owner=user).count() == 2
    assert not Tie.objects.filter(owner=user).exists()
    assert Contact.objects.get(name="Dora").met_through is None


# Attributes, edited in place


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


# Ties


def test_a_tie_is_added_by_exact_name(user_client, user):
    anna, ben = make_contact(user, "Anna"), make_contact(user, "Ben Weber")

    response = user_client.post(
        reverse("contacts:tie_add", args=[anna.pk]),
        {"other": " ben weber ", "kind": "colleague"},
        **HTMX,
    )

    tie = Tie.objects.get()
    assert (tie.a, tie.b, tie.kind, tie.owner) == (anna, ben, "colleague", user)
    html = response.content.decode()
    assert '<section class="card" id="ties"' in html and "Ben Weber" in html and "<html" not in html


def test_a_tie_is_stored_once_whichever_side_adds_it(user_client, user):
    anna, ben = make_contact(user, "Anna"), make_contact(user, "Ben")
    make_tie(user, anna, ben)

    user_client.post(
        reverse("contacts:tie_add", args=[ben.pk]), {"other": "Anna", "kind": "friend"}
    )

    assert list(Tie.objects.values_list("a", "b", "kind")) == [(anna.pk, ben.pk, "friend")]


def test_two_contacts_of_the_same_name_are_told_apart_by_organisation(user_client, user):
    anna = make_contact(user, "Anna")
    make_contact(user, "Ben", organisation="Siemens")
    bosch_ben = make_contact(user, "Ben", organisation="Bosch")

    ambiguous = user_client.post(
        reverse("contacts:tie_add", args=[anna.pk]), {"other": "Ben", "kind": "knows"}
    )
    assert "Several contacts" in ambiguous.content.decode()
    assert not Tie.objects.exists()

    user_client.post(
        reverse("contacts:tie_add", args=[anna.pk]), {"other": "Ben (Bosch)", "kind": "knows"}
    )

    assert Tie.objects.get().b == bosch_ben


def test_the_tie_suggestions_name_the_organisation_of_namesakes(user_client, user):
    make_contact(user, "Ben", organisation="Siemens")
    make_contact(user, "Ben", organisation="Bosch")
    make_contact(user, "Benedikt", organisation="SWM")

    response = user_client.get(reverse("contacts:suggestions"), {"other": "Ben"}, **HTMX)

    options = re.findall(r'<option value="([^"]+)">', response.content.decode())
    assert sorted(options) == ["Ben (Bosch)", "Ben (Siemens)", "Benedikt"]


def test_a_tie_to_a_contact_of_another_user_is_refused(user_client, user, other_user):
    anna = make_contact(user, "Anna")
    make_contact(other_user, "Eve Secret")

    response = user_client.post(
        reverse("contacts:tie_add", args=[anna.pk]),
        {"other": "Eve Secret", "kind": "knows"},
        **HTMX,
    )

    assert "None of your contacts" in response.content.decode()
    assert not Tie.objects.exists()


def test_a_tie_to_the_contact_themselves_is_refused(user_client, user):
    anna = make_contact(user, "Anna")

    user_client.post(
        reverse("contacts:tie_add", args=[anna.pk]), {"other": "Anna", "kind": "knows"}
    )

    assert not Tie.objects.exists()


def test_a_refused_tie_without_htmx_shows_the_error_on_its_own_page(user_client, user):
    anna = make_contact(user, "Anna")

    response = user_client.post(
        reverse("contacts:tie_add", args=[anna.pk]), {"other": "Nobody", "kind": "knows"}
    )

    assert response.status_code == 200
    assert "None of your contacts" in response.content.decode()
    assert 'value="Nobody"' in response.content.decode()


def test_a_tie_is_removed(user_client, user):
    anna, ben = make_contact(user, "Anna"), make_contact(user, "Ben")
    tie = make_tie(user, anna, ben)

    response = user_client.post(reverse("contacts:tie_remove", args=[ben.pk, tie.pk]), **HTMX)

    assert not Tie.objects.exists()
    assert "No ties yet" in response.content.decode()


def test_another_users_tie_cannot_be_removed(user_client, user, other_user):
    anna = make_contact(user, "Anna")
    eve, fred = make_contact(other_user, "Eve"), make_contact(other_user, "Fred")
    tie = make_tie(other_user, eve, fred)

    assert (
        user_client.post(reverse("contacts:tie_remove", args=[anna.pk, tie.pk])).status_code == 404
    )
    assert (
        user_client.post(reverse("contacts:tie_remove", args=[eve.pk, tie.pk])).status_code == 404
    )
    assert Tie.objects.filter(pk=tie.pk).exists()


# Important dates


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


# The contact page


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
