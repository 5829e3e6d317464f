"""How one imported record merges into a contact, and how two records of one person combine.

The rule: a merge never overwrites a filled field, least of all with an empty value. An empty
field is filled; a different value from the file goes into the notes as a "label: value" line;
nothing is written twice. docs/import-export.md has the rules in full.
"""

import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from django.utils.translation import gettext as _

from contacts.dates import Birthday
from exchange.formats.records import ContactRecord, clean_text, field_label, note_line

TEXT_FIELDS = ("organisation", "role", "city", "country", "how_we_met")
NUMBER_FIELDS = ("cadence_days", "trust")


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
class Combined:
    """A record that describes the same person as an earlier one in the file, merged into it."""

    source: str
    name: str
    into: str
    reason: str


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
