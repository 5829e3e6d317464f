"""What goes into the weekly digest, gathered for a batch of users with a fixed number of queries.

`build_digests` loads every part for all users of a batch at once (two queries for gone quiet, one
or two for each other part, whatever the number of users); `build_digest` is the batch of one the
preview and the tests use, so both give the same digest. encounters/digest.py renders and sends.
"""

import datetime
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from django.db.models import Count, F, Min, Q, Window
from django.db.models.functions import RowNumber
from django.urls import reverse
from django.utils.functional import lazy
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from contacts.account import User
from contacts.dates import next_yearly
from contacts.models import (
    Contact,
    ImportantDate,
    Introduction,
    IntroductionQuerySet,
    NetworkSnapshot,
)
from contacts.network.explain import circle_name, explain_bubble
from contacts.network.snapshots import latest_snapshot

from .links import absolute_url
from .models import IN_PERSON_KINDS, Encounter, EncounterParticipant
from .next_steps import PlannedItem, open_plans_of
from .quiet import QuietContact, last_topics_of, quiet_rankings
from .stats import EncounterNumbers

DIGEST_QUIET_LIMIT = 10
CELEBRATION_WINDOW_DAYS = 14
# What you learned this week: the latest few, each shortened; the rest is on the encounter list.
DIGEST_LEARNED_LIMIT = 5
LEARNED_MAX_CHARS = 240
WEEK_DAYS = 7


@dataclass(frozen=True)
class Celebration:
    on: datetime.date
    contact_id: int
    contact_name: str
    label: str
    years: int | None = None


@dataclass(frozen=True)
class Learned:
    """One thing learned this week, from one encounter."""

    encounter_id: int
    on: datetime.date
    names: str
    text: str


@dataclass(frozen=True)
class Digest:
    user_id: int
    as_of: datetime.date
    quiet: list[QuietContact]
    celebrations: list[Celebration]
    follow_ups: list[Introduction]
    week: EncounterNumbers
    new_people: int
    bubbles: list[dict[str, Any]] = field(default_factory=list)
    learned: list[Learned] = field(default_factory=list)
    plans: list[PlannedItem] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (
            self.quiet
            or self.celebrations
            or self.follow_ups
            or self.week.total
            or self.bubbles
            or self.plans
        )


Period = tuple[datetime.date, datetime.date]


def week_of(as_of: datetime.date) -> Period:
    return as_of - datetime.timedelta(days=WEEK_DAYS - 1), as_of


def celebrations_of(
    users: Collection[User], as_of: Mapping[int, datetime.date], days: int = CELEBRATION_WINDOW_DAYS
) -> dict[int, list[Celebration]]:
    """Birthdays and important dates of active contacts from as_of to as_of + days, per user;
    two queries."""
    ids = [user.pk for user in users]
    found: dict[int, list[Celebration]] = {pk: [] for pk in ids}
    birthdays = (
        Contact.objects.filter(owner_id__in=ids)
        .active()
        .filter(birthday_month__isnull=False)
        .values_list("owner_id", "pk", "name", "birthday_month", "birthday_day", "birthday_year")
    )
    for owner_id, pk, name, month, day, year in birthdays:
        if month is None or day is None:  # never: contact_birthday_month_day forbids it
            continue
        on = next_yearly(month, day, as_of[owner_id])
        if on <= as_of[owner_id] + datetime.timedelta(days=days):
            found[owner_id].append(
                Celebration(on, pk, name, _("Birthday"), on.year - year if year else None)
            )
    dates = (
        ImportantDate.objects.filter(owner_id__in=ids)
        .filter(contact__archived=False)
        .values_list("owner_id", "contact_id", "contact__name", "label", "date")
    )
    for owner_id, contact_id, name, label, date in dates:
        on = next_yearly(date.month, date.day, as_of[owner_id])
        if on <= as_of[owner_id] + datetime.timedelta(days=days):
            years = on.year - date.year if date.year > 1900 and on.year > date.year else None
            found[owner_id].append(Celebration(on, contact_id, name, label, years))
    return {
        pk: sorted(items, key=lambda c: (c.on, c.contact_name.casefold()))
        for pk, items in found.items()
    }


