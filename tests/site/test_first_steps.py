"""A new account's dashboard: three first steps instead of zeros, each leaving once it is done."""

import pytest
from django.urls import reverse

from contacts.models import Dimension
from exchange.models import ImportJob
from tests.factories import make_attribute, make_contact, make_encounter

pytestmark = pytest.mark.django_db

STEPS = ("step-address-book", "step-dimensions", "step-first-encounter")


def steps_shown(client) -> list[str]:
    page = client.get(reverse("dashboard")).content.decode()
    return [step for step in STEPS if f'id="{step}"' in page]


def test_a_new_account_sees_three_steps_and_no_zeros(user_client):
    page = user_client.get(reverse("dashboard")).content.decode()

    assert steps_shown(user_client) == list(STEPS)
    assert "First steps" in page
    assert "in person over the last year" not in page
    assert "0%" not in page
    for link in (reverse("exchange:home"), reverse("dimensions"), "#log-heading"):
        assert f'href="{link}"' in page


def test_the_address_book_step_leaves_after_an_import(user_client, user):
    ImportJob.objects.create(owner=user, format="vcard", status=ImportJob.Status.PREVIEW)
    assert "step-address-book" in steps_shown(user_client)

    ImportJob.objects.create(owner=user, format="vcard", status=ImportJob.Status.DONE)
    assert "step-address-book" not in steps_shown(user_client)


def test_the_address_book_step_leaves_with_ten_contacts_typed_in(user_client, user):
    for n in range(9):
        make_contact(user, f"Person {n}")
    make_contact(user, "Archived", archived=True)
    assert "step-address-book" in steps_shown(user_client)

    make_contact(user, "The tenth")
    assert "step-address-book" not in steps_shown(user_client)


def test_the_dimensions_step_leaves_once_they_are_saved(user_client, user):
    assert "step-dimensions" in steps_shown(user_client)
    form = user_client.get(reverse("dimensions")).context["formset"]
    data = {
        "dimensions-TOTAL_FORMS": str(len(form.forms)),
        "dimensions-INITIAL_FORMS": str(form.initial_form_count()),
    }
    for i, subform in enumerate(form.forms):
        data[f"dimensions-{i}-id"] = subform.instance.pk or ""
        data[f"dimensions-{i}-name"] = subform.instance.name
    user_client.post(reverse("dimensions"), data)

    assert "step-dimensions" not in steps_shown(user_client)


def test_the_dimensions_step_leaves_once_a_contact_has_a_value(user_client, user):
    make_attribute(make_contact(user, "Anna"), "Industry", "Energy")

    assert "step-dimensions" not in steps_shown(user_client)


def test_the_first_encounter_brings_the_numbers_back(user_client, user):
    make_encounter(user, [make_contact(user, "Anna")])

    page = user_client.get(reverse("dashboard")).content.decode()
    assert "step-first-encounter" not in steps_shown(user_client)
    assert "in person over the last year" in page


def test_when_every_step_is_done_the_card_is_gone(user_client, user):
    ImportJob.objects.create(owner=user, format="vcard", status=ImportJob.Status.DONE)
    anna = make_contact(user, "Anna")
    make_attribute(anna, "Industry", "Energy")
    make_encounter(user, [anna])

    assert "First steps" not in user_client.get(reverse("dashboard")).content.decode()


def test_another_users_progress_does_not_count(user_client, other_user):
    ImportJob.objects.create(owner=other_user, format="vcard", status=ImportJob.Status.DONE)
    eve = make_contact(other_user, "Eve")
    make_attribute(eve, "Industry", "Energy")
    make_encounter(other_user, [eve])
    other_user.dimensions_chosen_at = other_user.date_joined
    other_user.save()

    assert steps_shown(user_client) == list(STEPS)
    assert Dimension.objects.for_user(other_user).exists()


def test_the_steps_cost_one_query(user_client, django_assert_num_queries, user):
    from crm.first_steps import first_steps

    with django_assert_num_queries(1):
        first_steps(user)
