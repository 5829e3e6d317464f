"""Whole pages served from the cache (crm/page_cache.py): never another account's, never stale after
a write, with CSRF and the quick log's key still working, and never with someone's flash message."""

import datetime
import re

import pytest
from django.apps import apps
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from contacts.models import (
    Contact,
    Introduction,
    IntroductionEvent,
    NetworkChange,
    OwnedModel,
)
from crm.models import User
from crm.page_cache import PAGES
from encounters.models import Encounter, Snooze
from exchange.models import AddressBookSync, AppPassword, DavCard
from tests.factories import make_contact, make_encounter
from tests.site.routes import world_ids

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}
# The session and the user: what a page served from the cache costs, like the bench's bare view.
QUERIES_OF_A_CACHED_PAGE = 2
CLIENT_KEY = re.compile(r'name="client_key" value="([0-9a-f-]{36})"')
CSRF_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _paths(owner: User) -> list[tuple[str, dict]]:
    """Every cached page of `owner`, as URL and headers."""
    contact = Contact.objects.for_user(owner).order_by("pk").first()
    assert contact is not None
    found = [
        (reverse("dashboard"), {}),
        (reverse("contacts:list"), {}),
        (reverse("contacts:detail", args=[contact.pk]), {}),
        (reverse("encounters:list"), {}),
        (reverse("encounters:picker") + "?who=a", HTMX),
        (reverse("search") + "?q=friend", HTMX),
        (reverse("quiet"), {}),
        (reverse("circles"), {}),
    ]
    assert len(found) == len(PAGES)
    return found


def _signed_in(user: User, csrf_secret: str | None = None) -> Client:
    client = Client()
    client.force_login(user)
    client.get(reverse("contacts:list"))  # sets the CSRF cookie, as any first page does
    client.get(reverse("circles"))  # the first visit asks for an analysis (a write): done with
    if csrf_secret is not None:
        client.cookies["csrftoken"] = csrf_secret
    return client


def _queries(client: Client, path: str, headers: dict):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, **headers)
    assert response.status_code == 200, path
    return response, len(queries)


def _version(user: User) -> int:
    return User.objects.values_list("data_version", flat=True).get(pk=user.pk)


def test_a_page_seen_again_is_served_from_the_cache_with_the_sessions_two_queries(user):
    make_encounter(user, [make_contact(user, "Anna Berg")])
    client = _signed_in(user)
    for path, headers in _paths(user):
        first, _count = _queries(client, path, headers)
        again, count = _queries(client, path, headers)
        assert count == QUERIES_OF_A_CACHED_PAGE, path
        assert CLIENT_KEY.sub("", again.content.decode()) == CLIENT_KEY.sub(
            "", first.content.decode()
        )


def test_no_user_is_ever_served_another_users_page_even_with_the_same_csrf_cookie(user, other_user):
    for owner, name in ((user, "Anna Alicesfriend"), (other_user, "Max Mallorysfriend")):
        make_encounter(owner, [make_contact(owner, name)])
    alice = _signed_in(user)
    # Mallory's browser carries the very same CSRF secret: the account alone must keep them apart.
    mallory = _signed_in(other_user, csrf_secret=alice.cookies["csrftoken"].value)
    contact_list = reverse("contacts:list")
    for round_ in range(3):
        # The same URLs (but for each one's contact page), one after the other, interleaved.
        for (alice_path, headers), (mallory_path, _headers) in zip(
            _paths(user), _paths(other_user), strict=True
        ):
            for client, path, theirs in (
                (alice, alice_path, "Mallorysfriend"),
                (mallory, mallory_path, "Alicesfriend"),
            ):
                response, count = _queries(client, path, headers)
                assert theirs not in response.content.decode(), (round_, path)
                if round_:
                    assert count == QUERIES_OF_A_CACHED_PAGE, (round_, path)  # from the cache
        assert "Alicesfriend" in alice.get(contact_list).content.decode()
        assert "Mallorysfriend" in mallory.get(contact_list).content.decode()
    # The other account's contact page stays a 404, however often it is asked for.
    their_contact = Contact.objects.for_user(user).get()
    for _ in range(2):
        assert mallory.get(reverse("contacts:detail", args=[their_contact.pk])).status_code == 404


def test_a_quick_log_shows_at_once_on_every_page_that_was_cached(user):
    anna = make_contact(user, "Anna Berg")
    client = _signed_in(user)
    for path, headers in _paths(user):
        client.get(path, **headers)
    response = client.post(
        reverse("encounters:log"),
        {
            "kind": "meal",
            "occurred_on": timezone.localdate().isoformat(),
            "planned": "1",
            "participants": [anna.pk],
            "location": "Trattoria Zanetti",
            "next": "/",
        },
        **HTMX,
    )
    assert response.status_code == 200
    assert Encounter.objects.for_user(user).filter(location="Trattoria Zanetti").exists()
    for path in (reverse("dashboard"), reverse("encounters:list")):
        assert "Trattoria Zanetti" in client.get(path).content.decode(), path


