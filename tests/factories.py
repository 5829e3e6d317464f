"""Small builders for test data: each returns a saved row with sensible defaults."""

import datetime
import itertools

from django.contrib.auth import get_user_model

from contacts.models import Contact, ContactAttribute, Dimension, ImportantDate, Introduction, Tie
from encounters.models import Encounter

_counter = itertools.count(1)


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


def make_important_date(contact, label="Anniversary", date=datetime.date(2015, 6, 1)) -> ImportantDate:
    return ImportantDate.objects.create(owner=contact.owner, contact=contact, label=label, date=date)


def make_introduction(owner, a, b, reason="Both care about plant safety.", **fields) -> Introduction:
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
