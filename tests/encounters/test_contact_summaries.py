"""The per-contact summaries gone quiet reads on PostgreSQL (ContactSummary, kept by triggers on
the participant rows) are what the plain functions make of each contact's rows, after every way
of writing encounters."""

import datetime
import threading

import pytest
from django.db import connection, connections, transaction
from django.urls import reverse

from crm.models import User
from devdata import synthetic
from encounters.deletion import delete_contact
from encounters.models import ContactSummary, Encounter, EncounterParticipant
from encounters.quiet import NO_HISTORY, History, QuietInputs, summarise
from encounters.recording import log_encounter, undo_encounter, update_encounter
from encounters.strength import tie_strength
from exchange.backup import export_backup, import_backup
from exchange.backup_merge import import_backup_document
from tests.exchange.test_backup_import import sample_document
from tests.factories import make_contact, make_encounter, make_user

DAY = datetime.date(2026, 3, 10)
LATER = datetime.date(2030, 1, 1)  # after every day written here: nothing counts as on as_of


def rows_by_contact() -> dict[int, list[tuple[datetime.date, bool]]]:
    rows: dict[int, list[tuple[datetime.date, bool]]] = {}
    for contact_id, day, in_person in EncounterParticipant.objects.values_list(
        "contact_id", "occurred_on", "in_person"
    ):
        rows.setdefault(contact_id, []).append((day, in_person))
    return rows


def assert_summaries_right() -> None:
    """What gone quiet reads of every contact (on PostgreSQL its summary row, on SQLite its rows)
    is what the plain functions make of the contact's participant rows."""
    users = list(User.objects.all())
    inputs = QuietInputs(users, {user.pk: LATER for user in users})
    rows = rows_by_contact()
    listed = [row.contact_id for contacts in inputs.contacts.values() for row in contacts]
    assert listed
    for contact_id in listed:
        own = rows.get(contact_id, [])
        assert inputs.histories.get(contact_id, NO_HISTORY) == summarise(own, LATER), contact_id
        assert inputs.strength_of(contact_id, LATER) == pytest.approx(
            tie_strength(own, LATER), rel=1e-12, abs=1e-300
        )
    if connection.vendor == "postgresql":
        # Read from the summary rows alone, one for every contact met (archived too), none over.
        assert not inputs._rows
        kept = {
            s.contact_id: (
                History(s.day_count, s.last_in_person, s.last_remote, s.median_gap),
                s.last_day,
            )
            for s in ContactSummary.objects.all()
        }
        assert kept == {
            contact_id: (summarise(own, LATER), max(day for day, _ in own))
            for contact_id, own in rows.items()
        }


def summary(contact) -> History:
    users = [contact.owner]
    return QuietInputs(users, {contact.owner_id: LATER}).histories.get(contact.pk, NO_HISTORY)


def test_the_quick_log_summarises_its_people(user_client, user):
    anna, ben = make_contact(user, "Anna"), make_contact(user, "Ben")
    data = {"kind": "coffee", "occurred_on": DAY.isoformat(), "planned": "1", "next": "/"}
    response = user_client.post(
        reverse("encounters:log"), {**data, "participants": [anna.pk, ben.pk]}
    )
    assert response.status_code == 302
    assert summary(anna).last_in_person == DAY
    assert_summaries_right()


def test_logging_with_new_people_summarises_them(user):
    encounter, created = log_encounter(user=user, kind="meal", new_people=["Dora"], occurred_on=DAY)
    assert summary(created[0]).day_count == 1
    assert_summaries_right()


def test_a_second_encounter_adds_a_day_and_a_gap(user):
    anna = make_contact(user)
    for days_ago in (40, 10, 10, 0):
        make_encounter(user, [anna], occurred_on=DAY - datetime.timedelta(days=days_ago))
    assert summary(anna) == History(3, DAY, None, 20.0)
    assert_summaries_right()


