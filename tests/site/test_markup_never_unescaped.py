"""Markup a person or an import puts into Weitblick comes out as text, everywhere, without relying on
the Content-Security-Policy: every text field of every model a user owns holds a payload, a vCard and
a backup bring more, and every page, htmx fragment, form echo and the digest mail are searched for
any payload left unescaped in HTML.

Which fields are filled is found, not listed: every CharField and TextField without choices of the
owner's rows, so a field added later is covered without touching this test.
"""

import datetime
import json
from collections import Counter
from itertools import count

import pytest
from django.apps import apps
from django.db import models
from django.test import Client
from django.utils import timezone

from contacts.models import Contact
from crm.models import User
from encounters.digest import build_digest, render_digest
from exchange.imports import jobs
from tests.factories import make_encounter, make_user
from tests.site.routes import converter_kinds, fill, learn_reads, rolled_back, walk, world_ids

pytestmark = pytest.mark.django_db

# Each payload breaks out of a different place: element text, a double- or single-quoted attribute,
# a textarea, a <script> block, an htmx attribute. {n} makes each stored copy findable on its own.
PAYLOADS = [
    "<script>alert({n})</script>",
    '"><img src=x onerror=alert({n})>',
    "'><svg onload=alert({n})>",
    "</textarea><b id=p{n}>",
    "</script><i id=p{n}>",
    '<a hx-get="/x{n}">',
]
SKIPPED_FIELDS = {"password", "calendar_token", "digest_key", "token_hash", "format", "filename"}
TALLY: Counter[str] = Counter()


def _text_fields(model: type[models.Model]) -> list[models.Field]:
    return [
        field
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField)
        and not field.choices
        and field.name not in SKIPPED_FIELDS
        and not field.primary_key
    ]


def _owned_rows(owner: User) -> list[models.Model]:
    rows: list[models.Model] = [owner]
    for model in apps.get_models():
        if model._meta.app_label in ("contacts", "encounters", "exchange", "crm") and any(
            f.name == "owner" for f in model._meta.concrete_fields
        ):
            rows.extend(model._default_manager.filter(owner=owner))
    return rows


def fill_every_text_field(owner: User) -> list[str]:
    """Put a payload into every text field of the owner's rows; the payloads stored."""
    stored: list[str] = []
    numbers = count(1)
    for row in _owned_rows(owner):
        for field in _text_fields(type(row)):
            if field.name == "username":
                value = f"<u{next(numbers)}>'\""
            else:
                value = PAYLOADS[len(stored) % len(PAYLOADS)].format(n=next(numbers))
            if field.max_length and len(value) > field.max_length:
                continue
            setattr(row, field.attname, value)
            stored.append(value)
        row.save()
    return stored


def import_payloads(owner: User) -> list[str]:
    """A vCard and a backup carrying payloads, read and imported as a person would."""
    vcard_name = "<script>alert('vcard')</script>"
    vcard = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\n"
        f"FN:{vcard_name}\r\nORG:<img src=x onerror=alert('org')>\r\n"
        "NOTE:\"><svg onload=alert('note')>\r\nEND:VCARD\r\n"
    )
    job = jobs.start_import(owner, vcard.encode(), filename="<b>card</b>.vcf")
    jobs.import_payload(owner, job.format, job.payload)
    backup_name = "<script>alert('backup')</script>"
    document = {
        "format": "weitblick-backup",
        "version": 1,
        "dimensions": ["<i>dimension</i>"],
        "contacts": [
            {
                "ref": "c1",
                "name": backup_name,
                "notes": "</textarea><b>backup-notes</b>",
                "attributes": {"<i>dimension</i>": "<b>value</b>"},
            }
        ],
    }
    job = jobs.start_import(owner, json.dumps(document).encode(), filename="backup.json")
    jobs.import_payload(owner, job.format, job.payload)
    # And one left at its preview, so the preview page shows what the file holds.
    jobs.start_import(owner, vcard.encode(), filename="<b>preview</b>.vcf")
    return [
        vcard_name,
        "<img src=x onerror=alert('org')>",
        "\"><svg onload=alert('note')>",
        backup_name,
        "</textarea><b>backup-notes</b>",
        "<i>dimension</i>",
        "<b>value</b>",
    ]


