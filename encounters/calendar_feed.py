"""The private calendar feed: birthdays, important dates, introduction follow-ups, plans, quiet contacts.

A calendar app subscribes to /calendar/<token>.ics (encounters/calendar_views.py serves it); the
token is the only secret, so the feed needs no login, and resetting the token revokes every
subscription. Birthdays and important dates are
yearly all-day events; a follow-up and a plan (the next encounter, or a reminder to get in
touch, planned from "gone quiet") are one day; each quiet contact with a keep-in-touch cadence is a
reminder on today, so it stays in view until the two of you meet. The feed lives in encounters/
because quiet contacts are worked out from encounters.
"""

import datetime
from dataclasses import dataclass

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from icalendar import Calendar, Event

from contacts.account import User
from contacts.models import Contact, ImportantDate, Introduction

from .links import absolute_url
from .next_steps import open_plans
from .quiet import Reason, quiet_contacts

# Calendar apps ask again after this long (they may wait longer; Google takes up to a day).
REFRESH = datetime.timedelta(hours=6)
# A year with 29 February, for yearly events whose first year is unknown.
LEAP_YEAR = 2000
MAX_TOKEN_LENGTH = 64


@dataclass(frozen=True)
class FeedEvent:
    """One all-day event: once on `start`, or every year on its month and day."""

    uid: str
    summary: str
    start: datetime.date
    yearly: bool = False
    description: str = ""
    url: str = ""


def _yearly_start(month: int, day: int, year: int | None) -> datetime.date:
    return datetime.date(year or LEAP_YEAR, month, day)


def feed_events(user: User, as_of: datetime.date) -> list[FeedEvent]:
    """The events of `user`'s feed on `as_of`; a fixed number of queries."""
    events: list[FeedEvent] = []
    for pk, name, month, day, year in (
        Contact.objects.for_user(user)
        .active()
        .filter(birthday_month__isnull=False, birthday_day__isnull=False)
        .order_by("id")
        .values_list("pk", "name", "birthday_month", "birthday_day", "birthday_year")
    ):
        if month is None or day is None:  # filtered out above
            continue
        events.append(
            FeedEvent(
                uid=f"birthday-{pk}@weitblick",
                summary=_("Birthday: %(name)s") % {"name": name},
                start=_yearly_start(month, day, year),
                yearly=True,
                description=_("Born in %(year)d.") % {"year": year} if year else "",
                url=absolute_url(reverse("contacts:detail", args=[pk])),
            )
        )
    for pk, contact_id, name, label, date in (
        ImportantDate.objects.for_user(user)
        .filter(contact__archived=False)
        .order_by("id")
        .values_list("pk", "contact_id", "contact__name", "label", "date")
    ):
        events.append(
            FeedEvent(
                uid=f"date-{pk}@weitblick",
                summary=_("%(label)s: %(name)s") % {"label": label, "name": name},
                start=date,
                yearly=True,
                description=_("Since %(year)d.") % {"year": date.year},
                url=absolute_url(reverse("contacts:detail", args=[contact_id])),
            )
        )
    follow_ups = (
        Introduction.objects.for_user(user)
        .unfinished()
        .select_related("a", "b")
        .order_by("follow_up_on", "id")
    )
    for introduction in follow_ups:
        # Due by the one rule (introductions.due_condition): on today, moving with the days
        # until it is followed up; otherwise on its follow-up date, if it has one.
        start = as_of if introduction.due_because(as_of) else introduction.follow_up_on
        if start is None:
            continue
        events.append(
            FeedEvent(
                uid=f"introduction-{introduction.pk}@weitblick",
                summary=_("Follow up: %(a)s and %(b)s")
                % {"a": introduction.a.name, "b": introduction.b.name},
                start=start,
                description=introduction.reason,
                url=absolute_url(reverse("introductions:detail", args=[introduction.pk])),
            )
        )
    for planned in open_plans(user):
        events.append(
            FeedEvent(
                uid=f"plan-{planned.plan_id}@weitblick",
                summary=planned.summary,
                start=planned.on,
                description=planned.note,
                url=absolute_url(reverse("contacts:detail", args=[planned.contact_id])),
            )
        )
    for quiet in quiet_contacts(user, as_of):
        if quiet.reason != Reason.CADENCE:
            continue
        if quiet.last_seen:
            detail = ngettext(
                "You wanted to see each other every day; you last met on %(date)s.",
                "You wanted to see each other every %(days)d days; you last met on %(date)s.",
                quiet.expected_days,
            ) % {
                "days": quiet.expected_days,
                "date": formats.date_format(quiet.last_seen, "DATE_FORMAT"),
            }
        else:
            detail = ngettext(
                "You wanted to see each other every day and have not met yet.",
                "You wanted to see each other every %(days)d days and have not met yet.",
                quiet.expected_days,
            ) % {"days": quiet.expected_days}
        events.append(
            FeedEvent(
                uid=f"quiet-{quiet.contact_id}@weitblick",
                summary=_("Get in touch with %(name)s") % {"name": quiet.name},
                start=as_of,
                description=detail,
                url=absolute_url(reverse("contacts:detail", args=[quiet.contact_id])),
            )
        )
    return events


def build_calendar(
    user: User, as_of: datetime.date, *, now: datetime.datetime | None = None
) -> bytes:
    """The feed as an iCalendar document (RFC 5545)."""
    now = now or timezone.now()
    calendar = Calendar()
    calendar.add("prodid", "-//Weitblick//Weitblick calendar feed//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add(
        "x-wr-calname", _("Weitblick: %(name)s") % {"name": user.first_name or user.get_username()}
    )
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", REFRESH)
    for item in feed_events(user, as_of):
        event = Event()
        event.add("uid", item.uid)
        event.add("dtstamp", now)
        event.add("summary", item.summary)
        event.add("dtstart", item.start)
        if item.start < datetime.date.max:
            event.add("dtend", item.start + datetime.timedelta(days=1))
        # else: a date on the calendar's last day (stored before forms refused it, or imported) has
        # no day after it; without DTEND an all-day event lasts its one day all the same (RFC 5545).
        if item.yearly:
            rule: dict[str, str | int] = {"freq": "yearly"}
            if (item.start.month, item.start.day) == (2, 29):
                # Every year on the last day of February, as Weitblick's own reminders do.
                rule.update(bymonth=2, bymonthday=-1)
            event.add("rrule", rule)
        if item.description:
            event.add("description", item.description)
        if item.url:
            event.add("url", item.url)
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    return calendar.to_ical()
