"""The demo tells one consistent story: the words of each encounter fit the people who were there."""

import json
import re
from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings

DEMO_FILE = Path(settings.BASE_DIR) / "devdata" / "demo" / "demo_network.json"
REMOTE = {"video_call", "phone_call", "message"}
# How the owner's notes call the people whose first written word is not what they are called.
ALSO_CALLED = {
    "Mum": "Ingrid Hartung",
    "Athena": "Αθηνά Παπαδοπούλου",
    "Seo-yeon": "Park Seo-yeon / 박서연",
}


@pytest.fixture(scope="module")
def demo() -> dict:
    return json.loads(DEMO_FILE.read_text(encoding="utf-8"))


def called(name: str) -> str:
    """The name a person goes by in the notes: the first word of the Latin spelling, titles off."""
    words = [word for word in name.split(" / ")[0].split() if word != "Dr."]
    return words[0]


@pytest.fixture(scope="module")
def refs_by_name(demo) -> dict[str, set[str]]:
    """Each name as the notes write it, and the contacts it may mean."""
    names: dict[str, set[str]] = {}
    by_full_name = {contact["name"]: contact["ref"] for contact in demo["contacts"]}
    for contact in demo["contacts"]:
        names.setdefault(called(contact["name"]), set()).add(contact["ref"])
    for alias, full_name in ALSO_CALLED.items():
        names.setdefault(alias, set()).add(by_full_name[full_name])
    return names


def named_in(text: str, refs_by_name: dict[str, set[str]]) -> dict[str, set[str]]:
    return {
        name: refs
        for name, refs in refs_by_name.items()
        if re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text)
    }


def test_the_name_finder_finds_names_and_only_names(refs_by_name):
    found = named_in("Katrin's team met Zhang Wei and Mum in Frankfurt, frankly.", refs_by_name)
    assert set(found) == {"Katrin", "Zhang", "Mum"}


@pytest.mark.parametrize("field", ["learned", "notes"])
def test_every_person_an_encounter_names_was_there(demo, refs_by_name, field):
    wrong = []
    for encounter in demo["encounters"]:
        text = encounter[field] or ""
        for name, refs in named_in(text, refs_by_name).items():
            if not refs & set(encounter["participants"]):
                wrong.append(f"{encounter['occurred_on']}: {name} in {text!r}")
    assert wrong == []


def test_the_demo_names_people_in_its_notes(demo, refs_by_name):
    # The check above must have something to check.
    naming = [
        e
        for e in demo["encounters"]
        if named_in(f"{e['notes'] or ''} {e['learned'] or ''}", refs_by_name)
    ]
    assert len(naming) >= 60


@pytest.mark.parametrize("field", ["learned", "notes"])
def test_no_two_encounters_say_the_same(demo, field):
    repeated = {
        text: n
        for text, n in Counter(e[field] for e in demo["encounters"] if e[field]).items()
        if n > 1
    }
    assert repeated == {}


def test_views_are_mostly_agreed_or_not_noted_with_a_few_honest_differences(demo):
    views = Counter(e["views"] for e in demo["encounters"])
    total = sum(views.values())

    assert views[None] + views["agreed"] >= 0.85 * total
    assert views["agreed"] > views["differed"] > 0
    assert views["differed"] <= 0.08 * total
    assert 0 < views["mixed"] <= 0.05 * total


def test_a_difference_of_views_is_only_logged_where_something_was_said(demo):
    assert all(e["notes"] for e in demo["encounters"] if e["views"])


def test_a_call_or_message_has_no_place(demo):
    assert [e for e in demo["encounters"] if e["kind"] in REMOTE and e["location"]] == []


def test_a_meeting_by_chance_is_not_logged_as_planned(demo):
    chance = re.compile(r"by chance|Bumped into|Ran into|stuck", re.IGNORECASE)
    assert [
        e["notes"] for e in demo["encounters"] if chance.search(e["notes"] or "") and e["planned"]
    ] == []


@pytest.mark.parametrize(
    ("meal", "earliest", "latest"),
    [("breakfast", "06:00", "10:30"), ("lunch", "11:00", "15:00"), ("dinner", "17:00", "23:00")],
)
def test_a_meal_happens_at_its_time_of_day(demo, meal, earliest, latest):
    wrong = [
        (e["time"], e["notes"])
        for e in demo["encounters"]
        if e["time"]
        and re.match(rf"(\S+ )?{meal}\b", (e["notes"] or "").lower())
        and not earliest <= e["time"] <= latest
    ]
    assert wrong == []
