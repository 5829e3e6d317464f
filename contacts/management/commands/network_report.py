"""Compute a person's network analysis afresh and print it, as text or JSON."""

import json
from argparse import ArgumentParser
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from contacts.network.snapshots import analyse_user_network


class Command(BaseCommand):
    help = "Find the circles of a user's network and say which have become bubbles."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--user", required=True, help="username")
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args: Any, **options: Any) -> None:
        user = get_user_model().objects.filter(username=options["user"]).first()
        if user is None:
            raise CommandError(f"No user called {options['user']!r}.")
        report, _graph = analyse_user_network(user)
        report = {"computed_at": timezone.now().isoformat(), **report}
        if options["format"] == "json":
            self.stdout.write(json.dumps(report, ensure_ascii=False, indent=2))
            return
        self.stdout.write(
            f"{report['contacts']} active contacts, {len(report['clusters'])} circles"
        )
        for cluster in report["clusters"]:
            flag = "BUBBLE " if cluster["homogeneous"] else ""
            self.stdout.write(f"\n{flag}{cluster['label']} ({cluster['size']} people)")
            for reason in cluster["reasons"]:
                self.stdout.write(f"  - {reason}")
            for suggestion in cluster["suggestions"][:3]:
                self.stdout.write(f"  see more of: {suggestion['name']}")
        network = report["network"]
        if network["homogeneous"]:
            self.stdout.write("\nThe whole network leans one way:")
            for reason in network["reasons"]:
                self.stdout.write(f"  - {reason}")
        isolated, small = len(report["isolated"]), len(report["small_clusters"])
        self.stdout.write(f"\n{isolated} contacts without ties, {small} groups too small to judge")
