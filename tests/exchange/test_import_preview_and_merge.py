"""Before anything is written, a preview; on confirmation, merges that never empty a filled field."""

from hypothesis import given, settings
from hypothesis import strategies as st

from contacts.dates import Birthday
from contacts.models import Contact
from exchange.formats.records import ContactRecord
from exchange.imports import jobs
from exchange.imports.merge import load_existing, plan_import
from exchange.imports.merge_rules import Existing, merge_into
from exchange.models import ImportJob
from tests.exchange.helpers import import_file, sample
from tests.factories import make_contact, make_user

ANNA = b"""BEGIN:VCARD
VERSION:3.0
FN:Anna Schmidt
EMAIL;TYPE=WORK:anna@example.org
EMAIL;TYPE=HOME:anna.private@example.org
TEL;TYPE=CELL:+49 170 5550001
ORG:Siemens Energy
TITLE:Head of Procurement
ADR;TYPE=WORK:;;;Erlangen;;;Germany
BDAY:1979-04-12
NOTE:Met at the Hannover Messe.
END:VCARD
"""


def test_the_preview_writes_nothing_and_counts_what_would_happen(user):
    make_contact(user, "Someone Else", email="other@example.org")
    job = jobs.start_import(user, sample("apple_contacts.vcf"), filename="apple.vcf")
    assert job.status == ImportJob.Status.PREVIEW
    assert Contact.objects.for_user(user).count() == 1
    summary = job.summary
    assert summary["phase"] == "ready"
    assert summary["records"] == 4
    assert summary["new"] == {
        "count": 4,
        "names": ["Dr. Johanna Maria Brandt", "田中 裕子", "Café Wacker", "Ελένη Παπαδοπούλου"],
    }
    assert (
        summary["merges"]["count"]
        == summary["unchanged"]["count"]
        == summary["skipped"]["count"]
        == 0
    )


def test_the_preview_says_what_goes_into_fields_what_into_the_notes_and_what_is_left_out(user):
    job = jobs.start_import(user, sample("apple_contacts.vcf"), filename="apple.vcf")
    where = job.summary["where"]
    fields = {item["label"]: item["count"] for item in where["fields"]}
    assert fields["Birthday"] == 3 and fields["Email"] == 3 and fields["Organisation"] == 4
    notes = {item["label"]: item["count"] for item in where["notes"]}
    assert notes["Email"] == 1 and notes["Phone"] == 3 and notes["Address"] == 3
    assert notes["Categories"] == 1 and notes["Nickname"] == 1
    assert where["left_out"] == [{"label": "Photo", "count": 1}]


def test_a_contact_with_the_same_email_is_merged_field_by_field(user):
    anna = make_contact(
        user,
        "Anna Schmidt",
        email="ANNA@example.org",
        organisation="Siemens",
        city="",
        notes="Likes trains.",
    )
    job = import_file(user, ANNA, "anna.vcf")
    merge = job.summary["merges"]["items"][0]
    assert (merge["contact_id"], merge["matched_by"]) == (anna.pk, "email")
    changes = {change["label"]: change for change in merge["changes"]}
    assert changes["Phone"] == {
        "label": "Phone",
        "old": "",
        "new": "+49 170 5550001",
        "noted": False,
    }
    assert changes["Organisation"] == {
        "label": "Organisation",
        "old": "Siemens",
        "new": "Siemens Energy",
        "noted": True,
    }
    anna.refresh_from_db()
    assert anna.email == "ANNA@example.org"  # kept: the same address
    assert anna.organisation == "Siemens"  # kept: a filled field is never overwritten
    assert (anna.phone, anna.role, anna.city, anna.country) == (
        "+49 170 5550001",
        "Head of Procurement",
        "Erlangen",
        "Germany",
    )
    assert anna.birthday == Birthday(month=4, day=12, year=1979)
    assert anna.notes == (
        "Likes trains.\n\nMet at the Hannover Messe.\n\n"
        "Organisation: Siemens Energy\nEmail (home): anna.private@example.org"
    )
    assert Contact.objects.for_user(user).count() == 1


def test_a_contact_with_the_same_name_and_organisation_is_merged(user):
    anna = make_contact(user, "anna  schmidt", organisation="Siemens Energy")
    job = import_file(user, ANNA, "anna.vcf")
    assert job.summary["merges"]["items"][0]["matched_by"] == "name"
    anna.refresh_from_db()
    assert anna.email == "anna@example.org"
    assert anna.name == "anna  schmidt"  # the name differs only in case and spacing: nothing noted
    assert "Other name" not in anna.notes


def test_the_same_name_at_another_organisation_is_someone_new(user):
    make_contact(user, "Anna Schmidt", organisation="Bosch")
    job = import_file(user, ANNA, "anna.vcf")
    assert job.summary["new"]["count"] == 1
    assert Contact.objects.for_user(user).count() == 2


