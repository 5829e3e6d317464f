"""Which contacts an export holds: the contact list's filters (search, status, dimension values)."""

from dataclasses import dataclass, field

from django.db.models import Q

from contacts.models import Contact, ContactAttribute

STATUSES = ("active", "archived", "all")


@dataclass(frozen=True)
class ContactFilters:
    query: str = ""
    status: str = "active"
    attributes: tuple[tuple[int, str], ...] = field(default_factory=tuple)

    @classmethod
    def from_params(cls, params, *, default_status: str = "active") -> "ContactFilters":
        """The filters in a query string, as the contact list reads them: q, status, f=<id>:<value>."""
        status = params.get("status") or default_status
        attributes = []
        for raw in params.getlist("f") if hasattr(params, "getlist") else params.get("f", []):
            dimension_id, _sep, value = raw.partition(":")
            if dimension_id.isdigit() and value:
                attributes.append((int(dimension_id), value))
        return cls(
            query=(params.get("q") or "").strip(),
            status=status if status in STATUSES else "active",
            attributes=tuple(attributes),
        )

    @property
    def is_everything(self) -> bool:
        return not self.query and self.status == "all" and not self.attributes


def filtered_contacts(user, filters: ContactFilters):
    contacts = Contact.objects.for_user(user)
    if filters.status == "active":
        contacts = contacts.active()
    elif filters.status == "archived":
        contacts = contacts.archived()
    if filters.query:
        q = filters.query
        contacts = contacts.filter(
            Q(name__icontains=q)
            | Q(organisation__icontains=q)
            | Q(email__icontains=q)
            | Q(city__icontains=q)
            | Q(role__icontains=q)
        )
    for dimension_id, value in filters.attributes:
        contacts = contacts.filter(
            pk__in=ContactAttribute.objects.filter(
                owner=user, dimension_id=dimension_id, value=value
            ).values("contact_id")
        )
    return contacts.order_by("name", "id")