def test_editing_date_kind_and_people_moves_the_summaries(user):
    anna, ben, clara = (make_contact(user, name) for name in ("Anna", "Ben", "Clara"))
    make_encounter(user, [anna], kind="meal", occurred_on=DAY - datetime.timedelta(days=90))
    encounter = make_encounter(user, [anna, ben], kind="coffee", occurred_on=DAY)
    update_encounter(
        Encounter.objects.get(pk=encounter.pk),
        participants=[anna, clara],
        kind="video_call",
        occurred_on=DAY - datetime.timedelta(days=3),
    )
    assert summary(ben) == NO_HISTORY
    assert summary(anna).last_remote == DAY - datetime.timedelta(days=3)
    assert_summaries_right()


def test_saving_and_updating_encounters_moves_the_summaries(user):
    first = make_encounter(user, [make_contact(user)], kind="coffee", occurred_on=DAY)
    make_encounter(user, [make_contact(user)], kind="meal", occurred_on=DAY)
    loaded = Encounter.objects.get(pk=first.pk)
    loaded.occurred_on = DAY + datetime.timedelta(days=1)
    loaded.save()
    Encounter.objects.filter(occurred_on=DAY).update(kind="phone_call")
    assert_summaries_right()


def test_people_added_and_removed_through_the_relation_are_summarised(user):
    anna, ben = make_contact(user, "Anna"), make_contact(user, "Ben")
    encounter = make_encounter(user, [anna], kind="event", occurred_on=DAY)
    encounter.participants.add(ben)
    assert_summaries_right()
    encounter.participants.remove(anna)
    assert summary(anna) == NO_HISTORY
    assert_summaries_right()


def test_deleting_and_undoing_take_the_summaries_with_them(user):
    anna, ben = make_contact(user, "Anna"), make_contact(user, "Ben")
    shared = make_encounter(user, [anna, ben], occurred_on=DAY)
    make_encounter(user, [anna], occurred_on=DAY - datetime.timedelta(days=30))
    delete_contact(anna)
    assert summary(ben).day_count == 1
    encounter, _created = log_encounter(
        user=user, kind="meal", participants=[ben], occurred_on=DAY + datetime.timedelta(days=2)
    )
    undo_encounter(encounter)
    shared.delete()
    assert summary(ben) == NO_HISTORY
    assert_summaries_right()


def test_a_restored_and_a_merged_backup_are_summarised(db):
    source = make_user(password=None)
    import_backup(source, sample_document())
    target = make_user(password=None)
    make_contact(target, "Somebody already there")
    import_backup_document(target, export_backup(source))
    assert EncounterParticipant.objects.filter(owner=target).exists()
    assert_summaries_right()


def test_generated_networks_are_summarised(db):
    synthetic.generate_network("generated", contacts=40, encounters=120, ties=40, seed=3, as_of=DAY)
    assert EncounterParticipant.objects.exists()
    assert_summaries_right()


@pytest.mark.django_db(transaction=True)
def test_two_writers_of_one_contact_at_once_leave_it_summarised_with_both(user):
    anna = make_contact(user)
    make_encounter(user, [anna], occurred_on=DAY - datetime.timedelta(days=100))
    first_wrote = threading.Event()
    errors: list[BaseException] = []

    def first() -> None:
        try:
            with transaction.atomic():
                make_encounter(user, [anna], occurred_on=DAY)
                first_wrote.set()
                # Holds its summary lock while the second writer computes.
                threading.Event().wait(0.5)
        except BaseException as error:  # noqa: BLE001  (reported below)
            errors.append(error)
        finally:
            first_wrote.set()
            connections.close_all()

    def second() -> None:
        try:
            first_wrote.wait(5)
            make_encounter(user, [anna], occurred_on=DAY - datetime.timedelta(days=50))
        except BaseException as error:  # noqa: BLE001
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert errors == []
    assert summary(anna).day_count == 3
    assert_summaries_right()
