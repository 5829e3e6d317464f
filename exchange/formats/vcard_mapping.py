"""Which contact field is which vCard property: the one mapping the vCard export and the CardDAV
address book write, and that the vCard import (vcard.py) reads back.

What Weitblick knows and vCard has no property for (how we met, met through, the keep-in-touch
rhythm, trust, the diversity dimensions) travels in X-WEITBLICK-* properties, so that a card that
goes through a phone or a file and comes back loses none of it. Cards are written as vCard 3.0,
which every address book reads (iOS and macOS Contacts know no other), or 4.0 on request.
"""

import datetime
import hashlib
import uuid
from collections.abc import Iterable
from dataclasses import astuple, dataclass

import vobject
from django.db.models import F
from vobject.vcard import Address, Name

from contacts.dates import Birthday
from contacts.models import Contact, ContactAttribute, ContactQuerySet, ImportantDate

from .records import is_east_asian

PRODID = "-//Weitblick//Weitblick contacts//EN"
VERSIONS = ("3.0", "4.0")
# UIDs are derived from the contact, so a second export updates the cards of the first.
UID_NAMESPACE = uuid.UUID("9f3c2b1e-6a4d-4c8b-9e7f-2d1a0b3c4e5f")
# Changes whenever what a card holds for the same contact changes, so that every ETag changes too.
MAPPING_REVISION = "1"
# Apple's stand-in for an unknown birth year in vCard 3.0, which has no date without a year.
APPLE_NO_YEAR = 1604

HOW_WE_MET = "X-WEITBLICK-HOW-WE-MET"
MET_THROUGH = "X-WEITBLICK-MET-THROUGH"
CADENCE = "X-WEITBLICK-CADENCE"
TRUST = "X-WEITBLICK-TRUST"
# X-WEITBLICK-DIMENSION;X-NAME=Industry:Energy
DIMENSION = "X-WEITBLICK-DIMENSION"
DIMENSION_NAME = "X-NAME"
WEITBLICK_PROPERTIES = frozenset({HOW_WE_MET, MET_THROUGH, CADENCE, TRUST, DIMENSION})


def contact_uid(owner_id: int, contact_id: int) -> str:
    return f"urn:uuid:{uuid.uuid5(UID_NAMESPACE, f'{owner_id}:{contact_id}')}"


def default_href(contact_id: int) -> str:
    """The name of a contact's card in the address book, unless a client chose another."""
    return f"weitblick-{contact_id}.vcf"


@dataclass(frozen=True)
class CardSource:
    """Everything a contact's card shows, as plain values: the card is written from it, and its
    ETag is a hash of it, so listing thousands of cards needs no card to be written."""

    uid: str
    name: str
    contact_id: int = 0
    # The card's name in the CardDAV address book.
    href: str = ""
    email: str = ""
    phone: str = ""
    organisation: str = ""
    role: str = ""
    city: str = ""
    country: str = ""
    birthday: Birthday | None = None
    notes: str = ""
    how_we_met: str = ""
    cadence_days: int | None = None
    trust: int | None = None
    met_through_uid: str = ""
    important_dates: tuple[tuple[str, str], ...] = ()  # (label, YYYY-MM-DD)
    attributes: tuple[tuple[str, str], ...] = ()  # (dimension, value)
    revised: datetime.datetime | None = None

    def etag(self) -> str:
        """The card's ETag: the same for the same content, different for any other.

        One for both versions: a client that asks for 4.0 in a REPORT must see the ETags the
        listing (which says nothing of versions) shows, or it would fetch every card each time.
        """
        digest = hashlib.sha256(repr((MAPPING_REVISION, astuple(self))).encode())
        return f'"{digest.hexdigest()[:32]}"'


def split_name(name: str) -> Name:
    """N's parts from a full name: the last word is taken as the family name, except in
    Chinese, Japanese and Korean names, written family name first without a space."""
    words = name.split()
    if is_east_asian(name) and len(words) == 1:
        return Name(family=name[:1], given=name[1:])
    if len(words) < 2:
        return Name(family=name)
    return Name(family=words[-1], given=" ".join(words[:-1]))


def _birthday_value(birthday: Birthday, version: str) -> tuple[str, dict[str, list[str]]]:
    if birthday.year is not None:
        if version == "3.0":
            return birthday.isoformat(), {}
        return f"{birthday.year:04d}{birthday.month:02d}{birthday.day:02d}", {}
    if version == "3.0":
        value = f"{APPLE_NO_YEAR}-{birthday.month:02d}-{birthday.day:02d}"
        return value, {"X-APPLE-OMIT-YEAR": [str(APPLE_NO_YEAR)]}
    return f"--{birthday.month:02d}{birthday.day:02d}", {}


