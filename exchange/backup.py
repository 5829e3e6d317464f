"""The portable backup: one versioned JSON document holding everything a person put in.

The format is a contract other tools rely on; docs/backup-format.md describes it. Reading and
checking a document lives in exchange/backup_validation.py; this module turns an account into a
document and a valid document into rows.
"""

import copy
import datetime
import json
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from contacts.account import User
from contacts.models import (
    Contact,
    ContactAttribute,
    Dimension,
    ImportantDate,
    Introduction,
    Tie,
)
from contacts.network.tasks import note_network_change
from encounters.models import Encounter, EncounterParticipant
from encounters.recording import ENCOUNTER_FIELDS, build_encounter, link_participants

from .backup_validation import (
    FORMAT,
    VERSION,
    Backup,
    ContactRow,
    EncounterRow,
    IntroductionRow,
    parse_backup,
    validate_backup,
)

__all__ = [
    "FORMAT",
    "VERSION",
    "BackupError",
    "ImportSummary",
    "export_backup",
    "import_backup",
    "read_backup",
    "shift_dates",
    "validate_backup",
]

BATCH_SIZE = 1000


class BackupError(Exception):
    """A document that cannot be imported; `errors` says where and why, one message each."""

    def __init__(self, errors: list[str]):
        super().__init__("\n".join(errors))
        self.errors = errors


@dataclass(frozen=True)
class ImportSummary:
    dimensions_created: int
    contacts: int
    attributes: int
    important_dates: int
    ties: int
    encounters: int
    participants: int
    introductions: int


def _or_null(text: str) -> str | None:
    return text or None


def _format_time(time: datetime.time | None) -> str | None:
    if time is None:
        return None
    if time.microsecond:
        return time.isoformat()
    return time.isoformat(timespec="minutes" if time.second == 0 else "seconds")


def _date(date: datetime.date | None) -> str | None:
    return date.isoformat() if date else None


def export_backup(user: User) -> dict[str, Any]:
    """Everything `user` holds as a backup document, in a stable order (docs/backup-format.md)."""
    dimensions = list(Dimension.objects.for_user(user).order_by("position", "id"))
    dimension_rank = {dimension.id: rank for rank, dimension in enumerate(dimensions)}
    contacts = list(Contact.objects.for_user(user).order_by("id"))
    refs = {contact.id: f"c{number}" for number, contact in enumerate(contacts, 1)}

    attributes: dict[int, list[tuple[int, str, str]]] = {}
    rows = ContactAttribute.objects.for_user(user).values_list(
        "contact_id", "dimension_id", "dimension__name", "value"
    )
    for contact_id, dimension_id, name, value in rows:
        attributes.setdefault(contact_id, []).append((dimension_rank[dimension_id], name, value))

    important_dates: dict[int, list[dict[str, str]]] = {}
    for contact_id, label, date in (
        ImportantDate.objects.for_user(user)
        .order_by("id")
        .values_list("contact_id", "label", "date")
    ):
        important_dates.setdefault(contact_id, []).append(
            {"label": label, "date": date.isoformat()}
        )

    participants: dict[int, list[str]] = {}
    for encounter_id, contact_id in (
        EncounterParticipant.objects.for_user(user)
        .order_by("contact_id")
        .values_list("encounter_id", "contact_id")
    ):
        participants.setdefault(encounter_id, []).append(refs[contact_id])

    # NULL times sort first on every database, so SQLite and PostgreSQL export the same order.
    encounters = Encounter.objects.for_user(user).order_by(
        "occurred_on", F("time").asc(nulls_first=True), "id"
    )
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": timezone.now().astimezone(datetime.UTC).isoformat(timespec="seconds"),
        "dimensions": [dimension.name for dimension in dimensions],
        "contacts": [
            {
                "ref": refs[contact.id],
                "name": contact.name,
                "email": _or_null(contact.email),
                "phone": _or_null(contact.phone),
                "organisation": _or_null(contact.organisation),
                "role": _or_null(contact.role),
                "city": _or_null(contact.city),
                "country": _or_null(contact.country),
                "birthday": contact.birthday.isoformat() if contact.birthday else None,
                "how_we_met": _or_null(contact.how_we_met),
                "met_through": (
                    refs.get(contact.met_through_id) if contact.met_through_id is not None else None
                ),
                "cadence_days": contact.cadence_days,
                "trust": contact.trust,
                "archived": contact.archived,
                "notes": _or_null(contact.notes),
                "attributes": {
                    name: value for _rank, name, value in sorted(attributes.get(contact.id, []))
                },
                "important_dates": important_dates.get(contact.id, []),
            }
            for contact in contacts
        ],
        "ties": [
            {"a": refs[tie.a_id], "b": refs[tie.b_id], "kind": tie.kind}
            for tie in Tie.objects.for_user(user).order_by("id")
        ],
        "encounters": [
            {
                "ref": f"e{number}",
                "occurred_on": encounter.occurred_on.isoformat(),
                "time": _format_time(encounter.time),
                "kind": encounter.kind,
                "planned": encounter.planned,
                "participants": participants.get(encounter.id, []),
                "location": _or_null(encounter.location),
                "notes": _or_null(encounter.notes),
                "learned": _or_null(encounter.learned),
                "views": _or_null(encounter.views),
                "follow_up_on": _date(encounter.follow_up_on),
            }
            for number, encounter in enumerate(encounters, 1)
        ],
        "introductions": [
            {
                "a": refs[introduction.a_id],
                "b": refs[introduction.b_id],
                "made_on": introduction.made_on.isoformat(),
                "reason": introduction.reason,
                "channel": introduction.channel,
                "status": introduction.status,
                "outcome": introduction.outcome,
                "outcome_note": _or_null(introduction.outcome_note),
                "follow_up_on": _date(introduction.follow_up_on),
                "ask_first": introduction.ask_first,
                "a_answer": _or_null(introduction.a_answer),
                "b_answer": _or_null(introduction.b_answer),
                "about_a": _or_null(introduction.about_a),
                "about_b": _or_null(introduction.about_b),
            }
            for introduction in Introduction.objects.for_user(user).order_by("id")
        ],
    }


