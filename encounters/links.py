"""Absolute addresses for links that leave the site: in mails, in calendar feeds."""

from django.conf import settings


def absolute_url(path: str) -> str:
    """`path` (from reverse()) on the site's public address, SITE_URL."""
    return settings.WEITBLICK_SITE_URL.rstrip("/") + path
