"""Reading and writing cards: listings with ETags, multiget, sync-collection, PUT and DELETE."""

import vobject

from contacts.models import Contact
from exchange.models import DavCard
from tests.factories import make_attribute, make_contact
from tests.sync.helpers import NS, Dav, app_password, card_text, xml


def _dav(client, user):
    return Dav(client, user.username, app_password(user))


def _multiget(dav, hrefs, version=""):
    attrs = f' version="{version}"' if version else ""
    body = (
        f'<card:addressbook-multiget xmlns:d="DAV:" xmlns:card="{NS["card"]}">'
        f"<d:prop><d:getetag/><card:address-data{attrs}/></d:prop>"
        + "".join(f"<d:href>{h}</d:href>" for h in hrefs)
        + "</card:addressbook-multiget>"
    )
    return xml(dav.report(body))


def _sync(dav, token=""):
    body = (
        '<d:sync-collection xmlns:d="DAV:"><d:sync-token>'
        f"{token}</d:sync-token><d:sync-level>1</d:sync-level>"
        "<d:prop><d:getetag/></d:prop></d:sync-collection>"
    )
    return dav.report(body)


def test_the_listing_holds_every_active_contact_with_an_etag(client, user):
    anna = make_contact(user, "Anna")
    ben = make_contact(user, "Ben")
    make_contact(user, "Old friend", archived=True)
    dav = _dav(client, user)
    assert set(dav.etags()) == {
        f"{dav.book}weitblick-{anna.pk}.vcf",
        f"{dav.book}weitblick-{ben.pk}.vcf",
    }


def test_the_listing_takes_the_same_queries_for_ten_or_fifty_contacts(
    client, user, django_assert_max_num_queries
):
    dav = _dav(client, user)
    for i in range(10):
        make_attribute(make_contact(user, f"Person {i}"), "Industry", "Energy")
    dav.etags()  # the first request also records the app password's use
    with django_assert_max_num_queries(8) as ten:
        assert len(dav.etags()) == 10
    for i in range(40):
        make_attribute(make_contact(user, f"More {i}"), "Industry", "Energy")
    with django_assert_max_num_queries(len(ten.captured_queries)):
        assert len(dav.etags()) == 50


def test_a_card_is_vcard_3_unless_4_is_asked_for_with_the_listings_etag(client, user):
    anna = make_contact(user, "Anna Schmidt", email="anna@example.org")
    dav = _dav(client, user)
    href = f"{dav.book}weitblick-{anna.pk}.vcf"
    response = dav.request("GET", href)
    card = vobject.readOne(response.content.decode())
    assert (card.version.value, card.fn.value, card.email.value) == (
        "3.0",
        "Anna Schmidt",
        "anna@example.org",
    )
    assert response["ETag"] == dav.etags()[href]
    four = dav.request("GET", href, accept="text/vcard; version=4.0")
    assert vobject.readOne(four.content.decode()).version.value == "4.0"
    assert four["ETag"] == response["ETag"]


def test_multiget_returns_the_asked_cards_and_404_for_the_others(client, user, other_user):
    anna = make_contact(user, "Anna")
    theirs = make_contact(other_user, "Not yours")
    dav = _dav(client, user)
    mine = f"{dav.book}weitblick-{anna.pk}.vcf"
    foreign = f"{dav.book}weitblick-{theirs.pk}.vcf"
    root = _multiget(dav, [mine, foreign, "/elsewhere/x.vcf"], version="4.0")
    by_href = {r.find("d:href", NS).text: r for r in root.findall("d:response", NS)}
    data = by_href[mine].find(".//card:address-data", NS).text
    assert vobject.readOne(data).version.value == "4.0"
    assert by_href[foreign].find("d:status", NS).text == "HTTP/1.1 404 Not Found"
    assert by_href["/elsewhere/x.vcf"].find("d:status", NS).text == "HTTP/1.1 404 Not Found"


def test_sync_collection_sends_only_what_changed_since_the_token(client, user):
    anna = make_contact(user, "Anna")
    ben = make_contact(user, "Ben")
    dav = _dav(client, user)
    first = xml(_sync(dav))
    assert len(first.findall("d:response", NS)) == 2
    token = first.find("d:sync-token", NS).text

    unchanged = xml(_sync(dav, token))
    assert unchanged.findall("d:response", NS) == []
    assert unchanged.find("d:sync-token", NS).text == token

    anna.role = "Engineer"
    anna.save()
    ben.archived = True
    ben.save()
    later = xml(_sync(dav, token))
    answers = {
        r.find("d:href", NS).text: r.find("d:status", NS) for r in later.findall("d:response", NS)
    }
    assert set(answers) == {
        f"{dav.book}weitblick-{anna.pk}.vcf",
        f"{dav.book}weitblick-{ben.pk}.vcf",
    }
    assert answers[f"{dav.book}weitblick-{anna.pk}.vcf"] is None
    assert answers[f"{dav.book}weitblick-{ben.pk}.vcf"].text == "HTTP/1.1 404 Not Found"