def test_a_known_birthday_gains_its_year_but_a_different_one_is_only_noted(user):
    anna = make_contact(user, "Anna Schmidt", email="anna@example.org")
    anna.birthday = Birthday(month=4, day=12)
    anna.save()
    other = make_contact(user, "Ben", email="ben@example.org")
    other.birthday = Birthday(month=1, day=1, year=1970)
    other.save()
    ben = ANNA.replace(b"Anna Schmidt", b"Ben").replace(b"anna@example.org", b"ben@example.org")
    import_file(user, ANNA, "anna.vcf")
    import_file(user, ben, "ben.vcf")
    anna.refresh_from_db()
    other.refresh_from_db()
    assert anna.birthday == Birthday(month=4, day=12, year=1979)
    assert other.birthday == Birthday(month=1, day=1, year=1970)
    assert "Birthday: 1979-04-12" in other.notes


def test_importing_the_same_file_twice_changes_nothing_the_second_time(user):
    import_file(user, sample("google_contacts.csv"), "contacts.csv")
    before = list(Contact.objects.for_user(user).order_by("id").values())
    job = import_file(user, sample("google_contacts.csv"), "contacts.csv")
    assert job.summary["new"]["count"] == 0
    assert job.summary["merges"]["count"] == 0
    assert job.summary["unchanged"]["count"] == 4
    after = list(Contact.objects.for_user(user).order_by("id").values())
    assert [{k: v for k, v in row.items() if k != "updated_at"} for row in after] == [
        {k: v for k, v in row.items() if k != "updated_at"} for row in before
    ]


def test_two_cards_for_the_same_person_in_one_file_become_one_contact(user):
    second = b"BEGIN:VCARD\nVERSION:3.0\nFN:Anna S.\nEMAIL:anna@example.org\nTEL:+49 89 5550002\nEND:VCARD\n"
    job = import_file(user, ANNA + second, "two.vcf")
    assert job.summary["combined"]["items"] == [
        {
            "source": "card 2",
            "name": "Anna S.",
            "into": "card 1",
            "reason": "the same email address",
        }
    ]
    anna = Contact.objects.for_user(user).get()
    assert anna.phone == "+49 170 5550001"
    assert "Phone: +49 89 5550002" in anna.notes
    assert "Other name: Anna S." in anna.notes


def test_records_from_a_vcard_and_from_linkedin_for_the_same_person_meet(user):
    import_file(user, sample("apple_contacts.vcf"), "apple.vcf")
    job = import_file(user, sample("linkedin_connections.csv"), "Connections.csv")
    # Johanna Brandt on LinkedIn shares her work address with Dr. Johanna Maria Brandt.
    merge = next(m for m in job.summary["merges"]["items"] if m["name"] == "Johanna Brandt")
    assert merge["contact_name"] == "Dr. Johanna Maria Brandt"
    assert merge["matched_by"] == "email"
    johanna = Contact.objects.for_user(user).get(pk=merge["contact_id"])
    assert johanna.role == "Leiterin Einkauf"
    assert "Role: Head of Procurement, Rail & Road" in johanna.notes
    assert "LinkedIn: https://www.linkedin.com/in/johannabrandt" in johanna.notes


def test_another_persons_contacts_are_never_matched(user, other_user):
    make_contact(
        other_user, "Anna Schmidt", email="anna@example.org", organisation="Siemens Energy"
    )
    job = import_file(user, ANNA, "anna.vcf")
    assert job.summary["new"]["count"] == 1
    assert Contact.objects.for_user(other_user).get().phone == ""


def test_the_plan_takes_the_same_number_of_queries_for_few_and_many_contacts(
    db, django_assert_num_queries
):
    small, large = make_user("small"), make_user("large")
    for owner, count in ((small, 3), (large, 300)):
        Contact.objects.bulk_create(
            [
                Contact(
                    owner=owner, name=f"Person {i}", email=f"p{i}@example.org", organisation="Org"
                )
                for i in range(count)
            ]
        )
    records = [
        ContactRecord(
            source=f"card {i}",
            name=f"Person {i}",
            emails=[(f"p{i}@example.org", "")],
            phones=[("+1", "")],
        )
        for i in range(200)
    ]
    with django_assert_num_queries(3):
        plan_import(small, records)
    with django_assert_num_queries(3):
        plan = plan_import(large, records)
    assert len(plan.merges) == 200


def test_the_preview_page_shows_the_plan_and_confirming_imports(user_client, user):
    anna = make_contact(user, "Anna Schmidt", email="anna@example.org")
    response = user_client.post(
        "/exchange/import/",
        {"file": _upload("anna.vcf", ANNA + sample("nextcloud.vcf")), "format": "auto"},
    )
    job = ImportJob.objects.for_user(user).get()
    assert response.status_code == 302 and response["Location"] == f"/exchange/import/{job.pk}/"
    page = user_client.get(response["Location"]).content.decode()
    assert "What would happen" in page
    assert "Phone: “+49 170 5550001” fills the empty field" in page
    assert "Sofia Lindqvist" in page and "김민준" in page
    assert Contact.objects.for_user(user).count() == 1
    response = user_client.post(f"/exchange/import/{job.pk}/confirm/")
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE
    assert job.payload == {}
    assert Contact.objects.for_user(user).count() == 3
    anna.refresh_from_db()
    assert anna.phone == "+49 170 5550001"
    page = user_client.get(f"/exchange/import/{job.pk}/").content.decode()
    assert "Imported" in page and "See your contacts" in page


