"""The page cache's dogpile guard (crm/page_cache.py): when several workers miss the same page at
once, one renders it and the others serve its copy, which is what a hit would have served; nobody
waits for a copy that does not come."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from crm import page_cache
from tests.factories import make_contact

pytestmark = pytest.mark.django_db

# The session and the user: what a page served from the cache costs.
QUERIES_OF_A_CACHED_PAGE = 2


@pytest.fixture
def keys(monkeypatch):
    """The cache keys the middleware computes, in order."""
    found: list[str] = []
    original = page_cache.page_key

    def recording(*args, **kwargs):
        found.append(original(*args, **kwargs))
        return found[-1]

    monkeypatch.setattr(page_cache, "page_key", recording)
    return found


def _signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    client.get(reverse("dashboard"))  # sets the CSRF cookie, as any first page does
    return client


def test_a_page_another_worker_is_rendering_is_served_from_its_copy(user, keys, monkeypatch):
    make_contact(user, "Anna Berg")
    client = _signed_in(user)
    path = reverse("contacts:list")
    rendered = client.get(path)
    key = keys[-1]
    entry = cache.get(key)
    assert entry is not None
    # The copy is gone, and another worker holds the lock: it stores its copy while we wait.
    cache.delete(key)
    assert cache.add(f"{key}:rendering", 1, 10)
    monkeypatch.setattr(page_cache.time, "sleep", lambda _seconds: cache.set(key, entry, 60))
    with CaptureQueriesContext(connection) as queries:
        served = client.get(path)
    assert served.status_code == 200
    assert len(queries) == QUERIES_OF_A_CACHED_PAGE
    assert served.content == rendered.content
    assert keys[-1] == key


def _missed_while_another_renders(user, keys) -> tuple[Client, str, str]:
    """The contact list's copy gone, and another worker holding the lock to render it."""
    make_contact(user, "Anna Berg")
    client = _signed_in(user)
    path = reverse("contacts:list")
    client.get(path)
    key = keys[-1]
    cache.delete(key)
    cache.add(f"{key}:rendering", 1, 10)
    return client, path, key


def test_a_page_whose_renderer_let_go_without_a_copy_is_rendered(user, keys, monkeypatch):
    client, path, key = _missed_while_another_renders(user, keys)
    monkeypatch.setattr(page_cache.time, "sleep", lambda _seconds: cache.delete(f"{key}:rendering"))
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    assert "Anna Berg" in response.content.decode()
    assert len(queries) > QUERIES_OF_A_CACHED_PAGE
    # This request took the lock in turn, stored its copy and let go.
    assert cache.get(key) is not None
    assert cache.get(f"{key}:rendering") is None


def test_nobody_waits_longer_than_the_wait_for_a_copy_that_does_not_come(user, keys, monkeypatch):
    # The worker holding the lock died.
    client, path, _key = _missed_while_another_renders(user, keys)
    monkeypatch.setattr(page_cache, "WAIT_SECONDS", 0.05)
    response = client.get(path)
    assert response.status_code == 200
    assert "Anna Berg" in response.content.decode()


def test_the_renderer_lets_go_of_its_lock_whatever_it_answered(user, keys):
    client = _signed_in(user)
    for path in (reverse("contacts:list"), reverse("contacts:detail", args=[999_999])):
        client.get(path)
        assert cache.get(f"{keys[-1]}:rendering") is None
