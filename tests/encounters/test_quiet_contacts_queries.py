"""quiet_contacts: few queries, only the user's own active contacts, ranked, with topics."""

import datetime

import pytest
from django.utils import timezone

from encounters.quiet import Reason, quiet_contacts
from tests.factories import bulk_contacts_with_encounters, make_contact, make_encounter

AS_OF = datetime.date(2025, 6, 1)

# Active contacts, every participant row, and the last topic of the quiet ones.
QUERIES = 3


def days_ago(n: int) -> datetime.date:
    return AS_OF - datetime.timedelta(days=n)


@pytest.mark.parametrize("count", [20, 2000])
def test_it_takes_the_same_few_queries_for_any_number_of_contacts(
    user, django_assert_max_num_queries, count
):
    bulk_contacts_with_encounters(user, count, encounters_each=3)
    with django_assert_max_num_queries(QUERIES):
        found = quiet_contacts(user, AS_OF)
    # Everyone last met in 2024 on a 45-day rhythm, so everyone is quiet: the topic query ran.
    assert len(found) == count


def test_it_needs_no_topic_query_when_nobody_is_quiet(user, django_assert_num_queries):
    bulk_contacts_with_encounters(user, 5, encounters_each=3, first_day=days_ago(10))
    with django_assert_num_queries(2):
        assert quiet_contacts(user, days_ago(10)) == []


@pytest.fixture
def circle(user, other_user):
    anna = make_contact(user, "Anna", cadence_days=30)
    make_encounter(user, [anna], kind="meal", occurred_on=days_ago(150), notes="Talked shop.")
    make_encounter(
        user, [anna], kind="coffee", occurred_on=days_ago(100), learned="Wants to move to Lisbon."
    )
    bernd = make_contact(user, "Bernd")
    make_encounter(user, [bernd], kind="event", occurred_on=days_ago(300), notes="x " * 200)
    make_encounter(user, [bernd], kind="phone_call", occurred_on=days_ago(200))
    clara = make_contact(user, "Clara")
    make_encounter(user, [clara, anna], kind="coffee", occurred_on=days_ago(100))
    make_encounter(user, [clara], kind="coffee", occurred_on=AS_OF)
    dora = make_contact(user, "Dora", archived=True)
    make_encounter(user, [dora], kind="coffee", occurred_on=days_ago(900))
    emil = make_contact(user, "Emil")
    emil.created_at = timezone.make_aware(datetime.datetime(2024, 1, 1))
    emil.save()
    eve = make_contact(other_user, "Eve")
    make_encounter(other_user, [eve], kind="coffee", occurred_on=days_ago(900))
    return {"anna": anna, "bernd": bernd, "clara": clara, "dora": dora, "emil": emil}


def test_it_ranks_the_users_quiet_active_contacts(user, circle):
    found = quiet_contacts(user, AS_OF)
    # Anna: 70 of 30 days overdue on a light tie; Emil: never met, added 517 days ago;
    # Bernd: a call 200 days ago buys 45 of the default 90 days.
    assert [item.name for item in found] == ["Anna", "Emil", "Bernd"]
    anna, emil, bernd = found
    assert (anna.contact_id, anna.reason, anna.expected_days) == (
        circle["anna"].pk,
        Reason.CADENCE,
        30,
    )
    assert anna.last_seen == days_ago(100)
    assert anna.overdue_days == 70
    assert (emil.reason, emil.days_since, emil.last_seen) == (Reason.NEVER_MET, 517, None)
    assert (bernd.reason, bernd.overdue_days) == (Reason.DEFAULT, 155)


def test_it_never_shows_archived_or_other_users_contacts(user, circle):
    names = {item.name for item in quiet_contacts(user, AS_OF)}
    assert "Dora" not in names
    assert "Eve" not in names
    assert "Clara" not in names  # met today


def test_the_topic_is_what_was_learned_at_the_last_encounter_with_something_noted(user, circle):
    topics = {item.name: item.last_topic for item in quiet_contacts(user, AS_OF)}
    assert topics["Anna"] == "Wants to move to Lisbon."
    assert topics["Emil"] == ""
    # Bernd's last encounter (the call) has no notes; the one before does, shortened to 140.
    assert len(topics["Bernd"]) == 140
    assert topics["Bernd"].startswith("x x x")
    assert topics["Bernd"].endswith("…")


def test_it_returns_at_most_limit_contacts(user, circle):
    assert [item.name for item in quiet_contacts(user, AS_OF, limit=1)] == ["Anna"]


def test_it_gives_json_for_the_report(user, circle):
    anna = quiet_contacts(user, AS_OF)[0].as_json()
    assert anna["name"] == "Anna"
    assert anna["last_seen"] == "2025-02-21"
    assert (anna["days_since"], anna["expected_days"], anna["overdue_days"]) == (100, 30, 70)
    assert anna["reason"] == "cadence"
    assert anna["last_topic"] == "Wants to move to Lisbon."
    assert anna["priority"] > 0
    assert 0 < anna["strength"] < 1


def test_it_defaults_to_today_in_the_users_time_zone(user, circle):
    user.time_zone = "Pacific/Kiritimati"  # UTC+14: often a day ahead of UTC
    today_there = timezone.now().astimezone(user.zone).date()
    assert quiet_contacts(user) == quiet_contacts(user, today_there)
