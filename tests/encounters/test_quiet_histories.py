"""The summaries gone quiet reads from the database (one query; on PostgreSQL computed there) are
exactly what the plain functions make of the same participant rows."""

import datetime
import random

from encounters.models import EncounterParticipant
from encounters.quiet import ContactRow, Histories, find_quiet, summarise
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


def test_the_database_summaries_match_the_plain_functions(user):
    contacts = random_histories(user, random.Random(15))
    rows: dict[int, list[tuple[datetime.date, bool]]] = {}
    for contact_id, day, in_person in EncounterParticipant.objects.values_list(
        "contact_id", "encounter__occurred_on", "encounter__in_person"
    ):
        rows.setdefault(contact_id, []).append((day, in_person))

    histories = Histories([user.pk], AS_OF)

    for contact in contacts:
        own = rows.get(contact.pk, [])
        assert histories.summaries.get(contact.pk, summarise([], AS_OF)) == summarise(own, AS_OF)
        assert tie_strength(histories.encounters_of(contact.pk), AS_OF) == tie_strength(own, AS_OF)


def test_the_ranking_from_the_database_is_the_plain_ranking(user):
    contacts = random_histories(user, random.Random(16))
    rows = EncounterParticipant.objects.values_list(
        "contact_id", "encounter__occurred_on", "encounter__in_person"
    )
    people = [ContactRow(c.pk, c.name, cadence_days=[None, 30, 200][c.pk % 3]) for c in contacts]
    expected = find_quiet(people, rows, as_of=AS_OF)
    assert expected  # the data has quiet contacts to rank
    assert Histories([user.pk], AS_OF).ranking(people) == expected


def test_the_summaries_leave_out_other_users_contacts(user, other_user):
    mine = make_contact(user)
    theirs = make_contact(other_user)
    make_encounter(user, [mine], occurred_on=AS_OF)
    make_encounter(other_user, [theirs], occurred_on=AS_OF)
    assert set(Histories([user.pk], AS_OF).summaries) == {mine.pk}
