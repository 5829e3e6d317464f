"""Participant rows copy their encounter's owner, date and in_person (gone quiet, the digest and the
network read them without a join): every way of writing encounters keeps the copies right."""

import datetime

from django.db.models import F, Q
from django.urls import reverse

from devdata import synthetic
from encounters.deletion import delete_contact
from encounters.models import Encounter, EncounterParticipant
from encounters.recording import log_encounter, update_encounter
from exchange.backup import export_backup, import_backup
from exchange.backup_merge import import_backup_document
from tests.exchange.test_backup_import import sample_document
from tests.factories import make_contact, make_encounter, make_user

DAY = datetime.date(2026, 3, 10)


def wrong_copies() -> list[tuple[int, int]]:
    """(encounter, contact) of every participant row whose copies differ from its encounter."""
    return list(
        EncounterParticipant.objects.filter(
            ~Q(owner_id=F("encounter__owner_id"))
            | ~Q(occurred_on=F("encounter__occurred_on"))
            | ~Q(in_person=F("encounter__in_person"))
        ).values_list("encounter_id", "contact_id")
    )


def copies(encounter: Encounter) -> set[tuple[int, datetime.date, bool]]:
    return set(
        EncounterParticipant.objects.filter(encounter=encounter).values_list(
            "owner_id", "occurred_on", "in_person"
        )
    )


def test_the_quick_log_copies_owner_date_and_channel(user_client, user):
    anna, ben = make_contact(user, "Anna"), make_contact(user, "Ben")
    data = {"kind": "phone_call", "occurred_on": DAY.isoformat(), "planned": "1", "next": "/"}
    response = user_client.post(
        reverse("encounters:log"), {**data, "participants": [anna.pk, ben.pk]}
    )
    assert response.status_code == 302
    encounter = Encounter.objects.get()
    assert copies(encounter) == {(user.pk, DAY, False)}
    assert EncounterParticipant.objects.filter(encounter=encounter).count() == 2


def test_logging_with_new_people_copies_onto_their_rows_too(user):
    encounter, created = log_encounter(user=user, kind="meal", new_people=["Dora"], occurred_on=DAY)
    assert copies(encounter) == {(user.pk, DAY, True)}
    assert len(created) == 1


def test_editing_the_date_and_kind_moves_every_copy(user):
    anna, ben = make_contact(user, "Anna"), make_contact(user, "Ben")
    encounter = make_encounter(user, [anna, ben], kind="coffee", occurred_on=DAY)
    update_encounter(
        Encounter.objects.get(pk=encounter.pk),
        participants=[anna, ben],
        kind="video_call",
        occurred_on=DAY - datetime.timedelta(days=3),
    )
    assert copies(encounter) == {(user.pk, DAY - datetime.timedelta(days=3), False)}


def test_saving_an_encounter_with_another_date_moves_the_copies(user):
    """As the admin's change form does: save() on a loaded encounter, participants untouched."""
    encounter = make_encounter(user, [make_contact(user), make_contact(user)], occurred_on=DAY)
    loaded = Encounter.objects.get(pk=encounter.pk)
    loaded.occurred_on = DAY + datetime.timedelta(days=1)
    loaded.kind = "message"
    loaded.save()
    assert copies(encounter) == {(user.pk, DAY + datetime.timedelta(days=1), False)}


def test_saving_an_encounter_not_loaded_from_the_database_moves_the_copies(user):
    encounter = make_encounter(user, [make_contact(user)], kind="message", occurred_on=DAY)
    Encounter(
        pk=encounter.pk, owner=user, kind="meal", occurred_on=DAY, created_at=encounter.created_at
    ).save()
    assert copies(encounter) == {(user.pk, DAY, True)}


def test_updating_encounters_in_bulk_moves_the_copies(user):
    first = make_encounter(user, [make_contact(user)], kind="coffee", occurred_on=DAY)
    second = make_encounter(user, [make_contact(user)], kind="meal", occurred_on=DAY)
    Encounter.objects.filter(occurred_on=DAY).update(kind="phone_call")
    assert copies(first) == copies(second) == {(user.pk, DAY, False)}
    first.occurred_on = DAY - datetime.timedelta(days=1)
    Encounter.objects.bulk_update([first], ["occurred_on"])
    assert copies(first) == {(user.pk, DAY - datetime.timedelta(days=1), False)}
    assert wrong_copies() == []


def test_adding_participants_through_the_relation_fills_the_copies(user):
    encounter = make_encounter(user, [make_contact(user)], kind="event", occurred_on=DAY)
    encounter.participants.add(make_contact(user))
    make_contact(user).encounters.add(encounter)
    EncounterParticipant.objects.create(encounter=encounter, contact=make_contact(user))
    assert EncounterParticipant.objects.filter(encounter=encounter).count() == 4
    assert copies(encounter) == {(user.pk, DAY, True)}


def test_deleting_a_contact_leaves_the_shared_encounters_copies_right(user):
    anna, ben = make_contact(user, "Anna"), make_contact(user, "Ben")
    shared = make_encounter(user, [anna, ben], occurred_on=DAY)
    make_encounter(user, [anna], occurred_on=DAY)
    delete_contact(anna)
    assert list(EncounterParticipant.objects.values_list("encounter_id", "contact_id")) == [
        (shared.pk, ben.pk)
    ]
    assert wrong_copies() == []


def test_a_restored_backup_has_the_copies_of_each_encounter(db):
    user = make_user(password=None)
    import_backup(user, sample_document())
    assert EncounterParticipant.objects.filter(owner=user).exists()
    assert wrong_copies() == []


def test_a_backup_merged_into_an_account_with_contacts_has_right_copies(db):
    source = make_user(password=None)
    import_backup(source, sample_document())
    document = export_backup(source)
    target = make_user(password=None)
    make_contact(target, "Somebody already there")
    import_backup_document(target, document)
    assert EncounterParticipant.objects.filter(owner=target).count() == (
        EncounterParticipant.objects.filter(owner=source).count()
    )
    assert wrong_copies() == []


def test_generated_networks_have_the_copies(db):
    # COPY on PostgreSQL, bulk_create on SQLite: both write the copies.
    synthetic.generate_network("generated", contacts=40, encounters=120, ties=40, seed=3, as_of=DAY)
    assert EncounterParticipant.objects.exists()
    assert wrong_copies() == []
