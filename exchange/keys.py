"""App passwords and API tokens: made, checked (throttled like the login) and revoked.

A key is shown once when it is made; the database keeps its hash. Failed checks count in
django-axes like failed logins (per username, or per client address for tokens), so guessing
is as slow here as on the login page.
"""

import datetime

from axes.handlers.proxy import AxesProxyHandler
from django.contrib.auth.signals import user_login_failed
from django.http import HttpRequest
from django.utils import timezone

from contacts.account import User

from .models import AppPassword, hash_secret

# last_used_at is written at most this often per key: a phone syncs every few minutes, and a
# write on every request would cost more than the "last used" column is worth.
LAST_USED_PRECISION = datetime.timedelta(minutes=5)
# The name failures of anonymous tokens are counted under in django-axes (with the address).
TOKEN_USERNAME = "(api token)"


def create_key(user: User, *, name: str, kind: str) -> tuple[AppPassword, str]:
    """A new key for `user`; returns it and its secret, which is not stored anywhere."""
    key = AppPassword(owner=user, name=name.strip()[:100], kind=kind)
    secret = key.new_secret()
    key.full_clean(exclude=["owner", "secret_hash", "hint"])
    key.save()
    return key, secret


def is_locked_out(request: HttpRequest, username: str) -> bool:
    return bool(AxesProxyHandler.is_locked(request, credentials={"username": username}))


def _failed(request: HttpRequest, username: str) -> None:
    user_login_failed.send(sender=__name__, credentials={"username": username}, request=request)
    # The failure is counted; the answer stays the caller's (a 401 a client understands), not
    # the lockout page django-axes' middleware would put in its place.
    request.axes_locked_out = False  # type: ignore[attr-defined]


def _used(key: AppPassword) -> None:
    now = timezone.now()
    if key.last_used_at is None or now - key.last_used_at > LAST_USED_PRECISION:
        AppPassword.objects.filter(pk=key.pk).update(last_used_at=now)
        key.last_used_at = now


def check_app_password(request: HttpRequest, username: str, secret: str) -> AppPassword | None:
    """The address-book key of `username` whose secret this is, or None (a failure counted)."""
    key = (
        AppPassword.objects.for_address_book()
        .filter(secret_hash=hash_secret(secret), owner__is_active=True)
        .filter(owner__username=username)
        .select_related("owner")
        .first()
    )
    if key is None:
        _failed(request, username)
        return None
    _used(key)
    return key


def check_token(request: HttpRequest, secret: str) -> AppPassword | None:
    """The API key whose secret this is, or None (a failure counted against the address)."""
    key = (
        AppPassword.objects.for_api()
        .filter(secret_hash=hash_secret(secret), owner__is_active=True)
        .select_related("owner")
        .first()
    )
    if key is None:
        _failed(request, TOKEN_USERNAME)
        return None
    _used(key)
    return key
