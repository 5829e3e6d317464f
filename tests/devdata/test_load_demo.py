"""The demo network: the file, its generator, date shifting and the load_demo command."""

import datetime
import io
import json
import zoneinfo
from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.utils import timezone

from contacts.models import Contact, ContactAttribute, Introduction, NetworkSnapshot
from devdata.demo import build as generator
from encounters.models import IN_PERSON_KINDS, Encounter, Kind
from exchange.backup import shift_dates, validate_backup

ROOT = Path(django_settings.BASE_DIR)
DEMO_FILE = ROOT / "devdata" / "demo" / "demo_network.json"


@pytest.fixture(scope="module")
def demo() -> dict:
    return json.loads(DEMO_FILE.read_text(encoding="utf-8"))


@pytest.fixture
def debug(settings):
    settings.DEBUG = True
    return settings


def load_demo() -> str:
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def berlin_yesterday() -> datetime.date:
    return timezone.localdate(timezone=zoneinfo.ZoneInfo("Europe/Berlin")) - datetime.timedelta(
        days=1
    )


def test_the_demo_file_is_what_the_generator_writes(demo):
    assert generator.render(generator.build()) == DEMO_FILE.read_text(encoding="utf-8")


def test_the_demo_file_is_a_valid_backup(demo):
    assert validate_backup(demo) == []


def test_the_demo_network_is_big_and_varied(demo):
    assert len(demo["contacts"]) >= 60
    assert len(demo["encounters"]) >= 200
    assert set(Counter(e["kind"] for e in demo["encounters"])) == set(Kind.values)
    in_person = sum(e["kind"] in IN_PERSON_KINDS for e in demo["encounters"])
    assert in_person > len(demo["encounters"]) / 2
    assert any(not e["planned"] for e in demo["encounters"])
    assert sum(bool(e["learned"]) for e in demo["encounters"]) >= 50
    assert {e["views"] for e in demo["encounters"]} == {None, "agreed", "mixed", "differed"}
    assert 10 <= len(demo["introductions"]) <= 15
    assert len({i["status"] for i in demo["introductions"]}) == 4
    assert all(i["outcome"] == "pending" or i["status"] == "met" for i in demo["introductions"])
    assert sum(c["archived"] for c in demo["contacts"]) >= 2
    assert any(c["name"] == "Zhang Wei / 张伟" for c in demo["contacts"])
    assert any(not c["name"].isascii() and "Αθηνά" in c["name"] for c in demo["contacts"])


def test_the_demo_has_birthdays_with_and_without_year_and_met_through_chains(demo):
    birthdays = [c["birthday"] for c in demo["contacts"] if c["birthday"]]
    assert any(b.startswith("--") for b in birthdays) and any(
        not b.startswith("--") for b in birthdays
    )
    met_through = {c["ref"]: c["met_through"] for c in demo["contacts"]}
    chain_lengths = []
    for ref in met_through:
        length, current = 0, ref
        while met_through[current] and length < 10:
            current, length = met_through[current], length + 1
        chain_lengths.append(length)
    assert max(chain_lengths) >= 3
    assert any(c["important_dates"] for c in demo["contacts"])


def test_the_demo_has_a_banking_bubble(demo):
    bankers = [c for c in demo["contacts"] if c["attributes"].get("Industry") == "Banking"]
    assert len(bankers) >= 10
    assert Counter(c["attributes"]["Country/Culture"] for c in bankers).most_common(1)[0][1] == len(
        bankers
    )
    assert Counter(c["attributes"]["Generation"] for c in bankers)["Gen X"] >= len(bankers) - 1


def test_shift_dates_moves_encounters_and_introductions_only(demo):
    shifted = shift_dates(demo, 10)
    first, moved = demo["encounters"][0], shifted["encounters"][0]
    assert (
        moved["occurred_on"]
        == (
            datetime.date.fromisoformat(first["occurred_on"]) + datetime.timedelta(days=10)
        ).isoformat()
    )
    followed = next(i for i, e in enumerate(demo["encounters"]) if e["follow_up_on"])
    assert (
        shifted["encounters"][followed]["follow_up_on"]
        == (
            datetime.date.fromisoformat(demo["encounters"][followed]["follow_up_on"])
            + datetime.timedelta(days=10)
        ).isoformat()
    )
    assert [i["made_on"] for i in shifted["introductions"]] == [
        (datetime.date.fromisoformat(i["made_on"]) + datetime.timedelta(days=10)).isoformat()
        for i in demo["introductions"]
    ]
    assert shifted["contacts"] == demo["contacts"]  # birthdays and important dates keep their day


