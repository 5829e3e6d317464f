"""Which imported records are people already in Weitblick, and what merging them would change.

`plan_import` loads a person's contacts once (three queries, whatever their number) and decides
for each record: a new contact, a merge into an existing one (field by field), nothing new, or
skipped with a reason. The merge never overwrites a filled field, least of all with an empty
value: a different value from the file goes into the notes. docs/import-export.md has the rules.
"""

import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from django.utils.translation import gettext as _

from contacts.models import Birthday, Contact, ContactAttribute, ImportantDate

from .records import ContactRecord, clean_text, note_line

TEXT_FIELDS = ("organisation", "role", "city", "country", "how_we_met")
NUMBER_FIELDS = ("cadence_days", "trust")


def field_label(name: str) -> str:
    label = str(Contact._meta.get_field(name).verbose_name)
    return label[:1].upper() + label[1:]


def email_key(email: str) -> str:
    return email.strip().casefold()


def phone_key(phone: str) -> str:
    return re.sub(r"[^\d+]", "", phone)


def name_key(name: str, organisation: str) -> tuple[str, str]:
    return clean_text(name).casefold(), clean_text(organisation).casefold()


def _with_label(text: str, label: str) -> str:
    return f"{text} ({label})" if label else text


@dataclass
class Existing:
    """What a contact holds now, as plain values."""

    id: int
    name: str
    email: str = ""
    phone: str = ""
    organisation: str = ""
    role: str = ""
    city: str = ""
    country: str = ""
    birthday: Birthday | None = None
    how_we_met: str = ""
    notes: str = ""
    cadence_days: int | None = None
    trust: int | None = None
    met_through_id: int | None = None
    attributes: dict[str, str] = field(default_factory=dict)
    important_dates: set[tuple[str, datetime.date]] = field(default_factory=set)


@dataclass
class Change:
    """One field of one contact: filled from the file, or kept, with the file's value noted."""

    field: str
    label: str
    old: str
    new: str
    noted: bool = False


@dataclass
class Merge:
    index: int
    contact_id: int
    contact_name: str
    matched_by: str
    changes: list[Change] = field(default_factory=list)
    values: dict = field(default_factory=dict)
    notes_added: list[str] = field(default_factory=list)
    attributes: dict[str, str] = field(default_factory=dict)
    important_dates: list[tuple[str, datetime.date]] = field(default_factory=list)
    # How many other contacts looked like this person too (the first one is merged into).
    others: int = 0

    @property
    def changes_anything(self) -> bool:
        return bool(self.values or self.attributes or self.important_dates)


@dataclass
class Skip:
    index: int
    reason: str


@dataclass
class Combined:
    """A record that describes the same person as an earlier one in the file, merged into it."""

    source: str
    name: str
    into: str
    reason: str


@dataclass
class ImportPlan:
    records: list[ContactRecord]
    new: list[int] = field(default_factory=list)
    merges: list[Merge] = field(default_factory=list)
    unchanged: list[Merge] = field(default_factory=list)
    skipped: list[Skip] = field(default_factory=list)
    combined: list[Combined] = field(default_factory=list)


def load_existing(user) -> list[Existing]:
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


# --- Notes ----------------------------------------------------------------------------------------


def note_lines(
    record: ContactRecord, *, except_emails: Iterable[str] = (), except_phones: Iterable[str] = ()
) -> list[str]:
    """The "label: value" lines a record adds to the notes: the emails and phones that do not
    go into their field, what the format carries without a field, and the categories."""
    skip_emails = {email_key(email) for email in except_emails}
    skip_phones = {phone_key(phone) for phone in except_phones}
    lines = []
    for value, label in record.emails:
        if email_key(value) not in skip_emails:
            lines.append(note_line(_with_label(_("Email"), label), value))
            skip_emails.add(email_key(value))
    for value, label in record.phones:
        if phone_key(value) not in skip_phones:
            lines.append(note_line(_with_label(_("Phone"), label), value))
            skip_phones.add(phone_key(value))
    lines += record.extra_notes
    if record.categories:
        lines.append(note_line(_("Categories"), ", ".join(record.categories)))
    return lines


