"""Which imported records are people already in Weitblick, and what importing them would do.

`plan_import` loads a person's contacts once (three queries, whatever their number) and decides
for each record: a new contact, a merge into an existing one (field by field, see merge_rules),
nothing new, or skipped with a reason. Nothing is written.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from contacts.account import User
from contacts.dates import Birthday
from contacts.models import Contact, ContactAttribute, ImportantDate
from exchange.formats.records import ContactRecord

from .merge_rules import (
    Combined,
    Existing,
    Merge,
    combine_in_file,
    combine_records,
    email_key,
    merge_into,
    name_key,
)


@dataclass
class Skip:
    index: int
    reason: str


@dataclass
class ImportPlan:
    records: list[ContactRecord]
    new: list[int] = field(default_factory=list)
    merges: list[Merge] = field(default_factory=list)
    unchanged: list[Merge] = field(default_factory=list)
    skipped: list[Skip] = field(default_factory=list)
    combined: list[Combined] = field(default_factory=list)


def load_existing(user: User) -> list[Existing]:
    """The person's contacts with their attributes and important dates: three queries."""
    contacts = {
        row[0]: Existing(
            id=row[0],
            name=row[1],
            email=row[2],
            phone=row[3],
            organisation=row[4],
            role=row[5],
            city=row[6],
            country=row[7],
            birthday=Birthday(month=row[9], day=row[10], year=row[8])
            if row[9] and row[10]
            else None,
            how_we_met=row[11],
            notes=row[12],
            cadence_days=row[13],
            trust=row[14],
            met_through_id=row[15],
        )
        for row in Contact.objects.for_user(user)
        .order_by("id")
        .values_list(
            "id",
            "name",
            "email",
            "phone",
            "organisation",
            "role",
            "city",
            "country",
            "birthday_year",
            "birthday_month",
            "birthday_day",
            "how_we_met",
            "notes",
            "cadence_days",
            "trust",
            "met_through_id",
        )  # fmt: skip
    }
    for contact_id, dimension, value in ContactAttribute.objects.for_user(user).values_list(
        "contact_id", "dimension__name", "value"
    ):
        contacts[contact_id].attributes[dimension] = value
    for contact_id, label, date in ImportantDate.objects.for_user(user).values_list(
        "contact_id", "label", "date"
    ):
        contacts[contact_id].important_dates.add((label, date))
    return list(contacts.values())


# --- The plan -------------------------------------------------------------------------------------


def plan_import(
    user: User,
    records: list[ContactRecord],
    *,
    combine_duplicates: bool = True,
    claimed: set[int] | None = None,
) -> ImportPlan:
    """What importing `records` for `user` would do; nothing is written.

    combine_duplicates: records describing the same person (in the file, or looking like the
    same contact) become one. Off for backups, whose rows are distinct contacts: there each
    contact in Weitblick takes at most one record, and `claimed` holds the ids already taken.
    """
    existing = load_existing(user)
    if combine_duplicates:
        records, combined = combine_in_file(records)
    else:
        records, combined = list(records), []
    claimed = claimed if claimed is not None else set()
    by_id = {contact.id: contact for contact in existing}
    by_email: dict[str, list[int]] = {}
    by_name: dict[tuple[str, str], list[int]] = {}
    for contact in existing:
        if contact.email:
            by_email.setdefault(email_key(contact.email), []).append(contact.id)
        by_name.setdefault(name_key(contact.name, contact.organisation), []).append(contact.id)

    plan = ImportPlan(records=records, combined=combined)
    targets: dict[int, int] = {}  # contact id -> index of the record merged into it
    for index, record in enumerate(records):
        if record.skip_reason:
            plan.skipped.append(Skip(index, record.skip_reason))
            continue
        email_ids: list[int] = []
        for value, _label in record.emails:
            for contact_id in by_email.get(email_key(value), []):
                if contact_id not in claimed and contact_id not in email_ids:
                    email_ids.append(contact_id)
        name_ids = [
            c
            for c in by_name.get(name_key(record.name, record.organisation), [])
            if c not in claimed
        ]
        if email_ids:
            both = [c for c in email_ids if c in name_ids]
            target, matched_by = (both or email_ids)[0], "email"
        elif name_ids:
            target, matched_by = name_ids[0], "name"
        else:
            plan.new.append(index)
            continue
        others = len(set(email_ids) | set(name_ids)) - 1
        if not combine_duplicates:
            claimed.add(target)
        elif target in targets:
            # Two records look like the same contact: they are the same person.
            first = targets[target]
            plan.combined.append(
                Combined(
                    source=record.source,
                    name=record.display_name,
                    into=records[first].source,
                    reason=_("both look like %(name)s in Weitblick") % {"name": by_id[target].name},
                )
            )
            records[first] = combine_records(records[first], record)
            continue
        targets[target] = index
        plan.merges.append(
            Merge(
                index=index,
                contact_id=target,
                contact_name="",
                matched_by=matched_by,
                others=others,
            )
        )

    merges, plan.merges = plan.merges, []
    for pending in merges:
        merge = merge_into(
            by_id[pending.contact_id],
            records[pending.index],
            index=pending.index,
            matched_by=pending.matched_by,
        )
        merge.others = pending.others
        (plan.merges if merge.changes_anything else plan.unchanged).append(merge)
    return plan
