"""Importing a backup: the rows it creates, the dimensions it orders, the accounts it refuses."""

import copy
import datetime
import io
import json
import sys

import pytest
from django.core.management import call_command

from contacts.dates import Birthday
from contacts.models import Contact, ContactAttribute, Dimension, ImportantDate, Introduction, Tie
from encounters.models import Encounter
from exchange.backup import BackupError, ImportSummary, import_backup
from tests.factories import make_contact

SAMPLE = {
    "format": "weitblick-backup",
    "version": 1,
    "exported_at": "2026-11-20T08:00:00+00:00",
    "dimensions": ["Sport", "Industry"],
    "contacts": [
        {
            "ref": "c1",
            "name": "Zhang Wei / 张伟",
            "email": "zhang.wei@example.org",
            "phone": "+86 755 5550 1234",
            "organisation": "Shenzhen Lumen Sensors",
            "role": "Founder",
            "city": "Shenzhen",
            "country": "China",
            "birthday": "1987-09-28",
            "how_we_met": "Slush, in the sauna queue.",
            "met_through": "c2",
            "cadence_days": 45,
            "trust": 4,
            "archived": False,
            "notes": "Line one\nline two <script>alert(1)</script>",
            "attributes": {"Industry": "Hardware", "Sport": "Table tennis"},
            "important_dates": [
                {"label": "Founding day", "date": "2016-03-18"},
                {"label": "Wedding", "date": "2014-10-01"},
            ],
        },
        {
            "ref": "c2",
            "name": "Sofia Lindqvist",
            "email": None,
            "phone": None,
            "organisation": None,
            "role": None,
            "city": None,
            "country": None,
            "birthday": "--02-29",
            "how_we_met": None,
            "met_through": None,
            "cadence_days": None,
            "trust": None,
            "archived": False,
            "notes": None,
            "attributes": {},
            "important_dates": [],
        },
        {
            "ref": "c3",
            "name": "Heinz Obermeier",
            "email": None,
            "phone": None,
            "organisation": None,
            "role": None,
            "city": None,
            "country": None,
            "birthday": None,
            "how_we_met": "The queue at the bakery.",
            "met_through": "c1",
            "cadence_days": None,
            "trust": 2,
            "archived": True,
            "notes": None,
            "attributes": {"Industry": "Crafts"},
            "important_dates": [],
        },
    ],
    "ties": [{"a": "c2", "b": "c1", "kind": "friend"}, {"a": "c1", "b": "c3", "kind": "knows"}],
    "encounters": [
        {
            "ref": "e1",
            "occurred_on": "2026-03-01",
            "time": None,
            "kind": "phone_call",
            "planned": True,
            "participants": ["c2"],
            "location": None,
            "notes": None,
            "learned": None,
            "views": None,
            "follow_up_on": None,
        },
        {
            "ref": "e2",
            "occurred_on": "2026-03-02",
            "time": "09:30",
            "kind": "coffee",
            "planned": False,
            "participants": ["c1", "c3"],
            "location": "Bäckerei on Berger Straße",
            "notes": "Ran into each other.",
            "learned": "Rye needs time.",
            "views": "differed",
            "follow_up_on": "2026-03-16",
        },
    ],
    "introductions": [
        {
            "a": "c1",
            "b": "c3",
            "made_on": "2026-03-05",
            "reason": "Both care about apprenticeships.",
            "channel": "in_person",
            "status": "met",
            "outcome": "fruitful",
            "outcome_note": "They meet on Saturdays.",
            "follow_up_on": None,
        },
        {
            "a": "c2",
            "b": "c1",
            "made_on": "2026-04-01",
            "reason": "Sofia invests in sensors.",
            "channel": "email",
            "status": "made",
            "outcome": "pending",
            "outcome_note": None,
            "follow_up_on": "2026-05-01",
        },
    ],
}


def sample_document() -> dict:
    """A valid document with every field in use; tests change a copy."""
    return copy.deepcopy(SAMPLE)


def contact_named(user, name: str) -> Contact:
    return Contact.objects.for_user(user).get(name=name)


@pytest.fixture
def imported(user) -> ImportSummary:
    return import_backup(user, sample_document())