def test_cancelling_the_preview_imports_nothing(user_client, user):
    job = jobs.start_import(user, ANNA, filename="anna.vcf")
    user_client.post(f"/exchange/import/{job.pk}/cancel/")
    job.refresh_from_db()
    assert job.status == ImportJob.Status.CANCELLED
    assert not jobs.confirm_import(job)
    assert not Contact.objects.for_user(user).exists()


def _upload(name, data):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data)


_text = st.text(alphabet=st.characters(blacklist_categories=["Cs", "Cc"]), max_size=12)
_maybe = st.one_of(st.just(""), _text)


@settings(max_examples=200, deadline=None)
@given(
    existing=st.fixed_dictionaries(
        {
            "name": _text.filter(str.strip),
            "email": _maybe,
            "phone": _maybe,
            "organisation": _maybe,
            "role": _maybe,
            "city": _maybe,
            "country": _maybe,
            "notes": _maybe,
        }
    ),
    incoming=st.fixed_dictionaries(
        {
            "name": _maybe,
            "email": _maybe,
            "phone": _maybe,
            "organisation": _maybe,
            "role": _maybe,
            "city": _maybe,
            "country": _maybe,
            "notes": _maybe,
        }
    ),
)
def test_a_merge_never_empties_or_overwrites_a_filled_field(existing, incoming):
    contact = Existing(id=1, **existing)
    record = ContactRecord(
        source="card 1",
        name=incoming["name"],
        emails=[(incoming["email"], "")] if incoming["email"] else [],
        phones=[(incoming["phone"], "")] if incoming["phone"] else [],
        organisation=incoming["organisation"],
        role=incoming["role"],
        city=incoming["city"],
        country=incoming["country"],
        notes=incoming["notes"],
    )
    merge = merge_into(contact, record, index=0, matched_by="email")
    for field, value in merge.values.items():
        if field == "notes":
            assert value.startswith(contact.notes.rstrip())
            continue
        assert getattr(contact, field).strip() == "", f"{field} was filled and got overwritten"
        assert value, f"{field} would be emptied"
    # Merging what was merged adds nothing more.
    for field, value in merge.values.items():
        setattr(contact, field, value)
    assert merge_into(contact, record, index=0, matched_by="email").values == {}


def test_load_existing_reads_attributes_and_dates(user):
    from tests.factories import make_attribute, make_important_date

    anna = make_contact(user, "Anna")
    make_attribute(anna, "Industry", "Energy")
    make_important_date(anna)
    [loaded] = load_existing(user)
    assert loaded.attributes == {"Industry": "Energy"}
    assert len(loaded.important_dates) == 1


def test_the_preview_page_lists_what_is_skipped_combined_and_unchanged(user_client, user):
    make_contact(user, "Sofia Lindqvist", email="sofia.lindqvist@mail.example.se")
    data = (
        sample("thunderbird_cardbook.vcf")
        + sample("nextcloud.vcf")
        + ANNA
        + ANNA.replace(b"Anna Schmidt", b"A. Schmidt")
    )
    import_file(user, sample("nextcloud.vcf"), "first.vcf")
    job = jobs.start_import(user, data, filename="mixed.vcf")
    page = user_client.get(f"/exchange/import/{job.pk}/").content.decode()
    assert "card 3</span> · Advisory board: it is a contact group, not a person" in page
    assert "the same person as card 6 (the same email address); combined with it" in page
    assert "2 contacts already hold everything the file says" in page
    assert "Not imported, because Weitblick keeps no pictures, sounds or keys:" in page


def test_the_preview_of_a_large_plan_says_how_much_it_shows(user_client, user):
    from exchange.imports.preview import PREVIEW_LIMIT

    Contact.objects.bulk_create(
        [
            Contact(owner=user, name=f"Person {i}", email=f"person{i:05d}@example.org")
            for i in range(PREVIEW_LIMIT + 5)
        ]
    )
    cards = "".join(
        f"BEGIN:VCARD\nVERSION:3.0\nFN:Person {i}\nEMAIL:person{i:05d}@example.org\nTEL:+1 555 {i:04d}\nEND:VCARD\n"
        for i in range(PREVIEW_LIMIT + 5)
    )
    job = jobs.start_import(user, cards.encode(), filename="many.vcf")
    assert job.summary["merges"]["count"] == PREVIEW_LIMIT + 5
    page = user_client.get(f"/exchange/import/{job.pk}/").content.decode()
    assert f"The first {PREVIEW_LIMIT} of {PREVIEW_LIMIT + 5} are shown." in page
