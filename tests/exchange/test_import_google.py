"""A Google Contacts CSV export, in the current and the older layout, comes in."""

import datetime

from contacts.dates import Birthday
from contacts.models import Contact, ImportantDate
from tests.exchange.helpers import by_name, import_file, records_of, sample


def test_the_current_layout_gives_names_emails_phones_organisations_and_birthdays():
    people = by_name(records_of("google_contacts.csv"))
    olga = people["Ольга Иванова"]
    assert olga.emails == [
        ("olga.ivanova@mail.example", "home"),
        ("o.ivanova@severstal-energo.example", "work"),
    ]
    assert olga.phones == [("+7 916 555-01-23", "mobile")]
    assert (olga.organisation, olga.role) == ("Северсталь-Энерго", "Главный инженер")
    assert (olga.city, olga.country) == ("Москва", "Россия")
    assert olga.birthday == Birthday(month=7, day=21, year=1983)
    assert olga.notes == "Met at the Hannover Messe 2023, hall 27.\nInterested in heat pumps."
    assert olga.source == "line 2"


def test_several_values_in_one_cell_labels_events_and_relations():
    marco = by_name(records_of("google_contacts.csv"))["Marco Bellini"]
    assert [email for email, _label in marco.emails] == [
        "marco.bellini@vetreria-murano.example",
        "marco@bellini-famiglia.example",
    ]
    assert marco.birthday == Birthday(month=4, day=12)
    assert marco.important_dates == [("Anniversary", datetime.date(2015, 6, 20))]
    assert marco.categories == ["Starred", "Suppliers"]
    assert "Relation (Spouse): Giulia Bellini" in marco.extra_notes
    assert marco.left_out == ["Photo"]
    assert marco.source == "line 6"  # the row before spans four lines


def test_custom_fields_and_other_columns_go_to_the_notes():
    kwame = by_name(records_of("google_contacts.csv"))["Dr. Kwame Mensah"]
    assert "Shoe size: 44" in kwame.extra_notes
    assert "Department: Operations" in kwame.extra_notes
    assert "Website (Profile): https://accra-agritech.example/team/kwame" in kwame.extra_notes


def test_a_row_with_only_an_email_is_named_after_it():
    records = records_of("google_contacts.csv")
    assert records[-1].name == "orders@printshop.example"


def test_the_older_layout_with_a_byte_order_mark_is_read():
    [priya] = records_of("google_contacts_legacy.csv")
    assert priya.name == "Priya Raman"
    assert (priya.organisation, priya.role) == ("Chennai Metro Water", "Programme Lead")
    assert priya.emails == [("priya.raman@chennai-water.example", "work")]
    assert priya.birthday == Birthday(month=1, day=19, year=1987)
    assert priya.categories == ["Water"]
    assert "Hobby: Climbing" in priya.extra_notes


def test_the_export_becomes_contacts(user):
    job = import_file(user, sample("google_contacts.csv"), "contacts.csv")
    assert job.status == "done"
    marco = Contact.objects.for_user(user).get(name="Marco Bellini")
    assert marco.email == "marco.bellini@vetreria-murano.example"
    assert "Email (work): marco@bellini-famiglia.example" in marco.notes
    assert "Phone (mobile): +39 347 555 0102" in marco.notes
    assert ImportantDate.objects.get(contact=marco).label == "Anniversary"
    assert Contact.objects.for_user(user).count() == 4
