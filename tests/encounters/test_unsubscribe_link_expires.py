"""The digest's unsubscribe link is signed, works for UNSUBSCRIBE_LINK_MAX_AGE after the mail and no
longer, and names the account by a random key, not by its readable id (docs/weekly-digest.md)."""

import base64
import binascii
import contextlib
import time
import zlib

import pytest
from django.core import signing
from django.urls import reverse

from encounters.digest import UNSUBSCRIBE_LINK_MAX_AGE, unsubscribe_token
from tests.factories import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(db):
    return make_user("paula", id=987654321)


def _readings(token: str) -> list[bytes]:
    """Every way a reader could decode a part of the token: base64, and zlib behind it."""
    found = [token.encode()]
    for part in token.replace(":", ".").split("."):
        try:
            raw = base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))
        except (binascii.Error, ValueError):
            continue
        found.append(raw)
        with contextlib.suppress(zlib.error):
            found.append(zlib.decompress(raw))
    return found


def test_the_link_does_not_carry_the_account_id(person):
    token = unsubscribe_token(person)
    assert not any(b"987654321" in reading for reading in _readings(token))


def test_the_link_works_until_its_age_runs_out(client, person, monkeypatch):
    url = reverse("digest_unsubscribe", args=[unsubscribe_token(person)])
    sent = time.time()
    monkeypatch.setattr(
        signing.time, "time", lambda: sent + UNSUBSCRIBE_LINK_MAX_AGE.total_seconds() - 60
    )
    assert client.post(url).status_code == 200
    person.refresh_from_db()
    assert person.digest_enabled is False


def test_an_expired_link_changes_nothing_and_says_where_to_go(client, person, monkeypatch):
    url = reverse("digest_unsubscribe", args=[unsubscribe_token(person)])
    sent = time.time()
    monkeypatch.setattr(
        signing.time, "time", lambda: sent + UNSUBSCRIBE_LINK_MAX_AGE.total_seconds() + 60
    )
    response = client.post(url)
    assert response.status_code == 410
    assert b"settings" in response.content
    person.refresh_from_db()
    assert person.digest_enabled is True
