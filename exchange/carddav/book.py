"""One person's address book: its cards and their ETags, sync tokens, and writing a card.

The address book holds the person's active contacts. A card written by a phone updates its
contact the way a sync should: a value on the card replaces Weitblick's, a value missing from the
card never empties a field (phones drop what they do not show). Deleting a card archives the
contact: a CRM keeps the history of a person even when the phone forgets them.
"""

import hashlib
import re
import uuid
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Max

from contacts.account import User
from contacts.models import Contact, ContactAttribute, Dimension, ImportantDate
from exchange.formats.records import ContactRecord
from exchange.formats.vcard_mapping import UID_NAMESPACE, CardSource, card_sources
from exchange.imports.merge_rules import add_to_notes, new_contact_values, note_lines
from exchange.models import AddressBookSync, DavCard

# How many sync tokens per person stay valid; an older one makes the client start afresh
# (RFC 6578 allows it), which costs one full listing.
KEPT_SYNC_STATES = 20
SYNC_TOKEN_PREFIX = "urn:x-weitblick:sync:"
_DEFAULT_HREF = re.compile(r"weitblick-(\d+)\.vcf")


class PreconditionFailed(Exception):
    """If-Match or If-None-Match does not hold: the client's copy is stale (412)."""


def check_preconditions(etag: str | None, *, if_match: str, if_none_match: str) -> None:
    """RFC 9110's If-Match / If-None-Match against the card's ETag now (None: no card)."""
    if if_none_match:
        tags = [t.strip() for t in if_none_match.split(",")]
        if etag is not None and ("*" in tags or etag in tags):
            raise PreconditionFailed
    if if_match:
        tags = [t.strip() for t in if_match.split(",")]
        if etag is None or ("*" not in tags and etag not in tags):
            raise PreconditionFailed


class CardConflict(Exception):
    """The card cannot be stored as it is; `condition` is the CardDAV precondition it fails."""

    def __init__(self, condition: str, message: str):
        super().__init__(message)
        self.condition = condition


def cards(user: User, hrefs: list[str] | None = None) -> list[CardSource]:
    """The cards of the address book (or those among `hrefs`): four queries whatever their number."""
    contacts = Contact.objects.for_user(user).active().order_by("id")
    if hrefs is not None:
        ids = {int(m.group(1)) for h in hrefs if (m := _DEFAULT_HREF.fullmatch(h))}
        chosen = DavCard.objects.for_user(user).filter(href__in=hrefs).values("contact_id")
        contacts = contacts.filter(pk__in=chosen) | contacts.filter(
            pk__in=ids, dav_card__isnull=True
        )
    return card_sources(contacts)


def find_card(user: User, href: str) -> Contact | None:
    """The contact whose card has this name, archived ones included (a PUT may bring one back)."""
    dav_card = DavCard.objects.for_user(user).filter(href=href).select_related("contact").first()
    if dav_card is not None:
        return dav_card.contact
    match = _DEFAULT_HREF.fullmatch(href)
    if match is None:
        return None
    return (
        Contact.objects.for_user(user).filter(pk=int(match.group(1)), dav_card__isnull=True).first()
    )


def current_etag(contact: Contact) -> str | None:
    """The ETag of the contact's card, None when it is not in the address book (archived)."""
    if contact.archived:
        return None
    return card_sources(Contact.objects.filter(pk=contact.pk))[0].etag()


# --- Sync tokens ----------------------------------------------------------------------------------


def ctag(sources: list[CardSource]) -> str:
    """One value that changes whenever any card does, or one comes or goes."""
    digest = hashlib.sha256()
    for source in sorted(sources, key=lambda s: s.href):
        digest.update(f"{source.href}\0{source.etag()}\n".encode())
    return digest.hexdigest()[:32]


def sync_state(user: User, sources: list[CardSource]) -> AddressBookSync:
    """The stored state matching the address book now: the latest if nothing changed since."""
    etags = {source.href: source.etag() for source in sources}
    latest = AddressBookSync.objects.for_user(user).first()
    if latest is not None and latest.etags == etags:
        return latest
    state = AddressBookSync.objects.create(owner=user, etags=etags)
    old = AddressBookSync.objects.for_user(user).values_list("pk", flat=True)[KEPT_SYNC_STATES:]
    AddressBookSync.objects.filter(pk__in=list(old)).delete()
    return state


def sync_token(state: AddressBookSync) -> str:
    return f"{SYNC_TOKEN_PREFIX}{state.pk}"


def state_of_token(user: User, token: str) -> AddressBookSync | None:
    """The state a sync token stands for; None for a token that is unknown, expired or not
    this person's."""
    number = token.removeprefix(SYNC_TOKEN_PREFIX)
    if not token.startswith(SYNC_TOKEN_PREFIX) or not number.isdigit():
        return None
    return AddressBookSync.objects.for_user(user).filter(pk=int(number)).first()


@dataclass
class Changes:
    changed: list[CardSource]
    removed: list[str]


