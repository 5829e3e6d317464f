"""A Google Contacts CSV export ("Google CSV"), read into ContactRecords.

Google has written two layouts: the current one (First Name, Last Name, Organization Name, Labels,
"E-mail 1 - Label", …) and the older one (Name, Given Name, Family Name, Group Membership,
"E-mail 1 - Type", "Organization 1 - Name", …). Both are read. A cell may hold several values
separated by " ::: ". Every column without a contact field goes into the notes.
"""

import datetime
import re

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from exchange.problems import Problems

from .csv_files import Columns, csv_rows
from .records import (
    FIELD_LENGTHS,
    ContactRecord,
    check_stored_text,
    clean_text,
    full_name,
    note_line,
)
from .vcard import read_date

SEPARATOR = " ::: "
_NUMBERED = re.compile(r"(.+?) (\d+) - (.+)")
# Columns read into fields (or deliberately not kept: "File As" repeats the name).
NAME_COLUMNS = (
    "Name", "First Name", "Given Name", "Middle Name", "Additional Name", "Last Name",
    "Family Name", "Name Prefix", "Name Suffix", "File As",
)  # fmt: skip
FIELD_COLUMNS = (
    "Organization Name",
    "Organization Title",
    "Organization Department",
    "Birthday",
    "Notes",
    "Photo",
    "Labels",
    "Group Membership",
)
# Families of numbered columns ("E-mail 1 - Value") that are read into fields.
FIELD_FAMILIES = ("E-mail", "Phone", "Address", "Website", "Event", "Organization")


def looks_like_google(header_line: str) -> bool:
    return any(
        marker in header_line
        for marker in (
            "E-mail 1 - Value",
            "Phone 1 - Value",
            "Given Name,",
            "Organization 1 - Name",
        )
    ) or ("First Name" in header_line and ("Labels" in header_line or "File As" in header_line))


def _values(cell: str) -> list[str]:
    return [value.strip() for value in cell.split(SEPARATOR) if value.strip()]


KNOWN_LABELS = {
    "home": gettext_noop("home"),
    "work": gettext_noop("work"),
    "mobile": gettext_noop("mobile"),
    "other": gettext_noop("other"),
    "main": gettext_noop("main"),
}


def _label(text: str) -> str:
    label = text.strip().lstrip("*").strip()
    return _(KNOWN_LABELS[label.lower()]) if label.lower() in KNOWN_LABELS else label


def _with_label(text: str, label: str) -> str:
    return f"{text} ({label})" if label else text


def parse_google(text: str) -> list[ContactRecord]:
    problems = Problems()
    rows = csv_rows(text, problems)
    problems.raise_if_any()
    if not rows or not looks_like_google(",".join(rows[0][1])):
        problems.add(
            _(
                "This is not a Google Contacts CSV export: its first line does not name Google's columns (First Name, Last Name, E-mail 1 - Value, …)."
            )
        )
        problems.raise_if_any()
    header_line, header = rows[0]
    columns = Columns(header)
    families: dict[str, set[int]] = {}
    for name in header:
        match = _NUMBERED.fullmatch(name.strip())
        if match:
            families.setdefault(match.group(1), set()).add(int(match.group(2)))
    records = []
    for line, row in rows[1:]:
        if len(row) != len(header):
            problems.add(
                _(
                    "Line %(line)d: %(found)d columns, but the header on line %(header)d has %(expected)d."
                )
                % {"line": line, "found": len(row), "header": header_line, "expected": len(header)}
            )
            continue
        records.append(_record(line, row, header, columns, families, problems))
    problems.raise_if_any()
    return records


