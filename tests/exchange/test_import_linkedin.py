"""The Connections.csv of a LinkedIn data export comes in, notes lines and all."""

from contacts.models import Contact
from exchange.formats.detect import detect_format
from exchange.formats.records import decode_text
from tests.exchange.helpers import by_name, import_file, records_of, sample


def test_the_notes_lines_before_the_header_are_passed_over():
    assert detect_format(decode_text(sample("linkedin_connections.csv"))) == "linkedin"
    records = records_of("linkedin_connections.csv")
    assert [r.name for r in records] == [
        "Aylin Demir",
        "Johanna Brandt",
        "王芳",
        "Kwame Mensah",
        "",
    ]
    assert [r.source for r in records] == ["line 5", "line 6", "line 7", "line 8", "line 9"]


def test_company_position_email_and_profile_come_through():
    people = by_name(records_of("linkedin_connections.csv"))
    johanna = people["Johanna Brandt"]
    assert johanna.emails == [("johanna.brandt@nordwind-logistik.example", "")]
    assert (johanna.organisation, johanna.role) == (
        "Nordwind Logistik GmbH",
        "Head of Procurement, Rail & Road",
    )
    assert johanna.extra_notes == [
        "LinkedIn: https://www.linkedin.com/in/johannabrandt",
        "Connected on LinkedIn: 2023-02-02",
    ]
    assert people["Kwame Mensah"].role == 'Co-founder & "Chief Farmer"'
    # A Chinese name is written family name first, without a space.
    assert people["王芳"].organisation == "华东新能源有限公司"


def test_a_connection_without_a_name_is_skipped_with_its_reason(user):
    job = import_file(user, sample("linkedin_connections.csv"), "Connections.csv")
    skipped = job.summary["skipped"]["items"]
    assert skipped == [
        {"source": "line 9", "name": "", "reason": "LinkedIn gives no name for this connection"}
    ]
    assert Contact.objects.for_user(user).count() == 4


def test_connections_become_contacts_with_the_profile_in_the_notes(user):
    import_file(user, sample("linkedin_connections.csv"), "Connections.csv")
    aylin = Contact.objects.for_user(user).get(name="Aylin Demir")
    assert (aylin.organisation, aylin.role, aylin.email) == (
        "Anatolia Wind A.Ş.",
        "Project Director",
        "",
    )
    assert (
        aylin.notes
        == "LinkedIn: https://www.linkedin.com/in/aylin-demir-example\nConnected on LinkedIn: 2024-03-14"
    )
    # A LinkedIn connection is not a meeting: how we met stays for the person to fill in.
    assert aylin.how_we_met == ""


def test_an_older_export_without_the_url_column_is_read(user):
    data = b"First Name,Last Name,Email Address,Company,Position,Connected On\nJo,Brandt,jo@example.org,Nordwind,Buyer,1 Jan 2019\n"
    job = import_file(user, data, "Connections.csv")
    jo = Contact.objects.for_user(user).get()
    assert (jo.name, jo.email, jo.organisation) == ("Jo Brandt", "jo@example.org", "Nordwind")
    assert job.summary["records"] == 1
