"""How diverse a group of contacts is, dimension by dimension, and the rule that calls it a bubble.

Plain values in, plain values out: the measures (coverage, dominant share, Blau's index, IQV, the
E-I index), the flagging rule, and the structured reasons and names the web layer translates.
docs/network-analysis.md gives the formulas; contacts/network/thresholds.py the numbers.
"""

import math
import operator
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import compress, repeat

from . import thresholds as limits

# --- The measures -------------------------------------------------------------------------------


def known_value(value: str | None) -> str | None:
    """A value as compared: surrounding whitespace dropped; None or blank means unknown."""
    if value is None:
        return None
    return value.strip() or None


def value_counts(values: Iterable[str | None]) -> Counter[str]:
    """How many members hold each value; unknown (None or blank) values are not counted."""
    # known_value never gives "", so filter(None) drops exactly the unknown ones, in C.
    return Counter(filter(None, map(known_value, values)))


def coverage(known: int, size: int) -> float:
    """The share of a group with a known value; an empty group has no coverage."""
    return known / size if size else 0.0


def dominant_value(counts: Mapping[str, int]) -> tuple[str, int] | None:
    """The most frequent value and its count; equal counts go to the alphabetically first value."""
    if not counts:
        return None
    return min(counts.items(), key=lambda item: (-item[1], item[0]))


def blau_index(counts: Mapping[str, int]) -> float:
    """Blau's index of heterogeneity, 1 - sum of squared shares (Blau 1977)."""
    total = sum(counts.values())
    if total <= 0:
        raise ValueError("Blau's index needs at least one known value")
    return 1.0 - math.fsum((count / total) ** 2 for count in counts.values())


def iqv(blau: float, categories: int) -> float:
    """The index of qualitative variation: Blau's index over its maximum 1 - 1/K (0..1)."""
    if categories < 2:
        raise ValueError("IQV needs at least two categories")
    return blau / (1.0 - 1.0 / categories)


def ei_index(internal: float, external: float) -> float | None:
    """Krackhardt & Stern's E-I index, (E - I) / (E + I): -1 all ties inside, +1 all outside."""
    total = internal + external
    if total <= 0:
        return None
    return (external - internal) / total


def chance_of_concentration(count: int, known: int, categories: int) -> float:
    """How likely `known` members drawing evenly from K values give one value `count` times or more.

    K times the binomial tail P(X >= count), X ~ Bin(known, 1/K): a union bound over the values,
    exact whenever count > known / 2. Capped at 1.
    """
    if known <= 0 or count <= 0 or categories < 2:
        return 1.0
    p = 1.0 / categories
    log_p, log_q = math.log(p), math.log1p(-p)
    log_factorial = _log_factorials(known)
    log_n = log_factorial[known]
    tail = 0.0
    for k in range(count, known + 1):
        log_term = log_n - log_factorial[k] - log_factorial[known - k]
        tail += math.exp(log_term + k * log_p + (known - k) * log_q)
    return min(1.0, categories * tail)


# lgamma(n + 1) for n = 0, 1, 2, …: the circles' tests add up to tens of thousands of terms of
# log-factorials of numbers below the network's size, each looked up instead of computed (the
# same floats). Grown by building a new list, so a thread reading the old one sees it whole.
_LOG_FACTORIALS: list[float] = [0.0]


def _log_factorials(n: int) -> list[float]:
    """A table of lgamma(k + 1) for k = 0 to at least n."""
    global _LOG_FACTORIALS
    table = _LOG_FACTORIALS
    if len(table) <= n:
        table = _LOG_FACTORIALS = table + [math.lgamma(k + 1) for k in range(len(table), n + 1)]
    return table


def _log_choose(n: int, k: int) -> float:
    """log(n choose k) for 0 <= k <= n."""
    log_factorial = _log_factorials(n)
    return log_factorial[n] - log_factorial[k] - log_factorial[n - k]


