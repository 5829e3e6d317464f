"""The diversity measures, flagging rule, names and reasons, against values worked out by hand."""

import math
from collections import Counter
from dataclasses import replace
from itertools import permutations
from statistics import fmean, pstdev

import pytest
from hypothesis import given
from hypothesis import strategies as st

from contacts.network.homogeneity import (
    DimensionStats,
    FlagRule,
    Reason,
    TieHomophily,
    assess_group,
    blau_index,
    category_counts,
    chance_of_concentration,
    circle_cutoffs,
    cluster_label,
    concentration_beyond_network,
    coverage,
    dimension_stats,
    dominant_value,
    ei_index,
    false_discovery_cutoff,
    homogeneity_score,
    iqv,
    judge_circle,
    measure_circle,
    network_value_counts,
    tie_homophily,
    value_counts,
)

# --- Blau and IQV -------------------------------------------------------------------------------


def test_blau_index_of_a_group_that_all_share_one_value_is_zero():
    assert blau_index({"Banking": 7}) == 0.0


def test_blau_index_of_an_even_split_is_one_minus_one_over_the_number_of_values():
    assert blau_index({"a": 2, "b": 2}) == pytest.approx(1 / 2)
    assert blau_index({"a": 1, "b": 1, "c": 1}) == pytest.approx(2 / 3)


def test_blau_index_of_a_six_three_one_split():
    # 1 - (0.6² + 0.3² + 0.1²) = 1 - (0.36 + 0.09 + 0.01) = 0.54
    assert blau_index({"a": 6, "b": 3, "c": 1}) == pytest.approx(0.54)


def test_blau_index_needs_a_known_value():
    with pytest.raises(ValueError):
        blau_index({})


def test_iqv_divides_blau_by_its_maximum_for_k_categories():
    assert iqv(0.5, 2) == pytest.approx(1.0)  # 0.5 / (1 - 1/2)
    assert iqv(0.5, 4) == pytest.approx(2 / 3)  # 0.5 / 0.75
    assert iqv(0.5, 5) == pytest.approx(0.625)  # 0.5 / 0.8
    assert iqv(0.0, 8) == 0.0


def test_iqv_refuses_a_dimension_with_fewer_than_two_categories():
    with pytest.raises(ValueError):
        iqv(0.0, 1)


def test_category_count_is_the_number_of_distinct_values_across_the_network():
    attributes = [
        {"Industry": "Banking", "Country": "Germany"},
        {"Industry": "Retail", "Country": "Germany"},
        {"Industry": " Banking "},
        {"Industry": ""},
    ]
    assert category_counts(attributes, ["Industry", "Country", "Field"]) == {
        "Industry": 2,
        "Country": 1,
        "Field": 0,
    }


# --- Dominant value and coverage ----------------------------------------------------------------


def test_missing_and_blank_values_are_unknown_and_whitespace_is_ignored():
    assert value_counts(["Banking", " Banking", None, "  ", "Retail"]) == Counter(
        {"Banking": 2, "Retail": 1}
    )


def test_coverage_is_the_share_of_members_with_a_known_value():
    assert coverage(3, 5) == pytest.approx(0.6)
    assert coverage(0, 0) == 0.0


def test_dominant_value_is_the_most_frequent_and_equal_counts_go_alphabetically():
    assert dominant_value({"Retail": 2, "Banking": 5}) == ("Banking", 5)
    assert dominant_value({"Retail": 3, "Banking": 3}) == ("Banking", 3)
    assert dominant_value({}) is None


def test_dimension_stats_of_twelve_bankers_and_one_insurer_among_eight_industries():
    stats = dimension_stats(["Banking"] * 12 + ["Insurance"], categories=8)
    assert stats.dominant == "Banking"
    assert stats.dominant_count == 12
    assert stats.share == pytest.approx(12 / 13)
    # Blau = 1 - (144 + 1) / 169 = 24 / 169; IQV = (24 / 169) / (7 / 8)
    assert stats.blau == pytest.approx(24 / 169)
    assert stats.iqv == pytest.approx(24 / 169 * 8 / 7)
    assert stats.coverage == 1.0