# Written outside a request, as a task or a command writes: the tests that need real commits.
@pytest.mark.django_db(transaction=True)
def test_a_write_outside_any_request_shows_on_the_next_page(user):
    client = _signed_in(user)
    contact_list = reverse("contacts:list")
    client.get(contact_list)
    with transaction.atomic():
        make_contact(user, "Zora Newlyimported")
        make_contact(user, "Zeno Newlyimported")
    assert "Zora Newlyimported" in client.get(contact_list).content.decode()


def test_a_post_that_writes_nothing_the_signals_see_still_moves_the_version_on(user):
    client = _signed_in(user)
    before = _version(user)
    client.post(reverse("encounters:log"), {"kind": "coffee"}, **HTMX)  # refused: nobody named
    assert _version(user) > before


def _one_row_of_each_owned_model(owner: User) -> dict[type, list]:
    world_ids(owner)
    eve = Contact.objects.for_user(owner).get(name="Eve")
    introduction = Introduction.objects.for_user(owner).get()
    makers = {
        IntroductionEvent: lambda: IntroductionEvent.objects.create(
            owner=owner,
            introduction=introduction,
            status=introduction.status,
            outcome=introduction.outcome,
        ),
        Snooze: lambda: Snooze.objects.create(
            owner=owner, contact=eve, until=timezone.localdate() + datetime.timedelta(days=9)
        ),
        DavCard: lambda: DavCard.objects.create(owner=owner, contact=eve, href="e.vcf", uid="e"),
        AddressBookSync: lambda: AddressBookSync.objects.create(owner=owner),
        AppPassword: lambda: AppPassword.objects.create(
            owner=owner, name="phone", secret_hash="f" * 64, hint="ffff"
        ),
        NetworkChange: lambda: NetworkChange.objects.create(owner=owner, changed_at=timezone.now()),
    }
    rows = {}
    for model in apps.get_models():
        if issubclass(model, OwnedModel):
            if not model._default_manager.filter(owner=owner).exists():
                assert model in makers, f"make a row of {model.__name__} for this test"
                makers[model]()
            rows[model] = list(model._default_manager.filter(owner=owner))
    return rows


@pytest.mark.django_db(transaction=True)
def test_every_write_path_of_every_owned_model_moves_the_owners_version_on(user, other_user):
    rows = _one_row_of_each_owned_model(user)
    assert len(rows) >= 16

    def bumps(what: str, write, *, repeatable: bool = True) -> None:
        theirs = _version(other_user)
        before = _version(user)
        with transaction.atomic():  # in a transaction, the bump waits for the commit
            write()
        assert _version(user) > before, what
        if repeatable:  # and without one, at once
            before = _version(user)
            write()
            assert _version(user) > before, what
        assert _version(other_user) == theirs, what  # only the owner's pages go stale

    for model, found in rows.items():
        row = found[0]
        manager = model._default_manager
        name = model.__name__
        bumps(f"{name}.save()", row.save)
        bumps(
            f"{name} QuerySet.update()",
            lambda manager=manager, row=row: manager.filter(pk=row.pk).update(owner=user),
        )
        bumps(
            f"{name} bulk_update()",
            lambda manager=manager, row=row: manager.bulk_update([row], ["owner"]),
        )

    def referred_to_by(model: type) -> int:
        return sum(1 for other in rows for f in other._meta.fields if f.related_model is model)

    # The rows nothing refers to first, so that no delete below was done by a cascade already.
    for model in sorted(rows, key=referred_to_by):
        found = rows[model]
        manager = model._default_manager
        name = model.__name__
        assert manager.filter(pk=found[0].pk).exists(), f"{name} went with an earlier delete"
        if len(found) > 1:
            bumps(f"{name}.delete()", found[1].delete, repeatable=False)
        bumps(
            f"{name} QuerySet.delete()",
            lambda manager=manager, row=found[0]: manager.filter(pk=row.pk).delete(),
            repeatable=False,
        )

    bumps(
        "Contact bulk_create()",
        lambda: Contact.objects.bulk_create([Contact(owner=user, name="B")]),
        repeatable=False,
    )
    bumps(
        "Contact.delete()",
        lambda: Contact.objects.for_user(user).get(name="B").delete(),
        repeatable=False,
    )
    encounter = make_encounter(user, [make_contact(user, "C")])
    dora = make_contact(user, "Dora")
    bumps(
        "Encounter.participants.add()",
        lambda: encounter.participants.add(dora),
        repeatable=False,
    )
    bumps(
        "Encounter.participants.remove()",
        lambda: encounter.participants.remove(dora),
        repeatable=False,
    )
    bumps("Encounter.delete()", encounter.delete, repeatable=False)
    bumps("User.save()", lambda: User.objects.get(pk=user.pk).save())


@pytest.mark.django_db(transaction=True)
def test_a_stale_copy_of_the_account_saved_later_never_winds_the_version_back(user):
    stale = User.objects.get(pk=user.pk)
    make_contact(user, "Anna Berg")
    moved_on = _version(user)
    stale.first_name = "Alicia"
    stale.save()
    assert _version(user) > moved_on
    assert User.objects.get(pk=user.pk).first_name == "Alicia"