def _record(
    line: int,
    row: list[str],
    header: list[str],
    columns: Columns,
    families: dict[str, set[int]],
    problems: Problems,
) -> ContactRecord:
    record = ContactRecord(source=_("line %(line)d") % {"line": line})

    def fail(field: str, message: str) -> None:
        problems.add(
            _("Line %(line)d, %(field)s: %(message)s")
            % {"line": line, "field": field, "message": message}
        )

    for name, cell in zip(header, row, strict=True):
        reason = check_stored_text(cell)
        if reason:
            fail(name, reason)

    get = columns.get
    record.name = clean_text(get(row, "Name")) or full_name(
        get(row, "First Name", "Given Name"),
        get(row, "Last Name", "Family Name"),
        prefix=get(row, "Name Prefix"),
        middle=get(row, "Middle Name", "Additional Name"),
        suffix=get(row, "Name Suffix"),
    )
    record.organisation = clean_text(get(row, "Organization Name", "Organization 1 - Name"))
    record.role = clean_text(get(row, "Organization Title", "Organization 1 - Title"))
    department = clean_text(get(row, "Organization Department", "Organization 1 - Department"))
    if department:
        record.extra_notes.append(note_line(_("Department"), department))
    record.notes = get(row, "Notes").replace("\r\n", "\n").strip()
    if get(row, "Photo"):
        record.left_out.append(_("Photo"))
    for category in _values(get(row, "Labels", "Group Membership")):
        if category.lower().lstrip("* ").replace(" ", "") == "mycontacts":
            continue
        category = _("Starred") if category.lower() == "* starred" else category.lstrip("*").strip()
        if category and category not in record.categories:
            record.categories.append(category)

    birthday = get(row, "Birthday")
    if birthday:
        try:
            record.birthday = read_date(birthday, {})
        except ValueError:
            fail(
                "Birthday",
                _("“%(value)s” is not a date; expected YYYY-MM-DD or --MM-DD")
                % {"value": birthday},
            )
        else:
            if record.birthday is None:
                record.extra_notes.append(note_line(_("Birthday"), birthday))

    def numbered(family: str, part: str, number: int) -> str:
        return get(row, f"{family} {number} - {part}")

    def family_label(family: str, number: int) -> str:
        return _label(numbered(family, "Label", number) or numbered(family, "Type", number))

    for number in sorted(families.get("E-mail", ())):
        for email in _values(numbered("E-mail", "Value", number)):
            record.emails.append((email, family_label("E-mail", number)))
    for number in sorted(families.get("Phone", ())):
        for phone in _values(numbered("Phone", "Value", number)):
            record.phones.append((clean_text(phone), family_label("Phone", number)))
    for index, number in enumerate(sorted(families.get("Address", ()))):
        parts = {
            part: clean_text(numbered("Address", part, number))
            for part in (
                "Street",
                "City",
                "PO Box",
                "Region",
                "Postal Code",
                "Country",
                "Extended Address",
            )
        }
        formatted = ", ".join(
            value.strip()
            for value in numbered("Address", "Formatted", number).splitlines()
            if value.strip()
        )
        if index == 0:
            record.city, record.country = parts["City"], parts["Country"]
        more = any(
            parts[part]
            for part in ("Street", "PO Box", "Region", "Postal Code", "Extended Address")
        )
        if index > 0 or more:
            text = formatted or ", ".join(
                filter(
                    None,
                    [
                        parts["PO Box"],
                        parts["Extended Address"],
                        parts["Street"],
                        clean_text(f"{parts['Postal Code']} {parts['City']}"),
                        parts["Region"],
                        parts["Country"],
                    ],
                )
            )
            if text:
                record.extra_notes.append(
                    note_line(_with_label(_("Address"), family_label("Address", number)), text)
                )
    for number in sorted(families.get("Website", ())):
        for url in _values(numbered("Website", "Value", number)):
            record.extra_notes.append(
                note_line(_with_label(_("Website"), family_label("Website", number)), url)
            )
    for number in sorted(families.get("Event", ())):
        label = family_label("Event", number) or _("Date")
        label = label[:1].upper() + label[1:]
        for value in _values(numbered("Event", "Value", number)):
            try:
                date = read_date(value, {})
            except ValueError:
                fail(
                    f"Event {number} - Value",
                    _("“%(value)s” is not a date; expected YYYY-MM-DD or --MM-DD")
                    % {"value": value},
                )
                continue
            if date is not None and date.year is not None:
                record.important_dates.append(
                    (label, datetime.date(date.year, date.month, date.day))
                )
            else:
                record.extra_notes.append(note_line(label, value))
    for number in sorted(families.get("Organization", ())):
        if number == 1:
            continue
        organisation = ", ".join(
            filter(
                None,
                (
                    numbered("Organization", part, number)
                    for part in ("Name", "Title", "Department")
                ),
            )
        )
        if organisation:
            record.extra_notes.append(note_line(_("Organisation"), organisation))

    # Whatever else the row holds: relations, instant messaging, custom fields, nicknames, …
    for name, cell in zip(header, row, strict=True):
        name = name.strip()
        match = _NUMBERED.fullmatch(name)
        if not cell.strip() or name in NAME_COLUMNS or name in FIELD_COLUMNS:
            continue
        if match:
            family, number, part = match.group(1), int(match.group(2)), match.group(3)
            if family in FIELD_FAMILIES or part in ("Label", "Type", "Service"):
                continue
            label = family_label(family, number)
            service = numbered(family, "Service", number)
            detail = ", ".join(filter(None, [label, service]))
            title = family if part == "Value" else f"{family} {part}"
            if family == "Custom Field" and label:
                title, detail = label, service
            for value in _values(cell):
                record.extra_notes.append(note_line(_with_label(title, detail), value))
        else:
            for value in _values(cell):
                record.extra_notes.append(note_line(name, clean_text(value)))

    if len(record.name) > FIELD_LENGTHS["name"]:
        fail(
            "Name",
            _("the name is %(length)d characters long; at most %(max)d are allowed")
            % {"length": len(record.name), "max": FIELD_LENGTHS["name"]},
        )
    if not record.name:
        record.name = record.organisation or (record.emails[0][0] if record.emails else "")
    if not record.name:
        record.skip_reason = _("it has no name, organisation or email")
    return record
