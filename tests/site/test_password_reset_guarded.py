"""Asking for password resets is throttled, its link is built from SITE_URL whatever Host the request
names, and a server without mail set up says so instead of writing reset links into its log."""

import logging
import os
import subprocess
import sys

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from crm.settings import BASE_DIR

pytestmark = pytest.mark.django_db


def _ask(client: Client, email: str, address: str = "203.0.113.9", **headers):
    return client.post(reverse("password_reset"), {"email": email}, REMOTE_ADDR=address, **headers)


def test_one_address_asking_again_and_again_is_stopped(client, user, settings):
    answers = [
        _ask(client, f"nobody{n}@example.org").status_code
        for n in range(settings.AXES_FAILURE_LIMIT)
    ]
    assert answers == [302] * settings.AXES_FAILURE_LIMIT

    stopped = _ask(client, user.email)

    assert stopped.status_code == 429
    assert b"Too many attempts" in stopped.content
    assert mail.outbox == []


def test_one_account_gets_a_few_reset_mails_however_many_addresses_ask(client, user, settings):
    for number in range(settings.SIGNUP_MAILS_PER_ADDRESS + 3):
        assert _ask(client, user.email, address=f"198.51.100.{number}").status_code == 302
    assert len(mail.outbox) == settings.SIGNUP_MAILS_PER_ADDRESS


def test_the_link_uses_the_site_url_not_the_host_the_request_names(client, user, settings):
    settings.ALLOWED_HOSTS = ["*"]
    settings.WEITBLICK_SITE_URL = "https://crm.example.org"

    _ask(client, user.email, HTTP_HOST="evil.example")

    (message,) = mail.outbox
    assert "https://crm.example.org/accounts/reset/" in message.body
    assert "evil.example" not in message.body


def test_without_mail_set_up_the_page_says_so_and_logs_no_link(client, user, settings, caplog):
    settings.EMAIL_BACKEND = "crm.mail.UnconfiguredMailBackend"
    with caplog.at_level(logging.DEBUG):
        response = _ask(client, user.email)

    assert response.status_code == 200
    assert b"cannot send mail" in response.content
    assert "/accounts/reset/" not in caplog.text


def _settings_in_a_fresh_process(**environment: str) -> str:
    env = {k: v for k, v in os.environ.items() if k not in ("EMAIL_HOST", "ALLOWED_HOSTS")}
    env.update(environment)
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "from crm import settings as s; print(s.EMAIL_BACKEND, s.ALLOWED_HOSTS)",
        ],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def test_production_without_email_host_refuses_mail_instead_of_printing_it():
    printed = _settings_in_a_fresh_process(DJANGO_DEBUG="0", SECRET_KEY="x" * 50)
    assert printed.startswith("crm.mail.UnconfiguredMailBackend")


def test_debug_takes_only_local_host_names():
    printed = _settings_in_a_fresh_process(DJANGO_DEBUG="1")
    assert "'*'" not in printed
    assert "localhost" in printed
