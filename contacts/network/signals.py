"""The writes the network analysis reads mark the person's circles as due for a recompute.

Bulk writes send no signals (bulk_create, QuerySet.update): the import and the backup restore call
note_network_change themselves.
"""

from typing import Any

from django.db import models
from django.db.models.signals import post_delete, post_save

from contacts.models import Contact, ContactAttribute, Dimension, Introduction, Tie

from .tasks import note_network_change

# A contact's save matters to the circles only through these fields (its name is on the map, an
# archived contact leaves the network); saving its rhythm or a note changes no circle.
CONTACT_FIELDS_THE_ANALYSIS_READS = frozenset({"name", "archived"})


def network_row_changed(
    sender: type[models.Model], instance: models.Model, raw: bool = False, **kwargs: Any
) -> None:
    if raw:  # loaddata: fixtures, not a person's edits
        return
    update_fields = kwargs.get("update_fields")
    if (
        sender is Contact
        and update_fields is not None
        and not CONTACT_FIELDS_THE_ANALYSIS_READS & set(update_fields)
    ):
        return
    note_network_change(instance.owner_id)  # type: ignore[attr-defined]


def connect(senders: tuple[type[models.Model], ...]) -> None:
    for sender in senders:
        uid = f"network-change-{sender._meta.label_lower}"
        post_save.connect(network_row_changed, sender=sender, dispatch_uid=uid)
        post_delete.connect(network_row_changed, sender=sender, dispatch_uid=uid)


connect((Contact, ContactAttribute, Dimension, Tie, Introduction))