def test_a_dimension_with_too_little_coverage_is_reported_but_not_judged():
    stats = dimension_stats(["Banking", "Banking", None, None, None], categories=4)
    assert stats.coverage == pytest.approx(0.4)
    assert not stats.judged
    assert stats.dominant is None and stats.iqv is None


def test_a_dimension_with_one_value_across_the_network_carries_no_information():
    stats = dimension_stats(["Germany"] * 6, categories=1)
    assert stats.coverage == 1.0
    assert not stats.judged


# --- E-I index ----------------------------------------------------------------------------------


def test_ei_index_is_external_minus_internal_over_their_sum():
    assert ei_index(internal=6.0, external=2.0) == pytest.approx(-0.5)
    assert ei_index(internal=0.0, external=3.0) == 1.0
    assert ei_index(internal=4.0, external=0.0) == -1.0
    assert ei_index(internal=2.5, external=2.5) == 0.0


def test_ei_index_of_a_group_without_ties_is_undefined():
    assert ei_index(0.0, 0.0) is None


# --- Chance guard and homogeneity score ---------------------------------------------------------


def test_chance_of_concentration_on_a_two_valued_dimension():
    assert chance_of_concentration(4, 4, 2) == pytest.approx(2 / 16)  # 4 of 4 alike
    assert chance_of_concentration(3, 4, 2) == pytest.approx(2 * 5 / 16)  # 3 of 4 alike
    assert chance_of_concentration(2, 4, 2) == 1.0  # 2 * 11/16, capped
    assert chance_of_concentration(5, 6, 2) == pytest.approx(2 * 7 / 64)
    assert chance_of_concentration(10, 12, 2) == pytest.approx(2 * (66 + 12 + 1) / 4096)


def test_chance_of_concentration_is_small_when_there_are_many_values():
    # 4 of 4 alike among five values: 5 * (1/5)^4
    assert chance_of_concentration(4, 4, 5) == pytest.approx(5 / 625)


def test_homogeneity_score_is_the_mean_of_one_minus_iqv():
    assert homogeneity_score([0.2, 0.6]) == pytest.approx(0.6)
    assert homogeneity_score([]) is None


# --- The flagging rule --------------------------------------------------------------------------


def _stats(values, categories):
    return dimension_stats(values, categories)


def test_a_dimension_is_homogeneous_when_the_dominant_share_reaches_three_quarters():
    rule = FlagRule()
    assert rule.is_homogeneous(_stats(["A"] * 9 + ["B"] * 3, 6))  # 0.75
    assert not rule.is_homogeneous(_stats(["A"] * 8 + ["B"] * 4, 6))  # 0.67, IQV 0.53


def test_a_seventy_thirty_split_of_a_many_valued_dimension_is_homogeneous_by_iqv():
    # 14 / 6 among 20 countries: share 0.7, Blau 0.42, IQV 0.42 / 0.95 = 0.442 <= 0.45
    stats = _stats(["Germany"] * 14 + ["Austria"] * 6, 20)
    assert stats.share < 0.75
    assert stats.iqv == pytest.approx(0.42 / 0.95)
    assert FlagRule().is_homogeneous(stats)
    assert not FlagRule(iqv_threshold=None).is_homogeneous(stats)


def test_a_poorly_covered_dimension_is_never_homogeneous():
    assert not FlagRule().is_homogeneous(_stats(["A"] * 5 + [None] * 5, 4))


def test_the_chance_guard_refuses_what_a_small_group_reaches_by_chance():
    rule = FlagRule()
    assert not rule.is_homogeneous(_stats(["A"] * 3 + ["B"], 2))  # 3 of 4, two values: p = 0.62
    assert not rule.is_homogeneous(_stats(["A"] * 4, 2))  # 4 of 4, two values: p = 0.125
    assert rule.is_homogeneous(_stats(["A"] * 4, 5))  # 4 of 4, five values: p = 0.008
    assert FlagRule(chance_alpha=None).is_homogeneous(_stats(["A"] * 4, 2))


