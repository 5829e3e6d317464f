"""Contacts go out as vCard 4.0, CSV and the full backup, and the backup stays lossless after merges."""

import csv
import datetime
import io
import json

import vobject
from django.core.management import call_command

from contacts.dates import Birthday
from contacts.filters import ContactFilters, filtered_contacts
from contacts.models import Contact
from exchange.backup import export_backup, import_backup
from exchange.backup_merge import import_backup_document
from exchange.formats.detect import read_contacts
from exchange.formats.vcard_export import export_vcards
from tests.exchange.helpers import import_file, sample
from tests.factories import (
    make_attribute,
    make_contact,
    make_encounter,
    make_important_date,
    make_introduction,
    make_tie,
    make_user,
)

PEOPLE = [
    ("Anna Schmidt", "anna@example.org", "+49 170 5550001", Birthday(month=4, day=12, year=1979)),
    ("Zhang Wei / 张伟", "zhang@example.cn", "+86 755 5550 1234", Birthday(month=9, day=28)),
    ("Ελένη Παπαδοπούλου", "eleni@example.gr", "", Birthday(month=2, day=29)),
    ('O\'Brien, Seán; "the boss"', "", "+353 1 555 0101", None),
    ("ليلى حداد", "layla@example.com", "+961 3 555 012", Birthday(month=12, day=31, year=2001)),
]


def _people(user):
    contacts = []
    for name, email, phone, birthday in PEOPLE:
        contact = make_contact(
            user,
            name,
            email=email,
            phone=phone,
            organisation="ACME, Inc.",
            role="Chief; Engineer",
            city="München",
            country="Deutschland",
            notes="Line one\nLine two, with a comma; and a semicolon \\ backslash",
        )
        contact.birthday = birthday
        contact.save()
        contacts.append(contact)
    return contacts


def test_our_vcard_read_back_by_vobject_gives_the_same_names_emails_phones_and_birthdays(user):
    _people(user)
    text = export_vcards(Contact.objects.for_user(user).order_by("id"))
    cards = list(vobject.readComponents(text))
    assert [card.version.value for card in cards] == ["4.0"] * len(PEOPLE)
    for card, (name, email, phone, birthday) in zip(cards, PEOPLE, strict=True):
        assert card.fn.value == name
        assert [e.value for e in card.contents.get("email", [])] == ([email] if email else [])
        assert [t.value for t in card.contents.get("tel", [])] == ([phone] if phone else [])
        bday = card.contents.get("bday")
        if birthday is None:
            assert bday is None
        else:
            year = f"{birthday.year:04d}" if birthday.year else "--"
            assert bday[0].value == f"{year}{birthday.month:02d}{birthday.day:02d}"
        assert card.org.value == ["ACME, Inc."]
        assert card.note.value == "Line one\nLine two, with a comma; and a semicolon \\ backslash"


def test_our_vcard_imported_again_gives_the_same_contacts(user):
    contacts = _people(user)
    make_important_date(contacts[0], label="Company anniversary", date=datetime.date(2015, 6, 1))
    text = export_vcards(Contact.objects.for_user(user).order_by("id"))
    records = read_contacts(text, "vcard")
    for record, contact in zip(records, contacts, strict=True):
        assert record.name == contact.name
        assert [email for email, _label in record.emails] == (
            [contact.email] if contact.email else []
        )
        assert [phone for phone, _label in record.phones] == (
            [contact.phone] if contact.phone else []
        )
        assert (record.organisation, record.role, record.city, record.country) == (
            "ACME, Inc.",
            "Chief; Engineer",
            "München",
            "Deutschland",
        )
        assert record.birthday == contact.birthday
        assert record.notes == contact.notes
    assert records[0].important_dates == [("Company anniversary", datetime.date(2015, 6, 1))]
    # Imported into the account it came from, nothing changes.
    job = import_file(user, text.encode(), "export.vcf")
    assert job.summary["unchanged"]["count"] == len(PEOPLE)


