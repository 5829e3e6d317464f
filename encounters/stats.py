"""Counts of encounters over periods: the numbers on the dashboard and in the weekly digest."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q

from contacts.account import User

from .models import IN_PERSON_KINDS, Encounter


@dataclass(frozen=True)
class EncounterNumbers:
    total: int
    in_person: int
    by_chance: int

    @property
    def remote(self) -> int:
        return self.total - self.in_person

    @property
    def in_person_percent(self) -> int:
        return round(100 * self.in_person / self.total) if self.total else 0


def numbers_for_periods(
    user: User, periods: dict[str, tuple[datetime.date, datetime.date]]
) -> dict[str, EncounterNumbers]:
    """The owner's encounters in each named period (start and end included), in one query."""
    if not periods:
        return {}
    earliest = min(start for start, _end in periods.values())
    latest = max(end for _start, end in periods.values())
    aggregates: dict[str, Count] = {}
    for name, (start, end) in periods.items():
        within = Q(occurred_on__gte=start, occurred_on__lte=end)
        # Counting a column of the covering index encounter_owner_date_kind (not the id): the
        # counts come from the index alone.
        aggregates[f"{name}__total"] = Count("occurred_on", filter=within)
        aggregates[f"{name}__in_person"] = Count(
            "occurred_on", filter=within & Q(kind__in=IN_PERSON_KINDS)
        )
        aggregates[f"{name}__by_chance"] = Count("occurred_on", filter=within & Q(planned=False))
    counts = Encounter.objects.for_user(user).between(earliest, latest).aggregate(**aggregates)
    return {
        name: EncounterNumbers(
            total=counts[f"{name}__total"],
            in_person=counts[f"{name}__in_person"],
            by_chance=counts[f"{name}__by_chance"],
        )
        for name in periods
    }


def encounter_numbers(user: User, start: datetime.date, end: datetime.date) -> EncounterNumbers:
    """The owner's encounters from start to end (both included), in one query."""
    return numbers_for_periods(user, {"period": (start, end)})["period"]
