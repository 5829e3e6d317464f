"""The site's URL patterns, walked from the resolver, and a world of objects to fill their ids with."""

import datetime
from collections.abc import Iterator

from django.urls import URLPattern, URLResolver, get_resolver

from contacts.models import ContactAttribute, Dimension, NetworkSnapshot
from crm.models import User
from crm.signup import invite
from encounters.models import Plan
from exchange.models import ImportJob
from tests.factories import (
    make_contact,
    make_encounter,
    make_important_date,
    make_introduction,
    make_tie,
)


def walk(resolver: URLResolver | None = None, prefix: str = "") -> Iterator[tuple[str, URLPattern]]:
    """Every (route, pattern) of the site but the admin (staff only, with its own tests)."""
    for entry in (resolver or get_resolver()).url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            if route.startswith("admin/"):
                continue
            yield from walk(entry, route)
        elif isinstance(entry, URLPattern):
            yield route, entry


def converter_kinds(pattern: URLPattern) -> dict[str, str]:
    """Each path argument's converter: "int" or "str"."""
    return {
        name: "int" if type(converter).__name__ == "IntConverter" else "str"
        for name, converter in pattern.pattern.converters.items()
    }


def fill(route: str, values: dict[str, object]) -> str:
    """The path of `route` with each <converter:name> replaced by values[name]."""
    path = "/" + route
    for name, value in values.items():
        for kind in ("int", "str", "slug", "path"):
            path = path.replace(f"<{kind}:{name}>", str(value))
    return path


def world_ids(owner: User) -> dict[str, int]:
    """One object of each kind a URL takes an id of, owned by `owner`, as the URLs name their ids."""
    eve = make_contact(owner, "Eve")
    fred = make_contact(owner, "Fred")
    dimension = Dimension.objects.for_user(owner).first()
    assert dimension is not None
    attribute = ContactAttribute.objects.create(
        owner=owner, contact=eve, dimension=dimension, value="Secret"
    )
    return {
        "contact_id": eve.pk,
        "other_id": fred.pk,
        "encounter_id": make_encounter(owner, [eve], occurred_on=datetime.date(2026, 1, 5)).pk,
        "tie_id": make_tie(owner, eve, fred).pk,
        "date_id": make_important_date(eve).pk,
        "introduction_id": make_introduction(owner, eve, fred).pk,
        "dimension_id": dimension.pk,
        "attribute_id": attribute.pk,
        "snapshot_id": NetworkSnapshot.objects.create(owner=owner).pk,
        "invitation_id": invite(
            invited_by=owner, email="friend@example.org", language="en"
        ).invitation.pk,
        "plan_id": Plan.objects.create(owner=owner, contact=eve, on=datetime.date(2026, 1, 9)).pk,
        "job_id": ImportJob.objects.create(owner=owner, format="vcard", filename="mine.vcf").pk,
    }
