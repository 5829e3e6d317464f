"""The Celery app: configured from Django's settings (CELERY_*), tasks found in each app's tasks.py."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "crm.settings")

app = Celery("weitblick")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
# Tasks of an app's subpackage, which autodiscovery (one `tasks` module per app) does not reach.
app.autodiscover_tasks(["contacts.network"])
