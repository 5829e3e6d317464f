"""How the user's introductions went: the track record, and who connects the most people."""

import datetime
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q

from contacts.account import User
from contacts.models import Contact, Introduction, IntroductionQuerySet


@dataclass(frozen=True)
class TrackRecord:
    total: int
    made: int
    met: int
    fruitful: int
    neutral: int
    did_not_fit: int
    declined: int
    follow_ups_due: int
    per_contact: list[dict[str, Any]]

    @property
    def judged(self) -> int:
        return self.fruitful + self.neutral + self.did_not_fit

    @property
    def fruitful_share(self) -> float | None:
        return self.fruitful / self.judged if self.judged else None

    @property
    def met_share(self) -> float | None:
        return self.met / self.total if self.total else None


def track_record(user: User, today: datetime.date) -> TrackRecord:
    """How the user's introductions went, overall and per contact involved; two queries."""
    Status, Outcome = Introduction.Status, Introduction.Outcome
    counts = Introduction.objects.for_user(user).aggregate(
        total=Count("id"),
        made=Count("id", filter=~Q(status=Status.PROPOSED)),
        met=Count("id", filter=Q(status=Status.MET)),
        fruitful=Count("id", filter=Q(outcome=Outcome.FRUITFUL)),
        neutral=Count("id", filter=Q(outcome=Outcome.NEUTRAL)),
        did_not_fit=Count("id", filter=Q(outcome=Outcome.DID_NOT_FIT)),
        declined=Count("id", filter=Q(status=Status.DECLINED)),
        follow_ups_due=Count("id", filter=IntroductionQuerySet.due_condition(today)),
    )
    people: defaultdict[int, dict[str, int]] = defaultdict(
        lambda: {"total": 0, "met": 0, "fruitful": 0, "did_not_fit": 0}
    )
    names: dict[int, str] = {}
    for a_id, a_name, b_id, b_name, status, outcome in Introduction.objects.for_user(
        user
    ).values_list("a_id", "a__name", "b_id", "b__name", "status", "outcome"):
        for pk, name in ((a_id, a_name), (b_id, b_name)):
            names[pk] = name
            row = people[pk]
            row["total"] += 1
            row["met"] += status == Status.MET
            row["fruitful"] += outcome == Outcome.FRUITFUL
            row["did_not_fit"] += outcome == Outcome.DID_NOT_FIT
    order = sorted(people, key=lambda pk: (-people[pk]["total"], names[pk].casefold()))
    per_contact = [{"contact_id": pk, "name": names[pk], **people[pk]} for pk in order]
    return TrackRecord(per_contact=per_contact, **counts)


def connectors(user: User, limit: int = 20) -> list[tuple[Contact, int]]:
    """Who brought the most people into the user's network ("met through"), most first."""
    rows = (
        Contact.objects.for_user(user)
        .annotate(brought=Count("introduced_contacts"))
        .filter(brought__gt=0)
        .order_by("-brought", "name")[:limit]
    )
    # django-stubs keeps .annotate() fields only on generic querysets; ContactQuerySet is fixed.
    return [(contact, contact.brought) for contact in rows]  # type: ignore[attr-defined]
