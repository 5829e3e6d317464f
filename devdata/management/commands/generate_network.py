"""Create a large, realistic synthetic network (devdata/synthetic.py) for the benchmarks.

    python manage.py generate_network --user bench --contacts 5000 --encounters 50000 --ties 50000
    python manage.py generate_network --users 2000 --contacts-per-user 100

The same seed always gives the same network (dates count back from --as-of, today by default).
An existing user is refused unless --replace, which deletes them and everything they own first.
"""

import datetime
import time
from argparse import ArgumentParser
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from devdata import synthetic


class Command(BaseCommand):
    help = "Create a realistic synthetic network for one user, or many users with small networks."

    def add_arguments(self, parser: ArgumentParser) -> None:
        one = parser.add_argument_group("one user with a large network")
        one.add_argument("--user", help="username to create")
        one.add_argument("--contacts", type=int, default=5_000)
        one.add_argument("--encounters", type=int, default=50_000)
        one.add_argument("--ties", type=int, default=50_000)
        many = parser.add_argument_group("many users (the digest benchmark)")
        many.add_argument("--users", type=int, help="how many users: PREFIX-0001, PREFIX-0002, …")
        many.add_argument("--contacts-per-user", type=int, default=100)
        many.add_argument("--encounters-per-user", type=int, help="default: 3 per contact")
        many.add_argument("--ties-per-user", type=int, help="default: 1 per contact")
        many.add_argument("--prefix", default="bench-user")
        parser.add_argument("--password", help="the users' password (default: none, no login)")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--years", type=int, default=6, help="how far back encounters go")
        parser.add_argument(
            "--as-of", type=datetime.date.fromisoformat, help="YYYY-MM-DD, default today"
        )
        parser.add_argument(
            "--replace", action="store_true", help="delete existing users of these names first"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if bool(options["user"]) == bool(options["users"]):
            raise CommandError("Give either --user NAME or --users COUNT.")
        started = time.perf_counter()
        if options["user"]:
            self._one(options)
        else:
            self._many(options)
        self.stdout.write(f"done in {time.perf_counter() - started:.1f} s")

    def _refuse_or_remove(self, usernames: list[str], replace: bool) -> None:
        existing = get_user_model().objects.filter(username__in=usernames)
        first = existing.first()
        if first is None:
            return
        if not replace:
            raise CommandError(
                f"{existing.count()} of these users exist already (e.g. {first.username}); "
                "use --replace to delete them and their data first."
            )
        removed = synthetic.remove_users(existing)
        self.stdout.write(f"removed {removed} existing user(s)")

    def _one(self, options: dict[str, Any]) -> None:
        username = options["user"]
        self._refuse_or_remove([username], options["replace"])
        try:
            _user, plan = synthetic.generate_network(
                username,
                contacts=options["contacts"],
                encounters=options["encounters"],
                ties=options["ties"],
                seed=options["seed"],
                as_of=options["as_of"],
                years=options["years"],
                password=options["password"],
            )
        except ValueError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"{username}: {len(plan.contacts)} contacts in {len(plan.circles)} circles "
            f"({len(plan.bubbles)} bubbles), {len(plan.ties)} ties, {len(plan.encounters)} encounters "
            f"with {plan.participant_count} participations, {len(plan.dates)} dates, "
            f"{len(plan.introductions)} introductions"
        )

    def _many(self, options: dict[str, Any]) -> None:
        count, per_user = options["users"], options["contacts_per_user"]
        prefix = options["prefix"]
        self._refuse_or_remove(
            [f"{prefix}-{n:04d}" for n in range(1, count + 1)], options["replace"]
        )
        encounters = options["encounters_per_user"]
        ties = options["ties_per_user"]
        try:
            synthetic.generate_users(
                count,
                contacts_per_user=per_user,
                encounters_per_user=3 * per_user if encounters is None else encounters,
                ties_per_user=per_user if ties is None else ties,
                seed=options["seed"],
                prefix=prefix,
                as_of=options["as_of"],
                years=options["years"],
                password=options["password"],
            )
        except ValueError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"{count} users {prefix}-0001 … {prefix}-{count:04d} with {per_user} contacts each"
        )