def add_to_notes(notes: str, text: str, lines: list[str]) -> tuple[str, list[str]]:
    """The notes with `text` and `lines` appended where they are not in them yet; what was added."""
    present = {line.strip() for line in notes.splitlines()}
    added, blocks = [], []
    if text.strip() and text.strip() not in notes:
        blocks.append(text.strip())
        added.append(text.strip())
        present.update(line.strip() for line in text.splitlines())
    new_lines = []
    for line in lines:
        if line.strip() not in present:
            new_lines.append(line)
            present.add(line.strip())
    if new_lines:
        blocks.append("\n".join(new_lines))
        added += new_lines
    if not blocks:
        return notes, []
    return "\n\n".join(filter(None, [notes.rstrip(), *blocks])), added


# --- New contacts and merges ----------------------------------------------------------------------


def new_contact_values(record: ContactRecord) -> dict:
    """The fields of the contact a record becomes."""
    email = record.emails[0][0] if record.emails else ""
    phone = record.phones[0][0] if record.phones else ""
    notes, _added = add_to_notes(
        "", record.notes, note_lines(record, except_emails=[email], except_phones=[phone])
    )
    return {
        "name": record.name,
        "email": email,
        "phone": phone,
        "organisation": record.organisation,
        "role": record.role,
        "city": record.city,
        "country": record.country,
        "birthday": record.birthday,
        "how_we_met": record.how_we_met,
        "cadence_days": record.cadence_days,
        "trust": record.trust,
        "archived": record.archived,
        "notes": notes,
    }


def merge_into(existing: Existing, record: ContactRecord, *, index: int, matched_by: str) -> Merge:
    """What merging `record` into `existing` changes: empty fields are filled, filled fields
    keep their value (a different one from the file goes into the notes), nothing is emptied."""
    merge = Merge(
        index=index, contact_id=existing.id, contact_name=existing.name, matched_by=matched_by
    )
    conflicts: list[tuple[Change, str]] = []

    if record.name and clean_text(record.name).casefold() != clean_text(existing.name).casefold():
        conflicts.append(
            (
                Change("name", field_label("name"), existing.name, record.name, noted=True),
                note_line(_("Other name"), record.name),
            )
        )

    email = existing.email
    if not email and record.emails:
        email = record.emails[0][0]
        merge.values["email"] = email
        merge.changes.append(Change("email", field_label("email"), "", email))
    phone = existing.phone
    if not phone and record.phones:
        phone = record.phones[0][0]
        merge.values["phone"] = phone
        merge.changes.append(Change("phone", field_label("phone"), "", phone))

    for name in TEXT_FIELDS:
        new, old = getattr(record, name).strip(), getattr(existing, name)
        if not new:
            continue
        if not old.strip():
            merge.values[name] = new
            merge.changes.append(Change(name, field_label(name), "", new))
        elif clean_text(old).casefold() != clean_text(new).casefold():
            change = Change(name, field_label(name), old, new, noted=True)
            conflicts.append((change, note_line(field_label(name), new)))

    for name in NUMBER_FIELDS:
        new, old = getattr(record, name), getattr(existing, name)
        if new is None:
            continue
        if old is None:
            merge.values[name] = new
            merge.changes.append(Change(name, field_label(name), "", str(new)))
        elif old != new:
            conflicts.append(
                (
                    Change(name, field_label(name), str(old), str(new), noted=True),
                    note_line(field_label(name), str(new)),
                )
            )

    _merge_birthday(existing, record, merge, conflicts)

    for dimension, value in record.attributes.items():
        old = existing.attributes.get(dimension)
        if old is None:
            merge.attributes[dimension] = value
            merge.changes.append(Change("attribute", dimension, "", value))
        elif old != value:
            conflicts.append(
                (
                    Change("attribute", dimension, old, value, noted=True),
                    note_line(dimension, value),
                )
            )
    for label, date in record.important_dates:
        if (label, date) not in existing.important_dates and (
            label,
            date,
        ) not in merge.important_dates:
            merge.important_dates.append((label, date))
            merge.changes.append(Change("important_date", label, "", date.isoformat()))

    lines = note_lines(record, except_emails=[email], except_phones=[phone])
    notes, added = add_to_notes(
        existing.notes, record.notes, [line for _change, line in conflicts] + lines
    )
    if added:
        merge.values["notes"] = notes
        merge.notes_added = added
    # A conflict is worth showing only when its value is news to the notes.
    merge.changes += [change for change, line in conflicts if line in added]
    return merge