def upcoming_celebrations(
    user: User, as_of: datetime.date, days: int = CELEBRATION_WINDOW_DAYS
) -> list[Celebration]:
    """Birthdays and important dates of active contacts from as_of to as_of + days; two queries."""
    return celebrations_of([user], {user.pk: as_of}, days)[user.pk]


def follow_ups_of(
    user_ids: Collection[int], as_of: Mapping[int, datetime.date]
) -> dict[int, list[Introduction]]:
    """Introductions to follow up, per user on its day: the one rule (due_condition); one query."""
    due = Q()
    for user_id in user_ids:
        due |= Q(owner_id=user_id) & IntroductionQuerySet.due_condition(as_of[user_id])
    found: dict[int, list[Introduction]] = {pk: [] for pk in user_ids}
    for introduction in (
        Introduction.objects.filter(owner_id__in=list(user_ids))
        .filter(due)
        .select_related("a", "b")
        .order_by("follow_up_on", "id")
    ):
        found[introduction.owner_id].append(introduction)
    return found


def due_follow_ups(user: User, as_of: datetime.date) -> list[Introduction]:
    """Introductions to follow up on `as_of`: the one rule (IntroductionQuerySet.due_condition)."""
    return follow_ups_of([user.pk], {user.pk: as_of})[user.pk]


def numbers_of(
    user_ids: Collection[int], periods: Mapping[int, Period]
) -> dict[int, EncounterNumbers]:
    """Each user's encounters in its period (start and end included); one query."""
    within = Q()
    for user_id in user_ids:
        start, end = periods[user_id]
        within |= Q(owner_id=user_id, occurred_on__gte=start, occurred_on__lte=end)
    counts = {
        row["owner_id"]: row
        for row in Encounter.objects.filter(owner_id__in=list(user_ids))
        .filter(within)
        .order_by()
        .values("owner_id")
        .annotate(
            total=Count("occurred_on"),
            in_person=Count("occurred_on", filter=Q(kind__in=IN_PERSON_KINDS)),
            by_chance=Count("occurred_on", filter=Q(planned=False)),
        )
    }
    return {
        pk: EncounterNumbers(
            total=counts[pk]["total"] if pk in counts else 0,
            in_person=counts[pk]["in_person"] if pk in counts else 0,
            by_chance=counts[pk]["by_chance"] if pk in counts else 0,
        )
        for pk in user_ids
    }


def new_people_of(user_ids: Collection[int], periods: Mapping[int, Period]) -> dict[int, int]:
    """Per user, the contacts whose first encounter falls in its period; one query."""
    earliest = min(start for start, _end in periods.values())
    latest = max(end for _start, end in periods.values())
    found = dict.fromkeys(user_ids, 0)
    for owner_id, first in (
        EncounterParticipant.objects.filter(owner_id__in=list(user_ids))
        .values("owner_id", "contact_id")
        .annotate(first=Min("occurred_on"))
        .filter(first__gte=earliest, first__lte=latest)
        .values_list("owner_id", "first")
    ):
        start, end = periods[owner_id]
        if start <= first <= end:
            found[owner_id] += 1
    return found


def new_people_met(user: User, start: datetime.date, end: datetime.date) -> int:
    """Contacts whose first encounter falls between start and end."""
    return new_people_of([user.pk], {user.pk: (start, end)})[user.pk]


def learned_of(
    user_ids: Collection[int], periods: Mapping[int, Period]
) -> dict[int, list[Learned]]:
    """What each user wrote down as learned in the encounters of its period, the latest few;
    two queries."""
    within = Q()
    for user_id in user_ids:
        start, end = periods[user_id]
        within |= Q(owner_id=user_id) & Q(occurred_on__gte=start, occurred_on__lte=end)
    encounters = (
        Encounter.objects.filter(owner_id__in=list(user_ids))
        .filter(within)
        .exclude(learned="")
        .annotate(
            latest=Window(
                RowNumber(),
                partition_by=F("owner_id"),
                order_by=[F("occurred_on").desc(), F("id").desc()],
            )
        )
        .filter(latest__lte=DIGEST_LEARNED_LIMIT)
        .prefetch_related("participants")
        .order_by("-occurred_on", "-id")
    )
    found: dict[int, list[Learned]] = {pk: [] for pk in user_ids}
    for encounter in encounters:
        found[encounter.owner_id].append(
            Learned(
                encounter_id=encounter.pk,
                on=encounter.occurred_on,
                names=", ".join(person.name for person in encounter.participants.all()),
                text=Truncator(" ".join(encounter.learned.split())).chars(LEARNED_MAX_CHARS),
            )
        )
    return found


