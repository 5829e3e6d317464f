"""Contacts written as a vCard file, card by card as vcard_mapping writes them."""

from contacts.models import ContactQuerySet, ImportantDate

from .vcard_mapping import card_sources, write_cards

# A file goes to any address book; 4.0 (RFC 6350) is the current standard.
FILE_VERSION = "4.0"


def important_dates_of(contacts: ContactQuerySet) -> dict[int, list[tuple[str, str]]]:
    """Per contact of the `contacts` queryset, its important dates as (label, YYYY-MM-DD)."""
    dates: dict[int, list[tuple[str, str]]] = {}
    rows = ImportantDate.objects.filter(contact__in=contacts.values("pk")).order_by("id")
    for contact_id, label, date in rows.values_list("contact_id", "label", "date"):
        dates.setdefault(contact_id, []).append((label, date.isoformat()))
    return dates


def export_vcards(contacts: ContactQuerySet) -> str:
    """One vCard file holding every contact of the `contacts` queryset, in its order."""
    return write_cards(card_sources(contacts), FILE_VERSION)
