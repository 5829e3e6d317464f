"""Recording encounters: the one place encounters and their participant rows are built and written.

The quick log and the edit form call log_encounter() and update_encounter(); the backup's restore
and merge (exchange/) write many at once with build_encounter() and link_participants().
"""

import contextvars
import datetime
import uuid
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from contacts.account import User, lock_account
from contacts.models import (
    Contact,
    ContactAttribute,
    Dimension,
    Introduction,
    Tie,
    account_writes_in_transaction,
)
from contacts.network.signals import network_row_changed
from contacts.network.tasks import note_network_change_now

from .models import Encounter, EncounterParticipant, Kind

# Set while log_encounter's transaction runs: it notes the network change itself, inside that
# transaction, so the encounter's save must not register another one for after the commit.
_logging: contextvars.ContextVar[bool] = contextvars.ContextVar("logging_encounter", default=False)

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
    encounters: Iterable[tuple[Encounter, Iterable[int]]],
    *,
    created: Collection[int] = (),
    batch_size: int = 1000,
) -> int:
    """Write the participant rows of saved encounters, each contact once; returns how many.

    `created` are the contacts made for these encounters (the quick log's new people).
    """
    rows = [
        EncounterParticipant(
            encounter=encounter, contact_id=contact_id, created_here=contact_id in created
        )
        for encounter, contact_ids in encounters
        for contact_id in sorted(set(contact_ids))
    ]
    EncounterParticipant.objects.bulk_create(rows, batch_size=batch_size)
    return len(rows)


def _own_contacts(user: User, participants: Sequence[Contact]) -> list[Contact]:
    """The participants, each once, each the user's. Contacts read from the user's own rows (the
    form's choices are) are taken as they are; only a list with any other is looked up again."""
    unique = list({contact.pk: contact for contact in participants}.values())
    if all(c.owner_id == user.pk and c.pk and not c._state.adding for c in unique):
        return unique
    contact_ids = {contact.pk for contact in unique}
    contacts = list(Contact.objects.for_user(user).filter(pk__in=contact_ids))
    if len(contacts) != len(contact_ids):
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
    day = date_format(occurred_on, "DATE_FORMAT")  # "2 December 2026", „2. Dezember 2026“
    # An unknown kind is refused by the encounter's own validation; here it only must not fail.
    text = f"{capfirst(dict(Kind.choices).get(kind, kind))}, {day}"
    return f"{text} · {location.strip()}" if location.strip() else text


