"""Exporting an account as a backup document: every field, in a stable order."""

import datetime
import io
import json

import pytest
from django.core.management import CommandError, call_command

from contacts.dates import Birthday
from contacts.models import Dimension, Introduction, Tie
from exchange.backup import export_backup
from tests.factories import (
    make_attribute,
    make_contact,
    make_encounter,
    make_important_date,
    make_introduction,
    make_tie,
)


@pytest.fixture
def account(user):
    """A small account using every field, with rows created out of their export order."""
    Dimension.objects.create(owner=user, name="Sport", position=5)
    anna = make_contact(
        user,
        "Anna Αθηνά",
        email="anna@example.org",
        phone="+49 69 5550 100",
        organisation="Mainland Bank",
        role="Head of Risk",
        city="Frankfurt",
        country="Germany",
        how_we_met="Rowing club",
        cadence_days=30,
        trust=5,
        notes="Likes <b>bold</b> claims.\nAnd newlines.",
    )
    anna.birthday = Birthday(year=1979, month=4, day=12)
    anna.save()
    bob = make_contact(user, "Bob", met_through=anna, trust=1)
    bob.birthday = Birthday(month=2, day=29)
    bob.save()
    carla = make_contact(user, "Carla", archived=True)
    make_attribute(anna, "Sport", "Rowing")
    make_attribute(anna, "Industry", "Banking")
    make_important_date(anna, "Anniversary", datetime.date(2005, 6, 1))
    make_important_date(anna, "Name day", datetime.date(2000, 7, 26))
    make_tie(user, carla, anna, Tie.Kind.FRIEND)
    make_tie(user, bob, anna)
    make_encounter(
        user,
        [bob, anna],
        kind="meal",
        occurred_on=datetime.date(2026, 3, 2),
        time=datetime.time(19, 30),
        planned=False,
        location="Villa Merton",
        notes="Dinner",
        learned="Rates stay.",
        views="agreed",
        follow_up_on=datetime.date(2026, 3, 9),
    )
    make_encounter(user, [carla], kind="other", occurred_on=datetime.date(2026, 3, 2))
    make_encounter(
        user,
        [anna],
        kind="video_call",
        occurred_on=datetime.date(2026, 3, 2),
        time=datetime.time(8, 0, 15),
    )
    make_encounter(user, [bob], kind="phone_call", occurred_on=datetime.date(2026, 1, 5))
    make_introduction(
        user,
        bob,
        carla,
        reason="Both row.",
        made_on=datetime.date(2026, 2, 1),
        channel=Introduction.Channel.IN_PERSON,
        status=Introduction.Status.MET,
        outcome=Introduction.Outcome.FRUITFUL,
        outcome_note="Same boat now.",
    )
    make_introduction(
        user,
        carla,
        anna,
        reason="Carla needs a loan.",
        made_on=datetime.date(2026, 2, 3),
        follow_up_on=datetime.date(2026, 3, 1),
        ask_first=True,
        a_answer="yes",
        about_a="Runs the bakery on Kirchplatz",
    )
    return user


def empty_contact(ref: str, name: str, **fields) -> dict:
    contact = {
        "ref": ref,
        "name": name,
        "email": None,
        "phone": None,
        "organisation": None,
        "role": None,
        "city": None,
        "country": None,
        "birthday": None,
        "how_we_met": None,
        "met_through": None,
        "cadence_days": None,
        "trust": None,
        "archived": False,
        "notes": None,
        "attributes": {},
        "important_dates": [],
    }
    return contact | fields


def encounter(ref: str, occurred_on: str, kind: str, participants: list[str], **fields) -> dict:
    return {
        "ref": ref,
        "occurred_on": occurred_on,
        "time": None,
        "kind": kind,
        "planned": True,
        "participants": participants,
        "location": None,
        "notes": None,
        "learned": None,
        "views": None,
        "follow_up_on": None,
    } | fields


