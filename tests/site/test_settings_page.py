"""The settings page: a person chooses their time zone and language, and the site follows them."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_it_saves_time_zone_and_language(user_client, user):
    response = user_client.post(
        reverse("settings"),
        {
            "first_name": "Alice",
            "email": "alice@example.org",
            "time_zone": "America/Sao_Paulo",
            "language": "de",
            "digest_enabled": "on",
            "digest_weekday": "0",
            "digest_hour": "7",
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert (user.time_zone, user.language) == ("America/Sao_Paulo", "de")


def test_the_pages_follow_the_chosen_language(user_client, user):
    user.language = "de"
    user.save()
    response = user_client.get(reverse("settings"))
    assert response["Content-Language"] == "de"
    assert b"Einstellungen" in response.content


def test_an_unknown_time_zone_is_refused_and_what_was_typed_stays(user_client, user):
    response = user_client.post(
        reverse("settings"),
        {
            "first_name": "Alicia",
            "email": "alice@example.org",
            "time_zone": "Mars/Olympus",
            "language": "en",
        },
    )
    assert response.status_code == 200
    assert b"Mars/Olympus" not in response.content or b"errorlist" in response.content
    assert b'value="Alicia"' in response.content
    user.refresh_from_db()
    assert user.time_zone == "Europe/Berlin"