def read_backup(text: str | bytes) -> Any:
    """The document in a backup file's text (any JSON value); BackupError when it is not JSON."""
    try:
        return json.loads(text)
    except UnicodeDecodeError as error:
        raise BackupError(
            [_("The file is not UTF-8 text: %(error)s") % {"error": error}]
        ) from error
    except json.JSONDecodeError as error:
        raise BackupError(
            [
                _("The file is not valid JSON: %(message)s at line %(line)d, column %(column)d")
                % {"message": error.msg, "line": error.lineno, "column": error.colno}
            ]
        ) from error
    except RecursionError as error:
        # Python's JSON reader recurses once per bracket; a backup is a few levels deep.
        raise BackupError(
            [_("The file is nested too deeply to be a Weitblick backup (lists inside lists).")]
        ) from error


def import_backup(user: User, document: object, *, allow_existing: bool = False) -> ImportSummary:
    """Create the document's rows for `user`, all or nothing; BackupError lists what is wrong.

    An account that already has contacts is refused unless allow_existing, which appends.
    """
    backup, errors = parse_backup(document)
    if backup is None:
        raise BackupError(errors)
    with transaction.atomic():
        # Lock the account so two imports into it cannot both pass the emptiness check.
        get_user_model().objects.select_for_update().filter(pk=user.pk).first()
        existing = Contact.objects.for_user(user).count()
        if existing and not allow_existing:
            refusal = ngettext(
                "%(user)s already has %(count)d contact.",
                "%(user)s already has %(count)d contacts.",
                existing,
            ) % {"user": user.get_username(), "count": existing}
            advice = _(
                "Merging a backup into an account is not supported yet; import into an empty "
                "account, or pass --allow-existing to add the backup's contacts next to the "
                "existing ones."
            )
            raise BackupError([f"{refusal} {advice}"])
        note_network_change(user.pk)  # bulk writes send no signals
        return _create_rows(user, backup)


def _place_dimensions(user: User, names: list[str]) -> tuple[dict[str, int], int]:
    """Ids of the named dimensions (created where missing), ordered first and as listed."""
    existing = list(Dimension.objects.for_user(user).order_by("position", "id"))
    by_name = {dimension.name: dimension for dimension in existing}
    new = [Dimension(owner=user, name=name) for name in names if name not in by_name]
    Dimension.objects.bulk_create(new)
    by_name.update({dimension.name: dimension for dimension in new})
    ordered = [by_name[name] for name in names]
    listed = set(names)
    ordered += [dimension for dimension in existing if dimension.name not in listed]
    for position, dimension in enumerate(ordered):
        dimension.position = position
    Dimension.objects.bulk_update(ordered, ["position"], batch_size=BATCH_SIZE)
    return {name: by_name[name].id for name in names}, len(new)


def encounter_from_row(user: User, row: EncounterRow) -> Encounter:
    """An unsaved Encounter from one parsed backup row (participants are linked separately)."""
    return build_encounter(user, **{name: getattr(row, name) for name in ENCOUNTER_FIELDS})


