"""One vCard mapping: what Weitblick has and vCard lacks travels in X-WEITBLICK-* properties,
vCard 3.0 and 4.0 alike, and comes back through the import without a loss."""

import datetime

import pytest
import vobject

from contacts.dates import Birthday
from contacts.models import Contact
from exchange.formats.detect import read_contacts
from exchange.formats.vcard_mapping import card_sources, write_card, write_cards
from exchange.imports.apply import import_records
from tests.factories import make_attribute, make_contact, make_important_date, make_user


def _rich_contact(user):
    anna = make_contact(user, "Anna Schmidt", email="anna@example.org")
    ben = make_contact(
        user,
        "Ben Okafor",
        email="ben@example.org",
        phone="+49 170 555",
        organisation="Stadtwerke",
        role="Schichtleiter",
        city="Essen",
        country="Deutschland",
        how_we_met='Queue at the canteen; he said "try the soup", twice',
        met_through=anna,
        cadence_days=30,
        trust=4,
        notes="Two kids\nLikes football",
    )
    ben.birthday = Birthday(month=2, day=29)
    ben.save()
    make_attribute(ben, "Industry", "Energy, utilities")
    make_attribute(ben, 'Hierarchy "level"', "Shop floor")
    make_important_date(ben, "Company anniversary", datetime.date(2010, 5, 1))
    return anna, ben


@pytest.mark.parametrize("version", ["3.0", "4.0"])
def test_every_weitblick_field_survives_a_trip_through_a_card_into_another_account(user, version):
    _rich_contact(user)
    text = write_cards(card_sources(Contact.objects.for_user(user).order_by("id")), version)
    other = make_user("bob")
    import_records(other, read_contacts(text, "vcard"))

    ben = Contact.objects.for_user(other).get(name="Ben Okafor")
    assert (ben.email, ben.phone, ben.organisation, ben.role, ben.city, ben.country) == (
        "ben@example.org",
        "+49 170 555",
        "Stadtwerke",
        "Schichtleiter",
        "Essen",
        "Deutschland",
    )
    assert ben.how_we_met == 'Queue at the canteen; he said "try the soup", twice'
    assert (ben.cadence_days, ben.trust) == (30, 4)
    assert ben.birthday == Birthday(month=2, day=29)
    assert ben.notes == "Two kids\nLikes football"
    assert ben.met_through.name == "Anna Schmidt"
    assert dict(ben.attributes.values_list("dimension__name", "value")) == {
        "Industry": "Energy, utilities",
        "Hierarchy 'level'": "Shop floor",
    }
    assert list(ben.important_dates.values_list("label", "date")) == [
        ("Company anniversary", datetime.date(2010, 5, 1))
    ]


def test_a_card_3_0_writes_a_birthday_without_year_the_way_apple_does(user):
    _anna, ben = _rich_contact(user)
    (source,) = card_sources(Contact.objects.filter(pk=ben.pk))
    card = vobject.readOne(write_card(source, "3.0"))
    assert card.version.value == "3.0"
    assert card.bday.value == "1604-02-29"
    assert card.bday.params["X-APPLE-OMIT-YEAR"] == ["1604"]
    card4 = vobject.readOne(write_card(source, "4.0"))
    assert card4.bday.value == "--0229"


def test_the_etag_stays_while_the_card_does_and_changes_with_a_dimension(user):
    _anna, ben = _rich_contact(user)
    (before,) = card_sources(Contact.objects.filter(pk=ben.pk))
    (again,) = card_sources(Contact.objects.filter(pk=ben.pk))
    assert before.etag() == again.etag()
    make_attribute(ben, "Generation", "Boomer")
    (after,) = card_sources(Contact.objects.filter(pk=ben.pk))
    assert after.etag() != before.etag()


def test_loading_the_cards_takes_three_queries_whatever_their_number(
    user, django_assert_num_queries
):
    for _ in range(3):
        _rich_contact(user)
    with django_assert_num_queries(3):
        assert len(card_sources(Contact.objects.for_user(user))) == 6


def test_a_bad_trust_or_rhythm_from_a_card_goes_to_the_notes(user):
    text = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Carla\r\nX-WEITBLICK-TRUST:9\r\n"
        "X-WEITBLICK-CADENCE:often\r\nEND:VCARD\r\n"
    )
    (record,) = read_contacts(text, "vcard")
    assert (record.trust, record.cadence_days) == (None, None)
    assert record.extra_notes == ["Keep in touch every (days): often", "Trust (1–5): 9"]
