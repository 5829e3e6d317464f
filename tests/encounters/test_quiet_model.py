"""The gone-quiet rules on plain data: expected interval, remote credit, never met, priority."""

import datetime

import pytest

from encounters.quiet import (
    ContactRow,
    QuietContact,
    Reason,
    assess,
    find_quiet,
    priority,
    rank_quiet,
)

AS_OF = datetime.date(2025, 3, 1)


def days_ago(n: int) -> datetime.date:
    return AS_OF - datetime.timedelta(days=n)


def met(*ages: int, in_person: bool = True) -> list[tuple[datetime.date, bool]]:
    return [(days_ago(age), in_person) for age in ages]


# --- the expected interval ----------------------------------------------------------------------


def test_a_cadence_sets_the_expected_interval():
    assessment = assess(met(31), as_of=AS_OF, cadence_days=30)
    assert assessment.reason == Reason.CADENCE
    assert assessment.expected_days == 30
    assert assessment.due_on == days_ago(1)
    assert assessment.is_quiet
    assert assessment.overdue_days == 1


def test_a_contact_is_not_quiet_on_the_day_it_falls_due():
    assessment = assess(met(30), as_of=AS_OF, cadence_days=30)
    assert not assessment.is_quiet
    assert assessment.overdue_days == 0


def test_it_learns_one_and_a_half_times_the_median_gap():
    # gaps 20, 20 -> 1.5 x 20 = 30
    assessment = assess(met(70, 50, 30), as_of=AS_OF)
    assert assessment.reason == Reason.LEARNED
    assert assessment.expected_days == 30
    assert assessment.overdue_days == 0
    assert assess(met(71, 51, 31), as_of=AS_OF).overdue_days == 1


def test_the_median_ignores_one_long_silence():
    # gaps 400, 20, 30 -> median 30 -> 45
    assert assess(met(460, 60, 40, 10), as_of=AS_OF).expected_days == 45


def test_it_learns_from_encounters_in_any_order():
    assert assess(met(30, 70, 50), as_of=AS_OF).expected_days == 30


def test_it_needs_three_distinct_days_to_learn():
    # Two encounters on the same day are one occasion and make no gap.
    assessment = assess(met(50, 50, 30), as_of=AS_OF)
    assert assessment.reason == Reason.DEFAULT
    assert assessment.expected_days == 90


def test_a_learned_interval_is_at_least_two_weeks():
    # A conference week: three days in a row.
    assert assess(met(3, 2, 1), as_of=AS_OF).expected_days == 14


def test_a_learned_interval_is_at_most_two_years():
    assert assess(met(3000, 2000, 1000), as_of=AS_OF).expected_days == 730


def test_without_a_cadence_or_enough_history_it_expects_ninety_days():
    assessment = assess(met(91), as_of=AS_OF)
    assert assessment.reason == Reason.DEFAULT
    assert assessment.expected_days == 90
    assert assessment.overdue_days == 1


def test_a_cadence_wins_over_the_learned_interval():
    assessment = assess(met(70, 50, 30), as_of=AS_OF, cadence_days=60)
    assert assessment.reason == Reason.CADENCE
    assert assessment.expected_days == 60


# --- how remote encounters count ----------------------------------------------------------------


def test_a_remote_encounter_buys_half_the_interval():
    call_16_days_ago = assess(met(16, in_person=False), as_of=AS_OF, cadence_days=30)
    assert call_16_days_ago.due_on == days_ago(1)
    assert call_16_days_ago.overdue_days == 1
    assert not assess(met(15, in_person=False), as_of=AS_OF, cadence_days=30).is_quiet


def test_a_call_after_a_meeting_postpones_the_due_date_by_half_an_interval():
    history = met(40) + met(10, in_person=False)
    assessment = assess(history, as_of=AS_OF, cadence_days=30)
    assert assessment.due_on == days_ago(10) + datetime.timedelta(days=15)
    assert not assessment.is_quiet


def test_a_call_never_brings_the_due_date_forward():
    history = met(5) + met(3, in_person=False)
    assert assess(history, as_of=AS_OF, cadence_days=30).due_on == days_ago(5) + datetime.timedelta(
        days=30
    )


def test_last_seen_is_the_last_encounter_of_any_kind():
    assessment = assess(met(40) + met(10, in_person=False), as_of=AS_OF)
    assert assessment.last_seen == days_ago(10)
    assert assessment.days_since == 10


def test_an_odd_interval_rounds_the_remote_credit_up():
    assert assess(met(2, in_person=False), as_of=AS_OF, cadence_days=3).due_on == days_ago(0)


# --- special cases ------------------------------------------------------------------------------


def test_a_contact_never_met_is_measured_from_when_it_was_added():
    assessment = assess([], as_of=AS_OF, created_on=days_ago(100))
    assert assessment.reason == Reason.NEVER_MET
    assert assessment.last_seen is None
    assert assessment.days_since == 100
    assert assessment.expected_days == 90
    assert assessment.overdue_days == 10
    assert assessment.is_quiet


