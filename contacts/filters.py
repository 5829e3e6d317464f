"""The contact list's filters (search, status, dimension values), read from a query string.

The contact list, the exports and the export command read the same parameters (q, status,
f=<dimension id>:<value>) and apply them with the same queryset methods.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils.datastructures import MultiValueDict

from .account import User, is_id
from .models import Contact, ContactQuerySet

STATUSES = ("active", "archived", "all")


def parse_value_filters(raw_values: Iterable[str]) -> tuple[tuple[int, str], ...]:
    """`f=<dimension id>:<value>` parameters as (dimension id, value) pairs; malformed ones are ignored."""
    pairs = []
    for raw in raw_values:
        dimension_id, _sep, value = raw.partition(":")
        if is_id(dimension_id) and value:
            pairs.append((int(dimension_id), value))
    return tuple(pairs)


@dataclass(frozen=True)
class ContactFilters:
    query: str = ""
    status: str = "active"
    attributes: tuple[tuple[int, str], ...] = field(default_factory=tuple)

    @classmethod
    def from_params(
        cls, params: MultiValueDict[str, str] | Mapping[str, Any], *, default_status: str = "active"
    ) -> "ContactFilters":
        """The filters in a query string (a QueryDict, or a dict with a list under "f")."""
        status = params.get("status") or default_status
        raw = params.getlist("f") if isinstance(params, MultiValueDict) else params.get("f", [])
        return cls(
            query=(params.get("q") or "").strip(),
            status=status if status in STATUSES else "active",
            attributes=parse_value_filters(raw),
        )

    @property
    def is_everything(self) -> bool:
        return not self.query and self.status == "all" and not self.attributes

    def apply(self, contacts: ContactQuerySet) -> ContactQuerySet:
        """`contacts` (a ContactQuerySet) narrowed to these filters."""
        if self.status == "active":
            contacts = contacts.active()
        elif self.status == "archived":
            contacts = contacts.archived()
        return contacts.matching(self.query).with_values(self.attributes)


def filtered_contacts(user: User, filters: ContactFilters) -> ContactQuerySet:
    """The user's contacts that pass `filters`, by name."""
    return filters.apply(Contact.objects.for_user(user)).order_by("name", "id")