def test_two_homogeneous_dimensions_flag_a_group_and_one_does_not():
    rule = FlagRule()
    assert rule.flags(("Industry", "Country"), tracked=5)
    assert not rule.flags(("Industry",), tracked=5)


def test_one_homogeneous_dimension_flags_when_the_user_tracks_only_one():
    rule = FlagRule()
    assert rule.required_dimensions(1) == 1
    assert rule.flags(("Faction",), tracked=1)
    assert rule.required_dimensions(2) == 2
    assert not rule.flags((), tracked=0)


def test_assess_group_flags_a_circle_of_bankers_in_germany():
    members = [
        {"Industry": "Banking", "Country": "Germany", "Field": f"F{i % 4}"} for i in range(12)
    ]
    members.append({"Industry": "Retail", "Country": "France", "Field": "F0"})
    categories = {"Industry": 6, "Country": 5, "Field": 4}
    assessment = assess_group(members, ["Industry", "Country", "Field"], categories)
    assert assessment.flagged
    assert assessment.homogeneous_on == ("Industry", "Country")
    assert [reason.text() for reason in assessment.reasons] == [
        "12 of 13 share Industry: Banking",
        "12 of 13 share Country: Germany",
    ]
    expected = homogeneity_score(assessment.dimensions[d].iqv for d in categories)
    assert assessment.homogeneity == pytest.approx(expected)


def test_assess_group_judges_only_the_dimensions_the_user_tracks():
    members = [{"Industry": "Banking", "Country": "Germany"}] * 6
    assessment = assess_group(members, ["Industry"], {"Industry": 3, "Country": 3})
    assert list(assessment.dimensions) == ["Industry"]
    assert assessment.flagged  # one tracked dimension: one is enough


# --- Circles against the network -----------------------------------------------------------------


def test_concentration_beyond_network_is_the_hypergeometric_tail_times_the_contenders():
    # 4 of 4 drawn from 10 contacts of whom 5 hold the value: C(5,4) / C(10,4) = 5 / 210.
    assert concentration_beyond_network(4, 4, 5, 10, 1) == pytest.approx(5 / 210)
    # 3 or more of 4: (C(5,3) C(5,1) + C(5,4)) / C(10,4) = 55 / 210; two contenders double it.
    assert concentration_beyond_network(3, 4, 5, 10, 2) == pytest.approx(2 * 55 / 210)
    assert concentration_beyond_network(2, 4, 5, 10, 2) == 1.0  # capped
    assert concentration_beyond_network(5, 5, 4, 10, 1) == 0.0  # only 4 hold it: impossible


def test_a_value_common_across_the_network_needs_a_stronger_concentration():
    rare = concentration_beyond_network(9, 12, 100, 1000, 1)  # 10 % of the network
    common = concentration_beyond_network(9, 12, 600, 1000, 1)  # 60 % of the network
    assert rare < 1e-6 < 0.05 < common


def test_the_false_discovery_cutoff_is_the_largest_p_below_its_rank_share_of_the_rate():
    # m = 5, rate 0.05: thresholds 0.01, 0.02, 0.03, 0.04, 0.05.
    assert false_discovery_cutoff([0.001, 0.015, 0.2, 0.5, 0.9], 0.05) == 0.015
    assert false_discovery_cutoff([0.012, 0.015, 0.025, 0.5, 0.9], 0.05) == 0.025
    assert false_discovery_cutoff([0.02, 0.5, 0.9], 0.05) == -1.0  # nothing survives
    assert false_discovery_cutoff([], 0.05) == -1.0


