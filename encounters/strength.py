"""Tie strength: how strong a relationship is, from the encounters with one contact, as 0..1."""

import datetime
import math
from collections.abc import Iterable

from .constants import (
    HALF_LIFE_DAYS,
    IN_PERSON_WEIGHT,
    LIGHT_FROM,
    REGULAR_FROM,
    REMOTE_WEIGHT,
    SATURATION,
    STRENGTH_EPOCH,
    STRONG_FROM,
)

STRENGTH_LABELS = ("strong", "regular", "light", "faint")


def raw_strength(encounters: Iterable[tuple[datetime.date, bool]], as_of: datetime.date) -> float:
    """The unbounded score: each encounter's channel weight, halved every HALF_LIFE_DAYS, summed.

    An encounter dated after `as_of` (logged ahead) counts as if it happened on `as_of`.
    """
    weights = []
    for occurred_on, in_person in encounters:
        age = (as_of - occurred_on).days
        decay = 0.5 ** (age / HALF_LIFE_DAYS) if age > 0 else 1.0
        weights.append(IN_PERSON_WEIGHT * decay if in_person else REMOTE_WEIGHT * decay)
    # fsum is correctly rounded, so adding an encounter can never lower the sum through rounding.
    return math.fsum(weights)


def saturate(raw: float) -> float:
    """Map a raw score onto 0..1 so it can be compared across contacts and drawn as a bar."""
    return min(1.0, max(0.0, -math.expm1(-raw / SATURATION)))


def tie_strength(encounters: Iterable[tuple[datetime.date, bool]], as_of: datetime.date) -> float:
    """The strength of a tie on `as_of` from (occurred_on, in_person) pairs: 0 to nearly 1."""
    return saturate(raw_strength(encounters, as_of))


def decayed_strength(
    in_person_decayed: float, remote_decayed: float, as_of: datetime.date
) -> float:
    """tie_strength from the sums of 2 ** ((day - STRENGTH_EPOCH) / HALF_LIFE_DAYS) over the in-person
    and the remote encounters (encounters.models.ContactSummary), for an `as_of` on or after the
    last of them: the same value up to rounding, without visiting the encounters."""
    scale = 2.0 ** (-(as_of - STRENGTH_EPOCH).days / HALF_LIFE_DAYS)
    return saturate((IN_PERSON_WEIGHT * in_person_decayed + REMOTE_WEIGHT * remote_decayed) * scale)


def strength_label(value: float) -> str:
    """The machine key for a strength: "strong", "regular", "light" or "faint"."""
    if value >= STRONG_FROM:
        return "strong"
    if value >= REGULAR_FROM:
        return "regular"
    if value >= LIGHT_FROM:
        return "light"
    return "faint"
