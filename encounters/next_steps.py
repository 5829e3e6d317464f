"""Acting on "gone quiet": not now (a snooze), the next time (a plan), and a rhythm changed in place.

A snoozed contact, and one with a plan ahead, leave "gone quiet" (the page, the dashboard, the
digest, the calendar feed and the API all read `quiet_ranking`). A plan is fulfilled by an
encounter with its contact logged after the plan was made and dated at most PLAN_EARLY_DAYS
before it; until then it shows on the dashboard and in the calendar feed.
"""

import datetime
from collections import defaultdict
from collections.abc import Collection, Mapping
from dataclasses import dataclass

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from contacts.account import User
from contacts.models import Contact

from .models import EncounterParticipant, Kind, Plan, Snooze

# "Not now" offers these; a quarter is as far as a nudge should wait (the digest is weekly, and the
# shortest learned rhythm is two weeks).
SNOOZE_CHOICES = {
    14: gettext_lazy("two weeks"),
    30: gettext_lazy("a month"),
    91: gettext_lazy("three months"),
}
# The one-tap snooze in the digest.
DIGEST_SNOOZE_DAYS = 30
# A coffee planned for Thursday that happened on Monday still counts; a call a fortnight earlier
# about something else does not.
PLAN_EARLY_DAYS = 7
# A rhythm is a number of days between encounters: at least daily, at most every five years.
RHYTHM_MAX_DAYS = 1825
SNOOZE_SALT = "weitblick.quiet.snooze"
# A digest's snooze link works for as long as the digest is worth reading.
SNOOZE_LINK_MAX_AGE = datetime.timedelta(days=30)


@transaction.atomic
def snooze(
    *, user: User, contact: Contact, days: int, as_of: datetime.date | None = None
) -> Snooze:
    """Keep `contact` out of "gone quiet" for `days` from `as_of` (today); a second snooze replaces
    the first."""
    if contact.owner_id != user.pk:
        raise ValidationError(_("Choose one of your own contacts."), code="other_owner")
    if days not in SNOOZE_CHOICES and days != DIGEST_SNOOZE_DAYS:
        raise ValidationError(_("Choose two weeks, a month or three months."), code="days")
    as_of = as_of or timezone.localdate()
    found, _created = Snooze.objects.update_or_create(
        owner=user,
        contact=contact,
        defaults={"until": as_of + datetime.timedelta(days=days), "created_at": timezone.now()},
    )
    return found


def unsnooze(*, user: User, contact: Contact) -> None:
    Snooze.objects.for_user(user).filter(contact=contact).delete()


def plan_next(
    *, user: User, contact: Contact, on: datetime.date, kind: str = "", note: str = ""
) -> Plan:
    """Plan the next encounter with `contact` (a kind) or a reminder to get in touch (no kind)."""
    if contact.owner_id != user.pk:
        raise ValidationError(_("Choose one of your own contacts."), code="other_owner")
    if on < timezone.localdate():
        raise ValidationError({"on": _("Choose a day from today on.")}, code="past")
    planned = Plan(owner=user, contact=contact, on=on, kind=kind, note=note.strip()[:200])
    planned.full_clean(exclude=["owner"])
    planned.save()
    return planned


def dismiss_plan(planned: Plan) -> None:
    """Done with, or not happening: the plan leaves the dashboard and the feed."""
    if planned.done_at is None:
        planned.done_at = timezone.now()
        planned.save(update_fields=["done_at"])


def set_rhythm(contact: Contact, days: int | None) -> Contact:
    """The contact's keep-in-touch cadence in days (None: learn it from the encounters)."""
    if days is not None and not 1 <= days <= RHYTHM_MAX_DAYS:
        raise ValidationError(
            _("A rhythm is between 1 and %(max)d days.") % {"max": RHYTHM_MAX_DAYS}, code="range"
        )
    contact.cadence_days = days
    contact.save(update_fields=["cadence_days", "updated_at"])
    return contact


@dataclass(frozen=True)
class PlannedItem:
    """An open plan as the dashboard, the digest and the calendar feed show it."""

    plan_id: int
    contact_id: int
    name: str
    on: datetime.date
    kind: str
    kind_label: str
    note: str

    @property
    def summary(self) -> str:
        if not self.kind:
            return _("Get in touch with %(name)s") % {"name": self.name}
        return _("%(kind)s with %(name)s") % {
            "kind": self.kind_label.capitalize(),
            "name": self.name,
        }


def open_plans(
    user: User, *, since: datetime.date | None = None, until: datetime.date | None = None
) -> list[PlannedItem]:
    """The user's plans not yet fulfilled by an encounter nor dismissed, by day; two queries.

    `since` and `until` narrow them to plans on those days (both included).
    """
    return open_plans_of([user.pk], {user.pk: (since, until)})[user.pk]


def open_plans_of(
    user_ids: Collection[int],
    days: Mapping[int, tuple[datetime.date | None, datetime.date | None]],
) -> dict[int, list[PlannedItem]]:
    """open_plans for several users at once, each between its own (since, until); two queries."""
    within = Q()
    for user_id in user_ids:
        since, until = days[user_id]
        mine = Q(owner_id=user_id)
        if since is not None:
            mine &= Q(on__gte=since)
        if until is not None:
            mine &= Q(on__lte=until)
        within |= mine
    found = list(
        Plan.objects.filter(owner_id__in=list(user_ids))
        .filter(within)
        .open()
        .select_related("contact")
        .filter(contact__archived=False)
        .order_by("on", "id")
    )
    by_user: dict[int, list[PlannedItem]] = {user_id: [] for user_id in user_ids}
    if not found:
        return by_user
    earliest = min(p.on for p in found) - datetime.timedelta(days=PLAN_EARLY_DAYS)
    # (occurred_on, created_at) of the encounters that could fulfil a plan, per contact.
    met: defaultdict[int, list[tuple[datetime.date, datetime.datetime]]] = defaultdict(list)
    for contact_id, occurred_on, created_at in EncounterParticipant.objects.filter(
        contact_id__in={p.contact_id for p in found}, encounter__occurred_on__gte=earliest
    ).values_list("contact_id", "encounter__occurred_on", "encounter__created_at"):
        met[contact_id].append((occurred_on, created_at))
    kinds = dict(Kind.choices)
    for p in found:
        if any(
            occurred_on >= p.on - datetime.timedelta(days=PLAN_EARLY_DAYS)
            and created_at >= p.created_at
            for occurred_on, created_at in met.get(p.contact_id, ())
        ):
            continue
        by_user[p.owner_id].append(
            PlannedItem(
                plan_id=p.pk,
                contact_id=p.contact_id,
                name=p.contact.name,
                on=p.on,
                kind=p.kind,
                kind_label=str(kinds.get(p.kind, "")),
                note=p.note,
            )
        )
    return by_user


def snooze_token(user: User, contact_id: int) -> str:
    """The signed part of a digest's one-tap snooze link: this user, this contact."""
    return signing.dumps({"u": user.pk, "c": contact_id}, salt=SNOOZE_SALT, compress=True)


def contact_from_snooze_token(user: User, token: str) -> int | None:
    """The contact id a snooze link names, if the link is this user's and still fresh."""
    try:
        data = signing.loads(token, salt=SNOOZE_SALT, max_age=SNOOZE_LINK_MAX_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("u") != user.pk or not isinstance(data.get("c"), int):
        return None
    return data["c"]