def test_only_values_common_enough_to_hold_a_majority_are_contenders():
    # 6 of 6 Banking in a network of 12 where the other six industries have one holder each: no
    # other value could hold half of a circle of six, so only Banking is corrected for.
    network = {"Banking": 6, **{f"Other {i}": 1 for i in range(6)}}
    stats = dimension_stats(["Banking"] * 6, len(network), network=network)
    assert stats.beyond_network == pytest.approx(1 / math.comb(12, 6))
    assert (stats.network_count, stats.network_known) == (6, 12)


def _network_of(groups):
    """Contacts as attribute mappings, grouped: [(count, {dimension: value}), ...] per group."""
    return [[dict(values) for count, values in group for _ in range(count)] for group in groups]


def test_a_circle_stands_out_when_a_majority_shares_what_is_rare_in_the_network():
    bankers = [
        (11, {"Industry": "Banking", "Country": "Germany"}),
        (3, {"Industry": "Retail", "Country": "Italy"}),
    ]
    mixed = [
        (1, {"Industry": industry, "Country": country})
        for industry, country in zip(["Retail", "Health", "Arts", "Crafts"] * 5, ["Spain", "Italy", "France", "Poland", "Germany"] * 4, strict=True)
    ]  # fmt: skip
    circles = _network_of([bankers, mixed])
    network = network_value_counts([m for c in circles for m in c], ["Industry", "Country"])
    rule = FlagRule()
    measured = [measure_circle(c, ["Industry", "Country"], network, rule) for c in circles]
    cutoffs = circle_cutoffs(measured, ["Industry", "Country"], rule)
    bubble = judge_circle(measured[0], ["Industry", "Country"], rule, cutoffs)
    assert bubble.flagged and bubble.homogeneous_on == ("Industry", "Country")
    reason = bubble.reasons[0]
    assert (reason.count, reason.known, reason.network_count, reason.network_known) == (
        11,
        14,
        11,
        34,
    )
    assert reason.network_percent == 32
    assert not judge_circle(measured[1], ["Industry", "Country"], rule, cutoffs).flagged


def _tested(p_value):
    return DimensionStats(
        size=10, known=10, categories=2, dominant="A", dominant_count=10, share=1.0, blau=0.0,
        iqv=0.0, chance=0.0, network_count=17, network_known=34, beyond_network=p_value,
    )  # fmt: skip


def test_each_dimension_is_its_own_family_so_one_strong_dimension_lowers_no_other_bar():
    circles = [
        {"Faction": _tested(1e-6), "Random": _tested(0.03)},
        {"Faction": _tested(1e-6), "Random": _tested(0.9)},
    ]
    # Pooled, the two factions would lift the bar for the third-smallest p to 3/4 * 0.05 = 0.0375.
    assert false_discovery_cutoff([1e-6, 1e-6, 0.03, 0.9], 0.05) == 0.03
    cutoffs = circle_cutoffs(circles, ["Faction", "Random"], FlagRule())
    assert cutoffs == {"Faction": 1e-6, "Random": -1.0}
    assert not FlagRule().stands_out(circles[0]["Random"], cutoffs["Random"])


# --- Homophily on the ties ----------------------------------------------------------------------


def test_tie_homophily_counts_the_weight_between_equal_values():
    # A triangle of A (weights 1, 2, 3), a B-B tie (4), an A-B tie (5); the unknown's tie is left out.
    edges = [(0, 1, 1.0), (1, 2, 2.0), (0, 2, 3.0), (3, 4, 4.0), (2, 3, 5.0), (4, 5, 6.0)]
    homophily = tie_homophily(edges, ["A", "A", "A", "B", "B", None])
    assert homophily.weight == 15.0
    assert homophily.same == 10.0
    assert homophily.share == pytest.approx(10 / 15)


