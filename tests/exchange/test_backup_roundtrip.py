"""The round trip: export → import into an empty account → export gives the same document."""

import datetime
from itertools import combinations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contacts.models import Dimension, Introduction, Tie
from encounters.models import Kind, Views
from exchange.backup import export_backup, import_backup
from tests.exchange.test_backup_import import sample_document
from tests.factories import make_user

SPECIAL_TEXT = [
    "<script>alert('x')</script>",
    "Zhang Wei / 张伟",
    "Αθηνά Παπαδοπούλου",
    "Ольга Петренко",
    "ليلى حداد",
    "line one\nline two\r\nline three",
    "  spaces around  ",
    '"quotes" & <b>markup</b> \\ backslash',
    "emoji 🚲🥨",
]
# Any Unicode text PostgreSQL can store: no NUL, no lone surrogates.
CHARACTERS = st.characters(exclude_categories=("Cs",), exclude_characters="\x00")


def text(max_size: int) -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from([s for s in SPECIAL_TEXT if len(s) <= max_size]),
        st.text(CHARACTERS, min_size=1, max_size=min(max_size, 30)),
    )


def optional(strategy: st.SearchStrategy) -> st.SearchStrategy:
    return st.none() | strategy


def iso(strategy: st.SearchStrategy[datetime.date]) -> st.SearchStrategy[str]:
    return strategy.map(datetime.date.isoformat)


DATES = iso(st.dates())
BIRTHDAYS = st.one_of(
    DATES,
    st.just("--02-29"),
    st.dates(datetime.date(2000, 1, 1), datetime.date(2000, 12, 31)).map(
        lambda d: f"--{d.month:02d}-{d.day:02d}"
    ),
)


def time_text(time: datetime.time) -> str:
    """The way an export writes a time."""
    if time.microsecond:
        return time.isoformat()
    return time.isoformat(timespec="minutes" if time.second == 0 else "seconds")


