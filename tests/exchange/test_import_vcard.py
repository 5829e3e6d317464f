"""vCards written by other software come in with their names, emails, phones, organisations and birthdays."""

import datetime

import pytest

from contacts.dates import Birthday
from contacts.models import Contact, ImportantDate
from tests.exchange.helpers import by_name, import_file, records_of, sample


def test_apple_contacts_cards_come_through_with_labels_and_a_birthday_without_year():
    people = by_name(records_of("apple_contacts.vcf"))
    johanna = people["Dr. Johanna Maria Brandt"]
    assert johanna.emails == [
        ("johanna.brandt@nordwind-logistik.example", "work"),
        ("jo.brandt@posteo.example", "privat"),
    ]
    assert johanna.phones == [("+49 171 5550123", "mobile"), ("+49 40 5550 8800", "work")]
    assert (johanna.organisation, johanna.role) == ("Nordwind Logistik GmbH", "Leiterin Einkauf")
    assert (johanna.city, johanna.country) == ("Hamburg", "Deutschland")
    # 1604 with X-APPLE-OMIT-YEAR is Apple's way of saying "no year".
    assert johanna.birthday == Birthday(month=3, day=15)
    assert johanna.important_dates == [("Anniversary", datetime.date(2012, 9, 8))]
    assert johanna.categories == ["Kunden", "Logistik"]
    assert "Department: Einkauf" in johanna.extra_notes
    assert "Related (Spouse): Thomas Brandt" in johanna.extra_notes
    assert johanna.left_out == ["Photo"]
    assert people["田中 裕子"].birthday == Birthday(month=11, day=3, year=1978)


def test_a_company_card_is_named_after_the_company():
    cafe = by_name(records_of("apple_contacts.vcf"))["Café Wacker"]
    assert cafe.organisation == "Café Wacker"
    assert cafe.phones == [("+49 30 5550 4411", "work")]


def test_google_contacts_vcards_keep_escaped_commas_and_drop_the_my_contacts_group():
    people = by_name(records_of("google_contacts.vcf"))
    olga = people["Ольга Иванова"]
    assert (
        olga.notes
        == "Met at the Hannover Messe 2023, hall 27. Interested in heat pumps, district heating."
    )
    assert olga.categories == ["Energy"]
    assert [email for email, _label in olga.emails] == [
        "olga.ivanova@mail.example",
        "o.ivanova@severstal-energo.example",
    ]
    assert "Website (PROFILE): https://severstal-energo.example" in olga.extra_notes
    marco = people["Marco Bellini"]
    assert marco.birthday == Birthday(month=4, day=12)
    assert marco.important_dates == [("Anniversary", datetime.date(2015, 6, 20))]


def test_outlook_vcard_2_1_decodes_quoted_printable_in_utf8_and_windows_1252():
    people = by_name(records_of("outlook_2_1.vcf"))
    juergen = people["Jürgen Müller"]
    assert juergen.organisation == "Stadtwerke Köln"
    # A soft line break inside a quoted-printable value joins the word again.
    assert (
        juergen.notes
        == "Sprach über die Wärmepumpen-Förderung, sehr kenntnisreich, ruhig, präzise.\nRückruf im Frühjahr."
    )
    assert juergen.emails[0] == ("juergen.mueller@stadtwerke-koeln.example", "")
    assert juergen.birthday == Birthday(month=5, day=8, year=1971)
    assert juergen.left_out == ["Photo"]
    zofia = people["Zofia Wiśniewska"]
    assert (zofia.organisation, zofia.city) == ("Huta Szkła Kraków", "Kraków")
    assert (
        "Address (work): ul. Przemysłowa 5, 31-216 Kraków, małopolskie, Polska" in zofia.extra_notes
    )
    # A line folded in the middle of a word is joined without a gap.
    assert zofia.notes.endswith("from the glass fair in Dusseldorf.")
    assert people["Chinedu Okafor"].phones == [("+234 803 555 0164", "mobile")]


def test_a_file_written_in_windows_1252_is_read():
    amelie = by_name(records_of("outlook_windows1252.vcf"))["Amélie Lefèvre"]
    assert amelie.organisation == "Société Générale d'Ingénierie"
    assert amelie.city == "Besançon"
    assert amelie.notes == "Rencontrée au salon Pollutec – très compétente, parle allemand."