def _merge_birthday(
    existing: Existing, record: ContactRecord, merge: Merge, conflicts: list
) -> None:
    new, old = record.birthday, existing.birthday
    if new is None or new == old:
        return
    label = _("Birthday")
    if old is None:
        merge.values["birthday"] = new
        merge.changes.append(Change("birthday", label, "", new.isoformat()))
    elif (old.month, old.day) == (new.month, new.day) and old.year is None:
        # The file knows the year the contact lacks: that fills, it does not overwrite.
        merge.values["birthday"] = new
        merge.changes.append(Change("birthday", label, old.isoformat(), new.isoformat()))
    elif (old.month, old.day) != (new.month, new.day) or new.year is not None:
        conflicts.append(
            (
                Change("birthday", label, old.isoformat(), new.isoformat(), noted=True),
                note_line(label, new.isoformat()),
            )
        )


# --- Duplicates within the file -------------------------------------------------------------------


def combine_records(first: ContactRecord, other: ContactRecord) -> ContactRecord:
    """One record for two that describe the same person; the first one's values win, the
    other's differing values are kept as notes."""
    combined = replace(
        first,
        emails=list(first.emails),
        phones=list(first.phones),
        extra_notes=list(first.extra_notes),
        categories=list(first.categories),
        important_dates=list(first.important_dates),
        left_out=list(first.left_out),
        attributes=dict(first.attributes),
    )
    emails = {email_key(value) for value, _label in combined.emails}
    combined.emails += [(v, label) for v, label in other.emails if email_key(v) not in emails]
    phones = {phone_key(value) for value, _label in combined.phones}
    combined.phones += [(v, label) for v, label in other.phones if phone_key(v) not in phones]
    extra = []
    if other.name and clean_text(other.name).casefold() != clean_text(first.name).casefold():
        extra.append(note_line(_("Other name"), other.name))
    for name in (*TEXT_FIELDS, *NUMBER_FIELDS):
        mine, theirs = getattr(combined, name), getattr(other, name)
        if theirs in ("", None):
            continue
        if mine in ("", None):
            setattr(combined, name, theirs)
        elif str(mine).casefold() != str(theirs).casefold():
            extra.append(note_line(field_label(name), str(theirs)))
    if other.birthday is not None:
        if combined.birthday is None:
            combined.birthday = other.birthday
        elif combined.birthday != other.birthday:
            extra.append(note_line(_("Birthday"), other.birthday.isoformat()))
    if other.notes.strip() and other.notes.strip() not in combined.notes:
        combined.notes = "\n\n".join(filter(None, [combined.notes, other.notes.strip()]))
    for line in [*extra, *other.extra_notes]:
        if line not in combined.extra_notes:
            combined.extra_notes.append(line)
    combined.categories += [c for c in other.categories if c not in combined.categories]
    combined.important_dates += [
        d for d in other.important_dates if d not in combined.important_dates
    ]
    combined.left_out += other.left_out
    for dimension, value in other.attributes.items():
        combined.attributes.setdefault(dimension, value)
    return combined


def _keys(record: ContactRecord) -> list:
    keys: list = [("email", email_key(value)) for value, _label in record.emails]
    if record.name:
        keys.append(("name", name_key(record.name, record.organisation)))
    return keys


def combine_in_file(records: list[ContactRecord]) -> tuple[list[ContactRecord], list[Combined]]:
    """The records with those describing the same person (a shared email, or the same name and
    organisation) combined into the first of them."""
    kept: list[ContactRecord] = []
    owner_of: dict = {}
    combined: list[Combined] = []
    for record in records:
        if record.skip_reason:
            kept.append(record)
            continue
        match = next(((key, owner_of[key]) for key in _keys(record) if key in owner_of), None)
        if match is None:
            position = len(kept)
            kept.append(record)
        else:
            key, position = match
            first = kept[position]
            combined.append(
                Combined(
                    source=record.source,
                    name=record.display_name,
                    into=first.source,
                    reason=_("the same email address")
                    if key[0] == "email"
                    else _("the same name and organisation"),
                )
            )
            kept[position] = combine_records(first, record)
        for key in _keys(kept[position]):
            owner_of.setdefault(key, position)
    return kept, combined


# --- The plan -------------------------------------------------------------------------------------


def plan_import(
    user,
    records: list[ContactRecord],
    *,
    combine_duplicates: bool = True,
    claimed: set[int] | None = None,
    existing: list[Existing] | None = None,
) -> ImportPlan:
    """What importing `records` for `user` would do; nothing is written.

    combine_duplicates: records describing the same person (in the file, or looking like the
    same contact) become one. Off for backups, whose rows are distinct contacts: there each
    contact in Weitblick takes at most one record, and `claimed` holds the ids already taken.
    """
    if existing is None:
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
