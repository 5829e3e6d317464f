"""Contacts written as vCard 4.0 (RFC 6350) with vobject, for address books and phones."""

import uuid
from collections.abc import Sequence

import vobject
from vobject.vcard import Address, Name

from contacts.models import Contact, ContactQuerySet, ImportantDate

from .records import is_east_asian

PRODID = "-//Weitblick//Weitblick contacts//EN"
# UIDs are derived from the contact, so a second export updates the cards of the first.
UID_NAMESPACE = uuid.UUID("9f3c2b1e-6a4d-4c8b-9e7f-2d1a0b3c4e5f")


def split_name(name: str) -> Name:
    """N's parts from a full name: the last word is taken as the family name, except in
    Chinese, Japanese and Korean names, written family name first without a space."""
    words = name.split()
    if is_east_asian(name) and len(words) == 1:
        return Name(family=name[:1], given=name[1:])
    if len(words) < 2:
        return Name(family=name)
    return Name(family=words[-1], given=" ".join(words[:-1]))


def contact_card(
    contact: Contact, important_dates: Sequence[tuple[str, str]] = ()
) -> vobject.base.Component:
    card = vobject.vCard()
    card.add("version").value = "4.0"
    card.add("prodid").value = PRODID
    card.add(
        "uid"
    ).value = f"urn:uuid:{uuid.uuid5(UID_NAMESPACE, f'{contact.owner_id}:{contact.pk}')}"
    card.add("fn").value = contact.name
    card.add("n").value = split_name(contact.name)
    if contact.email:
        card.add("email").value = contact.email
    if contact.phone:
        card.add("tel").value = contact.phone
    if contact.organisation:
        card.add("org").value = [contact.organisation]
    if contact.role:
        card.add("title").value = contact.role
    if contact.city or contact.country:
        card.add("adr").value = Address(city=contact.city, country=contact.country)
    birthday = contact.birthday
    if birthday is not None:
        year = f"{birthday.year:04d}" if birthday.year else "--"
        card.add("bday").value = f"{year}{birthday.month:02d}{birthday.day:02d}"
    for number, (label, date) in enumerate(important_dates, 1):
        # Apple's and Google's way of labelled dates; Weitblick reads them back as important dates.
        item = card.add("x-abdate")
        item.value, item.group = date, f"item{number}"
        labelled = card.add("x-ablabel")
        labelled.value, labelled.group = label, f"item{number}"
    if contact.notes:
        card.add("note").value = contact.notes
    card.add("rev").value = contact.updated_at.strftime("%Y%m%dT%H%M%SZ")
    return card


def important_dates_of(contacts: ContactQuerySet) -> dict[int, list[tuple[str, str]]]:
    """Per contact of the `contacts` queryset, its important dates as (label, YYYY-MM-DD)."""
    dates: dict[int, list[tuple[str, str]]] = {}
    rows = ImportantDate.objects.filter(contact__in=contacts.values("pk")).order_by("id")
    for contact_id, label, date in rows.values_list("contact_id", "label", "date"):
        dates.setdefault(contact_id, []).append((label, date.isoformat()))
    return dates


def export_vcards(contacts: ContactQuerySet) -> str:
    """One vCard 4.0 file holding every contact of the `contacts` queryset, in its order."""
    dates = important_dates_of(contacts)
    return "".join(
        contact_card(contact, dates.get(contact.pk, [])).serialize() for contact in contacts
    )
