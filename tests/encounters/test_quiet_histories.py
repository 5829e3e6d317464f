"""What gone quiet reads from the database (on PostgreSQL the contact summaries kept by triggers,
on SQLite the participant rows) is what the plain functions make of the same participant rows."""

import datetime
import random

import pytest
from django.utils.text import Truncator

from encounters.models import EncounterParticipant
from encounters.quiet import (
    NO_HISTORY,
    ContactRow,
    QuietInputs,
    find_quiet,
    quiet_ranking,
    shorten,
    summarise,
)
from encounters.strength import tie_strength
from tests.factories import make_contact, make_encounter

AS_OF = datetime.date(2026, 6, 15)
KINDS = ["coffee", "meal", "phone_call", "message", "video_call", "event"]


def random_histories(user, rng: random.Random, count: int = 40):
    contacts = [make_contact(user, f"Person {number:02d}") for number in range(count)]
    for contact in contacts:
        for _ in range(rng.choice([0, 1, 2, 3, 4, 7, 12])):
            # Some on the same day, some after as_of (logged ahead), some shared with another.
            day = AS_OF - datetime.timedelta(days=rng.choice([rng.randint(-20, 900), 3, 3, 40]))
            others = [rng.choice(contacts)] if rng.random() < 0.2 else []
            make_encounter(
                user,
                list({contact, *others}),
                kind=rng.choice(KINDS),
                occurred_on=day,
            )
    return contacts


def test_what_gone_quiet_reads_matches_the_plain_functions(user):
    contacts = random_histories(user, random.Random(15))
    rows: dict[int, list[tuple[datetime.date, bool]]] = {}
    for contact_id, day, in_person in EncounterParticipant.objects.values_list(
        "contact_id", "encounter__occurred_on", "encounter__in_person"
    ):
        rows.setdefault(contact_id, []).append((day, in_person))

    inputs = QuietInputs([user], {user.pk: AS_OF})

    assert any(day > AS_OF for own in rows.values() for day, _ in own)  # some logged ahead
    for contact in contacts:
        own = rows.get(contact.pk, [])
        assert inputs.histories.get(contact.pk, NO_HISTORY) == summarise(own, AS_OF)
        assert inputs.strength_of(contact.pk, AS_OF) == pytest.approx(
            tie_strength(own, AS_OF), rel=1e-12, abs=1e-300
        )


def test_the_ranking_from_the_database_is_the_plain_ranking(user):
    contacts = random_histories(user, random.Random(16))
    for contact in contacts:
        contact.cadence_days = [None, 30, 200][contact.pk % 3]
        contact.save(update_fields=["cadence_days"])
    rows = EncounterParticipant.objects.values_list(
        "contact_id", "encounter__occurred_on", "encounter__in_person"
    )
    people = [
        ContactRow(c.pk, c.name, c.cadence_days, c.created_at.astimezone(user.zone).date())
        for c in contacts
    ]
    expected = find_quiet(people, rows, as_of=AS_OF)
    assert expected  # the data has quiet contacts to rank
    found = quiet_ranking(user, AS_OF)
    assert [item.contact_id for item in found] == [item.contact_id for item in expected]
    assert [item.as_json() for item in found] == [item.as_json() for item in expected]


def test_the_summaries_leave_out_other_users_contacts(user, other_user):
    mine = make_contact(user)
    theirs = make_contact(other_user)
    make_encounter(user, [mine], occurred_on=AS_OF)
    make_encounter(other_user, [theirs], occurred_on=AS_OF)
    inputs = QuietInputs([user], {user.pk: AS_OF})
    assert [row.contact_id for row in inputs.contacts[user.pk]] == [mine.pk]
    assert set(inputs.histories) == {mine.pk}


def test_shortening_a_topic_is_what_the_truncator_makes_of_it():
    texts = [
        "",
        "short",
        "x" * 140,
        "x" * 141,
        "Cafe\u0301 au lait " * 12,  # combining accents: NFC composes them
        "\u0958" * 139,  # NFC decomposes it into two, one combining
        "ü" * 200,
    ]
    for text in texts:
        assert shorten(text, 140) == Truncator(text).chars(140)
