"""The account: Django's user with the person's time zone and language, and invitations to join."""

import datetime
import hashlib
import secrets
import zoneinfo
from functools import cache
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def zone_or_utc(name: str) -> zoneinfo.ZoneInfo:
    """The named time zone, or UTC for a name this machine does not know: never an error."""
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, KeyError):
        return zoneinfo.ZoneInfo("UTC")


# The regions of the tz database that name places; the rest (Etc/GMT+5, US/Eastern, Cuba) are
# aliases kept for old software, and listing them only makes the list longer.
TIME_ZONE_REGIONS = {
    "Africa": _("Africa"),
    "America": _("America"),
    "Antarctica": _("Antarctica"),
    "Arctic": _("Arctic"),
    "Asia": _("Asia"),
    "Atlantic": _("Atlantic"),
    "Australia": _("Australia"),
    "Europe": _("Europe"),
    "Indian": _("Indian Ocean"),
    "Pacific": _("Pacific"),
}
Choices = list[tuple[Any, Any]]


@cache
def _zones_by_region() -> tuple[list[tuple[Any, list[tuple[str, str]]]], list[tuple[str, str]]]:
    """The zones grouped by region, each under its place ("Europe/Berlin", "Berlin"); the aliases."""
    grouped: dict[str, list[tuple[str, str]]] = {region: [] for region in TIME_ZONE_REGIONS}
    aliases = []
    for name in sorted(zoneinfo.available_timezones()):
        region, _slash, place = name.partition("/")
        if region in grouped and place:
            grouped[region].append((name, place.replace("_", " ").replace("/", " / ")))
        elif name != "UTC":
            aliases.append((name, name.replace("_", " ")))
    regions = [(TIME_ZONE_REGIONS[region], zones) for region, zones in grouped.items() if zones]
    return regions, aliases


def time_zone_choices() -> Choices:
    """Every zone this machine knows, the aliases last: what the account may store."""
    regions, aliases = _zones_by_region()
    return [("UTC", "UTC"), *regions, (_("Other names"), aliases)]


def time_zone_picker_choices(current: str | None = None) -> Choices:
    """What a person chooses from: UTC and the regions, plus their current zone if it is an alias."""
    regions, aliases = _zones_by_region()
    kept = [(name, label) for name, label in aliases if name == current]
    return [*kept, ("UTC", "UTC"), *regions]


def new_calendar_token() -> str:
    return secrets.token_urlsafe(32)


def new_digest_key() -> str:
    return secrets.token_urlsafe(16)


# ISO weekday numbers less one, as datetime.date.weekday() counts them.
WEEKDAYS = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
    (5, _("Saturday")),
    (6, _("Sunday")),
]


# The cached pages' versions: never written by save() (see User.data_version).
VERSIONS = frozenset({"data_version", "contact_pages_version"})


class User(AbstractUser):
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="Europe/Berlin", choices=time_zone_choices
    )
    language = models.CharField(
        _("language"), max_length=8, default="en", choices=settings.LANGUAGES
    )
    digest_enabled = models.BooleanField(_("send me the weekly digest"), default=True)
    digest_weekday = models.PositiveSmallIntegerField(_("digest day"), choices=WEEKDAYS, default=0)
    # The secret in the private calendar feed's address; resetting it revokes old subscriptions.
    calendar_token = models.CharField(
        _("calendar feed token"), max_length=64, default=new_calendar_token, unique=True
    )
    # Names the account in the digest's unsubscribe link instead of its id (which the link would
    # show to anyone who reads it); random, and not a secret on its own: the link is also signed.
    digest_key = models.CharField(
        _("digest link key"), max_length=32, default=new_digest_key, unique=True, editable=False
    )
    digest_hour = models.PositiveSmallIntegerField(
        _("digest hour"), choices=[(h, f"{h:02d}:00") for h in range(24)], default=7
    )
    # When the person last saved their dimensions: the dashboard's first steps stop asking then.
    dimensions_chosen_at = models.DateTimeField(_("dimensions chosen"), null=True, blank=True)
    # Grows with every write to the account's data (crm/page_cache.py): the cached pages and their
    # ETags are keyed by it. Written only by crm/page_cache.py, never by save(), so a
    # stale copy of the user saved later cannot wind it back to a version whose pages are old.
    data_version = models.BigIntegerField(_("data version"), default=0, editable=False)
    # The same for the contact pages, which every write moves on but the quick log: its encounter
    # changes only its participants' pages, each renewed by a stamp of its own (crm/page_cache.py).
    contact_pages_version = models.BigIntegerField(
        _("contact pages version"), default=0, editable=False
    )

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
        # django-stubs declares these str; Django's own AbstractUser.Meta sets them lazily too.
        verbose_name = _("user")  # type: ignore[assignment]
        verbose_name_plural = _("users")  # type: ignore[assignment]

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zone_or_utc(self.time_zone)

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding and kwargs.get("update_fields") is None:
            kwargs["update_fields"] = [
                field.name
                for field in self._meta.concrete_fields
                if not field.primary_key and field.name not in VERSIONS
            ]
        elif kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = [f for f in kwargs["update_fields"] if f not in VERSIONS]
        super().save(*args, **kwargs)


def hash_token(token: str) -> str:
    """What the database keeps of a link's secret: a leaked table opens no account."""
    return hashlib.sha256(token.encode()).hexdigest()


class InvitationQuerySet(models.QuerySet["Invitation"]):
    def pending(self, now: datetime.datetime | None = None) -> "InvitationQuerySet":
        return self.filter(accepted_at__isnull=True, expires_at__gt=now or timezone.now())

    def sent_by(self, user: User) -> "InvitationQuerySet":
        return self.filter(invited_by=user)


class Invitation(models.Model):
    """A link to make an account, mailed to one address: used once, and only until it expires.

    Staff send them (invited_by); in the open sign-up mode a visitor asks for one for their own
    address (invited_by is empty), which is how the address gets confirmed.
    """

    email = models.EmailField(_("email"))
    language = models.CharField(
        _("language"), max_length=8, default="en", choices=settings.LANGUAGES
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="invitations_sent",
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("sent"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return self.email

    def new_token(self) -> str:
        """Give the invitation a fresh secret and expiry (the old link stops working); not saved."""
        token = secrets.token_urlsafe(32)
        self.token_hash = hash_token(token)
        self.created_at = timezone.now()
        self.expires_at = self.created_at + settings.JOIN_LINK_MAX_AGE
        return token

    def is_pending(self, now: datetime.datetime | None = None) -> bool:
        return self.accepted_at is None and self.expires_at > (now or timezone.now())