def concentration_beyond_network(
    count: int, known: int, holders: int, population: int, contenders: int
) -> float:
    """How likely a circle drawn at random from the network would hold its top value this often.

    `contenders` times the hypergeometric tail P(X >= count): X is how many of `known` members
    picked at random (without putting back) from the `population` contacts with a known value hold
    the value that `holders` of them hold. The null hypothesis is "the circle is a random handful
    of your network", so a value common everywhere needs a stronger concentration than a rare one.
    `contenders`, the number of values that could have been the circle's top value (a Bonferroni
    correction over them), pays for picking that value after looking. Capped at 1.
    """
    if known <= 0 or count <= 0 or contenders < 1 or population <= 0:
        return 1.0
    others = population - holders
    lowest, highest = max(count, known - others), min(known, holders)
    if lowest > highest:
        return 0.0
    total = _log_choose(population, known)
    # _log_choose(holders, k) + _log_choose(others, known - k) - total, inlined (same order).
    log_factorial = _log_factorials(population)
    log_holders, log_others = log_factorial[holders], log_factorial[others]
    tail = math.fsum(
        math.exp(
            (log_holders - log_factorial[k] - log_factorial[holders - k])
            + (log_others - log_factorial[known - k] - log_factorial[others - known + k])
            - total
        )
        for k in range(lowest, highest + 1)
    )
    return min(1.0, contenders * tail)


def false_discovery_cutoff(p_values: Iterable[float], rate: float) -> float:
    """The Benjamini-Hochberg (1995) cutoff: the largest p(k) with p(k) <= k / m * rate.

    Every test with a p-value at or below it is a discovery, and among the discoveries the expected
    share of false ones is at most `rate`. When nothing is real (a network with random values) it
    also bounds the chance of any false discovery at all by `rate`. -1 when there is none.
    """
    ordered = sorted(p_values)
    m = len(ordered)
    cutoff = -1.0
    for rank, p in enumerate(ordered, start=1):
        if p <= rank / m * rate:
            cutoff = p
    return cutoff


def homogeneity_score(iqvs: Iterable[float]) -> float | None:
    """Mean of 1 - IQV over the judged dimensions: 0 evenly spread, 1 all alike; None if none."""
    values = list(iqvs)
    if not values:
        return None
    return math.fsum(1.0 - value for value in values) / len(values)


def category_counts(
    attributes: Iterable[Mapping[str, str]], dimensions: Sequence[str]
) -> dict[str, int]:
    """K per dimension: the number of distinct values seen on it across the whole network."""
    seen: dict[str, set[str]] = {dimension: set() for dimension in dimensions}
    for contact_attributes in attributes:
        for dimension in dimensions:
            value = known_value(contact_attributes.get(dimension))
            if value is not None:
                seen[dimension].add(value)
    return {dimension: len(values) for dimension, values in seen.items()}


# --- Homophily on the ties ----------------------------------------------------------------------


@dataclass(frozen=True)
class TieHomophily:
    """How much of the tie weight on one dimension joins two contacts with the same value, and how
    much it would be if the values were shuffled among the contacts (the join-count test).

    Only ties between two contacts who both have a known value count. `expected` and `spread` are
    the exact mean and standard deviation of `same` over all shufflings of the values among the
    contacts with a known value (Cliff & Ord 1981, the join-count statistic under sampling without
    putting back); `z` is how many standard deviations `same` lies above `expected`.
    """

    weight: float = 0.0
    same: float = 0.0
    expected: float = 0.0
    spread: float = 0.0

    @property
    def z(self) -> float:
        return (self.same - self.expected) / self.spread if self.spread > 0 else 0.0

    @property
    def share(self) -> float | None:
        return self.same / self.weight if self.weight > 0 else None

    @property
    def expected_share(self) -> float | None:
        return self.expected / self.weight if self.weight > 0 else None

    def as_dict(self) -> dict[str, object]:
        return {
            "share": _rounded(self.share),
            "expected_share": _rounded(self.expected_share),
            "z": round(self.z, 2),
        }


