"""The account: Django's user with the person's time zone and language."""

import secrets
import zoneinfo
from functools import cache

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


def zone_or_utc(name: str) -> zoneinfo.ZoneInfo:
    """The named time zone, or UTC for a name this machine does not know: never an error."""
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, KeyError):
        return zoneinfo.ZoneInfo("UTC")


@cache
def time_zone_choices() -> list[tuple[str, str]]:
    return [(name, name.replace("_", " ")) for name in sorted(zoneinfo.available_timezones())]


def new_calendar_token() -> str:
    return secrets.token_urlsafe(32)


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
    digest_hour = models.PositiveSmallIntegerField(
        _("digest hour"), choices=[(h, f"{h:02d}:00") for h in range(24)], default=7
    )

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
        # django-stubs declares these str; Django's own AbstractUser.Meta sets them lazily too.
        verbose_name = _("user")  # type: ignore[assignment]
        verbose_name_plural = _("users")  # type: ignore[assignment]

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zone_or_utc(self.time_zone)
