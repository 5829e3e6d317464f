"""SIGNUP_MODE=closed, the default: an administrator makes accounts (createsuperuser, the admin)."""

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.urls import reverse

from contacts.models import Dimension
from crm.settings import envchoice

pytestmark = pytest.mark.django_db


def test_closed_is_the_default():
    # Read from crm/settings.py as loaded without SIGNUP_MODE in the environment.
    assert django_settings.SIGNUP_MODE == "closed"


def test_there_is_no_sign_up_and_no_invitations_page(client, admin_client):
    assert client.get(reverse("signup")).status_code == 404
    assert client.post(reverse("signup"), {"email": "x@example.org"}).status_code == 404
    assert admin_client.get(reverse("invitations")).status_code == 404
    assert admin_client.get(reverse("admin:crm_invitation_add")).status_code == 403


def test_the_login_page_says_the_administrator_makes_accounts(client):
    assert (
        "The administrator of this Weitblick makes accounts"
        in client.get(reverse("login")).content.decode()
    )


def test_the_first_administrator_comes_from_createsuperuser_and_adds_a_person_in_the_admin(
    client, client_factory, monkeypatch
):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "first-admin-passphrase")
    call_command(
        "createsuperuser", interactive=False, username="root", email="root@example.org", verbosity=0
    )
    response = client.post(
        reverse("login"), {"username": "root", "password": "first-admin-passphrase"}
    )
    assert response.status_code == 302

    response = client.post(
        reverse("admin:crm_user_add"),
        {
            "username": "jonas",
            "password1": "jonas-first-passphrase",
            "password2": "jonas-first-passphrase",
            "usable_password": "true",
            "time_zone": "Europe/Vienna",
            "language": "de",
        },
    )
    assert response.status_code == 302
    jonas = get_user_model().objects.get(username="jonas")
    assert (jonas.time_zone, jonas.language, jonas.is_staff) == ("Europe/Vienna", "de", False)
    assert Dimension.objects.for_user(jonas).first().name == "Branche"

    visitor = client_factory()
    response = visitor.post(
        reverse("login"), {"username": "jonas", "password": "jonas-first-passphrase"}
    )
    assert response.status_code == 302
    assert visitor.get(reverse("dashboard")).status_code == 200


@pytest.mark.parametrize(
    ("value", "mode"), [("", "closed"), ("Invite", "invite"), (" open ", "open")]
)
def test_the_mode_is_read_from_the_environment(monkeypatch, value, mode):
    monkeypatch.setenv("SIGNUP_MODE", value)
    assert envchoice("SIGNUP_MODE", ("closed", "invite", "open"), "closed") == mode


def test_an_unknown_mode_stops_the_start(monkeypatch):
    monkeypatch.setenv("SIGNUP_MODE", "everyone")
    with pytest.raises(ImproperlyConfigured, match="SIGNUP_MODE"):
        envchoice("SIGNUP_MODE", ("closed", "invite", "open"), "closed")


def test_the_readme_and_the_compose_stack_say_how_to_make_an_account():
    root = django_settings.BASE_DIR
    readme = (root / "README.md").read_text()
    section = readme.split("## Your own account")[1].split("\n## ")[0]
    for words in ("createsuperuser", "**`closed`**", "**`invite`**", "**`open`**", "Invite"):
        assert words in section
    assert (
        "docker compose run --rm web python manage.py createsuperuser"
        in (root / "docker-compose.yml").read_text()
    )
    assert "createsuperuser" in (root / "docs" / "accounts.md").read_text()