def introduction_from_row(user: User, row: IntroductionRow, a_id: int, b_id: int) -> Introduction:
    """An unsaved Introduction from one parsed backup row, between two contacts of `user`."""
    return Introduction(
        owner=user,
        a_id=a_id,
        b_id=b_id,
        made_on=row.made_on,
        reason=row.reason,
        channel=row.channel,
        status=row.status,
        outcome=row.outcome,
        outcome_note=row.outcome_note,
        follow_up_on=row.follow_up_on,
        ask_first=row.ask_first,
        a_answer=row.a_answer,
        b_answer=row.b_answer,
        about_a=row.about_a,
        about_b=row.about_b,
    )


def _contact_from_row(user: User, row: ContactRow) -> Contact:
    contact = Contact(
        owner=user,
        name=row.name,
        email=row.email,
        phone=row.phone,
        organisation=row.organisation,
        role=row.role,
        city=row.city,
        country=row.country,
        how_we_met=row.how_we_met,
        cadence_days=row.cadence_days,
        trust=row.trust,
        archived=row.archived,
        notes=row.notes,
    )
    contact.birthday = row.birthday
    return contact


def _create_rows(user: User, backup: Backup) -> ImportSummary:
    dimension_ids, dimensions_created = _place_dimensions(user, backup.dimensions)

    contacts = Contact.objects.bulk_create(
        [_contact_from_row(user, row) for row in backup.contacts], batch_size=BATCH_SIZE
    )
    ids = {row.ref: contact.id for row, contact in zip(backup.contacts, contacts, strict=True)}

    # "Met through" may point to a contact later in the file, so it is set once all ids exist.
    met_through = []
    for row, contact in zip(backup.contacts, contacts, strict=True):
        if row.met_through is not None:
            contact.met_through_id = ids[row.met_through]
            met_through.append(contact)
    Contact.objects.bulk_update(met_through, ["met_through"], batch_size=BATCH_SIZE)

    attributes = ContactAttribute.objects.bulk_create(
        [
            ContactAttribute(
                owner=user, contact_id=ids[row.ref], dimension_id=dimension_ids[name], value=value
            )
            for row in backup.contacts
            for name, value in row.attributes
        ],
        batch_size=BATCH_SIZE,
    )
    important_dates = ImportantDate.objects.bulk_create(
        [
            ImportantDate(owner=user, contact_id=ids[row.ref], label=label, date=date)
            for row in backup.contacts
            for label, date in row.important_dates
        ],
        batch_size=BATCH_SIZE,
    )
    # bulk_create skips Tie.save(), which keeps the lower id first; do the same here.
    ties = Tie.objects.bulk_create(
        [
            Tie(
                owner=user,
                a_id=min(ids[row.a], ids[row.b]),
                b_id=max(ids[row.a], ids[row.b]),
                kind=row.kind,
            )
            for row in backup.ties
        ],
        batch_size=BATCH_SIZE,
    )
    encounters = Encounter.objects.bulk_create(
        [encounter_from_row(user, row) for row in backup.encounters],
        batch_size=BATCH_SIZE,
    )
    participants = link_participants(
        (
            (encounter, [ids[ref] for ref in row.participants])
            for row, encounter in zip(backup.encounters, encounters, strict=True)
        ),
        batch_size=BATCH_SIZE,
    )
    introductions = Introduction.objects.bulk_create(
        [introduction_from_row(user, row, ids[row.a], ids[row.b]) for row in backup.introductions],
        batch_size=BATCH_SIZE,
    )
    return ImportSummary(
        dimensions_created=dimensions_created,
        contacts=len(contacts),
        attributes=len(attributes),
        important_dates=len(important_dates),
        ties=len(ties),
        encounters=len(encounters),
        participants=participants,
        introductions=len(introductions),
    )


def _shift(row: dict[str, Any], keys: tuple[str, ...], days: int) -> None:
    for key in keys:
        if row.get(key) is not None:
            date = datetime.date.fromisoformat(row[key]) + datetime.timedelta(days=days)
            row[key] = date.isoformat()


def shift_dates(document: dict[str, Any], days: int) -> dict[str, Any]:
    """A copy of the document with encounter, introduction and follow-up dates moved by `days`.

    Birthdays and important dates recur yearly, so they keep their month and day.
    """
    shifted = copy.deepcopy(document)
    for encounter in shifted.get("encounters", []):
        _shift(encounter, ("occurred_on", "follow_up_on"), days)
    for introduction in shifted.get("introductions", []):
        _shift(introduction, ("made_on", "follow_up_on"), days)
    return shifted
