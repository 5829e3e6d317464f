"""Gone quiet: which contacts are overdue for an encounter, and which of them matter most.

The rules are plain functions on plain values (`assess`, `priority`, `rank_quiet`, `find_quiet`);
`quiet_contacts` at the bottom loads a user's data with a fixed number of queries and calls them.
docs/tie-strength-and-quiet.md explains the model; every number lives in encounters/constants.py.
"""

import datetime
import hashlib
import math
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, replace
from itertools import pairwise
from typing import NamedTuple

from django.core.cache import cache
from django.db import connection, models
from django.db.models import Case, F, Q, When, Window
from django.db.models.functions import RowNumber
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from contacts.account import User
from contacts.models import Contact

from .constants import (
    DEFAULT_EXPECTED_DAYS,
    LAST_TOPIC_MAX_CHARS,
    LEARN_MIN_DAYS,
    LEARNED_FACTOR,
    LEARNED_MAX_DAYS,
    LEARNED_MIN_DAYS,
    PRIORITY_FLOOR,
    REMOTE_CREDIT,
)
from .models import EncounterParticipant, Plan, Snooze
from .strength import strength_label, tie_strength


class Reason(models.TextChoices):
    """Where the expected interval came from, or why the contact is out of the running."""

    CADENCE = "cadence", _("your cadence")
    LEARNED = "learned", _("your usual rhythm")
    DEFAULT = "default", _("the default interval")
    ARCHIVED = "archived", _("archived")
    NEVER_MET = "never_met", _("never met")


@dataclass(frozen=True)
class QuietAssessment:
    """Where one contact stands on `as_of`.

    last_seen: the latest encounter of any kind (None if never met).
    days_since: days since last_seen, or since the contact was added if never met (else None).
    expected_days: the interval the next encounter was expected within.
    due_on: the day after which the contact counts as quiet (None if nothing to count from).
    overdue_days: days past due_on, 0 when not quiet.
    """

    last_seen: datetime.date | None
    days_since: int | None
    expected_days: int
    due_on: datetime.date | None
    overdue_days: int
    is_quiet: bool
    reason: Reason

    @property
    def overdue_ratio(self) -> float:
        """How overdue, in expected intervals: 1.0 means a whole interval past due."""
        return self.overdue_days / self.expected_days


def interval_from_median_gap(median_gap: float) -> int:
    """1.5 x a median gap in days, clamped to 14..730 days."""
    return min(LEARNED_MAX_DAYS, max(LEARNED_MIN_DAYS, round(LEARNED_FACTOR * median_gap)))


def median_gap(days: Iterable[datetime.date]) -> float | None:
    """The median gap in days between distinct days (None for fewer than two)."""
    ordinals = sorted({day.toordinal() for day in days})
    gaps = sorted(later - earlier for earlier, later in pairwise(ordinals))
    if not gaps:
        return None
    middle = len(gaps) // 2
    return gaps[middle] if len(gaps) % 2 else (gaps[middle - 1] + gaps[middle]) / 2


def learned_interval(days: Iterable[datetime.date]) -> int:
    """1.5 x the median gap between distinct encounter days, clamped to 14..730 days."""
    gap = median_gap(days)
    if gap is None:
        raise ValueError("a rhythm needs at least two distinct days")
    return interval_from_median_gap(gap)


class History(NamedTuple):
    """What `judge` needs to know of a contact's encounters, as of a day (later days count as on
    it): how many distinct days, the last in person and the last remote day, the median gap
    between the distinct days. `summarise` reads it from encounters; PostgreSQL computes the same
    in one query (`histories`)."""

    day_count: int = 0
    last_in_person: datetime.date | None = None
    last_remote: datetime.date | None = None
    median_gap: float | None = None


def summarise(encounters: Iterable[tuple[datetime.date, bool]], as_of: datetime.date) -> History:
    last_in_person: datetime.date | None = None
    last_remote: datetime.date | None = None
    days: set[datetime.date] = set()
    for occurred_on, in_person in encounters:
        on = as_of if occurred_on > as_of else occurred_on
        days.add(on)
        if in_person:
            if last_in_person is None or on > last_in_person:
                last_in_person = on
        elif last_remote is None or on > last_remote:
            last_remote = on
    return History(len(days), last_in_person, last_remote, median_gap(days))