def changes_since(before: AddressBookSync | None, sources: list[CardSource]) -> Changes:
    """What a client holding `before` needs to fetch and drop (everything when None)."""
    old = before.etags if before is not None else {}
    now = {source.href for source in sources}
    return Changes(
        changed=[source for source in sources if old.get(source.href) != source.etag()],
        removed=sorted(set(old) - now),
    )


# --- Writing a card -------------------------------------------------------------------------------


def _dimension_ids(user: User, names: set[str]) -> dict[str, int]:
    existing = dict(
        Dimension.objects.for_user(user).filter(name__in=names).values_list("name", "id")
    )
    last = Dimension.objects.for_user(user).aggregate(last=Max("position"))["last"] or 0
    for offset, name in enumerate(sorted(names - existing.keys()), 1):
        existing[name] = Dimension.objects.create(owner=user, name=name, position=last + offset).pk
    return existing


def _contact_by_uid(user: User, uid: str) -> Contact | None:
    """The person's contact whose card carries `uid` (a phone's UID, or a derived one)."""
    if not uid:
        return None
    dav_card = DavCard.objects.for_user(user).filter(uid=uid).select_related("contact").first()
    if dav_card is not None:
        return dav_card.contact
    for contact_id in Contact.objects.for_user(user).values_list("pk", flat=True):
        if uid == f"urn:uuid:{uuid.uuid5(UID_NAMESPACE, f'{user.pk}:{contact_id}')}":
            return Contact.objects.get(pk=contact_id)
    return None


def _sync_values(contact: Contact, record: ContactRecord) -> None:
    """Copy the card's values onto the contact; what the card leaves empty stays as it was."""
    contact.name = record.name or contact.name
    if record.emails:
        contact.email = record.emails[0][0]
    if record.phones:
        contact.phone = record.phones[0][0]
    for name in ("organisation", "role", "city", "country", "how_we_met"):
        if getattr(record, name).strip():
            setattr(contact, name, getattr(record, name).strip())
    for name in ("cadence_days", "trust"):
        if getattr(record, name) is not None:
            setattr(contact, name, getattr(record, name))
    if record.birthday is not None:
        contact.birthday = record.birthday
    notes = record.notes.strip() or contact.notes
    lines = note_lines(record, except_emails=[contact.email], except_phones=[contact.phone])
    contact.notes, _added = add_to_notes(notes, "", lines)


def _lock(user: User) -> None:
    """Take turns with other writes into the same address book (and with imports, which lock
    the same row), so that a precondition checked here still holds when the write is made."""
    get_user_model().objects.select_for_update().filter(pk=user.pk).first()


@transaction.atomic
def put_card(
    user: User, href: str, record: ContactRecord, *, if_match: str = "", if_none_match: str = ""
) -> tuple[Contact, bool]:
    """Store a card a client sent to `href`; returns the contact and whether it is new.

    PreconditionFailed when If-Match / If-None-Match do not hold: nothing is written then.
    """
    _lock(user)
    contact = find_card(user, href)
    check_preconditions(
        current_etag(contact) if contact is not None else None,
        if_match=if_match,
        if_none_match=if_none_match,
    )
    created = contact is None
    uid = record.ref or f"urn:uuid:{uuid.uuid4()}"
    if contact is None:
        if DavCard.objects.for_user(user).filter(uid=uid).exists():
            raise CardConflict("no-uid-conflict", "Another card in this address book has this UID.")
        contact = Contact(owner=user, **new_contact_values(record))
        contact.archived = False
    else:
        _sync_values(contact, record)
        contact.archived = False
    through = _contact_by_uid(user, record.met_through)
    if through is not None and through.pk != contact.pk:
        contact.met_through = through
    contact.full_clean(exclude=["owner", "met_through"])
    contact.save()
    if created:
        try:
            with transaction.atomic():
                DavCard.objects.create(owner=user, contact=contact, href=href, uid=uid)
        except IntegrityError:
            raise CardConflict(
                "no-uid-conflict", "Another card in this address book has this UID."
            ) from None
    if record.attributes:
        dimension_ids = _dimension_ids(user, set(record.attributes))
        for name, value in record.attributes.items():
            ContactAttribute.objects.update_or_create(
                owner=user,
                contact=contact,
                dimension_id=dimension_ids[name],
                defaults={"value": value},
            )
    known = set(contact.important_dates.values_list("label", "date")) if not created else set()
    ImportantDate.objects.bulk_create(
        [
            ImportantDate(owner=user, contact=contact, label=label, date=date)
            for label, date in dict.fromkeys(record.important_dates)
            if (label, date) not in known
        ]
    )
    return contact, created


@transaction.atomic
def delete_card(user: User, href: str, *, if_match: str = "") -> bool:
    """What deleting a card does: the contact is archived, with all its history.

    False when there is no such card; PreconditionFailed when If-Match does not hold.
    """
    _lock(user)
    contact = find_card(user, href)
    if contact is None or contact.archived:
        return False
    check_preconditions(current_etag(contact), if_match=if_match, if_none_match="")
    contact.archived = True
    contact.save(update_fields=["archived", "updated_at"])
    return True
