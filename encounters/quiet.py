"""Gone quiet: which contacts are overdue for an encounter, and which of them matter most.

The rules are plain functions on plain values (`assess`, `priority`, `rank_quiet`, `find_quiet`);
`quiet_contacts` at the bottom loads a user's data with a fixed number of queries and calls them.
docs/tie-strength-and-quiet.md explains the model; every number lives in encounters/constants.py.
"""

import contextlib
import datetime
import hashlib
import math
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, replace
from functools import reduce
from itertools import pairwise
from operator import or_
from typing import Any, NamedTuple

from django.core.cache import cache
from django.db import connection, models
from django.db.models import Case, F, FilteredRelation, Q, When, Window
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
from .strength import decayed_strength, strength_label, tie_strength


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
        due_on = due_after_meeting(history, expected_days)

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


def due_after_meeting(history: History, expected_days: int) -> datetime.date:
    """The day after which a contact met before (history.day_count > 0) counts as quiet: one
    expected interval after the last in-person encounter, or the remote credit after the last
    remote one, whichever is later."""
    last_in_person, last_remote = history.last_in_person, history.last_remote
    if last_remote is None:
        assert last_in_person is not None  # met, so on one channel or the other
        return last_in_person + datetime.timedelta(expected_days)
    remote_due = last_remote + datetime.timedelta(remote_credit_days(expected_days))
    if last_in_person is None:
        return remote_due
    in_person_due = last_in_person + datetime.timedelta(expected_days)
    return in_person_due if in_person_due > remote_due else remote_due


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
        contacts,
        summaries,
        lambda contact_id: tie_strength(history.get(contact_id, ()), as_of),
        as_of=as_of,
    )


def rank_histories(
    contacts: Iterable[ContactRow],
    histories: Mapping[int, History],
    strength_of: Callable[[int], float],
    *,
    as_of: datetime.date,
) -> list[QuietContact]:
    """The quiet contacts among `contacts` from their summarised histories, ranked; the strength
    (`strength_of` a contact id) asked for the quiet only."""
    found = []
    for contact in contacts:
        history = histories.get(contact.contact_id, NO_HISTORY)
        if history.day_count and not contact.archived:
            # Most contacts are not quiet: ruled out by their due day alone, as judge would.
            expected_days, _reason = expected_interval_of(
                history.day_count, history.median_gap, contact.cadence_days
            )
            if due_after_meeting(history, expected_days) >= as_of:
                continue
        assessment = judge(
            history,
            as_of=as_of,
            cadence_days=contact.cadence_days,
            archived=contact.archived,
            created_on=contact.created_on,
        )
        if assessment.is_quiet:
            strength = strength_of(contact.contact_id)
            found.append(QuietContact.build(contact.contact_id, contact.name, assessment, strength))
    return rank_quiet(found)


# --- Loading from the database ------------------------------------------------------------------

NO_HISTORY = History()
SUMMARY_FIELDS = (
    "summary__day_count",
    "summary__last_in_person",
    "summary__last_remote",
    "summary__median_gap",
    "summary__last_day",
    "summary__in_person_decayed",
    "summary__remote_decayed",
)


