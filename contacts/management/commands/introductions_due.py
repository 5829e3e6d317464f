"""Print a user's introductions to follow up, with why each is due, as a table or as JSON."""

import datetime
import json
from argparse import ArgumentParser
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from contacts.models import Introduction


class Command(BaseCommand):
    help = (
        "List the introductions to follow up: the same rule as the pages, the digest and the API."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--user", required=True, help="username")
        parser.add_argument(
            "--as-of",
            help="the day to judge from, YYYY-MM-DD (default: today in the user's time zone)",
        )
        parser.add_argument("--format", choices=["table", "json"], default="table")

    def handle(self, *args: Any, **options: Any) -> None:
        user = get_user_model().objects.filter(username=options["user"]).first()
        if user is None:
            raise CommandError(f"No user called {options['user']!r}.")
        as_of = timezone.now().astimezone(user.zone).date()
        if options["as_of"]:
            try:
                as_of = datetime.date.fromisoformat(options["as_of"])
            except ValueError:
                raise CommandError(
                    f"--as-of {options['as_of']!r} is not a date (YYYY-MM-DD)."
                ) from None
        due = (
            Introduction.objects.for_user(user)
            .due(as_of)
            .select_related("a", "b")
            .order_by("follow_up_on", "made_on", "id")
        )
        rows = [
            {
                "id": intro.pk,
                "a": intro.a.name,
                "b": intro.b.name,
                "status": intro.status,
                "made_on": intro.made_on.isoformat(),
                "follow_up_on": intro.follow_up_on.isoformat() if intro.follow_up_on else None,
                "due_because": str(intro.due_because(as_of) or ""),
            }
            for intro in due
        ]
        if options["format"] == "json":
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        self.stdout.write(f"{'introduction':40} {'status':9} {'made on':10} {'follow up':10}  why")
        for row in rows:
            pair = f"{row['a']} - {row['b']}"
            self.stdout.write(
                f"{pair[:40]:40} {row['status']:9} {row['made_on']:10} "
                f"{row['follow_up_on'] or '':10}  {row['due_because']}"
            )
