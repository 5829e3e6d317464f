"""Recording encounters: the one place encounters and their participant rows are built and written.

The quick log and the edit form call log_encounter() and update_encounter(); the backup's restore
and merge (exchange/) write many at once with build_encounter() and link_participants().
"""

import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from contacts.account import User
from contacts.models import Contact, ContactAttribute, Dimension

from .models import Encounter, EncounterParticipant, Kind

ENCOUNTER_FIELDS = (
    "occurred_on",
    "time",
    "kind",
    "planned",
    "location",
    "notes",
    "learned",
    "views",
    "follow_up_on",
)


def build_encounter(user: User, **details: Any) -> Encounter:
    """An unsaved encounter of `user`; `details` are among ENCOUNTER_FIELDS."""
    encounter = Encounter(owner=user)
    _set_details(encounter, details)
    return encounter


def _set_details(encounter: Encounter, details: Mapping[str, Any]) -> None:
    for name, value in details.items():
        if name not in ENCOUNTER_FIELDS:
            raise TypeError(f"unexpected encounter field {name!r}")
        setattr(encounter, name, value)


def link_participants(
    encounters: Iterable[tuple[Encounter, Iterable[int]]], *, batch_size: int = 1000
) -> int:
    """Write the participant rows of saved encounters, each contact once; returns how many."""
    rows = [
        EncounterParticipant(encounter_id=encounter.pk, contact_id=contact_id)
        for encounter, contact_ids in encounters
        for contact_id in sorted(set(contact_ids))
    ]
    EncounterParticipant.objects.bulk_create(rows, batch_size=batch_size)
    return len(rows)


def _own_contacts(user: User, contact_ids: Sequence[int]) -> list[Contact]:
    contacts = list(Contact.objects.for_user(user).filter(pk__in=set(contact_ids)))
    if len(contacts) != len(set(contact_ids)):
        raise ValidationError(
            {"participants": _("Choose only your own contacts.")}, code="other_owner"
        )
    return contacts


@dataclass(frozen=True)
class NewPerson:
    """Someone met for the first time, with what the quick log learned about them (all optional)."""

    name: str
    organisation: str = ""
    role: str = ""
    city: str = ""
    country: str = ""
    email: str = ""
    how_we_met: str = ""
    # Dimension id -> value ("Industry": "Shipbuilding").
    values: Mapping[int, str] = field(default_factory=dict)


def how_we_met_from(*, kind: str, occurred_on: datetime.date, location: str = "") -> str:
    """ "Travel, 2 December 2026 · seat 14C": the encounter a new person came from, in the user's language."""
    # Translators: the date in "how we met" of a person first met at an encounter.
    day = date_format(occurred_on, pgettext("how we met", "j F Y"))
    # An unknown kind is refused by the encounter's own validation; here it only must not fail.
    text = f"{capfirst(dict(Kind.choices).get(kind, kind))}, {day}"
    return f"{text} · {location.strip()}" if location.strip() else text


def _create_people(
    user: User, people: Sequence[str | NewPerson], *, how_we_met: str
) -> list[Contact]:
    named = [NewPerson(name=p) if isinstance(p, str) else p for p in people]
    wanted = {dimension_id for person in named for dimension_id in person.values}
    # The dimensions are read only when someone has a value or a country: the fast path stays fast.
    dimensions = (
        {d.pk: d for d in Dimension.objects.for_user(user)}
        if wanted or any(person.country.strip() for person in named)
        else {}
    )
    if not wanted <= dimensions.keys():
        raise ValidationError(_("Choose only your own dimensions."), code="other_owner")
    created: list[Contact] = []
    for person in named:
        name = person.name.strip()
        if not name:
            continue
        contact = Contact.objects.create(
            owner=user,
            name=name[:200],
            organisation=person.organisation.strip()[:200],
            role=person.role.strip()[:200],
            city=person.city.strip()[:120],
            country=person.country.strip()[:120],
            email=person.email.strip()[:254],
            how_we_met=person.how_we_met.strip() or how_we_met,
        )
        values = dict(person.values)
        for dimension in dimensions.values():
            # The country typed once answers the country-like dimension too, unless told otherwise.
            if dimension.is_country_like() and contact.country and not values.get(dimension.pk):
                values[dimension.pk] = contact.country
        for dimension_id, value in values.items():
            spelled = dimensions[dimension_id].spelling_of(value)
            if spelled:
                ContactAttribute.objects.create(
                    owner=user, contact=contact, dimension_id=dimension_id, value=spelled
                )
        created.append(contact)
    return created


@transaction.atomic
def log_encounter(
    *,
    user: User,
    kind: str,
    participants: Sequence[Contact] = (),
    new_people: Sequence[str | NewPerson] = (),
    occurred_on: datetime.date | None = None,
    **details: Any,
) -> tuple[Encounter, list[Contact]]:
    """Store an encounter with existing contacts and people met for the first time.

    People named in `new_people` become contacts on the spot (the stranger in seat 14C), with
    whatever the quick log learned about them; "how we met" comes from the encounter unless given.
    Returns the encounter and the contacts it created.
    """
    occurred_on = occurred_on or timezone.localdate()
    contacts = _own_contacts(user, [c.pk for c in participants])
    created = _create_people(
        user,
        new_people,
        how_we_met=how_we_met_from(
            kind=kind, occurred_on=occurred_on, location=details.get("location") or ""
        ),
    )
    if not contacts and not created:
        raise ValidationError({"participants": _("Who was there? Add at least one person.")})
    encounter = build_encounter(user, kind=kind, occurred_on=occurred_on, **details)
    encounter.full_clean(exclude=["owner"])
    encounter.save()
    link_participants([(encounter, [c.pk for c in [*contacts, *created]])])
    return encounter, created


@transaction.atomic
def update_encounter(
    encounter: Encounter,
    *,
    participants: Sequence[Contact],
    new_people: Sequence[str | NewPerson] = (),
    **details: Any,
) -> list[Contact]:
    """Change an encounter's details and participants; returns the contacts it created."""
    contacts = _own_contacts(encounter.owner, [c.pk for c in participants])
    _set_details(encounter, details)
    created = _create_people(
        encounter.owner,
        new_people,
        how_we_met=how_we_met_from(
            kind=encounter.kind, occurred_on=encounter.occurred_on, location=encounter.location
        ),
    )
    if not contacts and not created:
        raise ValidationError({"participants": _("Who was there? Add at least one person.")})
    encounter.full_clean(exclude=["owner"])
    encounter.save()
    EncounterParticipant.objects.filter(encounter=encounter).delete()
    link_participants([(encounter, [c.pk for c in [*contacts, *created]])])
    return created


@transaction.atomic
def undo_encounter(encounter: Encounter, *, created_contact_ids: Sequence[int] = ()) -> int:
    """Take back an encounter logged by mistake, with the people it created that nothing else uses.

    Returns how many such contacts went with it.
    """
    # Only people who took part in this very encounter can go with it, whatever the request says.
    participant_ids = set(
        EncounterParticipant.objects.filter(encounter=encounter).values_list(
            "contact_id", flat=True
        )
    )
    encounter.delete()
    orphans = (
        Contact.objects.for_user(encounter.owner)
        .filter(pk__in=participant_ids & set(created_contact_ids), encounters__isnull=True)
        .filter(introduced_contacts__isnull=True, met_through__isnull=True)
    )
    deleted = 0
    for contact in orphans:
        if not (contact.attributes.exists() or contact.important_dates.exists()):
            contact.delete()
            deleted += 1
    return deleted
