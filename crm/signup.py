"""How people join: the sign-up mode, invitations, sign-up by email, and the mails with their links.

Every way in ends on the same page: a join link (an Invitation row, mailed to one address) leads
to choosing a username and a password. Staff send invitations; in the open mode a visitor asks for
a link to their own address, which is how the address is confirmed. A link works once and expires
after JOIN_LINK_MAX_AGE. See docs/accounts.md.
"""

import enum
import logging
import smtplib
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from .addresses import client_address
from .models import Invitation, User, hash_token
from .throttle import count_attempt

logger = logging.getLogger(__name__)


class SignupMode(enum.StrEnum):
    CLOSED = "closed"
    INVITE = "invite"
    OPEN = "open"


def signup_mode() -> SignupMode:
    return SignupMode(settings.SIGNUP_MODE)


def invitations_allowed() -> bool:
    """Staff may invite in the invite mode, and in the open mode too (a club inviting its members)."""
    return signup_mode() in (SignupMode.INVITE, SignupMode.OPEN)


def signup_open() -> bool:
    return signup_mode() is SignupMode.OPEN


def normalise_email(email: str) -> str:
    return email.strip().lower()


def has_account(email: str) -> bool:
    return get_user_model().objects.filter(email__iexact=normalise_email(email)).exists()


class JoinLinkProblem(enum.Enum):
    CLOSED = "closed"
    UNKNOWN = "unknown"
    EXPIRED = "expired"
    USED = "used"
    HAS_ACCOUNT = "has_account"


class JoinLinkError(Exception):
    def __init__(self, problem: JoinLinkProblem):
        super().__init__(problem.value)
        self.problem = problem


class TooManyMails(Exception):
    """The address had its share of join-link mails for now (SIGNUP_MAILS_PER_ADDRESS)."""


def _mails_to_address_exhausted(email: str) -> bool:
    count = count_attempt("join-mail", normalise_email(email), settings.AXES_COOLOFF_TIME)
    return count > settings.SIGNUP_MAILS_PER_ADDRESS


def join_url(token: str) -> str:
    return settings.WEITBLICK_SITE_URL.rstrip("/") + reverse("join", args=[token])


def _send(template: str, *, to: str, language: str, context: dict[str, object]) -> bool:
    """Mail registration/<template>_subject.txt and _email.txt in `language`; False if SMTP failed."""
    with translation.override(language):
        subject = " ".join(
            render_to_string(f"registration/{template}_subject.txt", context).split()
        )
        body = render_to_string(f"registration/{template}_email.txt", context)
    try:
        send_mail(subject, body, None, [to])
    except (smtplib.SMTPException, OSError):
        logger.exception("could not send the %s mail", template)
        return False
    return True


def _mail_join_link(invitation: Invitation, token: str) -> bool:
    inviter = invitation.invited_by
    return _send(
        "join_invitation" if inviter else "join_signup",
        to=invitation.email,
        language=invitation.language,
        context={
            "inviter": (inviter.get_full_name() or inviter.username) if inviter else "",
            "link": join_url(token),
            "days": settings.JOIN_LINK_MAX_AGE.days,
        },
    )


@dataclass(frozen=True)
class Sent:
    invitation: Invitation
    mailed: bool


def invite(*, invited_by: User, email: str, language: str) -> Sent:
    """Invite `email`: a new join link, mailed now. Raises TooManyMails when the address had enough.

    The caller checks that the address has no account yet; an earlier invitation stays valid (the
    first link used makes the account, and the others then find the address taken).
    """
    return issue(Invitation(email=email, language=language, invited_by=invited_by))


def issue(invitation: Invitation, *, throttle: bool = True) -> Sent:
    """Save a new invitation with its secret and mail the link (the admin, trusted, skips the limit)."""
    if throttle and _mails_to_address_exhausted(invitation.email):
        raise TooManyMails(invitation.email)
    invitation.email = normalise_email(invitation.email)
    token = invitation.new_token()
    invitation.save()
    return Sent(invitation, _mail_join_link(invitation, token))


def send_again(invitation: Invitation) -> Sent:
    """A fresh link for a pending invitation (the old one stops working), mailed now."""
    if _mails_to_address_exhausted(invitation.email):
        raise TooManyMails(invitation.email)
    token = invitation.new_token()
    invitation.save(update_fields=["token_hash", "created_at", "expires_at"])
    return Sent(invitation, _mail_join_link(invitation, token))


class SignupOutcome(enum.Enum):
    MAILED = "mailed"
    THROTTLED = "throttled"
    MAIL_FAILED = "mail_failed"


def client_is_throttled(request: HttpRequest) -> bool:
    """Counts this sign-up request; True past the login's limit (AXES_FAILURE_LIMIT per cool-off)."""
    address = client_address(request)
    return (
        count_attempt("signup", address, settings.AXES_COOLOFF_TIME) > settings.AXES_FAILURE_LIMIT
    )


def request_signup(*, email: str, language: str) -> SignupOutcome:
    """Mail a join link to `email`, or, if it has an account, a note saying so.

    The answer is the same either way, so the sign-up page never tells whether an address has an
    account. Past SIGNUP_MAILS_PER_ADDRESS, no mail goes out and the page still reads "sent".
    """
    if _mails_to_address_exhausted(email):
        return SignupOutcome.MAILED
    email = normalise_email(email)
    if has_account(email):
        mailed = _send(
            "join_existing",
            to=email,
            language=language,
            context={
                "login": settings.WEITBLICK_SITE_URL.rstrip("/") + reverse("login"),
                "reset": settings.WEITBLICK_SITE_URL.rstrip("/") + reverse("password_reset"),
            },
        )
    else:
        invitation = Invitation(email=email, language=language, invited_by=None)
        token = invitation.new_token()
        invitation.save()
        mailed = _mail_join_link(invitation, token)
    return SignupOutcome.MAILED if mailed else SignupOutcome.MAIL_FAILED


def find_invitation(token: str) -> Invitation:
    """The invitation behind a link, if it can still make an account; else JoinLinkError."""
    invitation = (
        Invitation.objects.select_related("invited_by").filter(token_hash=hash_token(token)).first()
    )
    if invitation is None:
        raise JoinLinkError(JoinLinkProblem.UNKNOWN)
    # A link outlives a change of mode only where the new mode still lets its kind of link in.
    if not (invitations_allowed() if invitation.invited_by_id else signup_open()):
        raise JoinLinkError(JoinLinkProblem.CLOSED)
    if invitation.accepted_at is not None:
        raise JoinLinkError(JoinLinkProblem.USED)
    if invitation.expires_at <= timezone.now():
        raise JoinLinkError(JoinLinkProblem.EXPIRED)
    if has_account(invitation.email):
        raise JoinLinkError(JoinLinkProblem.HAS_ACCOUNT)
    return invitation


def join(*, token: str, account: User) -> User:
    """Make `account` (unsaved, password set) from the link's invitation, once, whatever the race.

    The invitation is claimed with a conditional update before the account is saved, in one
    transaction: of two submits of the same form (a double click, two tabs) one makes the account
    and the other gets JoinLinkError(USED). The new account gets the default dimensions in its
    language (contacts.signals).
    """
    with transaction.atomic():
        invitation = find_invitation(token)
        now = timezone.now()
        claimed = Invitation.objects.filter(pk=invitation.pk, accepted_at__isnull=True).update(
            accepted_at=now
        )
        if not claimed:
            raise JoinLinkError(JoinLinkProblem.USED)
        account.email = invitation.email
        account.save()
        Invitation.objects.filter(pk=invitation.pk).update(account=account)
    return account
