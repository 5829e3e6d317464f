"""Counts of encounters over a period: the numbers on the dashboard and in the weekly digest."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q

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


def encounter_numbers(user, start: datetime.date, end: datetime.date) -> EncounterNumbers:
    """The owner's encounters from start to end (both included), in one query."""
    counts = (
        Encounter.objects.for_user(user)
        .between(start, end)
        .aggregate(
            total=Count("id"),
            in_person=Count("id", filter=Q(kind__in=IN_PERSON_KINDS)),
            by_chance=Count("id", filter=Q(planned=False)),
        )
    )
    return EncounterNumbers(**counts)