def expected_interval(
    days: Collection[datetime.date], cadence_days: int | None
) -> tuple[int, Reason]:
    """The contact's cadence if set, else the rhythm learned from its distinct days, else 90."""
    return expected_interval_of(len(set(days)), median_gap(days), cadence_days)


def expected_interval_of(
    day_count: int, gap: float | None, cadence_days: int | None
) -> tuple[int, Reason]:
    """expected_interval from the number of distinct days and their median gap."""
    if cadence_days is not None:
        return max(1, cadence_days), Reason.CADENCE
    if day_count >= LEARN_MIN_DAYS and gap is not None:
        return interval_from_median_gap(gap), Reason.LEARNED
    return DEFAULT_EXPECTED_DAYS, Reason.DEFAULT


def remote_credit_days(expected_days: int) -> int:
    """How many days a remote encounter keeps a contact from being quiet (at least one)."""
    return max(1, math.ceil(REMOTE_CREDIT * expected_days))


def assess(
    encounters: Iterable[tuple[datetime.date, bool]],
    *,
    as_of: datetime.date,
    cadence_days: int | None = None,
    archived: bool = False,
    created_on: datetime.date | None = None,
) -> QuietAssessment:
    """Whether a contact has gone quiet on `as_of`, from its (occurred_on, in_person) encounters.

    An in-person encounter makes the contact due one expected interval later, a remote one only
    REMOTE_CREDIT of it later; the contact is quiet once the later of those due dates has passed.
    Encounters dated after `as_of` count as on `as_of`. A contact never met is measured from
    `created_on`; without it there is nothing to measure and it is not quiet.
    """
    return judge(
        summarise(encounters, as_of),
        as_of=as_of,
        cadence_days=cadence_days,
        archived=archived,
        created_on=created_on,
    )


def judge(
    history: History,
    *,
    as_of: datetime.date,
    cadence_days: int | None = None,
    archived: bool = False,
    created_on: datetime.date | None = None,
) -> QuietAssessment:
    """`assess` on a contact's summarised history."""
    expected_days, reason = expected_interval_of(
        history.day_count, history.median_gap, cadence_days
    )
    if not history.day_count:
        reason = Reason.NEVER_MET
        last_seen = None
        days_since = None if created_on is None else max(0, (as_of - created_on).days)
        due_on = None if created_on is None else created_on + datetime.timedelta(expected_days)
    else:
        last_in_person, last_remote = history.last_in_person, history.last_remote
        last_seen = max(day for day in (last_in_person, last_remote) if day is not None)
        days_since = (as_of - last_seen).days
        due_dates = []
        if last_in_person is not None:
            due_dates.append(last_in_person + datetime.timedelta(expected_days))
        if last_remote is not None:
            due_dates.append(last_remote + datetime.timedelta(remote_credit_days(expected_days)))
        due_on = max(due_dates)

    if archived:
        reason = Reason.ARCHIVED
    overdue_days = 0 if archived or due_on is None else max(0, (as_of - due_on).days)
    return QuietAssessment(
        last_seen=last_seen,
        days_since=days_since,
        expected_days=expected_days,
        due_on=due_on,
        overdue_days=overdue_days,
        is_quiet=overdue_days > 0,
        reason=reason,
    )


def priority(assessment: QuietAssessment, strength: float) -> float:
    """How overdue times how strong the tie was: overdue ratio x (PRIORITY_FLOOR + strength)."""
    if not assessment.is_quiet:
        return 0.0
    return assessment.overdue_ratio * (PRIORITY_FLOOR + strength)


