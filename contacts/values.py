"""Dimension values that stay clean: one spelling per value, whatever the case and the spaces.

"Banking", "banking" and "Banking " are one industry; stored three ways they would split a circle in
three. A value is tidied and matched case-insensitively when it is saved one at a time
(ContactAttribute.save), and the bulk writers (import, restore) and the data migration merge the
spellings afterwards with merge_spellings().
"""

from collections import Counter, defaultdict

from django.db import transaction
from django.db.models import QuerySet

from .account import User
from .models import ContactAttribute, Dimension, tidy_value


def known_values(user: User) -> dict[int, list[str]]:
    """Each dimension's values in use (dimension id -> sorted values): one query, for suggestions."""
    known: defaultdict[int, set[str]] = defaultdict(set)
    for dimension_id, value in (
        ContactAttribute.objects.for_user(user).values_list("dimension_id", "value").distinct()
    ):
        known[dimension_id].add(value)
    return {pk: sorted(values, key=str.casefold) for pk, values in known.items()}


def merge_spellings(attributes: QuerySet) -> int:
    """Give every value of `attributes` one spelling per dimension; returns the rows changed.

    The spelling most contacts have wins (on a tie the first in sort order, which puts
    capitalised words first), so the values a person sees change as little as possible.
    Takes any ContactAttribute queryset, the migration's historical model included.
    """
    spellings: defaultdict[tuple[int, str], Counter[str]] = defaultdict(Counter)
    for dimension_id, value in attributes.values_list("dimension_id", "value"):
        spellings[(dimension_id, tidy_value(value).casefold())][value] += 1
    changed = 0
    for (dimension_id, _key), counts in spellings.items():
        winner = tidy_value(
            min(counts, key=lambda spelling: (-counts[spelling], tidy_value(spelling)))
        )
        for spelling in counts:
            if spelling != winner:
                changed += attributes.filter(dimension_id=dimension_id, value=spelling).update(
                    value=winner
                )
    return changed


@transaction.atomic
def rename_value(dimension: Dimension, old: str, new: str) -> int:
    """Rename a value of a dimension for every contact who has it; returns how many contacts.

    Renamed to a value the dimension already has (in any case), the two become one. Renamed to
    the same word in another case, every contact gets the new case.
    """
    new = tidy_value(new)[:120]
    if not new:
        return 0
    rows = ContactAttribute.objects.filter(dimension=dimension, value=old)
    if new.casefold() != tidy_value(old).casefold():
        new = dimension.spelling_of(new)
    return rows.update(value=new)