def tie_strengths(
    ends: Sequence[int], other_ends: Sequence[int], weights: Sequence[float], size: int
) -> list[float]:
    """Each of `size` contacts' summed tie weight."""
    strengths = [0.0] * size
    for a, b, w in zip(ends, other_ends, weights, strict=True):
        strengths[a] += w
        strengths[b] += w
    return strengths


def _falling(n: int, k: int) -> int:
    return math.prod(range(n - k + 1, n + 1)) if n >= k else 0


def tie_homophily(
    edges: Iterable[tuple[int, int, float]], values: Sequence[str | None]
) -> TieHomophily:
    """The join-count test of one dimension: `edges` (index, index, weight) into `values`, each
    contact's known value or None.

    With S0 = 2 W (W the tie weight among contacts with a known value), S1 = 4 sum of w^2 over
    ties, S2 = 4 sum of squared strengths, N contacts with a known value and n_v holding v, the
    probabilities that two, three (one shared) or four (two disjoint pairs) given contacts hold
    equal values under shuffling are p2 = sum n_v^(2) / N^(2), p3 = sum n_v^(3) / N^(3) and
    p4 = (sum n_v^(4) + sum over u != v of n_u^(2) n_v^(2)) / N^(4) (x^(k) the falling factorial);
    then E = S0 p2 / 2 and E[same^2] = (S1 p2 + (S2 - 2 S1) p3 + (S0^2 + S1 - S2) p4) / 4.
    """
    listed = list(edges)
    return tie_homophily_of(
        [a for a, _b, _w in listed],
        [b for _a, b, _w in listed],
        [w for _a, _b, w in listed],
        values,
    )


def tie_homophily_of(
    ends: Sequence[int],
    other_ends: Sequence[int],
    weights: Sequence[float],
    values: Sequence[str | None],
    strengths: Sequence[float] | None = None,
) -> TieHomophily:
    """tie_homophily with the edges as three parallel lists, so that a caller testing several
    dimensions on the same ties splits them once; the loops run in C (map, compress).
    `strengths`, each contact's summed tie weight, saves a pass when every contact at the end of a
    tie has a known value."""
    first = list(map(values.__getitem__, ends))
    second = list(map(values.__getitem__, other_ends))
    if None in first or None in second:
        strengths = None
        known = list(
            map(
                operator.and_,
                map(operator.is_not, first, repeat(None)),
                map(operator.is_not, second, repeat(None)),
            )
        )
        first, second = list(compress(first, known)), list(compress(second, known))
        ends, other_ends = list(compress(ends, known)), list(compress(other_ends, known))
        weights = list(compress(weights, known))
    same = math.fsum(compress(weights, map(operator.eq, first, second)))
    squared = math.fsum(map(operator.mul, weights, weights))
    return _join_count(
        math.fsum(weights), same, squared, values, (ends, other_ends, weights), strengths
    )


def tie_homophilies(
    ends: Sequence[int],
    other_ends: Sequence[int],
    weights: Sequence[float],
    values_by_dimension: Iterable[Sequence[str | None]],
    strengths: Sequence[float] | None = None,
) -> list[TieHomophily]:
    """tie_homophily_of for several dimensions over the same ties (the same floats), sharing what
    they have in common: the squared weights, and the sums over all ties for the dimensions where
    every tied contact has a known value. Which ties count is found from one flag per contact
    instead of from the values at both ends of every tie."""
    squares = list(map(operator.mul, weights, weights))
    over_all: tuple[float, float] | None = None  # fsum of the weights and of their squares
    measured = []
    for values in values_by_dimension:
        known_at = list(map(operator.is_not, values, repeat(None)))
        known = list(
            map(
                operator.and_,
                map(known_at.__getitem__, ends),
                map(known_at.__getitem__, other_ends),
            )
        )
        if all(known):
            if over_all is None:
                over_all = math.fsum(weights), math.fsum(squares)
            weight, squared = over_all
            kept_ends, kept_other_ends, kept_weights = ends, other_ends, weights
            kept_strengths = strengths
        else:
            kept_ends, kept_other_ends = (
                list(compress(ends, known)),
                list(compress(other_ends, known)),
            )
            kept_weights = list(compress(weights, known))
            weight, squared = math.fsum(kept_weights), math.fsum(compress(squares, known))
            kept_strengths = None
        equal = map(
            operator.eq,
            map(values.__getitem__, kept_ends),
            map(values.__getitem__, kept_other_ends),
        )
        same = math.fsum(compress(kept_weights, equal))
        kept = (kept_ends, kept_other_ends, kept_weights)
        measured.append(_join_count(weight, same, squared, values, kept, kept_strengths))
    return measured