def _people_named(
    user: User, people: Sequence[str | NewPerson], *, how_we_met: str
) -> tuple[list[Contact], list[Contact]]:
    """The contacts for people typed as new: (those already there, those created now).

    A name that is exactly one contact's name (in any case) is that contact, as the picker would
    have offered it, and what was typed about them is left for their page; anyone else becomes a
    contact on the spot with whatever the quick log learned about them, and "how we met" from the
    encounter unless given. The caller locks the account first, so that two logs naming the same
    new person at once make one contact, not two.
    """
    named = list(
        {
            person.name.strip()[:200]: person
            for person in (NewPerson(name=p) if isinstance(p, str) else p for p in people)
            if person.name.strip()
        }.items()
    )
    wanted = {dimension_id for _name, person in named for dimension_id in person.values}
    # The dimensions are read only when someone has a value or a country: the fast path stays fast.
    dimensions = (
        {d.pk: d for d in Dimension.objects.for_user(user)}
        if wanted or any(person.country.strip() for _name, person in named)
        else {}
    )
    if not wanted <= dimensions.keys():
        raise ValidationError(_("Choose only your own dimensions."), code="other_owner")
    known: list[Contact] = []
    created: list[Contact] = []
    for name, person in named:
        matches = list(Contact.objects.for_user(user).filter(name__iexact=name)[:2])
        if len(matches) == 1:
            known.append(matches[0])
            continue
        contact = Contact.objects.create(
            owner=user,
            name=name,
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
    return known, created


def logged_with(user: User, client_key: uuid.UUID) -> tuple[Encounter, list[Contact]] | None:
    """The encounter a form with this key already stored, and the people it created then."""
    encounter = Encounter.objects.for_user(user).filter(client_key=client_key).first()
    if encounter is None:
        return None
    created = Contact.objects.filter(
        pk__in=EncounterParticipant.objects.filter(encounter=encounter, created_here=True).values(
            "contact_id"
        )
    )
    return encounter, list(created)


def log_encounter(
    *,
    user: User,
    kind: str,
    participants: Sequence[Contact] = (),
    new_people: Sequence[str | NewPerson] = (),
    occurred_on: datetime.date | None = None,
    client_key: uuid.UUID | None = None,
    **details: Any,
) -> tuple[Encounter, list[Contact]]:
    """Store an encounter with existing contacts and people met for the first time.

    People named in `new_people` become contacts on the spot (the stranger in seat 14C), with
    whatever the quick log learned about them; "how we met" comes from the encounter unless given.
    Returns the encounter and the contacts it created.

    With a `client_key` (the quick log form's), the same form posted again, also at the same
    moment, stores nothing more and returns what the first post stored. Nothing looks for the key
    before the writes (a query every log would pay for the rare repeat): the encounter's unique
    key refuses a repeat and rolls it back, and a log with new people looks once it holds the
    account's lock, before it creates anyone.
    """
    _account_writes(user, "beginning")
    logging = _logging.set(True)
    try:
        with transaction.atomic():
            return _log_encounter(
                user=user,
                kind=kind,
                participants=participants,
                new_people=new_people,
                occurred_on=occurred_on,
                client_key=client_key,
                **details,
            )
    except BaseException as error:
        # The transaction rolled back, and the cached pages' version bump in it: the request
        # bumps after it ends instead (crm/page_cache.py), as for any other refused write.
        _account_writes(user, "rolled back")
        # Another post of the same form committed first: the unique key refused this one, and
        # everything it wrote (new people included) was rolled back with it.
        if (
            not isinstance(error, IntegrityError)
            or client_key is None
            or not (logged := logged_with(user, client_key))
        ):
            raise
        return logged
    finally:
        _logging.reset(logging)


def encounter_row_changed(sender: type[Encounter], instance: Encounter, **kwargs: Any) -> None:
    """An encounter saved or deleted: the circles are due, unless log_encounter notes it itself."""
    if not _logging.get():
        network_row_changed(sender, instance, **kwargs)


def _remember_participants(encounter: Encounter, people: Iterable[Contact]) -> None:
    """Hold the participants as encounter.participants.all() would read them back (in the
    contacts' order), so that the quick log's answer needs no query for them."""
    people = sorted(people, key=lambda c: (c.name, c.pk))
    read = Contact.objects.filter(pk__in=[c.pk for c in people])
    read._result_cache = people
    read._prefetch_done = True  # type: ignore[attr-defined]  # Django's own, as prefetch sets it
    encounter._prefetched_objects_cache = {"participants": read}  # type: ignore[attr-defined]


def _log_encounter(
    *,
    user: User,
    kind: str,
    participants: Sequence[Contact],
    new_people: Sequence[str | NewPerson],
    occurred_on: datetime.date | None,
    client_key: uuid.UUID | None,
    **details: Any,
) -> tuple[Encounter, list[Contact]]:
    contacts = _own_contacts(user, participants)
    locked = False
    if new_people:
        # The account's lock and the cached pages' data version in one statement, if the page
        # cache answers; lock_account otherwise.
        locked = _account_writes(user, "locking")
        if not locked:
            lock_account(user)
        if client_key is not None and (logged := logged_with(user, client_key)):
            return logged  # the same form's other post held the lock and is stored now
    occurred_on = occurred_on or timezone.localdate()
    known, created = _people_named(
        user,
        new_people,
        how_we_met=how_we_met_from(
            kind=kind, occurred_on=occurred_on, location=details.get("location") or ""
        ),
    )
    people = list({c.pk: c for c in [*contacts, *known, *created]})
    if not people:
        raise ValidationError({"participants": _("Who was there? Add at least one person.")})
    encounter = build_encounter(user, kind=kind, occurred_on=occurred_on, **details)
    encounter.client_key = client_key
    encounter.full_clean(exclude=["owner"])
    encounter.save()
    link_participants([(encounter, people)], created={c.pk for c in created})
    _remember_participants(encounter, {c.pk: c for c in [*contacts, *known, *created]}.values())
    # The bookkeeping last and in this transaction, so the log commits once (issue 15): the
    # network's change, then the cached pages' data version (crm/page_cache.py). Each holds one
    # row of the account until the commit; before, each was a transaction and a commit of its own.
    note_network_change_now(user.pk)
    # The pages this log changed: its participants', new people included (crm/page_cache.py).
    _account_writes(user, "ended" if locked else "ending", contacts=people)
    return encounter, created


def _account_writes(user: User, stage: str, contacts: Collection[int] = ()) -> bool:
    answers = account_writes_in_transaction.send(
        sender=Encounter, owner_id=user.pk, stage=stage, contacts=contacts
    )
    return any(answer is True for _receiver, answer in answers)


@transaction.atomic
def update_encounter(
    encounter: Encounter,
    *,
    participants: Sequence[Contact],
    new_people: Sequence[str | NewPerson] = (),
    **details: Any,
) -> list[Contact]:
    """Change an encounter's details and participants; returns the contacts it created."""
    contacts = _own_contacts(encounter.owner, participants)
    _set_details(encounter, details)
    if new_people:
        lock_account(encounter.owner)
    known, created = _people_named(
        encounter.owner,
        new_people,
        how_we_met=how_we_met_from(
            kind=encounter.kind, occurred_on=encounter.occurred_on, location=encounter.location
        ),
    )
    people = list({c.pk: c for c in [*contacts, *known, *created]})
    if not people:
        raise ValidationError({"participants": _("Who was there? Add at least one person.")})
    encounter.full_clean(exclude=["owner"])
    encounter.save()
    rows = EncounterParticipant.objects.filter(encounter=encounter)
    # People the first log created stay marked as created by it.
    made_here = set(rows.filter(created_here=True).values_list("contact_id", flat=True))
    rows.delete()
    link_participants([(encounter, people)], created=made_here | {c.pk for c in created})
    return created


@transaction.atomic
def undo_encounter(encounter: Encounter) -> int:
    """Take back an encounter logged by mistake, with the people it created that nothing else uses.

    Only contacts this very log created (recorded with its participant rows when it was stored,
    never taken from a request) and untouched since go with it: a contact edited after the log,
    or given another encounter, a tie, a value, a date or an introduction, stays.
    Returns how many contacts went with it.
    """
    made_here = EncounterParticipant.objects.filter(
        encounter=encounter, created_here=True
    ).values_list("contact_id", flat=True)
    candidates = set(made_here)
    logged_at = encounter.created_at
    encounter.delete()
    orphans = (
        Contact.objects.for_user(encounter.owner)
        .filter(pk__in=candidates, updated_at__lte=logged_at, encounters__isnull=True)
        .filter(introduced_contacts__isnull=True, met_through__isnull=True)
    )
    deleted = 0
    for contact in orphans:
        if not (
            contact.attributes.exists()
            or contact.important_dates.exists()
            or Tie.objects.involving(contact).exists()
            or Introduction.objects.involving(contact).exists()
        ):
            contact.delete()
            deleted += 1
    return deleted
