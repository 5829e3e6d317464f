"""Backups in the import flow: a backup's contacts as records, and merging a backup into an
account that already has contacts (into an empty one it is restored with exchange.backup as it is)."""

from collections import defaultdict
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from contacts.account import User
from contacts.models import Contact, Introduction, Tie
from contacts.network.tasks import note_network_change
from encounters.models import Encounter, EncounterParticipant
from encounters.recording import link_participants
from exchange.formats.records import ContactRecord, Progress
from exchange.imports.apply import import_records
from exchange.problems import ImportFileError

from .backup import (
    BackupError,
    encounter_from_row,
    import_backup,
    introduction_from_row,
    read_backup,
)
from .backup_validation import Backup, parse_backup


def backup_records(backup: Backup) -> list[ContactRecord]:
    """A backup's contacts as records, each with its ref, so that the rest of it can follow."""
    return [
        ContactRecord(
            source=f"contacts[{index}]",
            name=row.name,
            emails=[(row.email, "")] if row.email else [],
            phones=[(row.phone, "")] if row.phone else [],
            organisation=row.organisation,
            role=row.role,
            city=row.city,
            country=row.country,
            birthday=row.birthday,
            notes=row.notes,
            important_dates=list(row.important_dates),
            ref=row.ref,
            how_we_met=row.how_we_met,
            met_through=row.met_through or "",
            cadence_days=row.cadence_days,
            trust=row.trust,
            archived=row.archived,
            attributes=dict(row.attributes),
        )
        for index, row in enumerate(backup.contacts)
    ]


def parse_backup_text(text: str) -> tuple[dict[str, Any], Backup]:
    try:
        document = read_backup(text)
    except BackupError as error:
        raise ImportFileError(error.errors) from error
    backup, errors = parse_backup(document)
    if backup is None:
        raise ImportFileError(errors)
    return document, backup


def import_backup_document(
    user: User, document: dict[str, Any], *, progress: Progress | None = None
) -> dict[str, Any]:
    """Restore a backup into an empty account as it is; merge it into one that has contacts.

    Merging: the backup's contacts are matched one to one (same email, or same name and
    organisation) and merged; ties, encounters and introductions that are already there (the same
    pair; the same day, time, kind and people; the same two people on the same day) are skipped.
    Importing an account's own backup into it therefore changes nothing.
    """
    backup, errors = parse_backup(document)
    if backup is None:
        raise BackupError(errors)
    if not Contact.objects.for_user(user).exists():
        summary = import_backup(user, document)
        if progress is not None:
            progress(len(backup.contacts))
        return {
            "restored": True,
            "created": summary.contacts,
            "merged": 0,
            "unchanged": 0,
            "skipped": 0,
            "combined": 0,
            "ties": summary.ties,
            "encounters": summary.encounters,
            "introductions": summary.introductions,
        }
    result = import_records(
        user, backup_records(backup), combine_duplicates=False, progress=progress
    )
    return {
        "restored": False,
        **result.as_json(),
        **merge_backup_rows(user, backup, result.contact_ids),
    }


def merge_backup_rows(user: User, backup: Backup, ids: dict[str, int]) -> dict[str, int]:
    """Add the backup's ties, encounters and introductions that the account does not have yet."""
    with transaction.atomic():
        get_user_model().objects.select_for_update().filter(pk=user.pk).first()
        note_network_change(user.pk)  # bulk writes send no signals
        pairs = set(Tie.objects.for_user(user).values_list("a_id", "b_id"))
        ties = []
        for row in backup.ties:
            a, b = sorted((ids[row.a], ids[row.b]))
            if a != b and (a, b) not in pairs:
                pairs.add((a, b))
                ties.append(Tie(owner=user, a_id=a, b_id=b, kind=row.kind))
        Tie.objects.bulk_create(ties, batch_size=1000)

        people: defaultdict[int, set[int]] = defaultdict(set)
        for encounter_id, contact_id in EncounterParticipant.objects.filter(
            encounter__owner=user
        ).values_list("encounter_id", "contact_id"):
            people[encounter_id].add(contact_id)
        known = {
            (day, time, kind, frozenset(people[pk]))
            for pk, day, time, kind in Encounter.objects.for_user(user).values_list(
                "id", "occurred_on", "time", "kind"
            )
        }
        rows = []
        for encounter_row in backup.encounters:
            signature = (
                encounter_row.occurred_on,
                encounter_row.time,
                encounter_row.kind,
                frozenset(ids[ref] for ref in encounter_row.participants),
            )
            if signature not in known:
                known.add(signature)
                rows.append(encounter_row)
        encounters = Encounter.objects.bulk_create(
            [encounter_from_row(user, row) for row in rows],
            batch_size=1000,
        )
        link_participants(
            (
                (encounter, [ids[ref] for ref in row.participants])
                for row, encounter in zip(rows, encounters, strict=True)
            ),
        )

        made = set(Introduction.objects.for_user(user).values_list("a_id", "b_id", "made_on"))
        introductions = []
        for introduction_row in backup.introductions:
            key = (ids[introduction_row.a], ids[introduction_row.b], introduction_row.made_on)
            if key not in made and key[0] != key[1]:
                made.add(key)
                introductions.append(introduction_from_row(user, introduction_row, key[0], key[1]))
        Introduction.objects.bulk_create(introductions, batch_size=1000)
    return {"ties": len(ties), "encounters": len(encounters), "introductions": len(introductions)}