def _join_count(
    weight: float,
    same: float,
    squared: float,
    values: Sequence[str | None],
    ties: tuple[Sequence[int], Sequence[int], Sequence[float]],
    strengths: Sequence[float] | None,
) -> TieHomophily:
    """The join-count test's mean and spread (tie_homophily) from the sums over the counted `ties`
    (ends, other ends, weights): their weight, the weight between equal values, the fsum of the
    squared weights; the contacts' `strengths` over them, added up here when None and needed."""
    counts = Counter(value for value in values if value is not None)
    total = sum(counts.values())
    if total < 4 or len(counts) < 2 or weight <= 0:
        return TieHomophily(weight=weight, same=same)
    if strengths is None:
        strengths = tie_strengths(*ties, len(values))
    s0 = 2 * weight
    s1 = 4 * squared
    s2 = 4 * math.fsum(map(operator.mul, strengths, strengths))
    pairs = [_falling(n, 2) for n in counts.values()]
    p2 = sum(pairs) / _falling(total, 2)
    p3 = sum(_falling(n, 3) for n in counts.values()) / _falling(total, 3)
    p4 = (
        sum(_falling(n, 4) for n in counts.values()) + sum(pairs) ** 2 - sum(x * x for x in pairs)
    ) / _falling(total, 4)
    expected = s0 * p2 / 2
    second_moment = (s1 * p2 + (s2 - 2 * s1) * p3 + (s0 * s0 + s1 - s2) * p4) / 4
    return TieHomophily(
        weight=weight,
        same=same,
        expected=expected,
        spread=math.sqrt(max(second_moment - expected * expected, 0.0)),
    )


# --- One dimension of one group -----------------------------------------------------------------


@dataclass(frozen=True)
class DimensionStats:
    """The diversity of one group on one dimension; measures are None when coverage is too low."""

    size: int
    known: int
    categories: int
    dominant: str | None = None
    dominant_count: int = 0
    share: float | None = None
    blau: float | None = None
    iqv: float | None = None
    chance: float | None = None
    # The dominant value across the whole network, when measured against it (circles, not the
    # network itself): how many of the network's contacts with a known value hold it, and how
    # likely a random circle of this size would be to hold it as often (None: not measured).
    network_count: int | None = None
    network_known: int | None = None
    beyond_network: float | None = None
    # The dimension's homophily on the ties of the whole network (None: measured without them).
    homophily: TieHomophily | None = None

    @property
    def coverage(self) -> float:
        return coverage(self.known, self.size)

    @property
    def judged(self) -> bool:
        return self.iqv is not None

    def as_dict(self) -> dict[str, object]:
        return {
            "coverage": _rounded(self.coverage),
            "known": self.known,
            "categories": self.categories,
            "dominant": self.dominant,
            "count": self.dominant_count if self.judged else None,
            "share": _rounded(self.share),
            "blau": _rounded(self.blau),
            "iqv": _rounded(self.iqv),
            "network_count": self.network_count,
            "network_known": self.network_known,
            "beyond_network": _rounded_probability(self.beyond_network),
            "homophily": None if self.homophily is None else self.homophily.as_dict(),
        }