def test_it_reports_what_it_created(imported):
    assert imported == ImportSummary(
        dimensions_created=1,
        contacts=3,
        attributes=3,
        important_dates=2,
        ties=2,
        encounters=2,
        participants=3,
        introductions=2,
    )


def test_it_creates_contacts_with_every_field(user, imported):
    zhang = contact_named(user, "Zhang Wei / 张伟")
    assert zhang.email == "zhang.wei@example.org"
    assert zhang.phone == "+86 755 5550 1234"
    assert zhang.organisation == "Shenzhen Lumen Sensors"
    assert zhang.role == "Founder"
    assert (zhang.city, zhang.country) == ("Shenzhen", "China")
    assert zhang.birthday == Birthday(year=1987, month=9, day=28)
    assert zhang.how_we_met == "Slush, in the sauna queue."
    assert zhang.met_through == contact_named(user, "Sofia Lindqvist")
    assert (zhang.cadence_days, zhang.trust, zhang.archived) == (45, 4, False)
    assert zhang.notes == "Line one\nline two <script>alert(1)</script>"


def test_it_stores_null_text_as_empty_strings(user, imported):
    sofia = contact_named(user, "Sofia Lindqvist")
    assert [sofia.email, sofia.phone, sofia.organisation, sofia.notes, sofia.how_we_met] == [""] * 5
    assert sofia.cadence_days is None and sofia.trust is None and sofia.met_through is None


def test_it_stores_a_birthday_without_a_year(user, imported):
    assert contact_named(user, "Sofia Lindqvist").birthday == Birthday(month=2, day=29)


def test_it_resolves_a_met_through_ref_to_a_later_contact(user, imported):
    heinz = contact_named(user, "Heinz Obermeier")
    assert heinz.met_through == contact_named(user, "Zhang Wei / 张伟")
    assert heinz.archived is True


def test_it_creates_attributes_on_the_named_dimensions(user, imported):
    zhang = contact_named(user, "Zhang Wei / 张伟")
    values = {a.dimension.name: a.value for a in ContactAttribute.objects.filter(contact=zhang)}
    assert values == {"Industry": "Hardware", "Sport": "Table tennis"}
    assert ContactAttribute.objects.for_user(user).count() == 3


def test_it_puts_the_documents_dimensions_first_in_its_order(user, imported):
    names = list(Dimension.objects.for_user(user).values_list("name", flat=True))
    assert names == [
        "Sport",
        "Industry",
        "Country/Culture",
        "Generation",
        "Hierarchy level",
        "Field",
    ]


def test_it_creates_important_dates(user, imported):
    dates = ImportantDate.objects.for_user(user).order_by("id")
    assert [(d.contact.name, d.label, d.date) for d in dates] == [
        ("Zhang Wei / 张伟", "Founding day", datetime.date(2016, 3, 18)),
        ("Zhang Wei / 张伟", "Wedding", datetime.date(2014, 10, 1)),
    ]


def test_it_stores_ties_with_the_lower_id_first(user, imported):
    ties = list(Tie.objects.for_user(user).order_by("id"))
    assert [(t.a.name, t.b.name, t.kind) for t in ties] == [
        ("Zhang Wei / 张伟", "Sofia Lindqvist", "friend"),
        ("Zhang Wei / 张伟", "Heinz Obermeier", "knows"),
    ]
    assert all(t.a_id < t.b_id for t in ties)


def test_it_creates_encounters_with_their_participants(user, imported):
    coffee = Encounter.objects.for_user(user).get(kind="coffee")
    assert coffee.occurred_on == datetime.date(2026, 3, 2)
    assert coffee.time == datetime.time(9, 30)
    assert coffee.planned is False
    assert coffee.location == "Bäckerei on Berger Straße"
    assert (coffee.notes, coffee.learned, coffee.views) == (
        "Ran into each other.",
        "Rye needs time.",
        "differed",
    )
    assert coffee.follow_up_on == datetime.date(2026, 3, 16)
    assert sorted(c.name for c in coffee.participants.all()) == [
        "Heinz Obermeier",
        "Zhang Wei / 张伟",
    ]
    call = Encounter.objects.for_user(user).get(kind="phone_call")
    assert (call.time, call.views, call.location) == (None, "", "")


