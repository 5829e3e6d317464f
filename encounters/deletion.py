"""Deleting a contact: the encounters that were theirs alone go with them, shared ones stay."""

from django.db import transaction

from contacts.models import Contact, Introduction, Tie

from .models import Encounter, EncounterParticipant, EncounterQuerySet


def encounters_alone(contact: Contact) -> EncounterQuerySet:
    """The contact's encounters in which nobody else took part."""
    shared = (
        EncounterParticipant.objects.filter(
            encounter_id__in=EncounterParticipant.objects.filter(contact=contact).values(
                "encounter_id"
            )
        )
        .exclude(contact=contact)
        .values("encounter_id")
    )
    return Encounter.objects.filter(participants=contact).exclude(pk__in=shared)


def deletion_summary(contact: Contact) -> dict[str, int]:
    """What goes when a contact is deleted, so the confirmation can say it plainly."""
    alone = encounters_alone(contact).count()
    return {
        "encounters_alone": alone,
        "encounters_shared": EncounterParticipant.objects.filter(contact=contact).count() - alone,
        "ties": Tie.objects.involving(contact).count(),
        "dates": contact.important_dates.count(),
        "introductions": Introduction.objects.involving(contact).count(),
        "introduced": contact.introduced_contacts.count(),
    }


def delete_contact(contact: Contact) -> None:
    """Delete a contact with the encounters that were theirs alone; shared ones keep the others.

    The contact's encounters are locked first (in id order, so two deletes never wait on each
    other in a circle). Two people who shared an encounter, deleted at the same moment, would
    otherwise each see the other still in it and keep it: an encounter with nobody left. Locked,
    the second delete waits for the first and then finds itself alone in it.
    """
    with transaction.atomic():
        list(
            Encounter.objects.filter(participants=contact)
            .select_for_update(of=("self",))
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        encounters_alone(contact).delete()
        contact.delete()