def test_a_freshly_added_contact_is_not_quiet():
    assert not assess([], as_of=AS_OF, created_on=AS_OF).is_quiet


def test_a_contact_never_met_keeps_its_cadence():
    assessment = assess([], as_of=AS_OF, cadence_days=30, created_on=days_ago(31))
    assert assessment.reason == Reason.NEVER_MET
    assert assessment.expected_days == 30
    assert assessment.overdue_days == 1


def test_a_contact_never_met_without_a_creation_date_is_not_quiet():
    assessment = assess([], as_of=AS_OF)
    assert assessment.reason == Reason.NEVER_MET
    assert assessment.days_since is None
    assert assessment.due_on is None
    assert not assessment.is_quiet


def test_an_archived_contact_is_never_quiet():
    assessment = assess(met(1000), as_of=AS_OF, archived=True)
    assert assessment.reason == Reason.ARCHIVED
    assert assessment.last_seen == days_ago(1000)
    assert assessment.overdue_days == 0
    assert not assessment.is_quiet


def test_a_contact_met_today_is_not_quiet_even_with_a_one_day_cadence():
    assert not assess(met(0), as_of=AS_OF, cadence_days=1).is_quiet


def test_an_encounter_logged_ahead_counts_as_today():
    tomorrow = AS_OF + datetime.timedelta(days=1)
    assessment = assess([(tomorrow, True)], as_of=AS_OF)
    assert assessment.last_seen == AS_OF
    assert assessment.days_since == 0
    assert not assessment.is_quiet


# --- priority and ranking -----------------------------------------------------------------------


def test_priority_is_how_overdue_times_how_strong():
    # 135 days since, 90 expected -> 45 overdue = half an interval; 0.5 x (0.25 + 0.5)
    assessment = assess(met(135), as_of=AS_OF)
    assert assessment.overdue_ratio == pytest.approx(0.5)
    assert priority(assessment, 0.5) == pytest.approx(0.375)


def test_a_contact_that_is_not_quiet_has_no_priority():
    assert priority(assess(met(10), as_of=AS_OF), 0.9) == 0.0


def test_a_faint_tie_long_overdue_still_has_a_priority():
    assert priority(assess([], as_of=AS_OF, created_on=days_ago(180)), 0.0) == pytest.approx(0.25)


def quiet(name: str, priority_value: float, contact_id: int = 1) -> QuietContact:
    return QuietContact(
        contact_id=contact_id,
        name=name,
        last_seen=None,
        days_since=None,
        expected_days=90,
        due_on=None,
        overdue_days=1,
        reason=Reason.DEFAULT,
        strength=0.0,
        priority=priority_value,
    )


def test_ranking_puts_the_highest_priority_first_and_breaks_ties_by_name():
    ranked = rank_quiet(
        [quiet("Zoe", 0.5), quiet("bernd", 0.5), quiet("Anna", 0.1), quiet("Carl", 2.0)]
    )
    assert [item.name for item in ranked] == ["Carl", "bernd", "Zoe", "Anna"]


def test_find_quiet_assesses_each_contact_from_its_own_rows_and_ranks_them():
    contacts = [
        ContactRow(1, "Anna", cadence_days=30),
        ContactRow(2, "Bernd"),
        ContactRow(3, "Clara"),
        ContactRow(4, "Dora", archived=True),
        ContactRow(5, "Emil", created_on=days_ago(400)),
    ]
    rows = [
        (1, days_ago(100), True),
        (2, days_ago(200), True),
        (2, days_ago(300), False),
        (3, days_ago(0), True),
        (4, days_ago(900), True),
        (99, days_ago(900), True),  # someone not among the contacts
    ]
    ranked = find_quiet(contacts, rows, as_of=AS_OF)
    assert [item.name for item in ranked] == ["Anna", "Emil", "Bernd"]
    anna = ranked[0]
    assert (anna.overdue_days, anna.expected_days, anna.reason) == (70, 30, Reason.CADENCE)
    assert anna.strength > 0
    assert ranked[1].reason == Reason.NEVER_MET
    assert ranked[1].strength == 0.0


def test_as_json_gives_plain_values():
    contacts = [ContactRow(7, "Anna", cadence_days=30)]
    (anna,) = find_quiet(contacts, [(7, days_ago(100), True)], as_of=AS_OF)
    data = anna.as_json()
    assert data["name"] == "Anna"
    assert data["last_seen"] == "2024-11-21"
    assert data["days_since"] == 100
    assert data["expected_days"] == 30
    assert data["overdue_days"] == 70
    assert data["reason"] == "cadence"
    assert data["strength_label"] == "light"
    assert data["priority"] == pytest.approx(70 / 30 * (0.25 + data["strength"]), abs=1e-3)
    assert data["last_topic"] == ""
