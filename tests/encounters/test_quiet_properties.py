"""Properties of the gone-quiet model that must hold for any history."""

import datetime

from hypothesis import given
from hypothesis import strategies as st

from encounters.quiet import Reason, assess, priority

dates = st.dates(min_value=datetime.date(2000, 1, 1), max_value=datetime.date(2030, 12, 31))
history = st.lists(st.tuples(dates, st.booleans()), max_size=30)
cadences = st.none() | st.integers(min_value=1, max_value=1000)
created = st.none() | dates


@given(history, cadences, created, dates, st.integers(min_value=0, max_value=3000))
def test_more_days_without_meeting_never_make_a_contact_less_overdue(
    encounters, cadence_days, created_on, as_of, more_days
):
    later = as_of + datetime.timedelta(days=more_days)
    before = assess(encounters, as_of=as_of, cadence_days=cadence_days, created_on=created_on)
    after = assess(encounters, as_of=later, cadence_days=cadence_days, created_on=created_on)
    assert after.overdue_days >= before.overdue_days
    assert after.is_quiet or not before.is_quiet


@given(history.filter(bool), st.integers(min_value=1, max_value=1000), dates)
def test_a_cadence_wins_over_the_learned_interval(encounters, cadence_days, as_of):
    assessment = assess(encounters, as_of=as_of, cadence_days=cadence_days)
    assert assessment.reason == Reason.CADENCE
    assert assessment.expected_days == cadence_days


@given(history, cadences, created, dates)
def test_a_contact_met_in_person_today_is_never_quiet(encounters, cadence_days, created_on, as_of):
    assessment = assess(
        [*encounters, (as_of, True)], as_of=as_of, cadence_days=cadence_days, created_on=created_on
    )
    assert not assessment.is_quiet
    assert assessment.days_since == 0


@given(history, cadences, created, dates)
def test_an_archived_contact_is_never_quiet(encounters, cadence_days, created_on, as_of):
    assessment = assess(
        encounters, as_of=as_of, cadence_days=cadence_days, created_on=created_on, archived=True
    )
    assert not assessment.is_quiet
    assert assessment.reason == Reason.ARCHIVED


@given(history, cadences, created, dates)
def test_the_expected_interval_is_the_cadence_or_within_the_sane_range(
    encounters, cadence_days, created_on, as_of
):
    assessment = assess(encounters, as_of=as_of, cadence_days=cadence_days, created_on=created_on)
    if cadence_days is None:
        assert 14 <= assessment.expected_days <= 730
    else:
        assert assessment.expected_days == cadence_days


@given(history, cadences, created, dates, st.floats(min_value=0.0, max_value=1.0))
def test_quiet_means_overdue_and_only_then_a_priority(
    encounters, cadence_days, created_on, as_of, strength
):
    assessment = assess(encounters, as_of=as_of, cadence_days=cadence_days, created_on=created_on)
    assert assessment.overdue_days >= 0
    assert assessment.is_quiet == (assessment.overdue_days > 0)
    assert (priority(assessment, strength) > 0) == assessment.is_quiet


@given(history, cadences, dates)
def test_a_meeting_counts_at_least_as_much_as_a_call_on_the_same_day(
    encounters, cadence_days, as_of
):
    # Same day, so the learned interval is the same either way; only the channel differs.
    day = as_of - datetime.timedelta(days=1)
    after_meeting = assess([*encounters, (day, True)], as_of=as_of, cadence_days=cadence_days)
    after_call = assess([*encounters, (day, False)], as_of=as_of, cadence_days=cadence_days)
    assert after_meeting.overdue_days <= after_call.overdue_days
