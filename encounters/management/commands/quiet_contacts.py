"""Print a user's quiet contacts, ranked, as a table or as JSON."""

import datetime
import json
from argparse import ArgumentParser
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from encounters.quiet import quiet_contacts


class Command(BaseCommand):
    help = "List the contacts a user has not seen for longer than expected, most pressing first."

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
        as_of = None
        if options["as_of"]:
            try:
                as_of = datetime.date.fromisoformat(options["as_of"])
            except ValueError:
                raise CommandError(
                    f"--as-of {options['as_of']!r} is not a date (YYYY-MM-DD)."
                ) from None
        items = quiet_contacts(user, as_of)
        if options["format"] == "json":
            self.stdout.write(
                json.dumps([item.as_json() for item in items], ensure_ascii=False, indent=2)
            )
            return
        header = f"{'name':30} {'last seen':10} {'days':>5} {'expected':>8} {'overdue':>7}  reason"
        self.stdout.write(header)
        for item in items:
            last = item.last_seen.isoformat() if item.last_seen else "never"
            self.stdout.write(
                f"{item.name[:30]:30} {last:10} {item.days_since if item.days_since is not None else '':>5} "
                f"{item.expected_days:>8} {item.overdue_days:>7}  {item.reason}"
            )