def test_thunderbird_vcard_4_0_reads_birthdays_without_year_uri_phones_and_anniversaries():
    people = by_name(records_of("thunderbird_cardbook.vcf"))
    aylin = people["Aylin Demir"]
    assert aylin.birthday == Birthday(month=4, day=12)
    assert aylin.phones == [("+90 532 555 0137", "mobile"), ("+90-212-555-0100", "work")]
    assert aylin.important_dates == [("Anniversary", datetime.date(2010, 6, 12))]
    assert (
        aylin.notes
        == "Introduced by Marc at WindEurope 2022 in Bilbao. Prefers calls over email; speaks Turkish, German and English."
    )
    assert people["张伟"].birthday == Birthday(month=9, day=28, year=1986)


def test_a_contact_group_card_is_skipped_with_its_reason():
    group = by_name(records_of("thunderbird_cardbook.vcf"))["Advisory board"]
    assert group.skip_reason == "it is a contact group, not a person"


def test_nextcloud_vcard_4_0_with_a_data_uri_photo_and_a_leap_day_birthday():
    people = by_name(records_of("nextcloud.vcf"))
    minjun = people["김민준"]
    assert minjun.phones == [("+82 10-5555-0198", "mobile")]
    assert minjun.birthday == Birthday(month=11, day=23, year=1988)
    assert minjun.left_out == ["Photo"]
    sofia = people["Sofia Lindqvist"]
    assert sofia.organisation == "Lindqvist, Berg & Partners"
    assert sofia.birthday == Birthday(month=2, day=29)


@pytest.mark.parametrize(
    ("filename", "name", "organisation"),
    [
        ("apple_contacts.vcf", "田中 裕子", "株式会社ミドリ電機"),
        ("apple_contacts.vcf", "Ελένη Παπαδοπούλου", "Aegean Ports Authority"),
        ("google_contacts.vcf", "Ольга Иванова", "Северсталь-Энерго"),
        ("google_contacts.vcf", "ليلى حداد", "Cedar Solar SAL"),
        ("thunderbird_cardbook.vcf", "张伟", "深圳流明传感器有限公司"),
        ("nextcloud.vcf", "김민준", "Hanbit Robotics"),
        ("outlook_2_1.vcf", "Zofia Wiśniewska", "Huta Szkła Kraków"),
    ],
)
def test_names_in_any_script_reach_the_database(user, filename, name, organisation):
    import_file(user, sample(filename), filename)
    contact = Contact.objects.for_user(user).get(name=name)
    assert contact.organisation == organisation


def test_importing_every_sample_creates_the_contacts_with_their_fields(user):
    for filename in (
        "apple_contacts.vcf",
        "google_contacts.vcf",
        "outlook_2_1.vcf",
        "thunderbird_cardbook.vcf",
        "nextcloud.vcf",
    ):
        job = import_file(user, sample(filename), filename)
        assert job.status == "done", job.error
    contacts = {c.name: c for c in Contact.objects.for_user(user)}
    assert len(contacts) == 14  # every person card once; the group card is skipped
    johanna = contacts["Dr. Johanna Maria Brandt"]
    assert (johanna.email, johanna.phone) == (
        "johanna.brandt@nordwind-logistik.example",
        "+49 171 5550123",
    )
    assert johanna.birthday == Birthday(month=3, day=15)
    # What has no field of its own is in the notes, one "label: value" line each.
    assert "Email (privat): jo.brandt@posteo.example" in johanna.notes
    assert "Phone (work): +49 40 5550 8800" in johanna.notes
    assert "Categories: Kunden, Logistik" in johanna.notes
    assert johanna.notes.startswith(
        "Kennengelernt auf der transport logistic in München, Halle B4."
    )
    assert ImportantDate.objects.get(contact=johanna).date == datetime.date(2012, 9, 8)
    juergen = contacts["Jürgen Müller"]
    assert (juergen.organisation, juergen.role, juergen.city) == (
        "Stadtwerke Köln",
        "Gruppenleiter",
        "Köln",
    )
    assert juergen.birthday == Birthday(month=5, day=8, year=1971)
    assert contacts["Aylin Demir"].birthday == Birthday(month=4, day=12)