@dataclass(frozen=True)
class QuietContact:
    """One quiet contact as the digest, the report and the dashboard show it."""

    contact_id: int
    name: str
    last_seen: datetime.date | None
    days_since: int | None
    expected_days: int
    due_on: datetime.date | None
    overdue_days: int
    reason: Reason
    strength: float
    priority: float
    last_topic: str = ""

    @classmethod
    def build(
        cls, contact_id: int, name: str, assessment: QuietAssessment, strength: float
    ) -> "QuietContact":
        return cls(
            contact_id=contact_id,
            name=name,
            last_seen=assessment.last_seen,
            days_since=assessment.days_since,
            expected_days=assessment.expected_days,
            due_on=assessment.due_on,
            overdue_days=assessment.overdue_days,
            reason=assessment.reason,
            strength=strength,
            priority=priority(assessment, strength),
        )

    @property
    def strength_label(self) -> str:
        return strength_label(self.strength)

    def as_json(self) -> dict[str, object]:
        return {
            "contact_id": self.contact_id,
            "name": self.name,
            "last_seen": self.last_seen.isoformat() if self.last_seen else None,
            "days_since": self.days_since,
            "expected_days": self.expected_days,
            "due_on": self.due_on.isoformat() if self.due_on else None,
            "overdue_days": self.overdue_days,
            "reason": str(self.reason),
            "strength": round(self.strength, 4),
            "strength_label": self.strength_label,
            "priority": round(self.priority, 4),
            "last_topic": self.last_topic,
        }


def rank_quiet(items: Iterable[QuietContact]) -> list[QuietContact]:
    """Highest priority first; equal priorities by name (case-insensitive), then by id."""
    return sorted(
        items, key=lambda item: (-item.priority, item.name.casefold(), item.name, item.contact_id)
    )


class ContactRow(NamedTuple):
    """What `find_quiet` needs to know about a contact besides its encounters."""

    contact_id: int
    name: str
    cadence_days: int | None = None
    created_on: datetime.date | None = None
    archived: bool = False


def find_quiet(
    contacts: Iterable[ContactRow],
    encounters: Iterable[tuple[int, datetime.date, bool]],
    *,
    as_of: datetime.date,
) -> list[QuietContact]:
    """The quiet contacts among `contacts`, ranked.

    `encounters` are (contact_id, occurred_on, in_person) rows in any order, grouped here once.
    """
    history: defaultdict[int, list[tuple[datetime.date, bool]]] = defaultdict(list)
    for contact_id, occurred_on, in_person in encounters:
        history[contact_id].append((occurred_on, in_person))
    contacts = list(contacts)
    summaries = {
        contact.contact_id: summarise(history.get(contact.contact_id, ()), as_of)
        for contact in contacts
    }
    return rank_histories(
        contacts, summaries, lambda contact_id: history.get(contact_id, ()), as_of=as_of
    )


def rank_histories(
    contacts: Iterable[ContactRow],
    histories: Mapping[int, History],
    encounters_of: Callable[[int], Iterable[tuple[datetime.date, bool]]],
    *,
    as_of: datetime.date,
) -> list[QuietContact]:
    """The quiet contacts among `contacts` from their summarised histories, ranked; the strength
    (from `encounters_of`, the contact's (occurred_on, in_person) pairs) only for the quiet."""
    found = []
    for contact in contacts:
        assessment = judge(
            histories.get(contact.contact_id, NO_HISTORY),
            as_of=as_of,
            cadence_days=contact.cadence_days,
            archived=contact.archived,
            created_on=contact.created_on,
        )
        if assessment.is_quiet:
            strength = tie_strength(encounters_of(contact.contact_id), as_of)
            found.append(QuietContact.build(contact.contact_id, contact.name, assessment, strength))
    return rank_quiet(found)


# --- Loading from the database ------------------------------------------------------------------

NO_HISTORY = History()

# One row per contact of the owners: the History of `summarise` (distinct days, the last in person
# and remote, the median gap between distinct days: a zero gap is a second encounter on one day),
# and the encounters for the strength as text, "<age in days>p|r ..." (read for the quiet only).
# From the participant rows' copies of owner, date and in_person, in the order of the index
# participant_owner_contact: an index-only scan, no sort.
HISTORIES_SQL = """
SELECT contact_id,
       count(*) FILTER (WHERE gap IS DISTINCT FROM 0),
       max(day) FILTER (WHERE in_person),
       max(day) FILTER (WHERE NOT in_person),
       percentile_cont(0.5) WITHIN GROUP (ORDER BY NULLIF(gap, 0)),
       string_agg((%(as_of)s::date - day) || CASE WHEN in_person THEN 'p' ELSE 'r' END, ' ')
FROM (
    SELECT owner_id, contact_id, in_person, LEAST(occurred_on, %(as_of)s::date) AS day,
           LEAST(occurred_on, %(as_of)s::date) - lag(LEAST(occurred_on, %(as_of)s::date))
               OVER (PARTITION BY owner_id, contact_id ORDER BY occurred_on) AS gap
    FROM encounters_encounterparticipant
    WHERE owner_id = ANY(%(owners)s)
) AS participations
GROUP BY owner_id, contact_id
"""


