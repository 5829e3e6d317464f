"""Guessing passwords locks out the guesser's address, not the account: behind a proxy the client
address comes from X-Forwarded-For (as many trusted proxies as TRUSTED_PROXY_COUNT says), and a
client cannot choose its own address with that header when no proxy is trusted."""

import pytest
from django.test import Client
from django.urls import reverse

from crm.addresses import client_address

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.2"


def _login(client: Client, password: str, forwarded_for: str | None = None, remote=PROXY):
    headers = {"REMOTE_ADDR": remote}
    if forwarded_for is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded_for
    return client.post(reverse("login"), {"username": "alice", "password": password}, **headers)


def test_behind_one_proxy_the_attackers_guesses_do_not_lock_out_the_owner(user, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    attacker, owner = Client(), Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(attacker, "wrong", forwarded_for="203.0.113.9")
    assert _login(attacker, "pw-for-tests-1", forwarded_for="203.0.113.9").status_code == 429

    assert _login(owner, "pw-for-tests-1", forwarded_for="198.51.100.7").status_code == 302


def test_behind_one_proxy_a_forged_first_entry_does_not_escape_the_lockout(user, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    attacker = Client()
    for number in range(settings.AXES_FAILURE_LIMIT):
        # The proxy appends the address it saw; what the client sent stands before it.
        _login(attacker, "wrong", forwarded_for=f"192.0.2.{number}, 203.0.113.9")
    assert (
        _login(attacker, "pw-for-tests-1", forwarded_for="192.0.2.99, 203.0.113.9").status_code
        == 429
    )


def test_without_a_trusted_proxy_the_header_is_ignored(user, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    attacker = Client()
    for number in range(settings.AXES_FAILURE_LIMIT):
        _login(attacker, "wrong", forwarded_for=f"192.0.2.{number}", remote="203.0.113.9")
    assert (
        _login(
            attacker, "pw-for-tests-1", forwarded_for="192.0.2.99", remote="203.0.113.9"
        ).status_code
        == 429
    )


@pytest.mark.parametrize(
    ("proxies", "forwarded_for", "expected"),
    [
        (0, "192.0.2.1", "203.0.113.9"),
        (1, "192.0.2.1", "192.0.2.1"),
        (1, "6.6.6.6, 192.0.2.1", "192.0.2.1"),
        (2, "6.6.6.6, 192.0.2.1, 10.0.0.5", "192.0.2.1"),
        (2, "192.0.2.1", "192.0.2.1"),  # fewer entries than proxies: the first there is
        (1, "", "203.0.113.9"),  # no header at all: the peer
        (1, "not an address", "203.0.113.9"),
    ],
)
def test_the_client_address_is_the_one_the_outermost_trusted_proxy_saw(
    rf, settings, proxies, forwarded_for, expected
):
    settings.TRUSTED_PROXY_COUNT = proxies
    request = rf.get("/", REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR=forwarded_for)
    assert client_address(request) == expected
