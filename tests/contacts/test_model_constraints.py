"""The database and the model layer refuse what must never be stored."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from contacts.dates import Birthday
from contacts.models import Contact, ContactAttribute, Dimension, Introduction, Tie
from encounters.models import Encounter, EncounterParticipant
from tests.factories import (
    make_attribute,
    make_contact,
    make_encounter,
    make_introduction,
    make_tie,
)

pytestmark = pytest.mark.django_db


def _refused(callable_):
    with pytest.raises((IntegrityError, ValidationError)), transaction.atomic():
        callable_()


def test_a_new_user_gets_the_default_dimensions(user):
    names = list(Dimension.objects.for_user(user).values_list("name", flat=True))
    assert names == ["Industry", "Country/Culture", "Generation", "Hierarchy level", "Field"]


def test_a_german_user_gets_the_default_dimensions_in_german():
    from tests.factories import make_user

    german = make_user("jonas", language="de")
    names = list(Dimension.objects.for_user(german).values_list("name", flat=True))
    assert names == ["Branche", "Land/Kultur", "Generation", "Hierarchieebene", "Fachgebiet"]


def test_trust_must_be_between_one_and_five(user):
    _refused(lambda: make_contact(user, trust=6))
    _refused(lambda: make_contact(user, trust=0))
    assert make_contact(user, trust=5).trust == 5


def test_cadence_must_be_positive(user):
    _refused(lambda: make_contact(user, cadence_days=0))
    assert make_contact(user, cadence_days=30).cadence_days == 30


def test_a_contact_needs_a_name(user):
    _refused(lambda: Contact.objects.create(owner=user, name=""))


def test_a_tie_joins_two_different_contacts(user):
    anna = make_contact(user, "Anna")
    _refused(lambda: Tie.objects.create(owner=user, a=anna, b=anna))


def test_a_pair_is_tied_only_once_whichever_way_round(user):
    anna, ben = make_contact(user, "Anna"), make_contact(user, "Ben")
    make_tie(user, ben, anna)
    _refused(lambda: make_tie(user, anna, ben, kind=Tie.Kind.FRIEND))
    tie = Tie.objects.get()
    assert (tie.a, tie.b) == (anna, ben)


def test_one_value_per_contact_and_dimension(user):
    anna = make_contact(user, "Anna")
    make_attribute(anna, "Industry", "Energy")
    _refused(lambda: make_attribute(anna, "Industry", "Banking"))


def test_a_tie_to_another_users_contact_is_refused(user, other_user):
    anna = make_contact(user, "Anna")
    eve = make_contact(other_user, "Eve")
    with pytest.raises(ValidationError):
        Tie.objects.create(owner=user, a=anna, b=eve)
    assert not Tie.objects.exists()


def test_an_attribute_on_another_users_dimension_is_refused(user, other_user):
    anna = make_contact(user, "Anna")
    foreign = Dimension.objects.for_user(other_user).first()
    with pytest.raises(ValidationError):
        ContactAttribute.objects.create(owner=user, contact=anna, dimension=foreign, value="X")


def test_met_through_another_users_contact_is_refused(user, other_user):
    eve = make_contact(other_user, "Eve")
    with pytest.raises(ValidationError):
        make_contact(user, "Anna", met_through=eve)


def test_an_encounter_with_another_users_contact_is_refused(user, other_user):
    eve = make_contact(other_user, "Eve")
    encounter = Encounter.objects.create(owner=user, kind="coffee")
    with pytest.raises(ValidationError), transaction.atomic():
        encounter.participants.add(eve)
    with pytest.raises(ValidationError), transaction.atomic():
        EncounterParticipant.objects.create(encounter=encounter, contact=eve)
    assert not EncounterParticipant.objects.exists()


def test_an_encounter_kind_must_be_known(user):
    _refused(lambda: Encounter.objects.create(owner=user, kind="carrier_pigeon"))


def test_in_person_follows_from_the_kind(user):
    anna = make_contact(user, "Anna")
    assert make_encounter(user, [anna], kind="shop_floor").in_person
    assert not make_encounter(user, [anna], kind="video_call").in_person
    assert Encounter.objects.in_person().count() == 1
    assert Encounter.objects.remote().count() == 1


def test_an_introduction_joins_two_different_contacts(user):
    anna = make_contact(user, "Anna")
    _refused(lambda: make_introduction(user, anna, anna))


def test_an_introduction_needs_a_reason(user):
    anna, ben = make_contact(user, "Anna"), make_contact(user, "Ben")
    _refused(lambda: make_introduction(user, anna, ben, reason=""))


def test_an_outcome_needs_the_two_to_have_met(user):
    anna, ben = make_contact(user, "Anna"), make_contact(user, "Ben")
    _refused(
        lambda: make_introduction(
            user, anna, ben, status=Introduction.Status.MADE, outcome=Introduction.Outcome.FRUITFUL
        )
    )
    met = make_introduction(
        user, anna, ben, status=Introduction.Status.MET, outcome=Introduction.Outcome.FRUITFUL
    )
    assert met.outcome == "fruitful"


def test_an_introduction_of_another_users_contact_is_refused(user, other_user):
    anna = make_contact(user, "Anna")
    eve = make_contact(other_user, "Eve")
    with pytest.raises(ValidationError):
        make_introduction(user, anna, eve)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1979-04-12", Birthday(month=4, day=12, year=1979)),
        ("--04-12", Birthday(month=4, day=12)),
        ("--02-29", Birthday(month=2, day=29)),
    ],
)
def test_a_birthday_reads_with_and_without_a_year(text, expected):
    assert Birthday.parse(text) == expected
    assert expected.isoformat() == text


@pytest.mark.parametrize("text", ["1979-13-01", "--02-30", "12.04.1979", "1979-4-12", "--4-12"])
def test_a_birthday_that_is_not_a_date_is_refused(text):
    with pytest.raises(ValueError):
        Birthday.parse(text)


def test_a_birthday_without_a_year_on_29_february_comes_on_28_february_in_other_years():
    assert Birthday(month=2, day=29).next_occurrence(datetime.date(2027, 1, 1)) == datetime.date(
        2027, 2, 28
    )
    assert Birthday(month=2, day=29).next_occurrence(datetime.date(2028, 1, 1)) == datetime.date(
        2028, 2, 29
    )


def test_a_contact_stores_a_birthday_without_a_year(user):
    anna = make_contact(user, "Anna")
    anna.birthday = Birthday(month=12, day=24)
    anna.save()
    anna.refresh_from_db()
    assert anna.birthday.isoformat() == "--12-24"
    assert anna.birthday.age_on(datetime.date(2026, 1, 1)) is None