def test_it_creates_introductions(user, imported):
    met = Introduction.objects.for_user(user).get(status="met")
    assert (met.a.name, met.b.name) == ("Zhang Wei / 张伟", "Heinz Obermeier")
    assert met.made_on == datetime.date(2026, 3, 5)
    assert (met.channel, met.outcome, met.outcome_note) == (
        "in_person",
        "fruitful",
        "They meet on Saturdays.",
    )
    made = Introduction.objects.for_user(user).get(status="made")
    assert (made.outcome, made.outcome_note, made.follow_up_on) == (
        "pending",
        "",
        datetime.date(2026, 5, 1),
    )


def test_it_gives_omitted_optional_fields_their_defaults(user):
    document = {
        "format": "weitblick-backup",
        "version": 1,
        "contacts": [{"ref": "a", "name": "Ana"}, {"ref": "b", "name": "Ben"}],
        "ties": [{"a": "a", "b": "b"}],
        "encounters": [
            {"ref": "x", "occurred_on": "2026-01-02", "kind": "meal", "participants": ["a"]}
        ],
        "introductions": [{"a": "a", "b": "b", "made_on": "2026-01-03", "reason": "Chess."}],
    }
    import_backup(user, document)
    ana = contact_named(user, "Ana")
    assert (ana.email, ana.archived, ana.birthday, ana.trust) == ("", False, None, None)
    assert Tie.objects.for_user(user).get().kind == "knows"
    assert Encounter.objects.for_user(user).get().planned is True
    introduction = Introduction.objects.for_user(user).get()
    assert (introduction.channel, introduction.status, introduction.outcome) == (
        "email",
        "proposed",
        "pending",
    )


def test_it_refuses_an_account_that_already_has_contacts(user):
    make_contact(user, "Already here")
    with pytest.raises(BackupError) as error:
        import_backup(user, sample_document())
    assert error.value.errors[0].startswith("alice already has 1 contact. Merging")
    assert "--allow-existing" in error.value.errors[0]
    assert Contact.objects.for_user(user).count() == 1
    assert not Dimension.objects.for_user(user).filter(name="Sport").exists()


def test_it_appends_to_an_account_with_contacts_when_allowed(user):
    make_contact(user, "Already here")
    import_backup(user, sample_document(), allow_existing=True)
    assert Contact.objects.for_user(user).count() == 4
    assert contact_named(user, "Already here")


def test_it_reuses_dimensions_the_account_already_has(user):
    industry = Dimension.objects.for_user(user).get(name="Industry")
    import_backup(user, sample_document())
    assert ContactAttribute.objects.filter(dimension=industry).count() == 2
    assert Dimension.objects.for_user(user).filter(name="Industry").count() == 1


def test_it_leaves_other_accounts_alone(user, other_user):
    make_contact(other_user, "Mallory's friend")
    import_backup(user, sample_document())
    assert Contact.objects.for_user(other_user).count() == 1
    assert Contact.objects.for_user(user).count() == 3


def test_the_command_imports_a_file(user, tmp_path):
    path = tmp_path / "backup.json"
    path.write_text(json.dumps(sample_document(), ensure_ascii=False), encoding="utf-8")
    out = io.StringIO()
    call_command("import_backup", str(path), "--user", "alice", stdout=out)
    assert (
        "Imported 3 contacts, 2 ties, 2 encounters and 2 introductions for alice." in out.getvalue()
    )
    assert Contact.objects.for_user(user).count() == 3


def test_the_command_appends_with_allow_existing(user, tmp_path):
    make_contact(user, "Already here")
    path = tmp_path / "backup.json"
    path.write_text(json.dumps(sample_document()), encoding="utf-8")
    call_command(
        "import_backup", str(path), "--user", "alice", "--allow-existing", stdout=io.StringIO()
    )
    assert Contact.objects.for_user(user).count() == 4


def test_the_command_reads_standard_input(user, monkeypatch):
    data = json.dumps(sample_document(), ensure_ascii=False).encode("utf-8")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    call_command("import_backup", "-", "--user", "alice", stdout=io.StringIO())
    assert Contact.objects.for_user(user).count() == 3
