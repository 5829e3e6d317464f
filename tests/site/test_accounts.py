"""Logging in and out, the password flows, and the rule that every page but the login needs a user."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_dashboard_sends_an_anonymous_visitor_to_the_login(client):
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_settings_page_needs_a_login(client):
    response = client.get(reverse("settings"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_it_logs_in_with_username_and_password(client, user):
    response = client.post(reverse("login"), {"username": "alice", "password": "pw-for-tests-1"})
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard")
    assert client.get(reverse("dashboard")).status_code == 200


def test_a_wrong_password_keeps_the_username_and_says_why(client, user):
    response = client.post(reverse("login"), {"username": "alice", "password": "nope"})
    assert response.status_code == 200
    assert b'value="alice"' in response.content
    assert b"non-field-errors" in response.content


def test_it_logs_out_only_by_post(user_client):
    assert user_client.get(reverse("logout")).status_code == 405
    response = user_client.post(reverse("logout"))
    assert response.status_code == 302
    assert user_client.get(reverse("dashboard")).status_code == 302


def test_the_login_page_shows_the_demo_login_only_in_debug(client, settings):
    settings.WEITBLICK_SHOW_DEMO_LOGIN = True
    assert b"Demo login" in client.get(reverse("login")).content
    settings.WEITBLICK_SHOW_DEMO_LOGIN = False
    assert b"Demo login" not in client.get(reverse("login")).content


def test_it_changes_the_password(user_client, user):
    response = user_client.post(
        reverse("password_change"),
        {
            "old_password": "pw-for-tests-1",
            "new_password1": "a-much-better-passphrase",
            "new_password2": "a-much-better-passphrase",
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("a-much-better-passphrase")


def test_a_password_reset_mail_reaches_a_real_smtp_server_and_its_link_works(
    client, user, smtp_server
):
    response = client.post(reverse("password_reset"), {"email": user.email})
    assert response.status_code == 302
    assert smtp_server.arrived.wait(5)
    mail_from, recipients = smtp_server.envelopes[0]
    assert recipients == [user.email]
    body = smtp_server.messages[0].get_payload(decode=True).decode()
    link = re.search(r"https?://[^/\s]+(/accounts/reset/\S+)", body).group(1)
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "reset-and-renewed-9", "new_password2": "reset-and-renewed-9"},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("reset-and-renewed-9")
