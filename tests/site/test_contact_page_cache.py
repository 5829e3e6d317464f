"""The contact pages in the page cache (crm/page_cache.py): a quick log renews only its
participants' pages, so every other contact page stays served from the cache; and that is right,
because a quick log changes nothing a non-participant's page shows (ties, the "met through" chain,
introductions, shared encounters, tie strength, dates, values), whatever its shape."""

import datetime
import re

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from contacts.models import Contact, Dimension
from crm import page_cache
from crm.models import User
from encounters.recording import log_encounter
from tests.factories import (
    make_attribute,
    make_contact,
    make_encounter,
    make_important_date,
    make_introduction,
    make_tie,
)

HTMX = {"HTTP_HX_REQUEST": "true"}
QUERIES_OF_A_CACHED_PAGE = 2
# What differs between two renders of the same data: the masked CSRF tokens and the quick log's key.
VOLATILE = (
    re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]+(")'),
    re.compile(r'("X-CSRFToken": ")[^"]+(")'),
    re.compile(r'(name="client_key" value=")[0-9a-f-]{36}(")'),
)


@pytest.fixture(autouse=True)
def shared_cache(monkeypatch):
    """One process here: the cache in its memory (without Redis) is as good as shared."""
    monkeypatch.setattr(page_cache, "_cache_is_shared", lambda: True)


def _steady(html: bytes) -> str:
    text = html.decode()
    for pattern in VOLATILE:
        text = pattern.sub(r"\1…\2", text)
    return text


def _versions(user: User) -> tuple[int, int]:
    return User.objects.values_list("data_version", "contact_pages_version").get(pk=user.pk)


def _world(user: User) -> dict[str, Contact]:
    """Contacts tied to one another every way a contact page shows: the quick logs below name
    some of them, and every other page refers to them."""
    anna = make_contact(user, "Anna Berg", organisation="Werft", country="Norway")
    ben = make_contact(user, "Ben Okafor", met_through=anna, how_we_met="At Anna's")
    carla = make_contact(user, "Carla Diaz", met_through=ben, trust=4, cadence_days=30)
    dora = make_contact(user, "Dora Lind")
    eve = make_contact(user, "Eve Quiet")
    make_tie(user, anna, ben)
    make_tie(user, ben, dora)
    make_tie(user, carla, dora)
    make_introduction(user, anna, carla)
    make_introduction(user, ben, dora)
    day = timezone.localdate()
    make_encounter(user, [anna, ben], kind="meal", occurred_on=day - datetime.timedelta(days=40))
    make_encounter(user, [ben, carla, dora], occurred_on=day - datetime.timedelta(days=3))
    make_encounter(user, [carla], kind="phone_call", occurred_on=day - datetime.timedelta(days=9))
    make_attribute(anna, "Industry", "Shipbuilding")
    make_attribute(ben, "Industry", "Shipbuilding")
    make_important_date(ben)
    return {c.name.split()[0].lower(): c for c in (anna, ben, carla, dora, eve)}


def _signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    client.get(reverse("contacts:list"))  # the CSRF cookie
    return client


def _page(client: Client, contact_id: int) -> tuple[str, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("contacts:detail", args=[contact_id]))
    assert response.status_code == 200
    return _steady(response.content), len(queries)


def _log(client: Client, **fields) -> None:
    data = {
        "occurred_on": timezone.localdate().isoformat(),
        "planned": "1",
        "next": "/",
        **fields,
    }
    response = client.post(reverse("encounters:log"), data, **HTMX)
    assert response.status_code == 200
    assert "X-Encounter-Logged" in response.headers, response.content.decode()[:500]


