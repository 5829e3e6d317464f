"""The weekly digest: what goes in it, when it is due, and sending it at most once per ISO week.

`build_digest` gathers the content with a fixed number of queries; `send_delivery` builds and
sends one; encounters/delivery.py decides when, and makes sure it goes out once.
docs/weekly-digest.md and docs/guarantees.md explain the once-a-week guarantee.
"""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db.models import Min
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import lazy
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from contacts.account import User
from contacts.dates import next_yearly
from contacts.models import Contact, ImportantDate, Introduction
from contacts.network.explain import circle_name, explain_bubble
from contacts.network.snapshots import latest_snapshot

from .links import absolute_url
from .models import DigestDelivery, Encounter, EncounterParticipant
from .next_steps import PlannedItem, open_plans, snooze_token
from .quiet import QuietContact, quiet_contacts
from .stats import EncounterNumbers, encounter_numbers

DIGEST_QUIET_LIMIT = 10
CELEBRATION_WINDOW_DAYS = 14
# What you learned this week: the latest few, each shortened; the rest is on the encounter list.
DIGEST_LEARNED_LIMIT = 5
LEARNED_MAX_CHARS = 240
WEEK_DAYS = 7
UNSUBSCRIBE_SALT = "weitblick.digest.unsubscribe"
# How long an unsubscribe link works after its mail went out: well past the 30 days the law of several
# countries asks for (CAN-SPAM), long enough for someone back from a long leave; an older link
# opens nothing, and the settings page turns the digest off at any time (docs/weekly-digest.md).
UNSUBSCRIBE_LINK_MAX_AGE = datetime.timedelta(days=90)


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


def upcoming_celebrations(
    user: User, as_of: datetime.date, days: int = CELEBRATION_WINDOW_DAYS
) -> list[Celebration]:
    """Birthdays and important dates of active contacts from as_of to as_of + days; two queries."""
    until = as_of + datetime.timedelta(days=days)
    found: list[Celebration] = []
    birthdays = (
        Contact.objects.for_user(user)
        .active()
        .filter(birthday_month__isnull=False)
        .values_list("pk", "name", "birthday_month", "birthday_day", "birthday_year")
    )
    for pk, name, month, day, year in birthdays:
        if month is None or day is None:  # never: contact_birthday_month_day forbids it
            continue
        on = next_yearly(month, day, as_of)
        if on <= until:
            found.append(Celebration(on, pk, name, _("Birthday"), on.year - year if year else None))
    dates = (
        ImportantDate.objects.for_user(user)
        .filter(contact__archived=False)
        .values_list("contact_id", "contact__name", "label", "date")
    )
    for contact_id, name, label, date in dates:
        on = next_yearly(date.month, date.day, as_of)
        if on <= until:
            years = on.year - date.year if date.year > 1900 and on.year > date.year else None
            found.append(Celebration(on, contact_id, name, label, years))
    return sorted(found, key=lambda c: (c.on, c.contact_name.casefold()))


def due_follow_ups(user: User, as_of: datetime.date) -> list[Introduction]:
    """Introductions to follow up on `as_of`: the one rule (IntroductionQuerySet.due_condition)."""
    return list(
        Introduction.objects.for_user(user)
        .due(as_of)
        .select_related("a", "b")
        .order_by("follow_up_on", "id")
    )


def new_people_met(user: User, start: datetime.date, end: datetime.date) -> int:
    """Contacts whose first encounter falls between start and end."""
    return (
        EncounterParticipant.objects.for_user(user)
        .values("contact_id")
        .annotate(first=Min("occurred_on"))
        .filter(first__gte=start, first__lte=end)
        .count()
    )


def learned_this_week(user: User, start: datetime.date, end: datetime.date) -> list[Learned]:
    """What the user wrote down as learned in the encounters between start and end; two queries."""
    encounters = (
        Encounter.objects.for_user(user)
        .between(start, end)
        .exclude(learned="")
        .prefetch_related("participants")
        .order_by("-occurred_on", "-id")[:DIGEST_LEARNED_LIMIT]
    )
    return [
        Learned(
            encounter_id=encounter.pk,
            on=encounter.occurred_on,
            names=", ".join(person.name for person in encounter.participants.all()),
            text=Truncator(" ".join(encounter.learned.split())).chars(LEARNED_MAX_CHARS),
        )
        for encounter in encounters
    ]


def flagged_circles(user: User) -> list[dict[str, Any]]:
    """The bubbles of the latest network snapshot, each with one person outside it to see more of."""
    snapshot = latest_snapshot(user)
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


def build_digest(user: User, as_of: datetime.date) -> Digest:
    start = as_of - datetime.timedelta(days=WEEK_DAYS - 1)
    return Digest(
        user_id=user.pk,
        as_of=as_of,
        quiet=quiet_contacts(user, as_of, limit=DIGEST_QUIET_LIMIT),
        celebrations=upcoming_celebrations(user, as_of),
        follow_ups=due_follow_ups(user, as_of),
        week=encounter_numbers(user, start, as_of),
        new_people=new_people_met(user, start, as_of),
        bubbles=flagged_circles(user),
        learned=learned_this_week(user, start, as_of),
        plans=open_plans(
            user, since=as_of, until=as_of + datetime.timedelta(days=CELEBRATION_WINDOW_DAYS)
        ),
    )


