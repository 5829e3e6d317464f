"""The participant picker: type-ahead over the user's own contacts, and the chips it adds."""

import re

import pytest
from django.urls import reverse

from contacts.models import Contact
from tests.factories import make_contact

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def _pick(client, who, chosen=()):
    return client.get(
        reverse("encounters:picker"), {"who": who, "participants": list(chosen)}, **HTMX
    )


def _names(response) -> list[str]:
    """The contacts offered, in the order shown (each option asks for its chip by id)."""
    ids = [int(pk) for pk in re.findall(r"\?contact=(\d+)", response.content.decode())]
    names = dict(Contact.objects.filter(pk__in=ids).values_list("pk", "name"))
    return [names[pk] for pk in ids]


def _offers_new(response) -> bool:
    return "as a new person" in response.content.decode()


def test_it_finds_contacts_by_part_of_their_name(user_client, user):
    make_contact(user, "Anna Berg")
    make_contact(user, "Johanna Klein")
    make_contact(user, "Ben")

    response = _pick(user_client, "ANNA")

    assert response.status_code == 200
    assert _names(response) == ["Anna Berg", "Johanna Klein"]
    assert "Anna Berg" in response.content.decode()


def test_it_finds_contacts_by_organisation(user_client, user):
    make_contact(user, "Anna", organisation="Stadtwerke München")
    make_contact(user, "Ben", organisation="Bosch")

    response = _pick(user_client, "stadtwerke")

    assert _names(response) == ["Anna"]
    assert "Stadtwerke München" in response.content.decode()


def test_it_finds_contacts_by_email(user_client, user):
    make_contact(user, "Anna", email="a.berg@swm.example")
    make_contact(user, "Ben", email="ben@bosch.example")

    assert _names(_pick(user_client, "swm.example")) == ["Anna"]


def test_it_offers_only_the_users_own_contacts(user_client, user, other_user):
    make_contact(user, "Anna Berg")
    make_contact(other_user, "Anna Secret")

    response = _pick(user_client, "Anna")

    assert _names(response) == ["Anna Berg"]
    assert "Anna Secret" not in response.content.decode()


def test_it_leaves_out_the_people_already_chosen(user_client, user):
    anna = make_contact(user, "Anna Berg")
    make_contact(user, "Anna Klein")

    response = _pick(user_client, "Anna", chosen=[anna.pk, "not-a-number"])

    assert _names(response) == ["Anna Klein"]


def test_it_lists_archived_contacts_last(user_client, user):
    make_contact(user, "Anna Archived", archived=True)
    make_contact(user, "Anna Zimmer")

    response = _pick(user_client, "Anna")

    assert _names(response) == ["Anna Zimmer", "Anna Archived"]
    assert "archived" in response.content.decode()


def test_it_offers_to_add_a_new_person_when_nobody_has_that_name(user_client, user):
    make_contact(user, "Anna Berg")

    response = _pick(user_client, "Anna")

    assert _offers_new(response)
    html = response.content.decode()
    assert "Add “Anna” as a new person" in html
    assert reverse("encounters:picker_chip") + "?name=Anna" in html


def test_it_does_not_offer_a_new_person_when_the_name_matches_exactly(user_client, user):
    make_contact(user, "Anna Berg")
    make_contact(user, "Anna")

    response = _pick(user_client, "anna")

    assert not _offers_new(response)


def test_it_does_not_offer_a_new_person_when_the_exact_match_is_beyond_the_first_results(
    user_client, user
):
    for letter in "ABCDEFGHIJ":
        make_contact(user, f"{letter}. Muster", organisation="Siemens")
    make_contact(user, "Siemens", email="info@siemens.example")

    response = _pick(user_client, "Siemens")

    assert "Siemens" not in _names(response)  # only the first few results are shown
    assert not _offers_new(response)


def test_another_users_contact_of_that_name_does_not_count_as_a_match(
    user_client, user, other_user
):
    make_contact(other_user, "Anna")

    response = _pick(user_client, "Anna")

    assert _names(response) == []
    assert _offers_new(response)


def test_it_offers_nothing_for_an_empty_search(user_client, user):
    make_contact(user, "Anna")

    response = _pick(user_client, "   ")

    assert _names(response) == []
    assert not _offers_new(response)


def test_picking_a_contact_gives_a_chip_with_a_hidden_input(user_client, user):
    anna = make_contact(user, "Anna")

    response = user_client.get(reverse("encounters:picker_chip"), {"contact": anna.pk}, **HTMX)

    html = response.content.decode()
    assert response.status_code == 200
    assert f'<input type="hidden" name="participants" value="{anna.pk}">' in html
    assert "Anna" in html


def test_adding_a_new_person_gives_a_chip_with_their_name(user_client, user):
    response = user_client.get(
        reverse("encounters:picker_chip"), {"name": " Stranger in 14C "}, **HTMX
    )

    html = response.content.decode()
    assert '<input type="hidden" name="new_people" value="Stranger in 14C">' in html
    assert 'name="participants"' not in html


def test_the_chip_of_another_users_contact_is_not_found(user_client, other_user):
    eve = make_contact(other_user, "Eve Secret")

    response = user_client.get(reverse("encounters:picker_chip"), {"contact": eve.pk}, **HTMX)

    assert response.status_code == 404
    assert b"Eve Secret" not in response.content


def test_the_chip_of_a_malformed_id_is_not_found(user_client, user):
    response = user_client.get(reverse("encounters:picker_chip"), {"contact": "1 OR 1=1"}, **HTMX)

    assert response.status_code == 404


def test_it_does_not_offer_a_new_person_named_like_someone_already_chosen(user_client, user):
    anna = make_contact(user, "Anna")

    response = _pick(user_client, "Anna", chosen=[anna.pk])

    assert _names(response) == []
    assert not _offers_new(response)
