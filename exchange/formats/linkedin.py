"""The Connections.csv of a LinkedIn data export, read into ContactRecords.

The file starts with a few lines of notes from LinkedIn, then the header:
First Name, Last Name, URL, Email Address, Company, Position, Connected On (older exports have
no URL column). Email addresses are there only for connections who allow it.
"""

import datetime
import re

from django.utils.translation import gettext as _

from exchange.problems import ImportFileError, Problems

from .csv_files import Columns, csv_rows, find_header
from .records import (
    FIELD_LENGTHS,
    ContactRecord,
    check_stored_text,
    clean_text,
    full_name,
    note_line,
)

REQUIRED = ("First Name", "Last Name")
KNOWN = ("First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On")
MONTHS = {
    name: number
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2}) ([A-Za-z]{3})[a-z]* (\d{4})")


def looks_like_linkedin(text: str) -> bool:
    head = text.lstrip()[:4000]
    return head.startswith("Notes:") or (
        "First Name,Last Name" in head and ("Connected On" in head or "Position" in head)
    )


def parse_connected_on(value: str) -> datetime.date:
    """'12 Mar 2024' (what LinkedIn writes) or 2024-03-12; ValueError otherwise."""
    match = _DAY_MONTH_YEAR.fullmatch(value.strip())
    if match and match.group(2).lower() in MONTHS:
        return datetime.date(
            int(match.group(3)), MONTHS[match.group(2).lower()], int(match.group(1))
        )
    return datetime.date.fromisoformat(value.strip())


def parse_linkedin(text: str) -> list[ContactRecord]:
    problems = Problems()
    rows = csv_rows(text, problems)
    problems.raise_if_any()
    header_at = find_header(rows, REQUIRED)
    if header_at is None:
        raise ImportFileError(
            [
                _("This is not a LinkedIn Connections.csv: no line names the columns %(columns)s.")
                % {"columns": ", ".join(KNOWN)}
            ]
        )
    header_line, header = rows[header_at]
    columns = Columns(header)
    records = []
    for line, row in rows[header_at + 1 :]:
        if len(row) != len(header):
            problems.add(
                _(
                    "Line %(line)d: %(found)d columns, but the header on line %(header)d has %(expected)d."
                )
                % {"line": line, "found": len(row), "header": header_line, "expected": len(header)}
            )
            continue
        records.append(_record(line, row, columns, problems))
    problems.raise_if_any()
    return records


def _record(line: int, row: list[str], columns: Columns, problems: Problems) -> ContactRecord:
    record = ContactRecord(source=_("line %(line)d") % {"line": line})
    for name, value in zip(KNOWN, (columns.get(row, name) for name in KNOWN), strict=True):
        reason = check_stored_text(value)
        if reason:
            problems.add(
                _("Line %(line)d, %(field)s: %(message)s")
                % {"line": line, "field": name, "message": reason}
            )
    record.name = full_name(columns.get(row, "First Name"), columns.get(row, "Last Name"))
    if len(record.name) > FIELD_LENGTHS["name"]:
        problems.add(
            _(
                "Line %(line)d, First Name and Last Name: the name is %(length)d characters long; at most %(max)d are allowed"
            )
            % {"line": line, "length": len(record.name), "max": FIELD_LENGTHS["name"]}
        )
    email = columns.get(row, "Email Address")
    if email:
        record.emails.append((email, ""))
    record.organisation = clean_text(columns.get(row, "Company"))
    record.role = clean_text(columns.get(row, "Position"))
    profile = columns.get(row, "URL")
    if profile:
        record.extra_notes.append(note_line(_("LinkedIn"), profile))
    connected = columns.get(row, "Connected On")
    if connected:
        try:
            since = parse_connected_on(connected)
        except ValueError:
            problems.add(
                _("Line %(line)d, Connected On: “%(value)s” is not a date like 12 Mar 2024.")
                % {"line": line, "value": connected}
            )
        else:
            record.extra_notes.append(note_line(_("Connected on LinkedIn"), since.isoformat()))
    if not record.name:
        record.skip_reason = _("LinkedIn gives no name for this connection")
    return record