@st.composite
def backup_documents(draw) -> dict:
    """Valid documents in the canonical form an export writes (c1.., e1.., export order)."""
    dimensions = draw(st.lists(text(100), unique=True, max_size=4))
    count = draw(st.integers(0, 6))
    refs = [f"c{number}" for number in range(1, count + 1)]
    contacts = []
    for ref in refs:
        listed = draw(st.lists(st.sampled_from(dimensions), unique=True)) if dimensions else []
        contacts.append(
            {
                "ref": ref,
                "name": draw(text(200)),
                "email": draw(optional(text(254))),
                "phone": draw(optional(text(64))),
                "organisation": draw(optional(text(200))),
                "role": draw(optional(text(200))),
                "city": draw(optional(text(120))),
                "country": draw(optional(text(120))),
                "birthday": draw(optional(BIRTHDAYS)),
                "how_we_met": draw(optional(text(500))),
                # Chains, forward references and cycles through other contacts are all allowed.
                "met_through": draw(
                    optional(st.sampled_from([r for r in refs if r != ref] or [None]))
                ),
                "cadence_days": draw(optional(st.integers(1, 2**31 - 1))),
                "trust": draw(optional(st.integers(1, 5))),
                "archived": draw(st.booleans()),
                "notes": draw(optional(text(500))),
                "attributes": {name: draw(text(120)) for name in dimensions if name in listed},
                "important_dates": draw(
                    st.lists(st.fixed_dictionaries({"label": text(120), "date": DATES}), max_size=2)
                ),
            }
        )
    pairs = list(combinations(range(count), 2))
    ties = [
        {"a": refs[i], "b": refs[j], "kind": draw(st.sampled_from(Tie.Kind.values))}
        for i, j in (
            draw(st.lists(st.sampled_from(pairs), unique=True, max_size=5)) if pairs else []
        )
    ]
    encounters = []
    for _ in range(draw(st.integers(0, 5)) if count else 0):
        participants = sorted(draw(st.lists(st.integers(0, count - 1), min_size=1, unique=True)))
        time = draw(optional(st.times()))
        encounters.append(
            {
                "occurred_on": draw(st.dates()),
                "time": time,
                "kind": draw(st.sampled_from(Kind.values)),
                "planned": draw(st.booleans()),
                "participants": [refs[i] for i in participants],
                "location": draw(optional(text(200))),
                "notes": draw(optional(text(500))),
                "learned": draw(optional(text(500))),
                "views": draw(optional(st.sampled_from(Views.values))),
                "follow_up_on": draw(optional(DATES)),
            }
        )
    # Export order: by date, encounters without a time first on their day.
    encounters.sort(
        key=lambda e: (e["occurred_on"], e["time"] is not None, e["time"] or datetime.time())
    )
    for number, encounter in enumerate(encounters, 1):
        encounter["ref"] = f"e{number}"
        encounter["occurred_on"] = encounter["occurred_on"].isoformat()
        encounter["time"] = time_text(encounter["time"]) if encounter["time"] else None
    introductions = []
    for _ in range(draw(st.integers(0, 3)) if count >= 2 else 0):
        a, b = draw(st.lists(st.sampled_from(refs), min_size=2, max_size=2, unique=True))
        status = draw(st.sampled_from(Introduction.Status.values))
        outcomes = Introduction.Outcome.values if status == "met" else ["pending"]
        introductions.append(
            {
                "a": a,
                "b": b,
                "made_on": draw(DATES),
                "reason": draw(text(500)),
                "channel": draw(st.sampled_from(Introduction.Channel.values)),
                "status": status,
                "outcome": draw(st.sampled_from(outcomes)),
                "outcome_note": draw(optional(text(500))),
                "follow_up_on": draw(optional(DATES)),
                "ask_first": draw(st.booleans()),
                "a_answer": draw(st.sampled_from([None, "yes", "no"])),
                "b_answer": draw(st.sampled_from([None, "yes", "no"])),
                "about_a": draw(optional(text(300))),
                "about_b": draw(optional(text(300))),
            }
        )
    return {
        "format": "weitblick-backup",
        "version": 1,
        "exported_at": "2026-11-20T00:00:00+00:00",
        "dimensions": dimensions,
        "contacts": contacts,
        "ties": ties,
        "encounters": [{key: encounter[key] for key in ENCOUNTER_KEYS} for encounter in encounters],
        "introductions": introductions,
    }


ENCOUNTER_KEYS = [
    "ref",
    "occurred_on",
    "time",
    "kind",
    "planned",
    "participants",
    "location",
    "notes",
    "learned",
    "views",
    "follow_up_on",
]


def without_timestamp(document: dict) -> dict:
    return {key: value for key, value in document.items() if key != "exported_at"}


def attribute_orders(document: dict) -> list[list[str]]:
    return [list(contact["attributes"]) for contact in document["contacts"]]


@pytest.mark.django_db
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(document=backup_documents())
def test_a_valid_document_survives_import_and_export_unchanged(document):
    # A fresh account per example; without its default dimensions the export lists exactly the
    # document's dimensions (with them, the defaults the document lacks would follow).
    user = make_user(password=None)
    Dimension.objects.for_user(user).delete()
    import_backup(user, document)
    exported = export_backup(user)
    assert without_timestamp(exported) == without_timestamp(document)
    assert attribute_orders(exported) == attribute_orders(document)


def test_an_exported_account_imports_into_a_new_account_unchanged(db):
    # The everyday case: both accounts keep their default dimensions.
    source = make_user(password=None)
    import_backup(source, sample_document())
    first = export_backup(source)
    target = make_user(password=None)
    import_backup(target, first)
    second = export_backup(target)
    assert without_timestamp(second) == without_timestamp(first)
    assert first["dimensions"] == [
        "Sport",
        "Industry",
        "Country/Culture",
        "Generation",
        "Hierarchy level",
        "Field",
    ]


def test_the_account_defaults_follow_the_documents_dimensions(db):
    user = make_user(password=None)
    document = sample_document() | {"dimensions": ["Field", "Sport", "Industry"]}
    import_backup(user, document)
    assert export_backup(user)["dimensions"] == [
        "Field",
        "Sport",
        "Industry",
        "Country/Culture",
        "Generation",
        "Hierarchy level",
    ]
