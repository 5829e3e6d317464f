"""Weitblick's project package: settings, URLs, the Celery app and the site-wide views."""

from .celery import app as celery_app

__all__ = ("celery_app",)
