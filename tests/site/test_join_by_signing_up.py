"""SIGNUP_MODE=open: anyone signs up with an address, confirms it by the mailed link, and is in."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from contacts.models import Dimension
from crm.models import Invitation

from .joining import body_of, join_form, last_mail, link_in, log_in, subject_of

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def open_mode(settings):
    settings.SIGNUP_MODE = "open"


def sign_up(client, email="jonas@example.org", **headers):
    return client.post(reverse("signup"), {"email": email}, **headers)


def test_signing_up_mails_a_link_to_a_real_smtp_server_that_makes_the_account(
    client, client_factory, smtp_server
):
    assert client.get(reverse("signup")).status_code == 200
    response = sign_up(client)
    assert response.status_code == 302
    assert response["Location"] == reverse("signup_sent")
    assert "A link is on its way" in client.get(response["Location"]).content.decode()

    mail = last_mail(smtp_server, 1)
    assert smtp_server.envelopes[0][1] == ["jonas@example.org"]
    assert subject_of(mail) == "Confirm your address for Weitblick"
    assert "asked for a Weitblick account with this address" in body_of(mail)
    # Nothing exists but the pending link until the address is confirmed.
    assert not get_user_model().objects.filter(email="jonas@example.org").exists()

    page = client.get(link_in(mail))
    assert "Your address jonas@example.org is confirmed" in page.content.decode()
    assert client.post(link_in(mail), join_form()).status_code == 302
    jonas = get_user_model().objects.get(username="jonas")
    assert jonas.email == "jonas@example.org"
    assert Invitation.objects.get().invited_by is None
    assert log_in(client_factory(), "jonas").status_code == 302


def test_a_german_browser_gets_a_german_mail_and_a_german_account(client, smtp_server):
    sign_up(client, HTTP_ACCEPT_LANGUAGE="de")
    mail = last_mail(smtp_server, 1)
    assert subject_of(mail) == "Bestätige deine Adresse für Weitblick"

    page = client.get(link_in(mail), HTTP_ACCEPT_LANGUAGE="en")
    assert page.context["form"]["language"].value() == "de"
    client.post(link_in(mail), join_form(language="de"))
    jonas = get_user_model().objects.get(username="jonas")
    assert jonas.language == "de"
    assert Dimension.objects.for_user(jonas).first().name == "Branche"


def test_an_address_with_an_account_gets_a_note_and_the_page_reads_the_same(
    client, user, smtp_server
):
    response = sign_up(client, "Alice@Example.org")

    assert response["Location"] == reverse("signup_sent")
    mail = last_mail(smtp_server, 1)
    assert subject_of(mail) == "You already have a Weitblick account"
    assert "/accounts/login/" in body_of(mail) and "/accounts/password_reset/" in body_of(mail)
    assert "/accounts/join/" not in body_of(mail)
    assert not Invitation.objects.exists()


def test_the_confirmation_link_works_once(client, client_factory, smtp_server):
    sign_up(client)
    link = link_in(last_mail(smtp_server, 1))
    client.post(link, join_form())

    page = client_factory().get(link)
    assert page.status_code == 410
    assert client_factory().post(link, join_form("someone")).status_code == 410
    assert get_user_model().objects.filter(email="jonas@example.org").count() == 1


def test_an_expired_confirmation_link_asks_to_sign_up_again(client, smtp_server):
    sign_up(client)
    link = link_in(last_mail(smtp_server, 1))
    Invitation.objects.update(expires_at=timezone.now() - datetime.timedelta(minutes=1))

    page = client.get(link)
    assert page.status_code == 410
    assert reverse("signup") in page.content.decode()
    assert client.post(link, join_form()).status_code == 410
    assert not get_user_model().objects.filter(username="jonas").exists()


def test_two_links_to_one_address_make_one_account(client, client_factory, smtp_server):
    sign_up(client)
    sign_up(client)
    first, second = link_in(smtp_server.messages[0]), link_in(last_mail(smtp_server, 2))

    assert client_factory().post(second, join_form()).status_code == 302
    page = client_factory().post(first, join_form("jonas-two"))
    assert page.status_code == 410
    assert get_user_model().objects.filter(email="jonas@example.org").count() == 1


def test_a_sign_up_link_stops_working_when_the_mode_changes_to_invitations(
    client, smtp_server, settings
):
    sign_up(client)
    link = link_in(last_mail(smtp_server, 1))
    settings.SIGNUP_MODE = "invite"

    assert client.get(link).status_code == 404
    assert client.post(link, join_form()).status_code == 404


def test_the_login_page_offers_the_sign_up(client):
    page = client.get(reverse("login")).content.decode()
    assert reverse("signup") in page


def test_a_logged_in_person_is_sent_on_from_the_sign_up_page(user_client, smtp_server):
    response = user_client.get(reverse("signup"))
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard")
    sign_up(user_client)
    assert smtp_server.messages == []