def unsubscribe_token(user: User) -> str:
    """The account's random digest key, signed with the time: "<key>:<time>:<signature>"."""
    return signing.TimestampSigner(salt=UNSUBSCRIBE_SALT).sign(user.digest_key)


class UnsubscribeLinkExpired(Exception):
    """A genuine unsubscribe link older than UNSUBSCRIBE_LINK_MAX_AGE."""


def user_from_unsubscribe_token(token: str) -> User | None:
    """The account an unsubscribe link names; None for a forged or cut-off link,
    UnsubscribeLinkExpired for one past its age."""
    signer = signing.TimestampSigner(salt=UNSUBSCRIBE_SALT)
    try:
        key = signer.unsign(token, max_age=UNSUBSCRIBE_LINK_MAX_AGE)
    except signing.SignatureExpired as expired:
        raise UnsubscribeLinkExpired from expired
    except signing.BadSignature:
        return None
    return get_user_model().objects.filter(digest_key=key).first()


def subject_for(digest: Digest) -> str:
    if digest.quiet:
        return ngettext(
            "Your week: %(count)d person to see again",
            "Your week: %(count)d people to see again",
            len(digest.quiet),
        ) % {"count": len(digest.quiet)}
    return _("Your week in Weitblick")


def person_links(user: User, contact_id: int) -> dict[str, str]:
    """A person's page, the quick log on it, and the one-tap "not now" (all behind the login)."""
    page = absolute_url(reverse("contacts:detail", args=[contact_id]))
    return {
        "page": page,
        "log": f"{page}#log-heading",
        "snooze": absolute_url(reverse("quiet_snooze_link", args=[snooze_token(user, contact_id)])),
    }


def digest_context(user: User, digest: Digest) -> dict[str, Any]:
    """What the digest's templates show: the mail's parts and the preview render the same."""
    with translation.override(user.language):
        return {
            "user": user,
            "digest": digest,
            "people": [(item, person_links(user, item.contact_id)) for item in digest.quiet],
            "follow_ups": [
                (
                    intro,
                    intro.due_because(digest.as_of),
                    absolute_url(reverse("introductions:detail", args=[intro.pk])),
                )
                for intro in digest.follow_ups
            ],
            "encounters_url": absolute_url(reverse("encounters:list")),
            "unsubscribe_url": absolute_url(
                reverse("digest_unsubscribe", args=[unsubscribe_token(user)])
            ),
            "site_url": absolute_url("/"),
            "settings_url": absolute_url(reverse("settings")),
        }


def render_digest(user: User, digest: Digest) -> tuple[str, str, str]:
    """Subject, text and HTML of the digest, in the user's language.

    The text part is rendered with autoescape off (it is plain text, names as typed), yet
    render_to_string marks every result safe for HTML; it is handed on as a plain str, so that a page
    showing it (the preview) escapes it like any other text.
    """
    context = digest_context(user, digest)
    with translation.override(user.language):
        text = render_to_string("encounters/digest/digest.txt", context)
        return (
            subject_for(digest),
            str.__str__(text),  # a plain str copy: drops the safe mark, keeps the characters
            render_to_string("encounters/digest/digest.html", context),
        )


def digest_message(
    user: User, digest: Digest, *, message_id: str | None = None
) -> EmailMultiAlternatives:
    subject, text, html = render_digest(user, digest)
    unsubscribe = absolute_url(reverse("digest_unsubscribe", args=[unsubscribe_token(user)]))
    headers = {
        "List-Unsubscribe": f"<{unsubscribe}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "Auto-Submitted": "auto-generated",
    }
    if message_id:
        headers["Message-ID"] = message_id
    message = EmailMultiAlternatives(subject, text, to=[user.email], headers=headers)
    message.attach_alternative(html, "text/html")
    return message


def local_now(user: User, now: datetime.datetime) -> datetime.datetime:
    # user.zone falls back to UTC for an unknown zone name: it never stops the digest.
    return now.astimezone(user.zone)


def due_week(now_local: datetime.datetime, weekday: int, hour: int) -> tuple[int, int] | None:
    """The ISO week whose digest is due at this local moment, or None before this week's send time.

    Due from the chosen weekday and hour until the end of the ISO week, so a dispatcher that was
    down at the exact hour still sends later that week.
    """
    if (now_local.weekday(), now_local.hour) < (weekday, hour):
        return None
    year, week, _weekday = now_local.isocalendar()
    return year, week


def send_delivery(delivery: DigestDelivery, now: datetime.datetime | None = None) -> None:
    """Build and send one delivery's digest; the caller records the outcome."""
    now = now or timezone.now()
    user = delivery.owner
    as_of = local_now(user, now).date()
    digest = build_digest(user, as_of)
    domain = settings.WEITBLICK_SITE_URL.split("://", 1)[-1].split("/", 1)[0] or "localhost"
    # The same Message-ID for the same week: should a dying worker's mail go out twice,
    # mail clients show it once.
    message_id = f"<digest-{user.pk}-{delivery.week_label}@{domain}>"
    digest_message(user, digest, message_id=message_id).send()