def dimension_stats(
    values: Sequence[str | None],
    categories: int,
    *,
    min_coverage: float = limits.MIN_COVERAGE,
    network: Mapping[str, int] | None = None,
    min_share: float = limits.MIN_BUBBLE_SHARE,
    homophily: TieHomophily | None = None,
    known_values: bool = False,
) -> DimensionStats:
    """Coverage, dominant value and share, Blau and IQV of one group's values on one dimension.

    `network` (value -> contacts holding it across the whole network) adds the test against the
    network: how often the dominant value occurs there and how likely a random circle would be to
    hold it as often (concentration_beyond_network). Only values held by more than `min_share` of
    the members' number across the network could be a flagged top value, so only they count as
    contenders (Tarone 1990: a test that can never succeed costs nothing to correct for).
    `homophily` is carried as it is (the dimension's tie_homophily across the network).
    `known_values`: the values are known_value()'s already (a value or None), not cleaned again.
    """
    counts = Counter(filter(None, values)) if known_values else value_counts(values)
    known = sum(counts.values())
    top = dominant_value(counts)  # None exactly when no value is known
    if categories < 2 or top is None or coverage(known, len(values)) < min_coverage:
        return DimensionStats(
            size=len(values), known=known, categories=categories, homophily=homophily
        )
    dominant, dominant_count = top
    blau = blau_index(counts)
    return DimensionStats(
        size=len(values),
        known=known,
        categories=categories,
        dominant=dominant,
        dominant_count=dominant_count,
        share=dominant_count / known,
        blau=blau,
        iqv=iqv(blau, categories),
        chance=chance_of_concentration(dominant_count, known, categories),
        network_count=None if network is None else network.get(dominant, 0),
        network_known=None if network is None else sum(network.values()),
        beyond_network=None
        if network is None
        else _beyond_network(dominant, dominant_count, known, network, min_share),
        homophily=homophily,
    )


def _beyond_network(
    dominant: str, count: int, known: int, network: Mapping[str, int], min_share: float
) -> float:
    needed = math.floor(min_share * known + 1e-9) + 1  # more than min_share of the members
    contenders = max(1, sum(1 for held in network.values() if held >= needed))
    return concentration_beyond_network(
        count, known, network.get(dominant, 0), sum(network.values()), contenders
    )


# --- The flagging rule --------------------------------------------------------------------------