def learned_this_week(user: User, start: datetime.date, end: datetime.date) -> list[Learned]:
    """What the user wrote down as learned in the encounters between start and end; two queries."""
    return learned_of([user.pk], {user.pk: (start, end)})[user.pk]


def snapshots_of(user_ids: Collection[int]) -> dict[int, NetworkSnapshot]:
    """Each user's latest finished network analysis (latest_snapshot), for those with one; one
    query."""
    latest = (
        NetworkSnapshot.objects.filter(owner_id__in=list(user_ids))
        .done()
        .defer("graph")
        .annotate(
            newest=Window(
                RowNumber(),
                partition_by=F("owner_id"),
                order_by=[F("computed_at").desc(), F("id").desc()],
            )
        )
        .filter(newest=1)
    )
    return {snapshot.owner_id: snapshot for snapshot in latest}


def flagged_circles(user: User) -> list[dict[str, Any]]:
    """The bubbles of the latest network snapshot, each with one person outside it to see more of."""
    return bubbles_of(latest_snapshot(user))


def bubbles_of(snapshot: NetworkSnapshot | None) -> list[dict[str, Any]]:
    if snapshot is None:
        return []
    return [
        {
            # Lazy: worded in the language the digest is rendered in, not the one it is built in.
            "label": lazy(circle_name, str)(c),
            "explanation": lazy(lambda c: " ".join(explain_bubble(c)), str)(c),
            "size": c["size"],
            "reasons": c["reason_details"],
            "suggestion": c["suggestions"][0]["name"] if c["suggestions"] else None,
            "suggestion_url": absolute_url(
                reverse("contacts:detail", args=[c["suggestions"][0]["contact_id"]])
            )
            if c["suggestions"] and c["suggestions"][0].get("contact_id")
            else "",
        }
        for c in snapshot.report.get("clusters", [])
        if c["homogeneous"]
    ]


def build_digests(users: Sequence[User], as_of: Mapping[int, datetime.date]) -> dict[int, Digest]:
    """The digests of a batch of users, each on its own day; the same number of queries for one
    user or a thousand."""
    if not users:
        return {}
    ids = [user.pk for user in users]
    weeks = {pk: week_of(as_of[pk]) for pk in ids}
    ranked = quiet_rankings(users, as_of)
    shown = {pk: ranked[pk][:DIGEST_QUIET_LIMIT] for pk in ids}
    topics = last_topics_of(ids, [item.contact_id for items in shown.values() for item in items])
    celebrations = celebrations_of(users, as_of)
    follow_ups = follow_ups_of(ids, as_of)
    numbers = numbers_of(ids, weeks)
    new_people = new_people_of(ids, weeks)
    snapshots = snapshots_of(ids)
    learned = learned_of(ids, weeks)
    ahead = datetime.timedelta(days=CELEBRATION_WINDOW_DAYS)
    plans = open_plans_of(ids, {pk: (as_of[pk], as_of[pk] + ahead) for pk in ids})
    return {
        pk: Digest(
            user_id=pk,
            as_of=as_of[pk],
            quiet=[replace(item, last_topic=topics.get(item.contact_id, "")) for item in shown[pk]],
            celebrations=celebrations[pk],
            follow_ups=follow_ups[pk],
            week=numbers[pk],
            new_people=new_people[pk],
            bubbles=bubbles_of(snapshots.get(pk)),
            learned=learned[pk],
            plans=plans[pk],
        )
        for pk in ids
    }


def build_digest(user: User, as_of: datetime.date) -> Digest:
    return build_digests([user], {user.pk: as_of})[user.pk]