def test_the_vcard_download_follows_the_contact_list_filters(user_client, user):
    anna = make_contact(user, "Anna Schmidt", organisation="Siemens Energy")
    make_contact(user, "Ben Berger", organisation="Bosch")
    make_contact(user, "Archived Anna", archived=True)
    attribute = make_attribute(anna, "Industry", "Energy")
    response = user_client.get("/exchange/export/contacts.vcf", {"q": "anna"})
    assert response["Content-Type"] == "text/vcard; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="weitblick-contacts-')
    assert [c.fn.value for c in vobject.readComponents(response.content.decode())] == [
        "Anna Schmidt"
    ]
    response = user_client.get("/exchange/export/contacts.vcf", {"q": "anna", "status": "all"})
    assert [c.fn.value for c in vobject.readComponents(response.content.decode())] == [
        "Anna Schmidt",
        "Archived Anna",
    ]
    response = user_client.get(
        "/exchange/export/contacts.vcf", {"status": "all", "f": f"{attribute.dimension_id}:Energy"}
    )
    assert [c.fn.value for c in vobject.readComponents(response.content.decode())] == [
        "Anna Schmidt"
    ]


def test_the_export_form_offers_the_dimension_values_to_filter_by(user_client, user):
    anna = make_contact(user, "Anna Schmidt")
    make_attribute(anna, "Industry", "Energy")
    make_attribute(make_contact(user, "Ben"), "Industry", "Banking")
    attribute = make_attribute(anna, "Generation", "Millennial")
    page = user_client.get("/exchange/").content.decode()
    assert (
        f'<option value="{attribute.dimension_id}:Millennial">Generation: Millennial</option>'
        in page
    )
    assert (
        page.index("Industry: Banking") < page.index("Industry: Energy") < page.index("Generation:")
    )


def test_another_persons_contacts_are_never_exported(user_client, other_user):
    make_contact(other_user, "Eve Secret")
    response = user_client.get("/exchange/export/contacts.vcf", {"status": "all"})
    assert response.content == b""


def test_the_csv_has_a_column_per_field_and_dimension_and_defuses_formulas(user_client, user):
    anna = make_contact(
        user,
        "Anna Schmidt",
        email="anna@example.org",
        phone="+49 170 5550001",
        notes='=HYPERLINK("http://evil")',
    )
    anna.birthday = Birthday(month=4, day=12)
    anna.save()
    make_contact(user, "Ben", met_through=anna, cadence_days=30, trust=4)
    make_attribute(anna, "Industry", "Energy")
    make_important_date(anna, label="Founding day", date=datetime.date(2016, 3, 18))
    response = user_client.get("/exchange/export/contacts.csv", {"status": "all"})
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0]["Name"] == "Anna Schmidt"
    assert rows[0]["Phone"] == "+49 170 5550001"  # a phone number is not a formula
    assert rows[0]["Notes"] == '\'=HYPERLINK("http://evil")'
    assert rows[0]["Birthday"] == "--04-12"
    assert rows[0]["Industry"] == "Energy"
    assert rows[0]["Important dates"] == "Founding day: 2016-03-18"
    assert (
        rows[1]["Met through"],
        rows[1]["Keep in touch every (days)"],
        rows[1]["Trust (1–5)"],
    ) == ("Anna Schmidt", "30", "4")


def test_the_backup_download_is_the_backup_document(user_client, user):
    make_contact(user, "Anna")
    response = user_client.get("/exchange/export/backup.json")
    document = json.loads(response.content)
    expected = export_backup(user)
    assert {**document, "exported_at": None} == {**expected, "exported_at": None}


def _account_with_history(owner):
    anna = make_contact(
        owner,
        "Anna Schmidt",
        email="anna@example.org",
        organisation="Siemens",
        cadence_days=30,
        trust=4,
        how_we_met="Flight to Lisbon",
    )
    ben = make_contact(owner, "Ben Berger", met_through=anna)
    twin = make_contact(owner, "Ben Berger")  # a namesake without an organisation
    make_attribute(anna, "Industry", "Energy")
    make_important_date(anna)
    make_tie(owner, anna, ben)
    make_encounter(owner, [anna, ben], occurred_on=datetime.date(2026, 3, 2), notes="Coffee")
    make_encounter(owner, [twin], occurred_on=datetime.date(2026, 3, 5))
    make_introduction(
        owner, anna, ben, made_on=datetime.date(2026, 3, 5), follow_up_on=datetime.date(2026, 4, 1)
    )
    return anna


def _without_time(document):
    return {**document, "exported_at": None}