def test_tie_homophily_gives_the_exact_mean_and_spread_over_all_shufflings():
    # Every one of the 6! orders of the values on a small irregular weighted graph: the formulas
    # must give the mean and standard deviation of the same-value weight exactly.
    edges = [(0, 1, 1.0), (1, 2, 2.5), (0, 2, 3.0), (2, 3, 1.0), (3, 4, 2.0), (4, 5, 0.5),
             (1, 5, 1.5), (0, 4, 2.0)]  # fmt: skip
    values = ["A", "A", "B", "B", "B", "C"]
    same = [
        math.fsum(w for a, b, w in edges if order[a] == order[b]) for order in permutations(values)
    ]
    homophily = tie_homophily(edges, values)
    assert homophily.expected == pytest.approx(fmean(same))
    assert homophily.spread == pytest.approx(pstdev(same))
    assert homophily.z == pytest.approx((homophily.same - fmean(same)) / pstdev(same))


def test_tie_homophily_without_two_values_or_ties_has_no_spread():
    assert tie_homophily([(0, 1, 1.0)], ["A", "A", "A", "A"]).z == 0.0
    assert tie_homophily([], ["A", "B", "A", "B"]).share is None


def _followed(p_value, z):
    return replace(_tested(p_value), homophily=TieHomophily(100.0, 50.0 + 5.0 * z, 50.0, 5.0))


def test_a_dimension_the_ties_do_not_follow_needs_a_circle_that_stands_out_on_its_own():
    # One tracked dimension: a flag on it may be wrong at most 1 in 1,000 times (ALONE_ERROR_RATE).
    followed = [{"D": _followed(0.02, 5.5)}, {"D": _followed(0.6, 5.5)}]
    assert circle_cutoffs(followed, ["D"], FlagRule()) == {"D": 0.02}
    ignored = [{"D": _followed(0.02, 4.9)}, {"D": _followed(0.6, 4.9)}]
    assert circle_cutoffs(ignored, ["D"], FlagRule()) == {"D": -1.0}
    strong = [{"D": _followed(4e-4, 4.9)}, {"D": _followed(0.6, 4.9)}]
    assert circle_cutoffs(strong, ["D"], FlagRule()) == {"D": 4e-4}


def test_the_level_for_a_circle_on_its_own_is_set_per_flag_not_per_dimension():
    rule = FlagRule()
    assert rule.alone_level(1) == pytest.approx(1e-3)
    assert rule.alone_level(2) == pytest.approx(1e-3**0.5)  # both dimensions needed
    assert rule.alone_level(5) == pytest.approx(0.01)  # two of five: ten pairs


# --- Names and reasons --------------------------------------------------------------------------


def _judged(dominant, share, known=10):
    count = round(share * known)
    return DimensionStats(
        size=known, known=known, categories=5, dominant=dominant, dominant_count=count,
        share=share, blau=0.1, iqv=0.1, chance=0.0,
    )  # fmt: skip


def test_label_lists_the_dominant_values_strongest_first_at_most_three():
    stats = {
        "Industry": _judged("Banking", 0.9),
        "Country": _judged("Germany", 0.8),
        "Generation": _judged("Gen X", 0.6),
        "Field": _judged("Finance", 0.55),
    }
    label = cluster_label(stats, ["Country", "Generation", "Industry", "Field"], "Anna")
    assert label.parts == ("Banking", "Germany", "Gen X")
    assert label.text() == "Banking · Germany · Gen X"


def test_label_leaves_out_values_held_by_less_than_half():
    stats = {"Industry": _judged("Banking", 0.9), "Country": _judged("Germany", 0.4)}
    assert cluster_label(stats, ["Industry", "Country"], "Anna").parts == ("Banking",)


def test_label_orders_equal_shares_by_the_users_dimension_order():
    stats = {"Industry": _judged("Banking", 0.8), "Country": _judged("Germany", 0.8)}
    assert cluster_label(stats, ["Country", "Industry"], None).parts == ("Germany", "Banking")