@dataclass(frozen=True)
class FlagRule:
    """When a dimension counts as homogeneous and how many of them make a bubble.

    The defaults are the documented thresholds; the calibration script builds variants. A None
    chance_alpha or iqv_threshold switches that part of the rule off.
    """

    min_coverage: float = limits.MIN_COVERAGE
    share_threshold: float = limits.SHARE_THRESHOLD
    iqv_threshold: float | None = limits.IQV_THRESHOLD
    chance_alpha: float | None = limits.CHANCE_ALPHA
    min_flagged_dimensions: int = limits.MIN_FLAGGED_DIMENSIONS
    # Circles are judged against the network instead (stands_out): a majority that random circles
    # of the network would not reach, false discoveries kept below this rate.
    min_share: float = limits.MIN_BUBBLE_SHARE
    false_discovery_rate: float = limits.FALSE_DISCOVERY_RATE
    # ... and either the network's ties follow the dimension (None: no such gate), or the circle
    # is so unusual that it stands out among all circles on its own (alone_cutoff).
    min_homophily_z: float | None = limits.MIN_HOMOPHILY_Z
    alone_error_rate: float = limits.ALONE_ERROR_RATE

    def alone_level(self, tracked: int) -> float:
        """The family-wise level at which one dimension of a circle counts on its own evidence, so
        that a flag resting on such evidence alone is wrong at most `alone_error_rate` of the
        time: a flag needs r = required_dimensions(tracked) homogeneous dimensions out of the
        `tracked`, so with values independent across dimensions, (rate / C(tracked, r)) ** (1/r)
        per dimension (Bonferroni over the sets of r dimensions). One dimension tracked: the rate
        itself; two of five: a tenth of its square root."""
        required = self.required_dimensions(tracked)
        sets = math.comb(max(tracked, required), required)
        return float((self.alone_error_rate / sets) ** (1 / required))

    def ties_follow(self, homophily: TieHomophily | None) -> bool:
        """Whether the ties of the network follow the dimension's values far beyond chance: the
        tie weight between contacts with the same value lies at least `min_homophily_z` standard
        deviations above what shuffling the values would give. Without the ties measured (None),
        the circle test decides alone."""
        if self.min_homophily_z is None or homophily is None:
            return True
        return homophily.z >= self.min_homophily_z

    def stands_out(self, stats: DimensionStats, cutoff: float) -> bool:
        """A circle's dimension is homogeneous when its top value holds more than `min_share` of the
        known members and a random circle of the network would hold it that often so rarely that
        the test survives the dimension's cutoff (circle_cutoffs)."""
        share, beyond = stats.share, stats.beyond_network
        if share is None or beyond is None or stats.coverage < self.min_coverage:
            return False
        return share > self.min_share and beyond <= cutoff

    def is_homogeneous(self, stats: DimensionStats) -> bool:
        """The rule for the network as a whole, which has nothing to be measured against but an
        even spread over the values: a three-quarter majority that even draws would not give."""
        # A judged dimension has all its measures; unjudged ones have none of them.
        share, iqv_value, chance = stats.share, stats.iqv, stats.chance
        if share is None or iqv_value is None or chance is None:
            return False
        if stats.coverage < self.min_coverage:
            return False
        concentrated = share >= self.share_threshold or (
            self.iqv_threshold is not None and iqv_value <= self.iqv_threshold
        )
        if not concentrated:
            return False
        return self.chance_alpha is None or chance <= self.chance_alpha

    def required_dimensions(self, tracked: int) -> int:
        """How many homogeneous dimensions flag a group when the user tracks `tracked` of them."""
        return max(1, min(self.min_flagged_dimensions, tracked))

    def flags(self, homogeneous_on: Sequence[str], tracked: int) -> bool:
        return tracked > 0 and len(homogeneous_on) >= self.required_dimensions(tracked)


# --- Reasons and names --------------------------------------------------------------------------


@dataclass(frozen=True)
class Reason:
    """One plain-language reason for a flag: `count` of the `known` members share `value`."""

    dimension: str
    value: str
    count: int
    size: int
    known: int
    # How common the value is in the whole network (circles only): why the concentration is more
    # than a random handful of the user's contacts would show.
    network_count: int | None = None
    network_known: int | None = None

    @property
    def network_percent(self) -> int | None:
        if self.network_count is None or not self.network_known:
            return None
        return round(100 * self.network_count / self.network_known)

    def text(self) -> str:
        """The default English sentence (the JSON's `reasons`, unchanged since before the network
        comparison); the web layer builds its own from the fields, the comparison included."""
        if self.known == self.size:
            return f"{self.count} of {self.size} share {self.dimension}: {self.value}"
        return (
            f"{self.count} of the {self.known} with a known {self.dimension} "
            f"share {self.dimension}: {self.value}"
        )

    def as_dict(self) -> dict[str, object]:
        return {
            "dimension": self.dimension,
            "value": self.value,
            "count": self.count,
            "size": self.size,
            "known": self.known,
            "network_count": self.network_count,
            "network_known": self.network_known,
            "network_percent": self.network_percent,
        }


@dataclass(frozen=True)
class ClusterLabel:
    """A circle's name: dominant values ("Banking · Germany") or the member it centres on."""

    parts: tuple[str, ...] = ()
    around: str | None = None

    def text(self) -> str:
        if self.parts:
            return " · ".join(self.parts)
        return f"Circle around {self.around}" if self.around else "Circle"