def test_an_unknown_or_foreign_sync_token_asks_the_client_to_start_afresh(client, user, other_user):
    make_contact(other_user, "Theirs")
    theirs = xml(_sync(_dav(client, other_user))).find("d:sync-token", NS).text
    dav = _dav(client, user)
    for token in [theirs, "urn:x-weitblick:sync:999999", "nonsense"]:
        response = _sync(dav, token)
        assert response.status_code == 403
        assert xml(response).find("d:valid-sync-token", NS) is not None


def test_a_new_card_from_a_phone_becomes_a_contact_at_the_address_it_was_put(client, user):
    dav = _dav(client, user)
    response = dav.put(
        "from-phone.vcf",
        card_text("Carla Diaz", uid="phone-uid-1", extra="EMAIL:carla@example.org\r\n"),
        if_none_match="*",
    )
    assert response.status_code == 201
    carla = Contact.objects.for_user(user).get(name="Carla Diaz")
    assert carla.email == "carla@example.org"
    assert DavCard.objects.get(contact=carla).uid == "phone-uid-1"
    card = vobject.readOne(dav.request("GET", dav.book + "from-phone.vcf").content.decode())
    assert card.uid.value == "phone-uid-1"


def test_a_stale_write_gets_412_and_changes_nothing(client, user):
    anna = make_contact(user, "Anna", role="Engineer")
    dav = _dav(client, user)
    name = f"weitblick-{anna.pk}.vcf"
    response = dav.put(name, card_text("Anna Other"), if_match='"stale"')
    assert response.status_code == 412
    assert dav.put(name, card_text("Anna Other"), if_none_match="*").status_code == 412
    anna.refresh_from_db()
    assert (anna.name, anna.role) == ("Anna", "Engineer")


def test_a_phones_edit_never_empties_a_field(client, user):
    anna = make_contact(
        user, "Anna", email="anna@example.org", phone="+49 1", role="Engineer", trust=4
    )
    dav = _dav(client, user)
    href = f"{dav.book}weitblick-{anna.pk}.vcf"
    etag = dav.etags()[href]
    response = dav.put(
        f"weitblick-{anna.pk}.vcf",
        card_text("Anna Schmidt", extra="TEL:+49 2\r\n"),
        if_match=etag,
    )
    assert response.status_code == 204
    anna.refresh_from_db()
    assert (anna.name, anna.phone, anna.email, anna.role, anna.trust) == (
        "Anna Schmidt",
        "+49 2",
        "anna@example.org",
        "Engineer",
        4,
    )
    assert dav.etags()[href] != etag


def test_deleting_a_card_archives_the_contact(client, user):
    anna = make_contact(user, "Anna")
    dav = _dav(client, user)
    href = f"{dav.book}weitblick-{anna.pk}.vcf"
    assert dav.request("DELETE", href, if_match='"stale"').status_code == 412
    assert dav.request("DELETE", href, if_match=dav.etags()[href]).status_code == 204
    anna.refresh_from_db()
    assert anna.archived
    assert href not in dav.etags()
    assert dav.request("GET", href).status_code == 404


def test_a_second_card_with_the_same_uid_is_refused(client, user):
    dav = _dav(client, user)
    assert (
        dav.put("a.vcf", card_text("Carla Diaz", uid="same"), if_none_match="*").status_code == 201
    )
    response = dav.put("b.vcf", card_text("Carla Other", uid="same"), if_none_match="*")
    assert response.status_code == 409
    assert Contact.objects.for_user(user).count() == 1


def test_bad_requests_get_clear_4xx_answers(client, user):
    dav = _dav(client, user)
    assert dav.request("PROPFIND", dav.book, "<not xml", depth="1").status_code == 400
    assert dav.request("REPORT", dav.book, "<d:what xmlns:d='DAV:'/>").status_code == 403
    entity = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>'
    assert dav.request("PROPFIND", dav.book, entity).status_code == 400
    assert (
        dav.put("x.vcf", "BEGIN:VCARD\r\nVERSION:9.9\r\nFN:X\r\nEND:VCARD\r\n").status_code == 400
    )
    assert dav.put("x.vcf", "no card at all").status_code == 400
    assert dav.put("x.vcf", "X" * 1_100_000).status_code == 413
    assert dav.request("MKCOL", dav.book).status_code == 405
    assert dav.request("PROPFIND", dav.book, depth="2").status_code == 400
    assert Contact.objects.for_user(user).count() == 0
