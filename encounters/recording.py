"""Recording encounters: the one place encounters and their participant rows are built and written.

The quick log and the edit form call log_encounter() and update_encounter(); the backup's restore
and merge (exchange/) write many at once with build_encounter() and link_participants().
"""

import datetime
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from contacts.account import User
from contacts.models import Contact

from .models import Encounter, EncounterParticipant

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
        EncounterParticipant(encounter=encounter, contact_id=contact_id)
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


def _create_people(user: User, names: Sequence[str]) -> list[Contact]:
    created: list[Contact] = []
    for name in names:
        name = name.strip()
        if name:
            created.append(
                Contact.objects.create(
                    owner=user, name=name[:200], how_we_met=_("Met at an encounter")
                )
            )
    return created


@transaction.atomic
def log_encounter(
    *,
    user: User,
    kind: str,
    participants: Sequence[Contact] = (),
    new_people: Sequence[str] = (),
    occurred_on: datetime.date | None = None,
    **details: Any,
) -> tuple[Encounter, list[Contact]]:
    """Store an encounter with existing contacts and people met for the first time.

    People named in `new_people` become contacts on the spot (the stranger in seat 14C);
    their details can come later. Returns the encounter and the contacts it created.
    """
    contacts = _own_contacts(user, [c.pk for c in participants])
    created = _create_people(user, new_people)
    if not contacts and not created:
        raise ValidationError({"participants": _("Who was there? Add at least one person.")})
    encounter = build_encounter(
        user, kind=kind, occurred_on=occurred_on or timezone.localdate(), **details
    )
    encounter.full_clean(exclude=["owner"])
    encounter.save()
    link_participants([(encounter, [c.pk for c in [*contacts, *created]])])
    return encounter, created


@transaction.atomic
def update_encounter(
    encounter: Encounter,
    *,
    participants: Sequence[Contact],
    new_people: Sequence[str] = (),
    **details: Any,
) -> list[Contact]:
    """Change an encounter's details and participants; returns the contacts it created."""
    contacts = _own_contacts(encounter.owner, [c.pk for c in participants])
    created = _create_people(encounter.owner, new_people)
    if not contacts and not created:
        raise ValidationError({"participants": _("Who was there? Add at least one person.")})
    _set_details(encounter, details)
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
