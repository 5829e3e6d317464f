"""SIGNUP_MODE=invite: staff invite by email; the link works once, expires, and makes an account."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from contacts.models import Dimension
from crm.models import Invitation
from tests.factories import make_user

from .joining import PASSWORD, body_of, join_form, last_mail, link_in, log_in, subject_of

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def invite_mode(settings):
    settings.SIGNUP_MODE = "invite"
    settings.WEITBLICK_SITE_URL = "https://crm.example.org"


@pytest.fixture
def staff(db):
    return make_user("sam", first_name="Sam", is_staff=True)


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


def invite(staff_client, email="jonas@example.org", language="en"):
    return staff_client.post(reverse("invitations"), {"email": email, "language": language})


def test_an_invitation_mail_reaches_a_real_smtp_server_and_its_link_makes_an_account(
    staff_client, client_factory, smtp_server
):
    response = invite(staff_client)
    assert response.status_code == 302

    mail = last_mail(smtp_server, 1)
    assert smtp_server.envelopes[0][1] == ["jonas@example.org"]
    assert subject_of(mail) == "Sam invites you to Weitblick"
    assert "https://crm.example.org/accounts/join/" in body_of(mail)
    assert "works once, for 7 days" in body_of(mail)

    visitor = client_factory()
    page = visitor.get(link_in(mail))
    assert page.status_code == 200
    assert "Sam invited you as jonas@example.org" in page.content.decode()
    response = visitor.post(link_in(mail), join_form())
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard")

    jonas = get_user_model().objects.get(username="jonas")
    assert (jonas.email, jonas.first_name, jonas.language) == ("jonas@example.org", "Jonas", "en")
    assert jonas.check_password(PASSWORD)
    assert not jonas.is_staff
    invitation = Invitation.objects.get()
    assert invitation.account == jonas and invitation.accepted_at is not None
    dashboard = visitor.get(reverse("dashboard"))
    assert dashboard.context["user"] == jonas
    assert "Welcome to Weitblick" in dashboard.content.decode()


def test_the_new_account_logs_in_with_its_password(staff_client, client_factory, smtp_server):
    invite(staff_client)
    client_factory().post(link_in(last_mail(smtp_server, 1)), join_form())

    assert log_in(client_factory(), "jonas").status_code == 302


def test_a_german_invitation_is_german_and_makes_a_german_account_with_german_dimensions(
    staff_client, client_factory, smtp_server
):
    invite(staff_client, language="de")
    mail = last_mail(smtp_server, 1)
    assert subject_of(mail) == "Sam lädt dich zu Weitblick ein"
    assert "7 Tage" in body_of(mail)

    visitor = client_factory()
    page = visitor.get(link_in(mail))
    assert 'lang="de"' in page.content.decode()
    assert "Dein Konto" in page.content.decode()
    visitor.post(link_in(mail), join_form(language="de"))

    jonas = get_user_model().objects.get(username="jonas")
    names = list(Dimension.objects.for_user(jonas).values_list("name", flat=True))
    assert names == ["Branche", "Land/Kultur", "Generation", "Hierarchieebene", "Fachgebiet"]


def test_the_link_works_once(staff_client, client_factory, smtp_server):
    invite(staff_client)
    link = link_in(last_mail(smtp_server, 1))
    client_factory().post(link, join_form())

    again = client_factory()
    page = again.get(link)
    assert page.status_code == 410
    assert "This link was used already" in page.content.decode()
    assert again.post(link, join_form("jonas2")).status_code == 410
    assert get_user_model().objects.filter(email="jonas@example.org").count() == 1


def test_a_double_submit_makes_one_account(staff_client, client_factory, smtp_server):
    invite(staff_client)
    link = link_in(last_mail(smtp_server, 1))
    first, second = client_factory(), client_factory()
    second.get(link)  # both tabs show the form

    assert first.post(link, join_form()).status_code == 302
    assert second.post(link, join_form("jonas-again")).status_code == 410
    assert list(get_user_model().objects.filter(email="jonas@example.org")) == [
        get_user_model().objects.get(username="jonas")
    ]


def test_an_expired_link_makes_no_account(staff_client, client_factory, smtp_server, settings):
    invite(staff_client)
    link = link_in(last_mail(smtp_server, 1))
    invitation = Invitation.objects.get()
    assert invitation.expires_at - invitation.created_at == datetime.timedelta(days=7)
    Invitation.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))

    visitor = client_factory()
    page = visitor.get(link)
    assert page.status_code == 410
    assert "This link has expired" in page.content.decode()
    assert "Ask the person who invited you" in page.content.decode()
    assert visitor.post(link, join_form()).status_code == 410
    assert not get_user_model().objects.filter(username="jonas").exists()


def test_a_made_up_link_is_not_found(client):
    page = client.get(reverse("join", args=["not-a-real-token"]))
    assert page.status_code == 404
    assert "This link does not work" in page.content.decode()


def test_a_weak_password_is_refused_and_the_link_still_works(
    staff_client, client_factory, smtp_server
):
    invite(staff_client)
    link = link_in(last_mail(smtp_server, 1))
    visitor = client_factory()

    response = visitor.post(link, join_form(password1="123", password2="123"))
    assert response.status_code == 200
    assert "password2" in response.context["form"].errors
    assert 'value="jonas"' in response.content.decode()
    assert Invitation.objects.get().accepted_at is None
    assert visitor.post(link, join_form()).status_code == 302


def test_a_taken_username_is_refused(staff_client, client_factory, smtp_server):
    make_user("jonas", email="other@example.org")
    invite(staff_client)
    link = link_in(last_mail(smtp_server, 1))

    response = client_factory().post(link, join_form("Jonas"))
    assert response.status_code == 200
    assert "username" in response.context["form"].errors
    assert get_user_model().objects.filter(email="jonas@example.org").count() == 0


def test_the_form_suggests_the_name_before_the_at_as_username(staff_client, client, smtp_server):
    invite(staff_client)
    staff_client.post(reverse("logout"))

    page = client.get(link_in(last_mail(smtp_server, 1)))
    assert page.context["form"]["username"].value() == "jonas"


def test_a_logged_in_person_cannot_accept_someone_elses_invitation(
    staff_client, client_factory, smtp_server, user
):
    invite(staff_client)
    link = link_in(last_mail(smtp_server, 1))
    alice = client_factory()
    alice.force_login(user)

    page = alice.get(link)
    assert page.status_code == 409
    assert "you are logged in as alice" in page.content.decode()
    assert alice.post(link, join_form()).status_code == 409
    user.refresh_from_db()
    assert user.email == "alice@example.org"
    assert Invitation.objects.get().accepted_at is None


def test_the_staff_page_lists_pending_invitations_until_they_are_accepted(
    staff_client, client_factory, smtp_server
):
    invite(staff_client, "jonas@example.org")
    invite(staff_client, "lea@example.org")
    page = staff_client.get(reverse("invitations")).content.decode()
    assert "jonas@example.org" in page and "lea@example.org" in page

    client_factory().post(link_in(smtp_server.messages[0]), join_form())
    response = staff_client.get(reverse("invitations"))
    assert [i.email for i in response.context["pending"]] == ["lea@example.org"]
    assert [i.email for i in response.context["accepted"]] == ["jonas@example.org"]


def test_an_address_with_an_account_is_not_invited(staff_client, user, smtp_server):
    response = invite(staff_client, "ALICE@example.org")

    assert response.status_code == 200
    assert "already has an account" in str(response.context["form"].errors["email"])
    assert not Invitation.objects.exists()
    assert smtp_server.messages == []


def test_a_withdrawn_invitation_no_longer_works(staff_client, client_factory, smtp_server):
    invite(staff_client)
    link = link_in(last_mail(smtp_server, 1))
    invitation = Invitation.objects.get()

    response = staff_client.post(reverse("invitation_revoke", args=[invitation.pk]))
    assert response.status_code == 302
    assert not Invitation.objects.exists()
    assert client_factory().get(link).status_code == 404


def test_sending_again_makes_a_new_link_and_the_old_one_stops_working(
    staff_client, client_factory, smtp_server
):
    invite(staff_client)
    old = link_in(last_mail(smtp_server, 1))
    invitation = Invitation.objects.get()

    staff_client.post(reverse("invitation_send_again", args=[invitation.pk]))
    new = link_in(last_mail(smtp_server, 2))
    assert new != old
    assert client_factory().get(old).status_code == 404
    assert client_factory().post(new, join_form()).status_code == 302


def test_staff_cannot_touch_another_staff_members_invitation(
    staff_client, client_factory, smtp_server
):
    other_staff = make_user("kim", is_staff=True)
    kim = client_factory()
    kim.force_login(other_staff)
    invite(kim, "lea@example.org")
    theirs = Invitation.objects.get()

    assert staff_client.post(reverse("invitation_revoke", args=[theirs.pk])).status_code == 404
    assert staff_client.post(reverse("invitation_send_again", args=[theirs.pk])).status_code == 404
    assert "lea@example.org" not in staff_client.get(reverse("invitations")).content.decode()
    assert Invitation.objects.filter(pk=theirs.pk).exists()
    assert len(smtp_server.messages) == 1


def test_people_who_are_not_staff_see_no_invitations_page(user_client, staff, smtp_server):
    assert user_client.get(reverse("invitations")).status_code == 404
    assert user_client.post(reverse("invitations"), {"email": "x@example.org"}).status_code == 404
    assert (
        "Invite" not in user_client.get(reverse("dashboard")).content.decode().split("</header>")[0]
    )
    assert smtp_server.messages == []


def test_staff_see_the_invite_link_in_the_header(staff_client):
    header = staff_client.get(reverse("dashboard")).content.decode().split("</header>")[0]
    assert reverse("invitations") in header


def test_the_fourth_invitation_to_one_address_in_a_quarter_hour_is_refused(
    staff_client, smtp_server, settings
):
    for _ in range(settings.SIGNUP_MAILS_PER_ADDRESS):
        assert invite(staff_client).status_code == 302
    response = invite(staff_client)

    assert response.status_code == 200
    assert "several invitations just now" in str(response.context["form"].errors["email"])
    assert len(smtp_server.messages) == settings.SIGNUP_MAILS_PER_ADDRESS


def test_an_invitation_from_the_admin_is_mailed_too(admin_client, client_factory, smtp_server):
    response = admin_client.post(
        reverse("admin:crm_invitation_add"), {"email": "lea@example.org", "language": "en"}
    )
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert invitation.invited_by.username == "admin"
    assert (
        client_factory().post(link_in(last_mail(smtp_server, 1)), join_form("lea")).status_code
        == 302
    )


def test_the_login_page_says_accounts_are_by_invitation(client):
    assert "Accounts are by invitation" in client.get(reverse("login")).content.decode()


def test_there_is_no_open_sign_up(client):
    assert client.get(reverse("signup")).status_code == 404
    assert client.post(reverse("signup"), {"email": "x@example.org"}).status_code == 404


def test_an_invitation_stops_working_when_joining_is_closed(
    staff_client, client_factory, smtp_server, settings
):
    invite(staff_client)
    link = link_in(last_mail(smtp_server, 1))
    settings.SIGNUP_MODE = "closed"

    page = client_factory().get(link)
    assert page.status_code == 404
    assert "Joining is closed" in page.content.decode()
    assert client_factory().post(link, join_form()).status_code == 404