class QuietInputs:
    """What gone quiet needs of some users on their days (`as_of` per user id), in two queries.

    The users' active contacts, less the snoozed and those with a plan ahead, each with its
    History and its tie strength. On PostgreSQL both come from the contact's summary row
    (ContactSummary, kept by triggers), joined to the contacts; only a contact with an encounter
    after its user's `as_of` (logged ahead, counted as on `as_of`) is summarised from its
    participant rows, as on SQLite every contact is. Both give what `summarise` and
    `tie_strength` give the same rows, the strength up to rounding in the last bits.
    """

    def __init__(self, users: Collection[User], as_of: Mapping[int, datetime.date]):
        self.as_of = as_of
        self.contacts: dict[int, list[ContactRow]] = {user.pk: [] for user in users}
        self.histories: dict[int, History] = {}
        self._decayed: dict[int, tuple[float, float]] = {}
        self._rows: dict[int, list[tuple[datetime.date, bool]]] = {}
        summarised = connection.vendor == "postgresql"
        zones = {user.pk: user.zone for user in users}
        owner_of: dict[int, int] = {}
        later: list[int] = []
        for owner_id, pk, name, cadence_days, created_at, *summary in self._contacts(
            users, summarised
        ):
            created_on = (
                None if created_at is None else created_at.astimezone(zones[owner_id]).date()
            )
            self.contacts[owner_id].append(ContactRow(pk, name, cadence_days, created_on))
            owner_of[pk] = owner_id
            if not summary or summary[0] is None:
                continue
            day_count, last_in_person, last_remote, gap, last_day, in_person, remote = summary
            if last_day > as_of[owner_id]:
                later.append(pk)
                continue
            self.histories[pk] = History(day_count, last_in_person, last_remote, gap)
            self._decayed[pk] = (in_person, remote)
        if summarised and not later:
            return
        participations = EncounterParticipant.objects.order_by()
        if summarised:
            participations = participations.filter(contact_id__in=later)
        else:
            participations = participations.filter(owner_id__in=list(self.contacts))
        for contact_id, occurred_on, in_person in participations.values_list(
            "contact_id", "occurred_on", "in_person"
        ):
            self._rows.setdefault(contact_id, []).append((occurred_on, in_person))
        for contact_id, rows in self._rows.items():
            if contact_id in owner_of:
                self.histories[contact_id] = summarise(rows, as_of[owner_of[contact_id]])

    def _contacts(self, users: Collection[User], summarised: bool) -> Iterable[tuple[Any, ...]]:
        by_day: defaultdict[datetime.date, list[int]] = defaultdict(list)
        for user in users:
            by_day[self.as_of[user.pk]].append(user.pk)
        snoozed = reduce(
            or_,
            (
                Snooze.objects.filter(owner_id__in=owners).in_force(day)
                for day, owners in by_day.items()
            ),
        )
        planned = reduce(
            or_,
            (Plan.objects.filter(owner_id__in=owners).ahead(day) for day, owners in by_day.items()),
        )
        contacts = (
            Contact.objects.filter(owner_id__in=[user.pk for user in users])
            .active()
            .exclude(pk__in=snoozed.values("contact_id"))
            .exclude(pk__in=planned.values("contact_id"))
            .order_by()
        )
        if not summarised:
            return contacts.values_list("owner_id", "pk", "name", "cadence_days", "created_at")
        # The summary's owner in the join lets PostgreSQL read one user's summaries by its index.
        # The time added only for the never met: the only ones judged by it.
        return contacts.annotate(
            summary=FilteredRelation("quiet_summary", condition=Q(quiet_summary__owner=F("owner"))),
            added=Case(When(summary__contact__isnull=True, then=F("created_at"))),
        ).values_list("owner_id", "pk", "name", "cadence_days", "added", *SUMMARY_FIELDS)

    def strength_of(self, contact_id: int, as_of: datetime.date) -> float:
        if contact_id in self._decayed:
            return decayed_strength(*self._decayed[contact_id], as_of)
        return tie_strength(self._rows.get(contact_id, ()), as_of)

    def ranking(self, user_id: int) -> list[QuietContact]:
        as_of = self.as_of[user_id]
        return rank_histories(
            self.contacts[user_id],
            self.histories,
            lambda contact_id: self.strength_of(contact_id, as_of),
            as_of=as_of,
        )


def today_for(user: User) -> datetime.date:
    return timezone.now().astimezone(user.zone).date()


def quiet_rankings(
    users: Collection[User], as_of: Mapping[int, datetime.date]
) -> dict[int, list[QuietContact]]:
    """quiet_ranking for several users at once (the digest's batch), each on its own day; the
    same two queries whatever the number of users and contacts."""
    if not users:
        return {}
    inputs = QuietInputs(users, as_of)
    return {user.pk: inputs.ranking(user.pk) for user in users}


def quiet_ranking(user: User, as_of: datetime.date | None = None) -> list[QuietContact]:
    """All of the user's quiet active contacts, ranked, without topics; two queries at most.

    Contacts the user snoozed, or planned to see on `as_of` or later, are left out until then:
    every list of quiet contacts (the page, the dashboard, the digest, the feed, the API) reads
    this one.
    """
    return quiet_rankings([user], {user.pk: as_of or today_for(user)})[user.pk]


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
    try:
        ranked: list[QuietContact] | None = cache.get(key)
    except Exception:  # Redis away: the ranking is computed, as without a cache
        return quiet_ranking(user, as_of)
    if ranked is None:
        ranked = quiet_ranking(user, as_of)
        # Redis went away meanwhile: the page goes out all the same.
        with contextlib.suppress(Exception):
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
    return last_topics_of([user.pk], contact_ids)


def last_topics_of(user_ids: Collection[int], contact_ids: Collection[int]) -> dict[int, str]:
    """last_topics of the contacts of several users (the digest's batch); one query."""
    if not contact_ids:
        return {}
    # One window over the contacts' participant rows rather than a correlated subquery per
    # contact: the planner can't turn this into one scan of all encounters per contact.
    rows = (
        EncounterParticipant.objects.filter(owner_id__in=list(user_ids))
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
        contact_id: shorten(" ".join(topic.split()), LAST_TOPIC_MAX_CHARS)
        for contact_id, topic in rows
    }


def shorten(text: str, limit: int) -> str:
    """Truncator(text).chars(limit), without its cost (a translation, a loop over the text) for
    the texts that fit, most of them: those come back NFC-normalised, as Truncator returns them."""
    fitted = unicodedata.normalize("NFC", text)
    return fitted if len(fitted) <= limit else Truncator(text).chars(limit)