def test_a_form_on_a_cached_page_still_posts_with_csrf_checks_on(user):
    anna = make_contact(user, "Anna Berg")
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    client.get(reverse("contacts:list"))  # the CSRF cookie
    client.get(reverse("dashboard"))
    page, count = _queries(client, reverse("dashboard"), {})
    assert count == QUERIES_OF_A_CACHED_PAGE
    html = page.content.decode()
    token = CSRF_TOKEN.search(html)
    key = CLIENT_KEY.search(html)
    assert token and key
    response = client.post(
        reverse("encounters:log"),
        {
            "csrfmiddlewaretoken": token.group(1),
            "client_key": key.group(1),
            "kind": "coffee",
            "occurred_on": timezone.localdate().isoformat(),
            "planned": "1",
            "participants": [anna.pk],
            "next": "/",
        },
        **HTMX,
    )
    assert response.status_code == 200
    assert Encounter.objects.for_user(user).filter(client_key=key.group(1)).exists()


def test_a_page_answered_with_304_keeps_a_form_that_posts(user):
    contact = make_contact(user, "Anna Berg")
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    contact_list = reverse("contacts:list")
    client.get(contact_list)
    first = client.get(contact_list)
    etag = first.headers["ETag"]
    again = client.get(contact_list, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    # The browser shows the page it kept, and a form on it posts with the token it carries.
    token = CSRF_TOKEN.search(first.content.decode())
    assert token
    response = client.post(
        reverse("contacts:delete", args=[contact.pk]), {"csrfmiddlewaretoken": token.group(1)}
    )
    assert response.status_code == 302
    assert not Contact.objects.filter(pk=contact.pk).exists()
    # After that write the same ETag no longer matches: the page is sent again.
    assert client.get(contact_list, HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_each_copy_of_a_cached_quick_log_carries_a_new_key(user):
    client = _signed_in(user)
    dashboard = reverse("dashboard")
    client.get(dashboard)
    keys = {CLIENT_KEY.search(client.get(dashboard).content.decode()).group(1) for _ in range(3)}
    assert len(keys) == 3
    # And a page with such a key is never answered with 304: two tabs must not share one.
    response = client.get(dashboard)
    assert "ETag" not in response.headers


def test_a_flash_message_is_shown_once_and_never_cached(user):
    anna = make_contact(user, "Anna Berg")
    client = _signed_in(user)
    dashboard = reverse("dashboard")
    client.get(dashboard)
    client.get(dashboard)  # cached now
    response = client.post(
        reverse("encounters:log"),
        {
            "kind": "coffee",
            "occurred_on": timezone.localdate().isoformat(),
            "planned": "1",
            "participants": [anna.pk],
            "next": dashboard,
        },
    )
    assert response.status_code == 302
    shown = client.get(dashboard).content.decode()
    assert "Encounter logged." in shown
    for _ in range(2):
        assert "Encounter logged." not in client.get(dashboard).content.decode()


def test_the_page_follows_the_accounts_language(user, django_capture_on_commit_callbacks):
    client = _signed_in(user)
    contact_list = reverse("contacts:list")
    assert 'lang="en"' in client.get(contact_list).content.decode()
    user.language = "de"
    with django_capture_on_commit_callbacks(execute=True):
        user.save()
    assert 'lang="de"' in client.get(contact_list).content.decode()


def test_htmx_and_a_visit_get_their_own_copies(user):
    make_contact(user, "Anna Berg")
    client = _signed_in(user)
    contact_list = reverse("contacts:list")
    page = client.get(contact_list).content
    fragment = client.get(contact_list, **HTMX).content
    assert client.get(contact_list).content == page
    assert client.get(contact_list, **HTMX).content == fragment
    assert b"<html" in page and b"<html" not in fragment
    assert "HX-Request" in client.get(contact_list).headers["Vary"]


def test_a_new_day_is_a_new_page(user, monkeypatch):
    client = _signed_in(user)
    dashboard = reverse("dashboard")
    client.get(dashboard)
    _page, count = _queries(client, dashboard, {})
    assert count == QUERIES_OF_A_CACHED_PAGE
    # The day after today in the account's zone (in the last hour of a UTC day, that zone's
    # today may already be UTC's tomorrow).
    tomorrow = timezone.localdate(timezone=user.zone) + datetime.timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: tomorrow)
    _page, count = _queries(client, dashboard, {})
    assert count > QUERIES_OF_A_CACHED_PAGE


def test_the_pages_are_served_when_the_cache_is_away(user, settings):
    make_contact(user, "Anna Berg")
    client = _signed_in(user)
    # Nothing listens on port 1: every cache call fails as with Redis stopped.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    for _ in range(2):
        for name in ("contacts:list", "dashboard", "quiet"):
            response = client.get(reverse(name))
            assert response.status_code == 200, name
        assert "Anna Berg" in client.get(reverse("contacts:list")).content.decode()
    # The throttles count in the same cache: a password reset still answers.
    response = Client().post(reverse("password_reset"), {"email": "someone@example.org"})
    assert response.status_code == 302