def test_the_backup_stays_lossless_after_an_import_merged_into_the_contacts(user):
    _account_with_history(user)
    import_file(user, sample("apple_contacts.vcf"), "apple.vcf")
    merge = b"BEGIN:VCARD\nVERSION:3.0\nFN:Anna Schmidt\nEMAIL:anna@example.org\nTEL:+49 170 5550001\nORG:Siemens Energy\nBDAY:--04-12\nEND:VCARD\n"
    import_file(user, merge, "anna.vcf")
    document = export_backup(user)
    fresh = make_user("fresh")
    import_backup(fresh, document)
    assert _without_time(export_backup(fresh)) == _without_time(document)


def test_importing_an_accounts_own_backup_into_it_changes_nothing(user):
    _account_with_history(user)
    before = export_backup(user)
    result = import_backup_document(user, json.loads(json.dumps(before)))
    assert result["restored"] is False
    assert (
        result["created"],
        result["merged"],
        result["encounters"],
        result["ties"],
        result["introductions"],
    ) == (0, 0, 0, 0, 0)
    assert result["unchanged"] == 3
    assert _without_time(export_backup(user)) == _without_time(before)


def test_a_backup_merged_into_an_account_adds_what_is_missing(user):
    source = make_user("source")
    _account_with_history(source)
    document = export_backup(source)
    mine = make_contact(user, "Anna Schmidt", email="anna@example.org")
    job = import_file(user, json.dumps(document).encode(), "backup.json")
    assert job.summary["backup"]["restore"] is False
    assert job.summary["result"]["created"] == 2 and job.summary["result"]["merged"] == 1
    mine.refresh_from_db()
    assert (mine.organisation, mine.cadence_days, mine.trust, mine.how_we_met) == (
        "Siemens",
        30,
        4,
        "Flight to Lisbon",
    )
    assert mine.attributes.get().value == "Energy"
    ben = Contact.objects.for_user(user).filter(name="Ben Berger").order_by("id").first()
    assert ben.met_through_id == mine.pk
    assert mine.encounters.get().participants.count() == 2
    # The same backup again: nothing more.
    again = import_file(user, json.dumps(document).encode(), "backup.json")
    assert (again.summary["result"]["created"], again.summary["result"]["encounters"]) == (0, 0)


def test_a_backup_into_an_empty_account_is_restored_exactly(user):
    source = make_user("source")
    _account_with_history(source)
    document = export_backup(source)
    job = import_file(user, json.dumps(document, ensure_ascii=False).encode(), "backup.json")
    assert job.summary["backup"]["restore"] is True
    assert job.summary["result"]["restored"] is True
    assert _without_time(export_backup(user)) == _without_time(document)


def test_the_export_command_writes_vcard_csv_and_backup(user, tmp_path, capsys):
    anna = make_contact(user, "Anna Schmidt", email="anna@example.org")
    make_contact(user, "Ben Berger")
    make_attribute(anna, "Industry", "Energy")
    call_command("export_contacts", "--user", user.username, "--filter", "Industry:Energy")
    assert [c.fn.value for c in vobject.readComponents(capsys.readouterr().out)] == ["Anna Schmidt"]
    target = tmp_path / "contacts.csv"
    call_command(
        "export_contacts", "--user", user.username, "--format", "csv", "--output", str(target)
    )
    assert [
        row["Name"] for row in csv.DictReader(io.StringIO(target.read_text(encoding="utf-8-sig")))
    ] == ["Anna Schmidt", "Ben Berger"]
    call_command("export_contacts", "--user", user.username, "--format", "backup")
    assert json.loads(capsys.readouterr().out)["format"] == "weitblick-backup"


def test_the_import_command_previews_and_imports(user, capsys):
    path = str(sample_path("google_contacts.csv"))
    call_command("import_contacts", path, "--user", user.username, "--dry-run")
    out = capsys.readouterr().out
    assert "google file with 4 records: 4 new, 0 to merge" in out
    assert "Dry run: nothing was written." in out
    assert not Contact.objects.for_user(user).exists()
    call_command("import_contacts", path, "--user", user.username, "--format", "google")
    assert "4 new contacts" in capsys.readouterr().out
    assert Contact.objects.for_user(user).count() == 4


def sample_path(name):
    from tests.exchange.helpers import DATA

    return DATA / name


def test_the_filters_read_the_contact_list_parameters(user):
    from django.http import QueryDict

    filters = ContactFilters.from_params(QueryDict("q=+anna+&status=bogus&f=3:Energy&f=x:y&f=4:"))
    assert filters == ContactFilters(query="anna", status="active", attributes=((3, "Energy"),))
    assert list(filtered_contacts(user, filters)) == []