class Histories:
    """Per contact of some users, on `as_of`: the History and the encounters for the strength.

    One query: on PostgreSQL the summaries come from the database (HISTORIES_SQL), elsewhere
    from the participant rows, summarised here; both give what `summarise` gives.
    """

    def __init__(self, owner_ids: Collection[int], as_of: datetime.date):
        self.as_of = as_of
        self.summaries: dict[int, History] = {}
        self._ages: dict[int, str] = {}
        self._rows: dict[int, list[tuple[datetime.date, bool]]] = {}
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(HISTORIES_SQL, {"as_of": as_of, "owners": list(owner_ids)})
                for contact_id, count, last_in, last_remote, gap, ages in cursor:
                    self.summaries[contact_id] = History(count, last_in, last_remote, gap)
                    self._ages[contact_id] = ages
            return
        for contact_id, occurred_on, in_person in (
            EncounterParticipant.objects.filter(owner_id__in=owner_ids)
            .order_by()
            .values_list("contact_id", "occurred_on", "in_person")
        ):
            self._rows.setdefault(contact_id, []).append((occurred_on, in_person))
        self.summaries = {
            contact_id: summarise(rows, as_of) for contact_id, rows in self._rows.items()
        }

    def encounters_of(self, contact_id: int) -> list[tuple[datetime.date, bool]]:
        """The contact's (occurred_on, in_person) pairs; on PostgreSQL dates after as_of come as
        on as_of, which weighs the same in the strength."""
        if contact_id not in self._ages:
            return self._rows.get(contact_id, [])
        return [
            (self.as_of - datetime.timedelta(days=int(age[:-1])), age[-1] == "p")
            for age in self._ages[contact_id].split()
        ]

    def ranking(self, contacts: Iterable[ContactRow]) -> list[QuietContact]:
        return rank_histories(contacts, self.summaries, self.encounters_of, as_of=self.as_of)


def quiet_ranking(user: User, as_of: datetime.date | None = None) -> list[QuietContact]:
    """All of the user's quiet active contacts, ranked, without topics; two queries.

    Contacts the user snoozed, or planned to see on `as_of` or later, are left out until then:
    every list of quiet contacts (the page, the dashboard, the digest, the feed, the API) reads
    this one.
    """
    zone = user.zone
    if as_of is None:
        as_of = timezone.now().astimezone(zone).date()

    contacts = [
        ContactRow(pk, name, cadence_days, created_at.astimezone(zone).date())
        for pk, name, cadence_days, created_at in Contact.objects.for_user(user)
        .active()
        .exclude(pk__in=Snooze.objects.for_user(user).in_force(as_of).values("contact_id"))
        .exclude(pk__in=Plan.objects.for_user(user).ahead(as_of).values("contact_id"))
        .order_by()
        .values_list("pk", "name", "cadence_days", "created_at")
    ]
    return Histories([user.pk], as_of).ranking(contacts)


# The ranking of a large network costs about a second (docs/benchmarks.md); a page that only shows
# its top few keeps it this long, as long as none of the data it comes from has changed.
RANKING_CACHE_SECONDS = 6 * 60 * 60


