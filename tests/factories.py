"""Small builders for test data: each returns a saved row with sensible defaults."""

import datetime
import itertools

from django.contrib.auth import get_user_model
from django.utils import timezone

from contacts.models import Contact, ContactAttribute, Dimension, ImportantDate, Introduction, Tie
from encounters.models import Encounter

_counter = itertools.count(1)


def quick_log_form(**fields) -> dict:
    """What the quick log's form posts for yesterday's planned coffee, with `fields` on top."""
    return {
        "kind": "coffee",
        "occurred_on": (timezone.localdate() - datetime.timedelta(days=1)).isoformat(),
        "planned": "1",
        "next": "/contacts/",
        **fields,
    }


def make_user(username: str | None = None, password: str = "pw-for-tests-1", **fields):
    username = username or f"user{next(_counter)}"
    fields.setdefault("email", f"{username}@example.org")
    return get_user_model().objects.create_user(username=username, password=password, **fields)


def make_contact(owner, name: str | None = None, **fields) -> Contact:
    return Contact.objects.create(owner=owner, name=name or f"Contact {next(_counter)}", **fields)


def make_encounter(owner, participants, *, kind="coffee", occurred_on=None, **fields) -> Encounter:
    encounter = Encounter.objects.create(
        owner=owner, kind=kind, occurred_on=occurred_on or datetime.date.today(), **fields
    )
    encounter.participants.set(participants)
    return encounter


def make_tie(owner, a, b, kind=Tie.Kind.KNOWS) -> Tie:
    return Tie.objects.create(owner=owner, a=a, b=b, kind=kind)


def make_attribute(contact, dimension_name: str, value: str) -> ContactAttribute:
    dimension, _ = Dimension.objects.get_or_create(owner=contact.owner, name=dimension_name)
    return ContactAttribute.objects.create(
        owner=contact.owner, contact=contact, dimension=dimension, value=value
    )


def make_important_date(
    contact, label="Anniversary", date=datetime.date(2015, 6, 1)
) -> ImportantDate:
    return ImportantDate.objects.create(
        owner=contact.owner, contact=contact, label=label, date=date
    )


def make_introduction(
    owner, a, b, reason="Both care about plant safety.", **fields
) -> Introduction:
    return Introduction.objects.create(owner=owner, a=a, b=b, reason=reason, **fields)


def bulk_contacts_with_encounters(
    owner,
    count: int,
    *,
    encounters_each: int = 3,
    first_day: datetime.date = datetime.date(2024, 1, 1),
    kinds: tuple[str, ...] = ("coffee", "phone_call", "meal"),
    name_prefix: str = "Bulk",
) -> list[Contact]:
    """`count` contacts with `encounters_each` one-to-one encounters each, inserted in bulk.

    Contact i meets on first_day + (i % 97) days and then every 45 days; kinds rotate.
    """
    contacts = Contact.objects.bulk_create(
        [Contact(owner=owner, name=f"{name_prefix} {i:05d}") for i in range(count)]
    )
    encounters = Encounter.objects.bulk_create(
        [
            Encounter(
                owner=owner,
                kind=kinds[(i + k) % len(kinds)],
                occurred_on=first_day + datetime.timedelta(days=i % 97 + 45 * k),
            )
            for i in range(count)
            for k in range(encounters_each)
        ]
    )
    participant = Encounter.participants.through
    participant.objects.bulk_create(
        [
            participant(encounter=encounter, contact=contacts[n // encounters_each])
            for n, encounter in enumerate(encounters)
        ]
    )
    return contacts


def bulk_network(
    owner,
    contacts: list[Contact],
    *,
    group_encounters: int,
    first_day: datetime.date = datetime.date(2025, 1, 1),
) -> Contact:
    """What a contact page shows around `contacts` (from bulk_contacts_with_encounters), in bulk.

    The first contact is the hub: met through the next nine in a chain, tied to every seventh
    contact, in `group_encounters` encounters with two others each (one a day from first_day),
    with three important dates and introductions to every twentieth contact. Besides, every
    contact has a value on each of the owner's dimensions ("Industry 0" … "Industry 3") and a tie
    to the next contact, and every tenth was met through the hub. Returns the hub.
    """
    hub, count = contacts[0], len(contacts)
    dimensions = list(Dimension.objects.for_user(owner))
    ContactAttribute.objects.bulk_create(
        [
            ContactAttribute(owner=owner, contact=c, dimension=d, value=f"{d.name} {i % 4}")
            for i, c in enumerate(contacts)
            for d in dimensions
        ]
    )
    kinds = list(Tie.Kind)
    pairs = {(i, i + 1) for i in range(count - 1)} | {(0, i) for i in range(2, count, 7)}
    ties = []
    for i, j in sorted(pairs):
        # A tie is stored with the lower id first; bulk_create skips the save() that sorts them.
        a, b = sorted([contacts[i], contacts[j]], key=lambda c: c.pk)
        ties.append(Tie(owner=owner, a=a, b=b, kind=kinds[(i + j) % len(kinds)]))
    Tie.objects.bulk_create(ties)
    ImportantDate.objects.bulk_create(
        [
            ImportantDate(
                owner=owner,
                contact=c,
                label=f"Anniversary {i}",
                date=datetime.date(2010, i % 12 + 1, 1),
            )
            for i, c in enumerate(contacts)
            if i % 5 == 0
        ]
        + [
            ImportantDate(
                owner=owner,
                contact=hub,
                label=f"Celebration {k}",
                date=datetime.date(2000, k + 1, 15),
            )
            for k in range(3)
        ]
    )
    Introduction.objects.bulk_create(
        [
            Introduction(owner=owner, a=hub, b=c, reason=f"Introduction {i}", made_on=first_day)
            for i, c in enumerate(contacts)
            if i % 20 == 1
        ]
    )
    for i, contact in enumerate(contacts[:-1]):
        if i % 10 != 9:
            contact.met_through = contacts[i + 1]
        elif i >= 10:
            contact.met_through = hub
    Contact.objects.bulk_update(contacts, ["met_through"], batch_size=500)
    encounters = Encounter.objects.bulk_create(
        [
            Encounter(
                owner=owner,
                kind=("meal", "video_call", "event")[k % 3],
                occurred_on=first_day + datetime.timedelta(days=k),
                location=f"Place {k}",
            )
            for k in range(group_encounters)
        ]
    )
    participant = Encounter.participants.through
    participant.objects.bulk_create(
        [
            participant(encounter=encounter, contact=contact)
            for k, encounter in enumerate(encounters)
            for contact in (hub, contacts[1 + k % (count - 1)], contacts[1 + (k + 1) % (count - 1)])
        ]
    )
    return hub
