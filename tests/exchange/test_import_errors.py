"""A malformed file is refused as a whole, with messages naming the card or line and the field."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from contacts.models import Contact
from exchange.imports import jobs, uploads
from exchange.models import ImportJob

GOOD = "BEGIN:VCARD\nVERSION:3.0\nFN:Good Person\nEMAIL:good@example.org\nEND:VCARD\n"


@pytest.fixture
def refuse(user):
    def errors(data: bytes | str, format: str = "auto") -> list[str]:
        if isinstance(data, str):
            data = data.encode("utf-8")
        job = jobs.start_import(user, data, filename="broken", format=format)
        assert job.status == ImportJob.Status.FAILED
        assert not Contact.objects.for_user(user).exists()
        return job.summary["errors"]

    return errors


def test_a_card_without_its_end_is_named_with_the_line_it_starts_on(refuse):
    assert refuse(GOOD + "BEGIN:VCARD\nVERSION:3.0\nFN:Cut Off\n") == [
        "Card 2 (from line 6): the file ends before the card's END:VCARD."
    ]


def test_an_end_without_a_begin_and_stray_text_are_named_by_line(refuse):
    assert refuse("hello\n" + GOOD + "END:VCARD\n") == [
        "Line 1: this line is outside of any card (BEGIN:VCARD … END:VCARD).",
        "Line 7: END:VCARD without a BEGIN:VCARD before it.",
    ]


def test_an_impossible_birthday_names_the_card_the_line_and_the_field(refuse):
    errors = refuse(
        GOOD + "BEGIN:VCARD\nVERSION:3.0\nFN:Anna Schmidt\nBDAY:1979-02-30\nEND:VCARD\n"
    )
    assert errors == [
        "Card 2 (Anna Schmidt), line 9, BDAY: “1979-02-30” is not a date; expected YYYY-MM-DD, YYYYMMDD or --MM-DD"
    ]


def test_a_line_that_is_no_property_is_named(refuse):
    errors = refuse("BEGIN:VCARD\nVERSION:3.0\nFN:Anna\nthis line has no colon\nEND:VCARD\n")
    assert errors == [
        "Card 1 (Anna), line 4: this is not a vCard property (NAME:value): this line has no colon"
    ]


def test_an_unknown_charset_names_the_property(refuse):
    errors = refuse(
        "BEGIN:VCARD\nVERSION:2.1\nN;CHARSET=x-klingon;ENCODING=QUOTED-PRINTABLE:M=FCller\nFN:Anna\nEND:VCARD\n"
    )
    assert len(errors) == 1
    assert errors[0].startswith("Card 1 (Anna), line 3, N: the value cannot be decoded")


def test_an_unsupported_version_and_a_nul_character_are_refused(refuse):
    errors = refuse(
        "BEGIN:VCARD\nVERSION:5.0\nFN:Anna\nEND:VCARD\nBEGIN:VCARD\nVERSION:3.0\nFN:Ben\nNOTE:a\x00b\nEND:VCARD\n"
    )
    assert errors == [
        "Card 1 (Anna): vCard version 5.0 is not supported; 2.1, 3.0 and 4.0 are.",
        "Card 2 (Ben), line 8, NOTE: contains a NUL character, which cannot be stored",
    ]


def test_a_name_too_long_for_the_field_is_refused(refuse):
    errors = refuse("BEGIN:VCARD\nVERSION:3.0\nFN:" + "A" * 201 + "\nEND:VCARD\n")
    assert errors[0].endswith(
        "line 3, FN: the name is 201 characters long; at most 200 are allowed"
    )


def test_a_file_that_is_no_known_format_is_refused(refuse):
    assert refuse("just some text\n")[0].startswith("The file's format was not recognised")
    assert refuse("just some text\n", "vcard") == [
        "Line 1: this line is outside of any card (BEGIN:VCARD … END:VCARD)."
    ]


def test_linkedin_rows_with_a_bad_date_or_missing_columns_are_named(refuse):
    data = (
        'Notes:\n"When exporting your connection data ..."\n\n'
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Anna,Schmidt,https://www.linkedin.com/in/anna,,Siemens,Buyer,31 Foo 2024\n"
        "Ben,Berger,https://www.linkedin.com/in/ben\n"
    )
    assert refuse(data) == [
        "Line 5, Connected On: “31 Foo 2024” is not a date like 12 Mar 2024.",
        "Line 6: 3 columns, but the header on line 4 has 7.",
    ]


def test_linkedin_without_its_header_is_refused(refuse):
    assert refuse("Notes:\nsomething else entirely\n", "linkedin")[0].startswith(
        "This is not a LinkedIn Connections.csv: no line names the columns First Name, Last Name"
    )


def test_google_rows_with_a_bad_birthday_or_a_broken_quote_are_named(refuse):
    header = "First Name,Last Name,Birthday,E-mail 1 - Label,E-mail 1 - Value\n"
    assert refuse(header + "Anna,Schmidt,12.04.1979,Work,anna@example.org\n") == [
        "Line 2, Birthday: “12.04.1979” is not a date; expected YYYY-MM-DD or --MM-DD"
    ]
    errors = refuse(header + 'Anna,Schmidt,,Work,anna@example.org\nBen,"Berger,,,\n')
    assert errors[0].startswith("Line 3: the CSV cannot be read there")


def test_a_broken_backup_is_refused_with_the_backup_checks_messages(refuse):
    assert refuse("{ not json", "backup")[0].startswith("The file is not valid JSON: ")
    document = {"format": "weitblick-backup", "version": 1, "contacts": [{"ref": "c1", "name": ""}]}
    assert refuse(json.dumps(document)) == ["contacts[0].name: must not be empty"]


def test_the_page_shows_the_errors_and_keeps_the_form(user_client, user):
    data = GOOD + "BEGIN:VCARD\nVERSION:3.0\nFN:Anna Schmidt\nBDAY:31.02.\nEND:VCARD\n"
    response = user_client.post(
        "/exchange/import/",
        {"file": SimpleUploadedFile("broken.vcf", data.encode()), "format": "auto"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "The file was refused; nothing was imported." in page
    assert "Card 2 (Anna Schmidt), line 9, BDAY: “31.02.” is not a date" in page
    assert not Contact.objects.for_user(user).exists()


def test_the_command_prints_the_errors_and_fails(user, tmp_path, capsys):
    path = tmp_path / "broken.vcf"
    path.write_text(GOOD + "BEGIN:VCARD\nVERSION:3.0\nFN:Anna\nBDAY:1979-13-01\nEND:VCARD\n")
    with pytest.raises(CommandError, match=r"Nothing was imported from .*broken.vcf \(1 error\)"):
        call_command("import_contacts", str(path), "--user", user.username)
    assert "Card 2 (Anna), line 9, BDAY: “1979-13-01” is not a date" in capsys.readouterr().err
    assert not Contact.objects.for_user(user).exists()


def test_a_large_file_with_an_error_fails_its_job_with_the_messages(user, settings):
    count = jobs.READ_IN_REQUEST_BYTES // 40 + jobs.IN_REQUEST_LIMIT
    cards = "".join(f"BEGIN:VCARD\nVERSION:3.0\nFN:Person {i}\nEND:VCARD\n" for i in range(count))
    broken = cards + "BEGIN:VCARD\nVERSION:3.0\nFN:Late Error\nBDAY:nonsense\nEND:VCARD\n"
    job = jobs.start_import(user, broken.encode(), filename="big.vcf")
    assert jobs.is_reading(job)
    assert uploads.path_of(job.pk).read_bytes() == broken.encode()
    assert jobs.read_job(job.pk) == "refused"
    assert not uploads.path_of(job.pk).exists()
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED
    assert job.summary["errors"] == [
        f"Card {count + 1} (Late Error), line {4 * count + 4}, BDAY: “nonsense” is not a date; expected YYYY-MM-DD, YYYYMMDD or --MM-DD"
    ]
    assert not Contact.objects.for_user(user).exists()
