"""Guessing passwords gets a person locked out for a while (django-axes)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _attempt(client, password):
    return client.post(reverse("login"), {"username": "alice", "password": password})


def test_five_wrong_passwords_lock_the_login_even_for_the_right_one(client, user, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _attempt(client, "wrong").status_code == 200
    locked = _attempt(client, "wrong")
    assert locked.status_code == 429
    assert b"Too many attempts" in locked.content
    assert _attempt(client, "pw-for-tests-1").status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_successful_login_resets_the_count(client, user, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _attempt(client, "wrong")
    assert _attempt(client, "pw-for-tests-1").status_code == 302
    client.post(reverse("logout"))
    assert _attempt(client, "wrong").status_code == 200
