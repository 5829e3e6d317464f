"""The site's URL patterns, walked from the resolver, and a world of objects to fill their ids with."""

import contextlib
import datetime
from collections.abc import Iterator

from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils.datastructures import MultiValueDict

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


@contextlib.contextmanager
def recording_reads() -> Iterator[dict[int, set[str]]]:
    """The keys read from each MultiValueDict (request.GET, POST, FILES are ones) meanwhile."""
    reads: dict[int, set[str]] = {}
    originals = {name: getattr(MultiValueDict, name) for name in ("__getitem__", "get", "getlist")}
    originals["__contains__"] = dict.__contains__

    def recorder(name: str):
        original = originals[name]

        def read(self, key, *args, **kwargs):
            if isinstance(key, str):
                reads.setdefault(id(self), set()).add(key)
            return original(self, key, *args, **kwargs)

        return read

    for name in originals:
        setattr(MultiValueDict, name, recorder(name))
    try:
        yield reads
    finally:
        for name, original in originals.items():
            if name == "__contains__":
                del MultiValueDict.__contains__
            else:
                setattr(MultiValueDict, name, original)


def learn_reads(client: Client, path: str) -> dict[str, set[str]]:
    """The names the view at `path` reads from the query string, the form and the files."""
    learned: dict[str, set[str]] = {"GET": set(), "POST": set(), "FILES": set()}
    for method in ("get", "post"):
        with recording_reads() as reads, rolled_back():
            response = getattr(client, method)(path)
        request = response.wsgi_request
        learned["GET"] |= reads.get(id(request.GET), set())
        if method == "post":
            learned["POST"] |= reads.get(id(request.__dict__.get("_post")), set())
            learned["FILES"] |= reads.get(id(request.__dict__.get("_files")), set())
    learned["POST"].discard("csrfmiddlewaretoken")
    return learned


@contextlib.contextmanager
def rolled_back() -> Iterator[None]:
    """What a request writes is undone, so each example starts from the same world."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)