def cluster_label(
    stats: Mapping[str, DimensionStats],
    dimensions: Sequence[str],
    central_member: str | None,
    *,
    max_parts: int = limits.LABEL_MAX_PARTS,
    min_share: float = limits.LABEL_MIN_SHARE,
) -> ClusterLabel:
    """Name a group by the dominant values of its most concentrated dimensions.

    Dimensions are ranked by share, then by their order in `dimensions` (the user's order).
    """
    ranked: list[tuple[float, int, str]] = []
    for position, dimension in enumerate(dimensions):
        measured = stats.get(dimension)
        if measured is None or not measured.judged:
            continue
        share, dominant = measured.share, measured.dominant
        if share is not None and dominant is not None and share >= min_share:
            ranked.append((-share, position, dominant))
    ranked.sort()
    parts = tuple(value for _, _, value in ranked[:max_parts])
    return ClusterLabel(parts=parts, around=None if parts else central_member)


# --- A whole group ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Assessment:
    """A group's diversity on every tracked dimension and whether it is a bubble."""

    dimensions: dict[str, DimensionStats] = field(default_factory=dict)
    homogeneous_on: tuple[str, ...] = ()
    flagged: bool = False
    homogeneity: float | None = None
    reasons: tuple[Reason, ...] = ()


def assess_group(
    attributes: Sequence[Mapping[str, str]],
    dimensions: Sequence[str],
    categories: Mapping[str, int],
    rule: FlagRule | None = None,
) -> Assessment:
    """Measure one group (members' attribute mappings) on the dimensions the user tracks.

    A dimension with fewer than two values across the network (K < 2) carries no information: it
    is reported with its coverage but not judged. The homogeneity score averages 1 - IQV over the
    judged dimensions.
    """
    rule = rule or FlagRule()
    stats = {
        dimension: dimension_stats(
            [member.get(dimension) for member in attributes],
            categories.get(dimension, 0),
            min_coverage=rule.min_coverage,
        )
        for dimension in dimensions
    }
    homogeneous_on = tuple(d for d in dimensions if rule.is_homogeneous(stats[d]))
    reasons = tuple(
        Reason(
            dimension=d,
            value=dominant,
            count=stats[d].dominant_count,
            size=stats[d].size,
            known=stats[d].known,
        )
        for d in homogeneous_on
        # Always there: a homogeneous dimension is judged, and a judged one has a dominant value.
        if (dominant := stats[d].dominant) is not None
    )
    return Assessment(
        dimensions=stats,
        homogeneous_on=homogeneous_on,
        flagged=rule.flags(homogeneous_on, len(dimensions)),
        homogeneity=homogeneity_score(s.iqv for s in stats.values() if s.iqv is not None),
        reasons=reasons,
    )


def network_value_counts(
    attributes: Iterable[Mapping[str, str]], dimensions: Sequence[str]
) -> dict[str, Counter[str]]:
    """Per dimension, how many contacts of the whole network hold each known value."""
    counts: dict[str, Counter[str]] = {dimension: Counter() for dimension in dimensions}
    for contact_attributes in attributes:
        for dimension in dimensions:
            value = known_value(contact_attributes.get(dimension))
            if value is not None:
                counts[dimension][value] += 1
    return counts


def measure_circle(
    attributes: Sequence[Mapping[str, str]],
    dimensions: Sequence[str],
    network: Mapping[str, Mapping[str, int]],
    rule: FlagRule | None = None,
    homophily: Mapping[str, TieHomophily] | None = None,
) -> dict[str, DimensionStats]:
    """One circle's measures on each tracked dimension, each tested against the whole network
    (`network`: network_value_counts of all contacts, the circle's members included) and carrying
    the dimension's homophily on the network's ties (`homophily`, tie_homophily per dimension)."""
    return measure_known(
        {d: [known_value(member.get(d)) for member in attributes] for d in dimensions},
        dimensions,
        network,
        rule,
        homophily,
    )