@pytest.fixture
def stored(db, settings):
    settings.SIGNUP_MODE = "invite"
    owner = make_user("owner", first_name="Olga", is_staff=True)
    ids = world_ids(owner)
    # A quiet contact and one met this week, so that the digest has people and learnings to show.
    ids["job_id"] = jobs.start_import(
        owner, b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann\r\nEND:VCARD\r\n", filename="a.vcf"
    ).pk
    eve = Contact.objects.get(pk=ids["contact_id"])
    eve.cadence_days = 30
    eve.save()
    make_encounter(owner, [eve], occurred_on=timezone.localdate() - datetime.timedelta(days=2))
    payloads = import_payloads(owner) + fill_every_text_field(owner)
    TALLY["payloads stored"] = len(payloads)
    client = Client(raise_request_exception=True)
    client.force_login(owner)
    return owner, ids, payloads, client


def _unescaped(html: str, payloads: list[str]) -> list[str]:
    return [p for p in payloads if p in html]


def _is_html(response) -> bool:
    return response.get("Content-Type", "").startswith("text/html")


ROUTES = [(route, pattern) for route, pattern in walk() if not route.startswith("accounts/logout")]


def test_every_text_field_holds_a_payload(stored):
    _owner, _ids, payloads, _client = stored
    assert len(payloads) >= 40


def test_no_page_fragment_or_form_echo_shows_a_payload_unescaped(stored):
    owner, ids, payloads, client = stored
    found: dict[str, list[str]] = {}
    for route, pattern in ROUTES:
        path = fill(route, {name: ids.get(name, "x") for name in converter_kinds(pattern)})
        reads = learn_reads(client, path)
        # Every name the view reads gets a payload too: what a page echoes back is tested as well.
        echo = {name: payloads[i % len(payloads)] for i, name in enumerate(sorted(reads["GET"]))}
        form = {name: payloads[i % len(payloads)] for i, name in enumerate(sorted(reads["POST"]))}
        for label, method, data, htmx in (
            ("page", client.get, echo, ""),
            ("fragment", client.get, echo, "true"),
            ("form", client.post, form, ""),
            ("htmx form", client.post, form, "true"),
        ):
            headers = {"HX-Request": htmx} if htmx else {}
            with rolled_back():
                response = method(path, data, headers=headers)
            TALLY["responses"] += 1
            content = getattr(response, "content", b"").decode("utf-8", "replace")
            if _is_html(response):
                TALLY["html responses"] += 1
                if hits := _unescaped(content, payloads):
                    found[f"{label} {path}"] = hits
    TALLY["unescaped"] = sum(len(v) for v in found.values())
    assert found == {}


def test_the_digest_mail_shows_no_payload_unescaped_in_html(stored):
    owner, _ids, payloads, client = stored
    _subject, text, html = render_digest(owner, build_digest(owner, timezone.localdate()))
    assert _unescaped(html, payloads) == []
    # The text part is plain text and carries the names as typed; the preview page escapes it.
    assert _unescaped(client.get("/digest/preview/").content.decode(), payloads) == []


def test_exports_and_the_feed_are_never_served_as_html(stored):
    owner, _ids, _payloads, client = stored
    for path in (
        "/exchange/export/contacts.vcf",
        "/exchange/export/contacts.csv",
        "/exchange/export/backup.json",
        f"/calendar/{owner.calendar_token}.ics",
        "/circles/map/data/",
    ):
        response = client.get(path)
        assert response.status_code == 200, path
        assert not _is_html(response), path
        assert response["X-Content-Type-Options"] == "nosniff"


@pytest.fixture(scope="module", autouse=True)
def tally_report():
    """The figures for the record (shown with -s)."""
    yield
    print(f"\nmarkup payloads: {dict(TALLY)}")