def test_shift_dates_leaves_the_original_document_alone(demo):
    before = json.dumps(demo)
    shift_dates(demo, 365)
    assert json.dumps(demo) == before


def test_shift_dates_keeps_nulls_and_absent_fields():
    document = {
        "encounters": [{"occurred_on": "2026-02-28", "follow_up_on": None}],
        "introductions": [{"made_on": "2026-12-31"}],
    }
    assert shift_dates(document, 1) == {
        "encounters": [{"occurred_on": "2026-03-01", "follow_up_on": None}],
        "introductions": [{"made_on": "2027-01-01"}],
    }


@pytest.mark.django_db
def test_it_creates_the_demo_user_with_the_demo_network(debug):
    out = load_demo()
    user = get_user_model().objects.get(username="demo")
    assert user.check_password("demo")
    assert (user.first_name, user.time_zone) == ("Demo", "Europe/Berlin")
    assert Contact.objects.for_user(user).count() >= 60
    assert Encounter.objects.for_user(user).count() >= 200
    kinds = set(Encounter.objects.for_user(user).values_list("kind", flat=True))
    assert kinds == set(Kind.values)
    assert Introduction.objects.for_user(user).count() >= 10
    assert out.splitlines()[-1] == "Demo login: demo / demo"


@pytest.mark.django_db
def test_it_computes_the_circles_and_the_banking_circle_is_the_one_bubble(debug):
    out = load_demo()
    user = get_user_model().objects.get(username="demo")

    snapshot = NetworkSnapshot.objects.for_user(user).get()
    assert snapshot.status == NetworkSnapshot.Status.DONE
    assert snapshot.cluster_count >= 4
    assert snapshot.flagged_count == 1
    (bubble,) = [c for c in snapshot.report["clusters"] if c["homogeneous"]]
    industries = Counter(
        ContactAttribute.objects.filter(
            contact_id__in=bubble["member_ids"], dimension__name="Industry"
        ).values_list("value", flat=True)
    )
    assert industries["Banking"] >= 0.8 * len(bubble["member_ids"])
    assert f"{snapshot.cluster_count} circles, 1 of them a bubble" in out


@pytest.mark.django_db
def test_it_moves_the_latest_encounter_to_yesterday(debug, demo):
    load_demo()
    user = get_user_model().objects.get(username="demo")
    latest = Encounter.objects.for_user(user).order_by("-occurred_on").first()
    assert latest.occurred_on == berlin_yesterday()
    earliest = Encounter.objects.for_user(user).order_by("occurred_on").first()
    assert (latest.occurred_on - earliest.occurred_on).days == (
        datetime.date.fromisoformat(demo["encounters"][-1]["occurred_on"])
        - datetime.date.fromisoformat(demo["encounters"][0]["occurred_on"])
    ).days


@pytest.mark.django_db
def test_running_it_twice_does_not_duplicate_anything(debug):
    load_demo()
    user = get_user_model().objects.get(username="demo")
    counts = (Contact.objects.for_user(user).count(), Encounter.objects.for_user(user).count())
    out = load_demo()
    assert "already loaded" in out
    assert "Demo login: demo / demo" in out
    assert get_user_model().objects.filter(username="demo").count() == 1
    assert NetworkSnapshot.objects.for_user(user).count() == 1
    assert (
        Contact.objects.for_user(user).count(),
        Encounter.objects.for_user(user).count(),
    ) == counts


@pytest.mark.django_db
def test_it_loads_into_an_existing_demo_user_without_contacts(debug):
    get_user_model().objects.create_user(username="demo", password="something else")
    load_demo()
    user = get_user_model().objects.get(username="demo")
    assert Contact.objects.for_user(user).count() >= 60
    assert user.check_password("something else")


@pytest.mark.django_db
def test_it_refuses_to_run_when_debug_is_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="only runs when DEBUG is on"):
        load_demo()
    assert not get_user_model().objects.filter(username="demo").exists()
