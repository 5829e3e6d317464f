"""Send the weekly digests that are due: for people who run cron instead of Celery beat."""

import datetime
import uuid
from argparse import ArgumentParser
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from encounters.delivery import attempt_delivery, enqueue_due_digests, sweep_deliveries
from encounters.digest import local_now
from encounters.models import DigestDelivery


class Command(BaseCommand):
    help = (
        "Send the weekly digests that are due now (at most one per user and ISO week), and the "
        "failed ones whose retry time has come. Run it every few minutes from cron."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--as-of", help="pretend it is this day, YYYY-MM-DD, at the users' send hour"
        )
        parser.add_argument(
            "--user", help="only this user's digest, sent if not yet sent this week"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        now = timezone.now()
        if options["as_of"]:
            try:
                day = datetime.date.fromisoformat(options["as_of"])
            except ValueError:
                raise CommandError(
                    f"--as-of {options['as_of']!r} is not a date (YYYY-MM-DD)."
                ) from None
            now = datetime.datetime.combine(day, datetime.time(12, 0), tzinfo=datetime.UTC)
        if options["user"]:
            user = get_user_model().objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(f"No user called {options['user']!r}.")
            if not user.email:
                raise CommandError(f"{user.username} has no email address.")
            year, week, _ = local_now(user, now).isocalendar()
            delivery, _created = DigestDelivery.objects.get_or_create(
                owner=user, iso_year=year, iso_week=week
            )
            ids = [delivery.pk]
        else:
            with transaction.atomic():
                ids = enqueue_due_digests(now)
            # Rows a killed worker left sending, and retries that are due (also without --as-of).
            ids += [pk for pk in sweep_deliveries() if pk not in ids]
        # In this process; a failed try keeps its retry time on the row for the next run.
        outcomes = [attempt_delivery(pk, f"cron-{uuid.uuid4()}")[0] for pk in ids]
        sent, retry = outcomes.count("sent"), outcomes.count("retry")
        self.stdout.write(
            f"{sent} digest(s) sent, {retry} to try again later, "
            f"{len(outcomes) - sent - retry} not sent."
        )