EXPECTED = {
    "format": "weitblick-backup",
    "version": 1,
    "dimensions": [
        "Industry",
        "Country/Culture",
        "Generation",
        "Hierarchy level",
        "Field",
        "Sport",
    ],
    "contacts": [
        empty_contact(
            "c1",
            "Anna Αθηνά",
            email="anna@example.org",
            phone="+49 69 5550 100",
            organisation="Mainland Bank",
            role="Head of Risk",
            city="Frankfurt",
            country="Germany",
            birthday="1979-04-12",
            how_we_met="Rowing club",
            cadence_days=30,
            trust=5,
            notes="Likes <b>bold</b> claims.\nAnd newlines.",
            attributes={"Industry": "Banking", "Sport": "Rowing"},
            important_dates=[
                {"label": "Anniversary", "date": "2005-06-01"},
                {"label": "Name day", "date": "2000-07-26"},
            ],
        ),
        empty_contact("c2", "Bob", birthday="--02-29", met_through="c1", trust=1),
        empty_contact("c3", "Carla", archived=True),
    ],
    "ties": [{"a": "c1", "b": "c3", "kind": "friend"}, {"a": "c1", "b": "c2", "kind": "knows"}],
    "encounters": [
        encounter("e1", "2026-01-05", "phone_call", ["c2"]),
        encounter("e2", "2026-03-02", "other", ["c3"]),
        encounter("e3", "2026-03-02", "video_call", ["c1"], time="08:00:15"),
        encounter(
            "e4",
            "2026-03-02",
            "meal",
            ["c1", "c2"],
            time="19:30",
            planned=False,
            location="Villa Merton",
            notes="Dinner",
            learned="Rates stay.",
            views="agreed",
            follow_up_on="2026-03-09",
        ),
    ],
    "introductions": [
        {
            "a": "c2",
            "b": "c3",
            "made_on": "2026-02-01",
            "reason": "Both row.",
            "channel": "in_person",
            "status": "met",
            "outcome": "fruitful",
            "outcome_note": "Same boat now.",
            "follow_up_on": None,
            "ask_first": False,
            "a_answer": None,
            "b_answer": None,
            "about_a": None,
            "about_b": None,
        },
        {
            "a": "c3",
            "b": "c1",
            "made_on": "2026-02-03",
            "reason": "Carla needs a loan.",
            "channel": "email",
            "status": "proposed",
            "outcome": "pending",
            "outcome_note": None,
            "follow_up_on": "2026-03-01",
            "ask_first": True,
            "a_answer": "yes",
            "b_answer": None,
            "about_a": "Runs the bakery on Kirchplatz",
            "about_b": None,
        },
    ],
}


def without_timestamp(document: dict) -> dict:
    return {key: value for key, value in document.items() if key != "exported_at"}


def test_it_exports_every_field_in_a_stable_order(account):
    assert without_timestamp(export_backup(account)) == EXPECTED


def test_it_keys_attributes_in_dimension_order(account):
    Dimension.objects.for_user(account).filter(name="Industry").update(position=9)
    attributes = export_backup(account)["contacts"][0]["attributes"]
    assert list(attributes) == ["Sport", "Industry"]


def test_it_lists_dimensions_in_position_order(account):
    Dimension.objects.for_user(account).filter(name="Field").update(position=0)
    assert export_backup(account)["dimensions"][:2] == ["Industry", "Field"]


def test_it_stamps_the_export_time_in_utc(account):
    exported_at = datetime.datetime.fromisoformat(export_backup(account)["exported_at"])
    assert exported_at.utcoffset() == datetime.timedelta(0)
    assert abs(datetime.datetime.now(datetime.UTC) - exported_at) < datetime.timedelta(minutes=1)


def test_it_exports_only_the_users_own_rows(account, other_user):
    make_contact(other_user, "Mallory's friend")
    names = [contact["name"] for contact in export_backup(account)["contacts"]]
    assert names == ["Anna Αθηνά", "Bob", "Carla"]


def test_it_exports_an_empty_account(user):
    document = export_backup(user)
    assert document["contacts"] == document["ties"] == document["encounters"] == []
    assert document["introductions"] == []
    assert len(document["dimensions"]) == 5


def test_it_exports_the_same_document_twice(account):
    assert without_timestamp(export_backup(account)) == without_timestamp(export_backup(account))


def test_the_command_writes_the_document_to_stdout(account):
    out = io.StringIO()
    call_command("export_backup", "--user", "alice", stdout=out)
    assert without_timestamp(json.loads(out.getvalue())) == EXPECTED
    assert "Anna Αθηνά" in out.getvalue()  # readable UTF-8, not \u escapes


def test_the_command_writes_the_document_to_a_file(account, tmp_path):
    path = tmp_path / "backup.json"
    out = io.StringIO()
    call_command("export_backup", "--user", "alice", "--output", str(path), stdout=out)
    assert without_timestamp(json.loads(path.read_text(encoding="utf-8"))) == EXPECTED
    assert out.getvalue() == f"Wrote 3 contacts and 4 encounters to {path}.\n"


def test_the_command_refuses_an_unknown_user(db):
    with pytest.raises(CommandError, match="There is no user named nobody"):
        call_command("export_backup", "--user", "nobody", stdout=io.StringIO())
