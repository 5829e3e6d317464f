"""Writing an import: new contacts and merges in batches, each batch planned and written in one
transaction, so that a progress bar can follow and a second run merges instead of duplicating."""

import datetime
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from contacts.account import User
from contacts.models import Contact, ContactAttribute, Dimension, ImportantDate
from contacts.network.tasks import note_network_change
from contacts.values import merge_spellings
from exchange.formats.records import ContactRecord, Progress

from .merge import ImportPlan, plan_import
from .merge_rules import combine_in_file, new_contact_values

BATCH_SIZE = 1000


@dataclass
class ImportResult:
    created: int = 0
    merged: int = 0
    unchanged: int = 0
    skipped: int = 0
    combined: int = 0
    # The contact each record with a ref became or was merged into (backups refer by ref).
    contact_ids: dict[str, int] = field(default_factory=dict)

    def as_json(self) -> dict[str, int]:
        return {
            "created": self.created,
            "merged": self.merged,
            "unchanged": self.unchanged,
            "skipped": self.skipped,
            "combined": self.combined,
        }


def import_records(
    user: User,
    records: list[ContactRecord],
    *,
    combine_duplicates: bool = True,
    batch_size: int = BATCH_SIZE,
    progress: Progress | None = None,
) -> ImportResult:
    """Import the records for `user`: new contacts are created, the others merged.

    Each batch is planned against the contacts as they are when it starts (the person's row is
    locked meanwhile, so two imports into one account take turns) and written in a transaction;
    progress(records done) is called after each. A run that stops half-way leaves whole batches
    behind, and running the same records again merges them into what is there.
    """
    result = ImportResult()
    if combine_duplicates:
        records, combined = combine_in_file(records)
        result.combined = len(combined)
    dimension_ids = _dimension_ids(user, {name for record in records for name in record.attributes})
    claimed: set[int] = set()
    for start in range(0, len(records), batch_size):
        with transaction.atomic():
            get_user_model().objects.select_for_update().filter(pk=user.pk).first()
            plan = plan_import(
                user,
                records[start : start + batch_size],
                combine_duplicates=combine_duplicates,
                claimed=claimed,
            )
            _write(user, plan, dimension_ids, result, claimed, batch_size)
            note_network_change(user.pk)  # bulk writes send no signals
        if progress is not None:
            progress(min(start + batch_size, len(records)))
    _link_met_through(records, result.contact_ids)
    return result


def _dimension_ids(user: User, names: set[str]) -> dict[str, int]:
    if not names:
        return {}
    with transaction.atomic():
        existing = dict(
            Dimension.objects.for_user(user).filter(name__in=names).values_list("name", "id")
        )
        last = Dimension.objects.for_user(user).aggregate(last=Max("position"))["last"] or 0
        missing = sorted(names - existing.keys())
        created = Dimension.objects.bulk_create(
            [
                Dimension(owner=user, name=name, position=last + 1 + i)
                for i, name in enumerate(missing)
            ]
        )
    existing.update({dimension.name: dimension.id for dimension in created})
    return existing


def _write(
    user: User,
    plan: ImportPlan,
    dimension_ids: dict[str, int],
    result: ImportResult,
    claimed: set[int],
    batch_size: int,
) -> None:
    new_records = [plan.records[index] for index in plan.new]
    contacts = Contact.objects.bulk_create(
        [Contact(owner=user, **new_contact_values(record)) for record in new_records],
        batch_size=batch_size,
    )
    attributes: list[tuple[int, str, str]] = []
    dates: list[tuple[int, str, datetime.date]] = []
    for record, contact in zip(new_records, contacts, strict=True):
        claimed.add(contact.id)
        if record.ref:
            result.contact_ids[record.ref] = contact.id
        attributes += [(contact.id, name, value) for name, value in record.attributes.items()]
        dates += [(contact.id, label, date) for label, date in record.important_dates]

    targets = Contact.objects.in_bulk([merge.contact_id for merge in plan.merges])
    changed_fields: set[str] = set()
    now = timezone.now()
    for merge in plan.merges:
        contact = targets[merge.contact_id]
        for name, value in merge.values.items():
            setattr(contact, name, value)
            changed_fields |= (
                {"birthday_year", "birthday_month", "birthday_day"}
                if name == "birthday"
                else {name}
            )
        contact.updated_at = now
        attributes += [(contact.id, name, value) for name, value in merge.attributes.items()]
        dates += [(contact.id, label, date) for label, date in merge.important_dates]
    if changed_fields:
        Contact.objects.bulk_update(
            list(targets.values()), [*sorted(changed_fields), "updated_at"], batch_size=batch_size
        )
    for merge in plan.merges + plan.unchanged:
        ref = plan.records[merge.index].ref
        if ref:
            result.contact_ids[ref] = merge.contact_id

    ContactAttribute.objects.bulk_create(
        [
            ContactAttribute(
                owner=user, contact_id=contact_id, dimension_id=dimension_ids[name], value=value
            )
            for contact_id, name, value in attributes
        ],
        batch_size=batch_size,
    )
    # Values written in bulk skip ContactAttribute.save: one spelling per value afterwards.
    merge_spellings(ContactAttribute.objects.for_user(user))
    ImportantDate.objects.bulk_create(
        [
            ImportantDate(owner=user, contact_id=contact_id, label=label, date=date)
            for contact_id, label, date in dates
        ],
        batch_size=batch_size,
    )
    result.created += len(contacts)
    result.merged += len(plan.merges)
    result.unchanged += len(plan.unchanged)
    result.skipped += len(plan.skipped)
    result.combined += len(plan.combined)


def _link_met_through(records: list[ContactRecord], contact_ids: dict[str, int]) -> None:
    """Fill "met through" from the records' refs where the contact has none yet."""
    links = {
        contact_ids[record.ref]: contact_ids[record.met_through]
        for record in records
        if record.met_through and record.ref in contact_ids and record.met_through in contact_ids
    }
    links = {contact: through for contact, through in links.items() if contact != through}
    if not links:
        return
    ids = sorted(links)
    with transaction.atomic():
        for start in range(0, len(ids), BATCH_SIZE):
            contacts = list(
                Contact.objects.filter(
                    pk__in=ids[start : start + BATCH_SIZE], met_through__isnull=True
                ).only("id", "met_through")
            )
            for contact in contacts:
                contact.met_through_id = links[contact.id]
            Contact.objects.bulk_update(contacts, ["met_through"], batch_size=BATCH_SIZE)