def measure_known(
    values: Mapping[str, Sequence[str | None]],
    dimensions: Sequence[str],
    network: Mapping[str, Mapping[str, int]],
    rule: FlagRule | None = None,
    homophily: Mapping[str, TieHomophily] | None = None,
) -> dict[str, DimensionStats]:
    """measure_circle of a circle given as its members' known values (known_value()) per
    dimension, as the analysis reads them once for the whole network (known_columns)."""
    rule = rule or FlagRule()
    # The homophily goes in at construction: dataclasses.replace on ~1,900 stats cost ~30 ms.
    return {
        dimension: dimension_stats(
            values[dimension],
            len(network.get(dimension, {})),
            min_coverage=rule.min_coverage,
            network=network.get(dimension, {}),
            min_share=rule.min_share,
            homophily=None if homophily is None else homophily.get(dimension),
            known_values=True,
        )
        for dimension in dimensions
    }


def known_columns(
    attributes: Sequence[Mapping[str, str]], dimensions: Sequence[str]
) -> dict[str, list[str | None]]:
    """Per dimension, each contact's known value (known_value) in the contacts' order: read once,
    then counted, tested and measured from these lists."""
    return {
        dimension: [known_value(contact.get(dimension)) for contact in attributes]
        for dimension in dimensions
    }


def circle_cutoffs(
    circles: Sequence[Mapping[str, DimensionStats]], dimensions: Sequence[str], rule: FlagRule
) -> dict[str, float]:
    """The false-discovery cutoff of each dimension over all circles of one network: at the
    false-discovery rate when the network's ties follow the dimension (FlagRule.ties_follow), else
    at the far stricter FlagRule.alone_level, at which a circle has to stand out on its own.

    One family per dimension ("on which circles is Country concentrated?"): strong evidence on one
    dimension must not lower the bar for another, or the factions of a club would let a random
    dimension through. Within a dimension, each true bubble lowers the bar a little for the others
    (that is Benjamini-Hochberg's gain in power). The gate first asks the question the circles
    answer in detail, "does this dimension shape who knows whom at all?", with all ties as its
    evidence: a dimension with random values almost never passes it, and then only a circle that
    stands out among all the circles on its own can be flagged on it (with nothing to find, the
    chance that Benjamini-Hochberg flags anything is at most its rate: Simes 1986).
    """
    cutoffs = {}
    for dimension in dimensions:
        measured = [circle[dimension] for circle in circles]
        p_values = [s.beyond_network for s in measured if s.beyond_network is not None]
        homophily = next((s.homophily for s in measured if s.homophily is not None), None)
        rate = rule.false_discovery_rate
        if not rule.ties_follow(homophily):
            rate = min(rate, rule.alone_level(len(dimensions)))
        cutoffs[dimension] = false_discovery_cutoff(p_values, rate)
    return cutoffs


def judge_circle(
    stats: Mapping[str, DimensionStats],
    dimensions: Sequence[str],
    rule: FlagRule,
    cutoffs: Mapping[str, float],
) -> Assessment:
    """Whether a measured circle is a bubble: homogeneous (FlagRule.stands_out, against the
    dimension's cutoff) on at least `required_dimensions` of the tracked dimensions; each such
    dimension gives a reason."""
    homogeneous_on = tuple(d for d in dimensions if rule.stands_out(stats[d], cutoffs[d]))
    reasons = tuple(
        Reason(
            dimension=d,
            value=dominant,
            count=stats[d].dominant_count,
            size=stats[d].size,
            known=stats[d].known,
            network_count=stats[d].network_count,
            network_known=stats[d].network_known,
        )
        for d in homogeneous_on
        if (dominant := stats[d].dominant) is not None
    )
    return Assessment(
        dimensions=dict(stats),
        homogeneous_on=homogeneous_on,
        flagged=rule.flags(homogeneous_on, len(dimensions)),
        homogeneity=homogeneity_score(s.iqv for s in stats.values() if s.iqv is not None),
        reasons=reasons,
    )


def _rounded_probability(value: float | None) -> float | None:
    """Probabilities span many orders of magnitude: four significant digits, not four decimals."""
    return None if value is None else float(f"{value:.4g}")


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 4)
