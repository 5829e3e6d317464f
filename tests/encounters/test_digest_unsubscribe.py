"""The digest's unsubscribe link: one click from the mail client (RFC 8058), or a confirmation page."""

import pytest
from django.urls import reverse

from encounters.digest import unsubscribe_token

pytestmark = pytest.mark.django_db


def test_a_one_click_post_turns_the_digest_off_without_logging_in(client, user):
    url = reverse("digest_unsubscribe", args=[unsubscribe_token(user)])
    response = client.post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    user.refresh_from_db()
    assert user.digest_enabled is False


def test_the_link_in_the_body_asks_first(client, user):
    url = reverse("digest_unsubscribe", args=[unsubscribe_token(user)])
    response = client.get(url)
    assert response.status_code == 200
    assert b"Turn it off" in response.content
    user.refresh_from_db()
    assert user.digest_enabled is True


def test_a_forged_token_changes_nothing(client, user):
    token = unsubscribe_token(user)[:-3] + "abc"
    response = client.post(reverse("digest_unsubscribe", args=[token]))
    assert response.status_code == 404
    user.refresh_from_db()
    assert user.digest_enabled is True


def test_the_preview_shows_the_digest_the_user_would_get(user_client, user):
    from tests.factories import make_contact

    make_contact(user, "Never Met Yet")
    response = user_client.get(reverse("digest_preview"))
    assert response.status_code == 200
    assert b"Your week" in response.content


def test_the_settings_page_sets_day_and_hour(user_client, user):
    response = user_client.post(
        reverse("settings"),
        {
            "first_name": "Alice",
            "email": "alice@example.org",
            "time_zone": "Europe/Berlin",
            "language": "en",
            "digest_enabled": "on",
            "digest_weekday": "4",
            "digest_hour": "17",
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert (user.digest_enabled, user.digest_weekday, user.digest_hour) == (True, 4, 17)
