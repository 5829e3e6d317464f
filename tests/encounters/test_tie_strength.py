"""Tie strength: decayed, channel-weighted encounters mapped onto 0..1."""

import datetime
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from encounters.constants import LIGHT_FROM, REGULAR_FROM, STRONG_FROM
from encounters.strength import raw_strength, strength_label, tie_strength

AS_OF = datetime.date(2025, 3, 1)


def days_ago(n: int) -> datetime.date:
    return AS_OF - datetime.timedelta(days=n)


def test_it_is_zero_without_encounters():
    assert tie_strength([], AS_OF) == 0.0


def test_one_meeting_today_is_one_minus_e_to_the_minus_a_quarter():
    # raw = 1.0 (in person, no decay); strength = 1 - exp(-1 / 4)
    assert tie_strength([(AS_OF, True)], AS_OF) == pytest.approx(0.221199, abs=1e-6)


def test_one_call_today_counts_a_third_of_a_meeting():
    # raw = 0.35; strength = 1 - exp(-0.35 / 4)
    assert tie_strength([(AS_OF, False)], AS_OF) == pytest.approx(0.083781, abs=1e-6)


def test_a_meeting_a_year_ago_counts_half():
    assert raw_strength([(days_ago(365), True)], AS_OF) == pytest.approx(0.5)
    # strength = 1 - exp(-0.5 / 4)
    assert tie_strength([(days_ago(365), True)], AS_OF) == pytest.approx(0.117503, abs=1e-6)


def test_it_adds_the_decayed_weights_of_every_encounter():
    # 1.0 (coffee today) + 0.35 * 0.25 (call two years ago) = 1.0875
    encounters = [(AS_OF, True), (days_ago(730), False)]
    assert raw_strength(encounters, AS_OF) == pytest.approx(1.0875)
    assert tie_strength(encounters, AS_OF) == pytest.approx(1 - math.exp(-1.0875 / 4))


def test_a_future_encounter_counts_as_today():
    tomorrow = AS_OF + datetime.timedelta(days=1)
    assert tie_strength([(tomorrow, True)], AS_OF) == tie_strength([(AS_OF, True)], AS_OF)


def test_meeting_once_a_year_for_years_is_a_regular_tie():
    yearly = [(days_ago(365 * n), True) for n in range(20)]
    # raw approaches 1 + 1/2 + 1/4 + ... = 2; strength approaches 1 - exp(-0.5) = 0.393
    assert tie_strength(yearly, AS_OF) == pytest.approx(0.3935, abs=1e-3)
    assert strength_label(tie_strength(yearly, AS_OF)) == "regular"


def test_meeting_every_quarter_for_years_is_a_strong_tie():
    quarterly = [(days_ago(91 * n), True) for n in range(40)]
    assert strength_label(tie_strength(quarterly, AS_OF)) == "strong"


def test_one_recent_meeting_is_a_light_tie_and_one_call_a_faint_one():
    assert strength_label(tie_strength([(AS_OF, True)], AS_OF)) == "light"
    assert strength_label(tie_strength([(AS_OF, False)], AS_OF)) == "faint"


def test_no_amount_of_messaging_reaches_strong_as_fast_as_meeting():
    ten_calls = [(AS_OF, False)] * 10
    ten_coffees = [(AS_OF, True)] * 10
    assert tie_strength(ten_calls, AS_OF) < tie_strength(ten_coffees, AS_OF)


@pytest.mark.parametrize(
    ("value", "label"),
    [
        (1.0, "strong"),
        (STRONG_FROM, "strong"),
        (STRONG_FROM - 1e-9, "regular"),
        (REGULAR_FROM, "regular"),
        (REGULAR_FROM - 1e-9, "light"),
        (LIGHT_FROM, "light"),
        (LIGHT_FROM - 1e-9, "faint"),
        (0.0, "faint"),
    ],
)
def test_labels_start_at_their_thresholds(value, label):
    assert strength_label(value) == label


# --- properties ---------------------------------------------------------------------------------

dates = st.dates(min_value=datetime.date(1990, 1, 1), max_value=datetime.date(2040, 12, 31))
encounters = st.lists(st.tuples(dates, st.booleans()), max_size=40)


@given(encounters, st.tuples(dates, st.booleans()), dates)
def test_adding_an_encounter_never_lowers_strength(history, extra, as_of):
    assert tie_strength([*history, extra], as_of) >= tie_strength(history, as_of)


@given(encounters, dates, dates)
def test_in_person_adds_at_least_as_much_as_remote_on_the_same_day(history, day, as_of):
    assert tie_strength([*history, (day, True)], as_of) >= tie_strength(
        [*history, (day, False)], as_of
    )


@given(encounters, dates, st.integers(min_value=0, max_value=5000))
def test_a_later_day_never_raises_strength_without_new_encounters(history, as_of, later_by):
    later = as_of + datetime.timedelta(days=later_by)
    assert tie_strength(history, later) <= tie_strength(history, as_of)


@given(encounters, dates)
def test_strength_stays_within_zero_and_one(history, as_of):
    assert 0.0 <= tie_strength(history, as_of) <= 1.0
