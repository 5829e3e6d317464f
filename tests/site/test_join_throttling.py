"""Sign-up is throttled like the login (per client address), and join-link mails per address."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def open_mode(settings):
    settings.SIGNUP_MODE = "open"


def sign_up(client, email, address="203.0.113.7"):
    return client.post(reverse("signup"), {"email": email}, REMOTE_ADDR=address)


def test_one_address_gets_as_many_sign_ups_as_login_attempts_then_waits(
    client, settings, smtp_server
):
    for n in range(settings.AXES_FAILURE_LIMIT):
        assert sign_up(client, f"person{n}@example.org").status_code == 302
    throttled = sign_up(client, "one-more@example.org")

    assert throttled.status_code == 429
    assert "Too many attempts" in throttled.content.decode()
    assert len(smtp_server.messages) == settings.AXES_FAILURE_LIMIT
    # Another address is not held up by the first.
    assert sign_up(client, "one-more@example.org", address="198.51.100.4").status_code == 302


def test_invalid_sign_ups_count_too(client, settings, smtp_server):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        assert sign_up(client, "not an address").status_code == 200
    assert sign_up(client, "fine@example.org").status_code == 429
    assert smtp_server.messages == []


def test_one_mailbox_gets_only_a_few_links_and_the_page_does_not_tell(
    client, settings, smtp_server
):
    for n in range(settings.SIGNUP_MAILS_PER_ADDRESS + 2):
        response = sign_up(client, "victim@example.org", address=f"198.51.100.{n}")
        assert response.status_code == 302
        assert response["Location"] == reverse("signup_sent")

    assert len(smtp_server.messages) == settings.SIGNUP_MAILS_PER_ADDRESS


def test_the_mailbox_limit_holds_whatever_the_case_and_spaces(client, settings, smtp_server):
    spellings = [
        "Victim@Example.org",
        " victim@example.org",
        "VICTIM@EXAMPLE.ORG",
        "victim@example.org",
    ]
    for n, spelling in enumerate(spellings):
        sign_up(client, spelling, address=f"198.51.100.{n}")

    assert len(smtp_server.messages) == settings.SIGNUP_MAILS_PER_ADDRESS


def test_the_limits_come_from_the_settings(client, settings, smtp_server):
    settings.AXES_FAILURE_LIMIT = 1
    assert sign_up(client, "a@example.org").status_code == 302
    assert sign_up(client, "b@example.org").status_code == 429