# Real commits: the participants' stamps are renewed once the log has committed.
@pytest.mark.django_db(transaction=True)
def test_a_quick_log_changes_its_participants_pages_and_no_other(user):
    people = _world(user)
    industry = Dimension.objects.get(owner=user, name="Industry")
    client = _signed_in(user)
    # Each shape of quick log: who takes part (by key), and what is posted.
    shapes = [
        ({"anna"}, {"kind": "coffee", "participants": [people["anna"].pk], "location": "Kiosk"}),
        (
            {"anna", "dora"},
            {
                "kind": "meal",
                "participants": [people["anna"].pk, people["dora"].pk],
                "location": "Trattoria",
            },
        ),
        (
            {"anna", "zoe"},
            {
                "kind": "travel",
                "planned": "0",
                "location": "seat 14C",
                "participants": [people["anna"].pk],
                "new_people": ["Zoe Stranger"],
                "new_organisation": ["Werft"],
                "new_role": ["welder"],
                "new_city": ["Bergen"],
                "new_country": ["Norway"],
                "new_email": [""],
                "new_how_we_met": [""],
                f"new_d{industry.pk}": ["Shipbuilding"],
            },
        ),
        ({"yuri"}, {"kind": "phone_call", "new_people": ["Yuri Neu"], "notes": "A first call"}),
        # A name typed as new that is exactly one contact's: that contact takes part.
        ({"dora"}, {"kind": "video_call", "new_people": ["dora lind"], "learned": "Sails"}),
    ]
    before = {key: _page(client, c.pk)[0] for key, c in people.items()}
    for participants, fields in shapes:
        versions = _versions(user)
        _log(client, **fields)
        for new in Contact.objects.for_user(user).exclude(pk__in=[c.pk for c in people.values()]):
            people[new.name.split()[0].lower()] = new
        data_version, contact_pages_version = _versions(user)
        # The lists and the dashboard go; the contact pages' version stays (only stamps renew).
        assert data_version > versions[0]
        assert contact_pages_version == versions[1], fields
        cached = {key: _page(client, c.pk) for key, c in people.items()}
        # Rendered anew from the data, as every page would be after any other write.
        page_cache.bump_data_versions([user.pk])
        fresh = {key: _page(client, c.pk) for key, c in people.items()}
        for key in people:
            assert cached[key][0] == fresh[key][0], (fields, key)  # never stale
            assert fresh[key][1] > QUERIES_OF_A_CACHED_PAGE, key  # really rendered anew
            if key in participants:
                assert cached[key][1] > QUERIES_OF_A_CACHED_PAGE, (fields, key)
                assert fresh[key][0] != before.get(key), (fields, key)
            else:
                # Byte for byte the page before the log, served from the cache.
                assert cached[key][1] == QUERIES_OF_A_CACHED_PAGE, (fields, key)
                assert fresh[key][0] == before[key], (fields, key)
        before = {key: page for key, (page, _count) in fresh.items()}


@pytest.mark.django_db(transaction=True)
def test_a_contact_page_read_before_a_quick_log_and_stored_after_it_is_never_served(
    user, monkeypatch
):
    anna = make_contact(user, "Anna Berg")
    reader, writer = _signed_in(user), _signed_in(user)
    path = reverse("contacts:detail", args=[anna.pk])
    original = page_cache.PageCacheMiddleware._store

    def log_then_store(self, request, key, response):
        # The page was read before this log; it is stored after the log has committed.
        _log(writer, kind="coffee", participants=[anna.pk], location="Trattoria Zanetti")
        monkeypatch.setattr(page_cache.PageCacheMiddleware, "_store", original)
        original(self, request, key, response)

    monkeypatch.setattr(page_cache.PageCacheMiddleware, "_store", log_then_store)
    assert "Trattoria Zanetti" not in reader.get(path).content.decode()
    assert "Trattoria Zanetti" in reader.get(path).content.decode()


def test_a_quick_log_outside_a_request_or_after_other_writes_moves_every_contact_page(user):
    anna = make_contact(user, "Anna Berg")
    versions = _versions(user)
    log_encounter(user=user, kind="coffee", participants=[anna])  # as a task or the API's import
    assert _versions(user)[1] > versions[1]

    versions = _versions(user)
    written = page_cache._RequestWrites()
    token = page_cache._written.set(written)
    try:
        make_contact(user, "Written first")  # in the same request, waiting for its bump
        log_encounter(user=user, kind="coffee", participants=[anna])
    finally:
        page_cache._written.reset(token)
    # The log's bump covers the contact written before it, so it went wide.
    assert not written.waiting
    assert _versions(user)[1] > versions[1]


@pytest.mark.django_db(transaction=True)
def test_stamps_that_cannot_be_renewed_move_every_contact_page(user, monkeypatch):
    anna = make_contact(user, "Anna Berg")
    client = _signed_in(user)
    path = reverse("contacts:detail", args=[anna.pk])
    client.get(path)
    versions = _versions(user)

    def away(*args, **kwargs):
        raise ConnectionError("Redis away")

    monkeypatch.setattr(type(caches["default"]), "set_many", away)
    _log(client, kind="coffee", participants=[anna.pk], location="Trattoria Zanetti")
    assert _versions(user)[1] > versions[1]
    assert "Trattoria Zanetti" in client.get(path).content.decode()


@pytest.mark.django_db(transaction=True)
def test_a_lost_stamp_is_made_anew_and_never_serves_an_old_page(user):
    anna = make_contact(user, "Anna Berg")
    client = _signed_in(user)
    path = reverse("contacts:detail", args=[anna.pk])
    client.get(path)
    assert _page(client, anna.pk)[1] == QUERIES_OF_A_CACHED_PAGE
    page_cache.cache.delete(page_cache._stamp_key(user.pk, anna.pk))  # evicted, or expired
    assert _page(client, anna.pk)[1] > QUERIES_OF_A_CACHED_PAGE  # a new stamp: rendered anew
    assert _page(client, anna.pk)[1] == QUERIES_OF_A_CACHED_PAGE


def test_a_cache_of_each_process_its_own_leaves_the_quick_log_wide(user, monkeypatch, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    monkeypatch.undo()  # the real question: is the cache shared?
    anna = make_contact(user, "Anna Berg")
    client = _signed_in(user)
    versions = _versions(user)
    _log(client, kind="coffee", participants=[anna.pk])
    assert _versions(user)[1] > versions[1]
