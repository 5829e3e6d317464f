"""The panels of a contact page that belong to contacts/: one builder for the page and every swap.

The full page (encounters/contact_views.py) and each htmx handler that redraws one panel
(contacts/views.py) take their context from contact_sections(), so a panel never shows data
assembled differently in two places. Each panel is computed only when a template reads it: a swap of
the ties costs the ties' query, not the whole page's.
"""

from collections.abc import Callable
from typing import Any

from django.db import connection
from django.db.models import OuterRef, Subquery
from django.utils.functional import SimpleLazyObject

from .forms import ImportantDateForm, TieForm
from .models import Contact, ContactAttribute, Dimension, ImportantDate, Introduction, Tie

# How far "met through" is followed: you ← Anna ← Ben ← …; a longer chain says nothing more.
CHAIN_MAX = 12


def _lazy(compute: Callable[[], object]) -> SimpleLazyObject:
    return SimpleLazyObject(compute)


def attribute_rows(contact: Contact) -> list[tuple[Dimension, str]]:
    """Every dimension of the owner with the contact's value on it ("" where there is none); one
    query, the value read alongside each dimension (a contact has at most one per dimension)."""
    value = ContactAttribute.objects.filter(contact=contact, dimension=OuterRef("pk")).values(
        "value"
    )[:1]
    # By the owner's id: contact.owner would be one more query for the account already signed in.
    dimensions = Dimension.objects.filter(owner_id=contact.owner_id).annotate(
        contact_value=Subquery(value)
    )
    return [(d, d.contact_value or "") for d in dimensions]


# The kinds' labels, translated at use: Tie.get_kind_display hashes every choice's label to look
# one up, which translates them all (a contact page shows some twenty ties).
TIE_KIND_LABELS = dict(Tie.Kind.choices)


def ties_of(contact: Contact) -> list[tuple[Tie, Contact, str]]:
    """The contact's ties with the other end and the kind's label, by kind."""
    ties = (
        Tie.objects.involving(contact)
        .select_related("a", "b")
        .only("kind", "a__name", "b__name")
        .order_by("kind", "id")
    )
    return [(tie, tie.other(contact), str(TIE_KIND_LABELS.get(tie.kind, tie.kind))) for tie in ties]


# The chain, nearest first, in one recursive query: each step the previous one's met_through, of the
# same owner, at most CHAIN_MAX steps (a cycle stops there; chain_of cuts it where it repeats).
CHAIN_SQL = """
WITH RECURSIVE chain(id, name, met_through_id, depth) AS (
    SELECT id, name, met_through_id, 1 FROM {table} WHERE id = %s AND owner_id = %s
    UNION ALL
    SELECT contact.id, contact.name, contact.met_through_id, chain.depth + 1
    FROM {table} AS contact JOIN chain ON contact.id = chain.met_through_id
    WHERE contact.owner_id = %s AND chain.depth < %s
)
SELECT id, name FROM chain ORDER BY depth
"""


def chain_of(contact: Contact) -> list[dict[str, object]]:
    """Who brought this contact into the network: you ← Anna ← Ben, from nearest to furthest."""
    if contact.met_through_id is None:
        return []
    # One query whatever the chain's length, reading only the chain's rows (not all 5,000).
    sql = CHAIN_SQL.format(table=connection.ops.quote_name(Contact._meta.db_table))
    with connection.cursor() as cursor:
        cursor.execute(sql, [contact.met_through_id, contact.owner_id, contact.owner_id, CHAIN_MAX])
        rows = cursor.fetchall()
    chain: list[dict[str, object]] = []
    seen = {contact.pk}
    for pk, name in rows:
        if pk in seen:
            break
        chain.append({"pk": pk, "name": name})
        seen.add(pk)
    return chain


def contact_sections(
    contact: Contact,
    *,
    tie_form: TieForm | None = None,
    date_form: ImportantDateForm | None = None,
) -> dict[str, Any]:
    """The context of the contact page's own panels: details, attributes, ties, dates, introductions.

    Pass a bound form to show it again with its errors; otherwise each panel gets an empty one.
    """
    return {
        "contact": contact,
        "attribute_rows": _lazy(lambda: attribute_rows(contact)),
        "ties": _lazy(lambda: ties_of(contact)),
        "tie_form": tie_form or TieForm(contact=contact),
        "dates": _lazy(lambda: list(ImportantDate.objects.filter(contact=contact))),
        "date_form": date_form or ImportantDateForm(),
        "introductions": _lazy(
            lambda: list(
                Introduction.objects.filter(owner_id=contact.owner_id)
                .involving(contact)
                .select_related("a", "b")
            )
        ),
        # met_through is loaded too: the related manager sets it on each row, which would otherwise
        # fetch the deferred column once per person.
        "introduced": _lazy(
            lambda: list(
                contact.introduced_contacts.only("id", "name", "met_through").order_by("name")
            )
        ),
        "chain": _lazy(lambda: chain_of(contact)),
    }