def test_label_falls_back_to_the_most_central_member():
    stats = {"Industry": _judged("Banking", 0.3)}
    label = cluster_label(stats, ["Industry"], "Anna Weber")
    assert label.parts == ()
    assert label.around == "Anna Weber"
    assert label.text() == "Circle around Anna Weber"


def test_reason_text_names_count_size_dimension_and_value():
    reason = Reason(dimension="Industry", value="Banking", count=12, size=13, known=13)
    assert reason.text() == "12 of 13 share Industry: Banking"
    assert reason.as_dict() == {
        "dimension": "Industry",
        "value": "Banking",
        "count": 12,
        "size": 13,
        "known": 13,
        "network_count": None,
        "network_known": None,
        "network_percent": None,
    }


def test_reason_text_says_how_many_are_known_when_some_values_are_missing():
    reason = Reason(dimension="Country", value="Germany", count=9, size=13, known=10)
    assert reason.text() == "9 of the 10 with a known Country share Country: Germany"


# --- Properties ---------------------------------------------------------------------------------

value_lists = st.lists(st.sampled_from("ABCDEFG"), min_size=1, max_size=60)


@given(value_lists, st.integers(min_value=0, max_value=10))
def test_iqv_lies_between_zero_and_one_when_k_counts_every_value_seen(values, extra):
    counts = Counter(values)
    categories = max(2, len(counts)) + extra
    assert 0.0 <= iqv(blau_index(counts), categories) <= 1.0 + 1e-12


@given(value_lists)
def test_blau_never_exceeds_one_minus_one_over_the_values_present(values):
    counts = Counter(values)
    assert -1e-12 <= blau_index(counts) <= 1 - 1 / len(counts) + 1e-12


@given(st.integers(1, 40), st.integers(2, 12), st.data())
def test_chance_falls_as_the_dominant_count_rises(known, categories, data):
    count = data.draw(st.integers(1, known))
    chance = chance_of_concentration(count, known, categories)
    assert 0.0 <= chance <= 1.0
    if count < known:
        assert chance_of_concentration(count + 1, known, categories) <= chance


@given(st.lists(st.sampled_from("ABC"), min_size=1, max_size=30))
def test_chance_matches_the_binomial_tail_summed_by_hand(values):
    count, known = Counter(values).most_common(1)[0][1], len(values)
    tail = sum(
        math.comb(known, k) * (1 / 3) ** k * (2 / 3) ** (known - k) for k in range(count, known + 1)
    )
    assert chance_of_concentration(count, known, 3) == pytest.approx(min(1.0, 3 * tail))


def _log_choose_by_lgamma(n: int, k: int) -> float:
    return math.lgamma(n + 1) - math.lgamma(k + 1) - math.lgamma(n - k + 1)


@given(st.integers(1, 3000), st.data())
def test_the_tails_from_the_log_factorial_table_are_the_floats_lgamma_gives(population, data):
    # The tails look log-factorials up in a table; the floats must be those of calling lgamma.
    holders = data.draw(st.integers(0, population))
    known = data.draw(st.integers(1, population))
    count = data.draw(st.integers(1, known))
    others = population - holders
    lowest, highest = max(count, known - others), min(known, holders)
    if lowest <= highest:
        total = _log_choose_by_lgamma(population, known)
        tail = math.fsum(
            math.exp(
                _log_choose_by_lgamma(holders, k) + _log_choose_by_lgamma(others, known - k) - total
            )
            for k in range(lowest, highest + 1)
        )
        assert concentration_beyond_network(count, known, holders, population, 1) == min(1.0, tail)
    categories = data.draw(st.integers(2, 30))
    p = 1.0 / categories
    log_p, log_q = math.log(p), math.log1p(-p)
    binomial = 0.0
    for k in range(count, known + 1):
        log_term = math.lgamma(known + 1) - math.lgamma(k + 1) - math.lgamma(known - k + 1)
        binomial += math.exp(log_term + k * log_p + (known - k) * log_q)
    assert chance_of_concentration(count, known, categories) == min(1.0, categories * binomial)
