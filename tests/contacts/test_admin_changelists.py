"""Contacts and encounters in the admin: changelists stay fast, forms keep rows in one account."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from contacts.models import Contact, ContactAttribute, Dimension, ImportantDate, Tie
from encounters.models import Encounter
from tests.factories import (
    make_attribute,
    make_contact,
    make_encounter,
    make_important_date,
    make_introduction,
    make_tie,
    make_user,
)

pytestmark = pytest.mark.django_db

CHANGELISTS = [
    "admin:contacts_contact_changelist",
    "admin:encounters_encounter_changelist",
    "admin:contacts_introduction_changelist",
    "admin:contacts_tie_changelist",
    "admin:contacts_contactattribute_changelist",
    "admin:contacts_importantdate_changelist",
]


def grow_network(owners, contacts_per_owner: int) -> None:
    """Contacts that were met through each other, with encounters, ties, dates and introductions."""
    for owner in owners:
        start = Contact.objects.for_user(owner).count()
        previous = Contact.objects.for_user(owner).last()
        for n in range(start, start + contacts_per_owner):
            contact = make_contact(owner, f"{owner.username} contact {n:03d}", met_through=previous)
            make_attribute(contact, "Industry", f"Industry {n % 4}")
            make_important_date(contact, label=f"Founded {n}")
            if previous is not None:
                make_encounter(
                    owner, [previous, contact], occurred_on=datetime.date(2024, 1, 1 + n % 28)
                )
                make_tie(owner, previous, contact)
                make_introduction(owner, previous, contact)
            previous = contact


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.fixture
def owners(db):
    return [make_user("alice"), make_user("bob")]


@pytest.mark.parametrize("url_name", CHANGELISTS)
def test_a_changelist_makes_as_many_queries_for_200_contacts_as_for_20(
    admin_client, owners, url_name, django_assert_max_num_queries
):
    url = reverse(url_name)
    grow_network(owners, 10)
    admin_client.get(url)  # the first request of a session loads what later ones find cached
    queries_with_20_contacts = count_queries(admin_client, url)

    grow_network(owners, 90)
    assert Contact.objects.count() == 200

    with django_assert_max_num_queries(queries_with_20_contacts):
        response = admin_client.get(url)
    assert len(response.context["cl"].result_list) == 100  # a full page


@pytest.mark.parametrize("url_name", CHANGELISTS)
def test_a_changelist_narrows_to_one_owner(admin_client, owners, url_name):
    grow_network(owners, 3)
    alice = owners[0]

    response = admin_client.get(reverse(url_name), {"owner__id__exact": alice.pk})

    rows = response.context["cl"].result_list
    assert rows
    assert {row.owner_id for row in rows} == {alice.pk}


def test_it_finds_a_contact_by_name_or_by_owner(admin_client, owners):
    alice, bob = owners
    ada = make_contact(alice, "Ada Lovelace", organisation="Analytical Engines")
    ken = make_contact(bob, "Ken Thompson")
    url = reverse("admin:contacts_contact_changelist")

    assert list(admin_client.get(url, {"q": "lovelace"}).context["cl"].result_list) == [ada]
    assert list(admin_client.get(url, {"q": "engines"}).context["cl"].result_list) == [ada]
    assert list(admin_client.get(url, {"q": "bob"}).context["cl"].result_list) == [ken]


def test_it_finds_an_encounter_by_a_participants_name(admin_client, owners):
    alice = owners[0]
    ada, grace = make_contact(alice, "Ada"), make_contact(alice, "Grace")
    together = make_encounter(alice, [ada, grace])
    make_encounter(alice, [grace])
    url = reverse("admin:encounters_encounter_changelist")

    response = admin_client.get(url, {"q": "Ada"})

    assert list(response.context["cl"].result_list) == [together]
    assert b"Ada, Grace" in response.content


def encounter_form(owner, contacts, **fields) -> dict:
    data = {
        "owner": owner.pk,
        "occurred_on": "2024-05-02",
        "time": "",
        "kind": "coffee",
        "planned": "on",
        "location": "Hamburg",
        "notes": "",
        "learned": "",
        "views": "",
        "follow_up_on": "",
        "participants-TOTAL_FORMS": str(len(contacts)),
        "participants-INITIAL_FORMS": "0",
        "participants-MIN_NUM_FORMS": "1",
        "participants-MAX_NUM_FORMS": "1000",
    }
    for index, contact in enumerate(contacts):
        data[f"participants-{index}-contact"] = contact.pk
    data.update(fields)
    return data


def test_it_adds_an_encounter_with_its_participants(admin_client, owners):
    alice = owners[0]
    ada, grace = make_contact(alice, "Ada"), make_contact(alice, "Grace")

    response = admin_client.post(
        reverse("admin:encounters_encounter_add"), encounter_form(alice, [ada, grace])
    )

    assert response.status_code == 302
    encounter = Encounter.objects.get()
    assert encounter.owner == alice
    assert set(encounter.participants.all()) == {ada, grace}


def test_it_refuses_a_participant_of_another_account(admin_client, owners):
    alice, bob = owners
    ada, ken = make_contact(alice, "Ada"), make_contact(bob, "Ken")

    response = admin_client.post(
        reverse("admin:encounters_encounter_add"), encounter_form(alice, [ada, ken])
    )

    assert response.status_code == 200
    formset = response.context["inline_admin_formsets"][0].formset
    assert formset.forms[1].errors["contact"] == ["This belongs to another account."]
    assert not Encounter.objects.exists()


def test_it_refuses_an_encounter_without_participants(admin_client, owners):
    response = admin_client.post(
        reverse("admin:encounters_encounter_add"), encounter_form(owners[0], [])
    )

    assert response.status_code == 200
    formset = response.context["inline_admin_formsets"][0].formset
    assert formset.non_form_errors() == ["An encounter is with at least one contact."]
    assert not Encounter.objects.exists()


def contact_form(owner, name: str, **fields) -> dict:
    data = {"owner": owner.pk, "name": name}
    for prefix in ("attributes", "important_dates"):
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": "0",
                f"{prefix}-INITIAL_FORMS": "0",
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "1000",
            }
        )
    data.update(fields)
    return data


def test_it_adds_a_contact_with_attributes_and_dates_of_the_same_owner(admin_client, owners):
    alice = owners[0]
    industry = Dimension.objects.get(owner=alice, name="Industry")

    response = admin_client.post(
        reverse("admin:contacts_contact_add"),
        contact_form(
            alice,
            "Ada",
            **{
                "attributes-TOTAL_FORMS": "1",
                "attributes-0-dimension": industry.pk,
                "attributes-0-value": "Energy",
                "important_dates-TOTAL_FORMS": "1",
                "important_dates-0-label": "Founded the company",
                "important_dates-0-date": "2015-06-01",
            },
        ),
    )

    assert response.status_code == 302
    ada = Contact.objects.get(name="Ada")
    attribute = ContactAttribute.objects.get(contact=ada)
    assert (attribute.owner, attribute.dimension, attribute.value) == (alice, industry, "Energy")
    assert ImportantDate.objects.get(contact=ada).owner == alice


def test_it_refuses_a_dimension_of_another_account(admin_client, owners):
    alice, bob = owners
    bobs_industry = Dimension.objects.get(owner=bob, name="Industry")

    response = admin_client.post(
        reverse("admin:contacts_contact_add"),
        contact_form(
            alice,
            "Ada",
            **{
                "attributes-TOTAL_FORMS": "1",
                "attributes-0-dimension": bobs_industry.pk,
                "attributes-0-value": "Energy",
            },
        ),
    )

    assert response.status_code == 200
    assert not Contact.objects.filter(name="Ada").exists()


def test_it_refuses_to_have_met_a_contact_through_another_accounts_contact(admin_client, owners):
    alice, bob = owners
    ken = make_contact(bob, "Ken")

    response = admin_client.post(
        reverse("admin:contacts_contact_add"), contact_form(alice, "Ada", met_through=ken.pk)
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["met_through"] == [
        "This belongs to another account."
    ]


def test_it_keeps_the_owner_of_an_existing_contact(admin_client, owners):
    alice, bob = owners
    ada = make_contact(alice, "Ada")

    response = admin_client.post(
        reverse("admin:contacts_contact_change", args=[ada.pk]),
        contact_form(bob, "Ada Lovelace"),
    )

    assert response.status_code == 302
    ada.refresh_from_db()
    assert (ada.owner, ada.name) == (alice, "Ada Lovelace")


def test_it_stores_a_tie_entered_in_either_order(admin_client, owners):
    alice = owners[0]
    ada, grace = make_contact(alice, "Ada"), make_contact(alice, "Grace")

    response = admin_client.post(
        reverse("admin:contacts_tie_add"),
        {
            "owner": alice.pk,
            "a": grace.pk,
            "b": ada.pk,
            "kind": "colleague",
            "created_at_0": "2024-05-02",
            "created_at_1": "10:00",
        },
    )

    assert response.status_code == 302
    tie = Tie.objects.get()
    assert (tie.a, tie.b, tie.kind) == (ada, grace, Tie.Kind.COLLEAGUE)
