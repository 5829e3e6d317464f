"""A client finds the address book from the server's address alone, and only with an app password."""

import pytest

from exchange.models import AppPassword
from tests.factories import make_contact
from tests.sync.helpers import NS, Dav, app_password, basic, xml


def test_the_well_known_address_leads_to_the_dav_root(client):
    response = client.generic("PROPFIND", "/.well-known/carddav")
    assert response.status_code == 301
    assert response["Location"] == "/dav/"


def test_discovery_goes_from_the_root_through_the_principal_to_the_address_book(client, user):
    dav = Dav(client, user.username, app_password(user))
    root = xml(dav.propfind("/dav/", "<d:current-user-principal/>", depth="0"))
    principal = root.find(".//d:current-user-principal/d:href", NS).text
    assert principal == "/dav/principals/alice/"

    home_set = xml(dav.propfind(principal, "<card:addressbook-home-set/>", depth="0"))
    home = home_set.find(".//card:addressbook-home-set/d:href", NS).text
    assert home == "/dav/addressbooks/alice/"

    listing = xml(dav.propfind(home, "<d:resourcetype/><d:displayname/>", depth="1"))
    books = [
        r.find("d:href", NS).text
        for r in listing.findall("d:response", NS)
        if r.find(".//d:resourcetype/card:addressbook", NS) is not None
    ]
    assert books == ["/dav/addressbooks/alice/contacts/"]


def test_options_announce_carddav_without_a_password(client, user):
    response = client.options("/dav/addressbooks/alice/contacts/")
    assert response.status_code == 200
    assert "addressbook" in response["DAV"]
    assert "REPORT" in response["Allow"]


def test_without_credentials_the_client_is_asked_for_them(client, user):
    response = client.generic("PROPFIND", "/dav/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Basic ")


def test_the_account_password_does_not_open_the_address_book(client, user):
    response = Dav(client, user.username, "pw-for-tests-1").propfind("/dav/", depth="0")
    assert response.status_code == 401


def test_a_revoked_app_password_no_longer_works(client, user):
    secret = app_password(user)
    dav = Dav(client, user.username, secret)
    assert dav.propfind("/dav/", depth="0").status_code == 207
    AppPassword.objects.for_user(user).delete()
    assert dav.propfind("/dav/", depth="0").status_code == 401


def test_an_app_password_works_only_with_its_own_username(client, user, other_user):
    secret = app_password(user)
    response = Dav(client, other_user.username, secret).propfind("/dav/", depth="0")
    assert response.status_code == 401


def test_the_last_use_of_an_app_password_is_recorded(client, user):
    dav = Dav(client, user.username, app_password(user))
    dav.propfind("/dav/", depth="0")
    assert AppPassword.objects.for_user(user).get().last_used_at is not None


def test_wrong_passwords_lock_the_name_out_like_the_login(client, user, settings):
    secret = app_password(user)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        assert Dav(client, user.username, "guess").propfind("/dav/", depth="0").status_code == 401
    response = Dav(client, user.username, secret).propfind("/dav/", depth="0")
    assert response.status_code == 429


@pytest.mark.parametrize(
    "path",
    [
        "/dav/principals/mallory/",
        "/dav/addressbooks/mallory/",
        "/dav/addressbooks/mallory/contacts/",
        "/dav/addressbooks/mallory/contacts/weitblick-1.vcf",
    ],
)
def test_another_persons_paths_are_not_found(client, user, other_user, path):
    make_contact(other_user, "Secret Person")
    response = Dav(client, user.username, app_password(user)).propfind(path, depth="1")
    assert response.status_code == 404


def test_another_persons_card_is_not_found_under_ones_own_name(client, user, other_user):
    theirs = make_contact(other_user, "Secret Person")
    dav = Dav(client, user.username, app_password(user))
    response = dav.request("GET", f"{dav.book}weitblick-{theirs.pk}.vcf")
    assert response.status_code == 404
    assert b"Secret" not in response.content


def test_a_broken_authorization_header_is_a_401_not_an_error(client, user):
    for header in ["Basic !!!", "Basic " + "w6k=", basic("alice", ""), "Bearer x"]:
        response = client.generic("PROPFIND", "/dav/", HTTP_AUTHORIZATION=header)
        assert response.status_code == 401
