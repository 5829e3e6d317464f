"""log_encounter, update_encounter and undo_encounter: the one way an encounter is stored or taken back."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from contacts.models import Contact
from encounters.models import Encounter
from encounters.recording import log_encounter, undo_encounter, update_encounter
from tests.factories import make_attribute, make_contact, make_encounter

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 3, 14)


def test_it_logs_an_encounter_with_existing_contacts(user):
    anna, ben = make_contact(user, "Anna"), make_contact(user, "Ben")

    encounter, created = log_encounter(
        user=user,
        kind="coffee",
        participants=[anna, ben],
        occurred_on=DAY,
        planned=False,
        location="Café Laumer",
        learned="Ben is moving to Lyon.",
        views="differed",
    )

    assert created == []
    stored = Encounter.objects.get(pk=encounter.pk)
    assert stored.owner == user
    assert (stored.kind, stored.occurred_on, stored.planned) == ("coffee", DAY, False)
    assert (stored.location, stored.learned, stored.views) == (
        "Café Laumer",
        "Ben is moving to Lyon.",
        "differed",
    )
    assert set(stored.participants.all()) == {anna, ben}


def test_it_creates_the_people_met_for_the_first_time(user):
    anna = make_contact(user, "Anna")

    encounter, created = log_encounter(
        user=user,
        kind="travel",
        participants=[anna],
        new_people=["  Stranger in 14C ", ""],
        occurred_on=DAY,
    )

    assert [c.name for c in created] == ["Stranger in 14C"]
    stranger = Contact.objects.get(pk=created[0].pk)
    assert stranger.owner == user
    assert stranger.how_we_met
    assert set(encounter.participants.all()) == {anna, stranger}


def test_it_logs_an_encounter_with_only_new_people(user):
    encounter, created = log_encounter(
        user=user, kind="event", new_people=["Carla"], occurred_on=DAY
    )

    assert list(encounter.participants.values_list("name", flat=True)) == ["Carla"]
    assert Contact.objects.for_user(user).count() == 1


def test_it_refuses_an_encounter_without_anyone(user):
    with pytest.raises(ValidationError) as error:
        log_encounter(user=user, kind="coffee", occurred_on=DAY)

    assert "participants" in error.value.message_dict
    assert not Encounter.objects.exists()


def test_it_refuses_a_contact_of_another_user_and_stores_nothing(user, other_user):
    anna = make_contact(user, "Anna")
    eve = make_contact(other_user, "Eve")

    with pytest.raises(ValidationError) as error:
        log_encounter(
            user=user, kind="coffee", participants=[anna, eve], new_people=["Dora"], occurred_on=DAY
        )

    assert "participants" in error.value.message_dict
    assert not Encounter.objects.exists()
    assert not Contact.objects.filter(name="Dora").exists()


def test_it_stores_nothing_when_a_detail_is_invalid(user):
    anna = make_contact(user, "Anna")

    with pytest.raises(ValidationError) as error:
        log_encounter(
            user=user, kind="teleport", participants=[anna], new_people=["Dora"], occurred_on=DAY
        )

    assert "kind" in error.value.message_dict
    assert not Encounter.objects.exists()
    assert not Contact.objects.filter(name="Dora").exists()


def test_it_rejects_a_field_an_encounter_does_not_have(user):
    anna = make_contact(user, "Anna")

    with pytest.raises(TypeError):
        log_encounter(user=user, kind="coffee", participants=[anna], occurred_on=DAY, owner_id=1)

    assert not Encounter.objects.exists()


def test_it_logs_today_when_no_date_is_given(user):
    anna = make_contact(user, "Anna")

    encounter, _created = log_encounter(user=user, kind="coffee", participants=[anna])

    assert Encounter.objects.get(pk=encounter.pk).occurred_on == datetime.date.today()


def test_updating_changes_the_details_and_replaces_the_participants(user):
    anna, ben, carla = (
        make_contact(user, "Anna"),
        make_contact(user, "Ben"),
        make_contact(user, "Carla"),
    )
    encounter = make_encounter(user, [anna, ben], kind="coffee", occurred_on=DAY)

    created = update_encounter(
        encounter,
        participants=[ben, carla],
        new_people=["Dora"],
        kind="meal",
        occurred_on=DAY - datetime.timedelta(days=1),
        notes="Long lunch.",
    )

    stored = Encounter.objects.get(pk=encounter.pk)
    assert (stored.kind, stored.occurred_on, stored.notes) == (
        "meal",
        DAY - datetime.timedelta(days=1),
        "Long lunch.",
    )
    assert [c.name for c in created] == ["Dora"]
    assert sorted(stored.participants.values_list("name", flat=True)) == ["Ben", "Carla", "Dora"]
    assert Contact.objects.filter(pk=anna.pk).exists()


def test_updating_refuses_to_leave_nobody(user):
    anna = make_contact(user, "Anna")
    encounter = make_encounter(user, [anna], occurred_on=DAY)

    with pytest.raises(ValidationError):
        update_encounter(encounter, participants=[], kind="meal")

    assert Encounter.objects.get(pk=encounter.pk).kind == "coffee"
    assert list(Encounter.objects.get(pk=encounter.pk).participants.all()) == [anna]


def test_updating_refuses_a_contact_of_another_user(user, other_user):
    anna = make_contact(user, "Anna")
    eve = make_contact(other_user, "Eve")
    encounter = make_encounter(user, [anna], occurred_on=DAY)

    with pytest.raises(ValidationError):
        update_encounter(encounter, participants=[anna, eve])

    assert list(Encounter.objects.get(pk=encounter.pk).participants.all()) == [anna]


def test_undo_removes_the_encounter_and_the_people_it_created(user):
    anna = make_contact(user, "Anna")
    encounter, created = log_encounter(
        user=user, kind="coffee", participants=[anna], new_people=["Dora", "Emil"], occurred_on=DAY
    )

    removed = undo_encounter(encounter)

    assert removed == 2
    assert not Encounter.objects.filter(pk=encounter.pk).exists()
    assert list(Contact.objects.for_user(user)) == [anna]


def test_undo_keeps_a_pre_existing_contact_even_without_other_encounters(user):
    anna = make_contact(user, "Anna")
    encounter, _created = log_encounter(
        user=user, kind="coffee", participants=[anna], occurred_on=DAY
    )

    assert undo_encounter(encounter) == 0

    assert not Encounter.objects.exists()
    assert Contact.objects.filter(pk=anna.pk).exists()


def test_undo_keeps_a_new_person_who_has_been_given_more_since(user):
    encounter, created = log_encounter(
        user=user, kind="event", new_people=["Dora", "Emil"], occurred_on=DAY
    )
    dora, emil = created
    make_encounter(user, [dora], occurred_on=DAY)
    make_attribute(emil, "Industry", "Energy")

    assert undo_encounter(encounter) == 0

    assert not Encounter.objects.filter(pk=encounter.pk).exists()
    assert set(Contact.objects.for_user(user)) == {dora, emil}


def test_undo_never_touches_another_users_contacts(user, other_user):
    eve = make_contact(other_user, "Eve")
    encounter, _created = log_encounter(
        user=user, kind="event", new_people=["Dora"], occurred_on=DAY
    )

    undo_encounter(encounter)

    assert Contact.objects.filter(pk=eve.pk).exists()
