"""The weekly digest: what goes in it, when it is due, and sending it at most once per ISO week.

`build_digests` (encounters/digest_content.py) gathers the content of a batch with a fixed number
of queries; `digest_messages` renders a batch, `send_over` sends it over one connection;
encounters/delivery.py decides when, and makes sure each goes out once.
docs/weekly-digest.md and docs/guarantees.md explain the once-a-week guarantee.
"""

import contextlib
import datetime
import smtplib
from collections.abc import Mapping, Sequence
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from contacts.account import User

from .digest_content import (  # noqa: F401  (the content's names, as they were found here)
    CELEBRATION_WINDOW_DAYS,
    DIGEST_LEARNED_LIMIT,
    DIGEST_QUIET_LIMIT,
    LEARNED_MAX_CHARS,
    WEEK_DAYS,
    Celebration,
    Digest,
    Learned,
    build_digest,
    build_digests,
    due_follow_ups,
    flagged_circles,
    learned_this_week,
    new_people_met,
    upcoming_celebrations,
)
from .links import absolute_url
from .models import DigestDelivery
from .next_steps import snooze_token

UNSUBSCRIBE_SALT = "weitblick.digest.unsubscribe"
# How long an unsubscribe link works after its mail went out: well past the 30 days the law of several
# countries asks for (CAN-SPAM), long enough for someone back from a long leave; an older link
# opens nothing, and the settings page turns the digest off at any time (docs/weekly-digest.md).
UNSUBSCRIBE_LINK_MAX_AGE = datetime.timedelta(days=90)


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


def digest_messages(
    deliveries: Sequence[DigestDelivery], now: datetime.datetime | None = None
) -> dict[int, EmailMultiAlternatives]:
    """The mails of a batch of deliveries, by delivery, their digests built together (a fixed
    number of queries whatever the number of deliveries)."""
    if not deliveries:
        return {}
    now = now or timezone.now()
    users = [delivery.owner for delivery in deliveries]
    digests = build_digests(users, {user.pk: local_now(user, now).date() for user in users})
    domain = settings.WEITBLICK_SITE_URL.split("://", 1)[-1].split("/", 1)[0] or "localhost"
    # The same Message-ID for the same week: should a dying worker's mail go out twice,
    # mail clients show it once.
    return {
        delivery.pk: digest_message(
            delivery.owner,
            digests[delivery.owner_id],
            message_id=f"<digest-{delivery.owner_id}-{delivery.week_label}@{domain}>",
        )
        for delivery in deliveries
    }


def open_mail_connection() -> tuple[BaseEmailBackend, Exception | None]:
    """A connection to the mail server for a batch, and the error if it could not be opened."""
    connection = get_connection()
    return connection, _open(connection)


def send_over(
    connection: BaseEmailBackend, messages: Mapping[int, EmailMultiAlternatives]
) -> dict[int, Exception]:
    """Send the mails over one open connection, then close it; the errors of those that did not
    go out, by key."""
    errors: dict[int, Exception] = {}
    broken: Exception | None = None
    for key, message in messages.items():
        if broken is not None:
            errors[key] = broken
            continue
        try:
            connection.send_messages([message])
        except smtplib.SMTPRecipientsRefused as error:
            errors[key] = error  # this address only: the connection goes on
        except (smtplib.SMTPException, OSError) as error:
            errors[key] = error
            # A server that broke off or stopped answering: the rest of the batch waits for its
            # retry rather than for a timeout each, so a batch stays well inside its lease.
            broken = error
    close_mail_connection(connection)
    return errors


def _open(connection: BaseEmailBackend) -> Exception | None:
    try:
        connection.open()
    except (smtplib.SMTPException, OSError) as error:
        return error
    return None


def close_mail_connection(connection: BaseEmailBackend) -> None:
    with contextlib.suppress(smtplib.SMTPException, OSError):  # a connection that died already
        connection.close()
