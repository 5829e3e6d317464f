"""Contacts written as a CSV table, one column per field and per diversity dimension."""

import io

from django.utils.translation import gettext as _

from contacts.account import User
from contacts.models import Contact, ContactAttribute, ContactQuerySet, Dimension
from contacts.spreadsheets import SpreadsheetWriter

from .records import field_label
from .vcard_export import important_dates_of

FIELDS = (
    "name", "email", "phone", "organisation", "role", "city", "country", "birthday",
    "how_we_met", "met_through", "cadence_days", "trust", "archived", "notes",
)  # fmt: skip


def _header(name: str) -> str:
    if name == "birthday":
        return _("Birthday")
    return field_label(name)


def export_csv(user: User, contacts: ContactQuerySet) -> str:
    """The contacts of the `contacts` queryset as CSV text, with a header line."""
    dimensions = list(Dimension.objects.for_user(user).order_by("position", "id"))
    values: dict[int, dict[int, str]] = {}
    for contact_id, dimension_id, value in ContactAttribute.objects.filter(
        contact__in=contacts.values("pk")
    ).values_list("contact_id", "dimension_id", "value"):
        values.setdefault(contact_id, {})[dimension_id] = value
    dates = important_dates_of(contacts)
    names = dict(
        Contact.objects.for_user(user)
        .filter(pk__in=contacts.values("met_through"))
        .values_list("pk", "name")
    )

    out = io.StringIO()
    writer = SpreadsheetWriter(out, lineterminator="\r\n")
    writer.writerow(
        [_header(name) for name in FIELDS] + [d.name for d in dimensions] + [_("Important dates")]
    )
    for contact in contacts:
        row = {
            name: getattr(contact, name)
            for name in FIELDS
            if name not in ("birthday", "met_through", "archived")
        }
        row["birthday"] = contact.birthday.isoformat() if contact.birthday else ""
        row["met_through"] = (
            names.get(contact.met_through_id, "") if contact.met_through_id is not None else ""
        )
        row["archived"] = _("yes") if contact.archived else ""
        attributes = values.get(contact.pk, {})
        writer.writerow(
            [row[name] for name in FIELDS]
            + [attributes.get(d.id, "") for d in dimensions]
            + ["; ".join(f"{label}: {date}" for label, date in dates.get(contact.pk, []))]
        )
    return out.getvalue()