def ranking_fingerprint(user: User) -> tuple[str, ...]:
    """What changes whenever the ranking could: counts and latest changes of the user's contacts,
    encounters, snoozes and open plans; one query.

    Participations are not counted (a join over every participant row would cost more than the
    rest together): every way of changing who took part saves the encounter (recording.py, the
    admin) or adds or removes one, which moves its updated_at or the count.
    """
    tables = (
        ("contacts_contact", "updated_at"),
        ("encounters_encounter", "updated_at"),
        ("encounters_snooze", "created_at"),
        ("encounters_plan", "created_at"),
    )
    parts = []
    for table, column in tables:
        parts += [
            f"(SELECT count(*) FROM {table} WHERE owner_id = %s)",
            f"(SELECT max({column}) FROM {table} WHERE owner_id = %s)",
        ]
    parts.append("(SELECT count(*) FROM encounters_plan WHERE owner_id = %s AND done_at IS NULL)")
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts), [user.pk] * len(parts))
        row = cursor.fetchone()
    return tuple(str(value) for value in row or ())


def cached_quiet_ranking(user: User, as_of: datetime.date) -> list[QuietContact]:
    """quiet_ranking, kept in the cache for the day until something it depends on changes.

    One query when nothing changed (the fingerprint), three when it did. For the pages that show
    the ranking (the dashboard's few, the quiet page); the digest and the API compute it afresh.
    """
    digest = hashlib.sha256("|".join(ranking_fingerprint(user)).encode()).hexdigest()[:32]
    key = f"quiet-ranking:{user.pk}:{as_of.isoformat()}:{digest}"
    ranked: list[QuietContact] | None = cache.get(key)
    if ranked is None:
        ranked = quiet_ranking(user, as_of)
        cache.set(key, ranked, RANKING_CACHE_SECONDS)
    return ranked


def quiet_status(user: User, contact: Contact, as_of: datetime.date) -> QuietContact | None:
    """One contact's place in "gone quiet" on `as_of` (None when not quiet); one query.

    Used after acting on a row (a new rhythm, an undone snooze): the same rules as quiet_ranking,
    without loading everyone else.
    """
    own = list(
        EncounterParticipant.objects.filter(contact=contact).values_list("occurred_on", "in_person")
    )
    assessment = assess(
        own,
        as_of=as_of,
        cadence_days=contact.cadence_days,
        archived=contact.archived,
        created_on=contact.created_at.astimezone(user.zone).date(),
    )
    if not assessment.is_quiet:
        return None
    return QuietContact.build(contact.pk, contact.name, assessment, tie_strength(own, as_of))


def with_topics(user: User, items: list[QuietContact]) -> list[QuietContact]:
    """The same contacts with the last thing talked about; one query, for the rows shown only."""
    topics = last_topics(user, [item.contact_id for item in items])
    return [replace(item, last_topic=topics.get(item.contact_id, "")) for item in items]


def quiet_contacts(
    user: User, as_of: datetime.date | None = None, *, limit: int | None = None
) -> list[QuietContact]:
    """The user's quiet active contacts, ranked, with the last thing talked about.

    Three queries whatever the number of contacts and encounters (two when nobody is quiet).
    `as_of` defaults to today in the user's time zone.
    """
    ranked = quiet_ranking(user, as_of)
    return with_topics(user, ranked[:limit] if limit is not None else ranked)


def last_topics(user: User, contact_ids: Collection[int]) -> dict[int, str]:
    """Per contact, the latest encounter's "what I learned" (or its notes), shortened; one query.

    The latest is the last encounter with something written down, so a quick call logged without
    notes doesn't hide what the previous meeting was about.
    """
    if not contact_ids:
        return {}
    # One window over the contacts' participant rows rather than a correlated subquery per
    # contact: the planner can't turn this into one scan of all encounters per contact.
    rows = (
        EncounterParticipant.objects.for_user(user)
        .filter(contact_id__in=contact_ids)
        .exclude(encounter__learned="", encounter__notes="")
        .annotate(
            recency=Window(
                RowNumber(),
                partition_by=F("contact_id"),
                order_by=[
                    F("encounter__occurred_on").desc(),
                    F("encounter__time").desc(nulls_last=True),
                    F("encounter_id").desc(),
                ],
            ),
            topic=Case(
                When(~Q(encounter__learned=""), then=F("encounter__learned")),
                default=F("encounter__notes"),
            ),
        )
        .filter(recency=1)
        .values_list("contact_id", "topic")
    )
    return {
        contact_id: Truncator(" ".join(topic.split())).chars(LAST_TOPIC_MAX_CHARS)
        for contact_id, topic in rows
    }