def write_card(source: CardSource, version: str = "3.0") -> str:
    """The card of one contact, as vCard `version` text (CRLF line ends, folded)."""
    card = vobject.vCard()
    card.add("version").value = version
    card.add("prodid").value = PRODID
    card.add("uid").value = source.uid
    card.add("fn").value = source.name
    card.add("n").value = split_name(source.name)
    if source.email:
        card.add("email").value = source.email
    if source.phone:
        card.add("tel").value = source.phone
    if source.organisation:
        card.add("org").value = [source.organisation]
    if source.role:
        card.add("title").value = source.role
    if source.city or source.country:
        card.add("adr").value = Address(city=source.city, country=source.country)
    if source.birthday is not None:
        line = card.add("bday")
        line.value, params = _birthday_value(source.birthday, version)
        line.params.update(params)
    for number, (label, date) in enumerate(source.important_dates, 1):
        # Apple's and Google's way of labelled dates; Weitblick reads them back as important dates.
        item = card.add("x-abdate")
        item.value, item.group = date, f"item{number}"
        labelled = card.add("x-ablabel")
        labelled.value, labelled.group = label, f"item{number}"
    if source.notes:
        card.add("note").value = source.notes
    if source.how_we_met:
        card.add(HOW_WE_MET.lower()).value = source.how_we_met
    if source.met_through_uid:
        card.add(MET_THROUGH.lower()).value = source.met_through_uid
    if source.cadence_days is not None:
        card.add(CADENCE.lower()).value = str(source.cadence_days)
    if source.trust is not None:
        card.add(TRUST.lower()).value = str(source.trust)
    for dimension, value in source.attributes:
        line = card.add(DIMENSION.lower())
        # A double quote cannot stand inside a quoted parameter value.
        line.value, line.params[DIMENSION_NAME] = value, [dimension.replace('"', "'")]
    if source.revised is not None:
        card.add("rev").value = source.revised.strftime("%Y%m%dT%H%M%SZ")
    text: str = card.serialize()
    return text


def card_sources(contacts: ContactQuerySet) -> list[CardSource]:
    """The CardSource of every contact of the `contacts` queryset, in its order: three queries.

    A card made on a phone keeps the UID the phone gave it (DavCard); the others have one
    derived from the contact.
    """
    rows = list(
        contacts.values(
            "id", "owner_id", "name", "email", "phone", "organisation", "role", "city",
            "country", "birthday_year", "birthday_month", "birthday_day", "notes",
            "how_we_met", "cadence_days", "trust", "met_through_id", "updated_at",
        ).annotate(
            dav_uid=F("dav_card__uid"),
            dav_href=F("dav_card__href"),
            met_through_owner=F("met_through__owner_id"),
            met_through_dav_uid=F("met_through__dav_card__uid"),
        )
    )  # fmt: skip
    ids = [row["id"] for row in rows]
    dates: dict[int, list[tuple[str, str]]] = {}
    for contact_id, label, date in (
        ImportantDate.objects.filter(contact_id__in=ids)
        .order_by("id")
        .values_list("contact_id", "label", "date")
    ):
        dates.setdefault(contact_id, []).append((label, date.isoformat()))
    attributes: dict[int, list[tuple[str, str]]] = {}
    for contact_id, dimension, value in (
        ContactAttribute.objects.filter(contact_id__in=ids)
        .order_by("dimension__position", "dimension_id")
        .values_list("contact_id", "dimension__name", "value")
    ):
        attributes.setdefault(contact_id, []).append((dimension, value))

    return [
        CardSource(
            uid=row["dav_uid"] or contact_uid(row["owner_id"], row["id"]),
            contact_id=row["id"],
            href=row["dav_href"] or default_href(row["id"]),
            name=row["name"],
            email=row["email"],
            phone=row["phone"],
            organisation=row["organisation"],
            role=row["role"],
            city=row["city"],
            country=row["country"],
            birthday=Birthday(
                month=row["birthday_month"], day=row["birthday_day"], year=row["birthday_year"]
            )
            if row["birthday_month"] and row["birthday_day"]
            else None,
            notes=row["notes"],
            how_we_met=row["how_we_met"],
            cadence_days=row["cadence_days"],
            trust=row["trust"],
            met_through_uid=(
                row["met_through_dav_uid"]
                or contact_uid(row["met_through_owner"], row["met_through_id"])
            )
            if row["met_through_id"]
            else "",
            important_dates=tuple(dates.get(row["id"], [])),
            attributes=tuple(attributes.get(row["id"], [])),
            revised=row["updated_at"],
        )
        for row in rows
    ]


def write_cards(sources: Iterable[CardSource], version: str = "3.0") -> str:
    return "".join(write_card(source, version) for source in sources)


def contact_source(contact: Contact) -> CardSource:
    """One contact's CardSource (three queries)."""
    return card_sources(Contact.objects.filter(pk=contact.pk))[0]
