"""Adding a contact by hand: the same person added twice, at once or one after the other, is one."""

from django.db import transaction

from .account import lock_account
from .models import Contact


def same_person(contact: Contact) -> Contact | None:
    """The user's contact with this name and this email address (in any case), if there is one.

    Both must match: namesakes are different people, and so are people who share an address.
    """
    if not contact.email:
        return None
    return (
        Contact.objects.for_user(contact.owner)
        .filter(name__iexact=contact.name.strip(), email__iexact=contact.email.strip())
        .order_by("pk")
        .first()
    )


def add_contact(contact: Contact) -> tuple[Contact, bool]:
    """Save a new contact unless the same person is already there; (the contact, whether new)."""
    with transaction.atomic():
        lock_account(contact.owner)
        existing = same_person(contact)
        if existing is not None:
            return existing, False
        contact.save()
        return contact, True
