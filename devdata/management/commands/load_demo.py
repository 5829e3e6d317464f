"""Create the `demo` account with a realistic network, for a development machine."""

import datetime
import json
import zoneinfo
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from contacts.models import Contact, NetworkSnapshot
from contacts.network.snapshots import compute_snapshot
from exchange.backup import import_backup, shift_dates

DEMO_FILE = Path(__file__).resolve().parents[2] / "demo" / "demo_network.json"
DEMO_USERNAME = "demo"
DEMO_PASSWORD = "demo"
DEMO_TIME_ZONE = "Europe/Berlin"


def days_to_yesterday(document: dict[str, Any], today: datetime.date) -> int:
    """The whole days that move the document's latest encounter to the day before `today`."""
    latest = max(datetime.date.fromisoformat(e["occurred_on"]) for e in document["encounters"])
    return (today - datetime.timedelta(days=1) - latest).days


class Command(BaseCommand):
    help = _("Create the user demo (password demo) with a demo network; only when DEBUG is on.")

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG:
            raise CommandError(
                _("load_demo only runs when DEBUG is on: it creates a user with a known password.")
            )
        summary = None
        with transaction.atomic():
            user, created = get_user_model().objects.get_or_create(
                username=DEMO_USERNAME,
                defaults={"first_name": "Demo", "time_zone": DEMO_TIME_ZONE},
            )
            if created:
                user.set_password(DEMO_PASSWORD)
                user.save(update_fields=["password"])
            if Contact.objects.for_user(user).exists():
                self.stdout.write(_("The demo network is already loaded; nothing to do."))
            else:
                document = json.loads(DEMO_FILE.read_text(encoding="utf-8"))
                today = timezone.localdate(timezone=zoneinfo.ZoneInfo(DEMO_TIME_ZONE))
                document = shift_dates(document, days_to_yesterday(document, today))
                summary = import_backup(user, document)
                self.stdout.write(
                    _("Loaded %(contacts)d contacts and %(encounters)d encounters.")
                    % {"contacts": summary.contacts, "encounters": summary.encounters}
                )
        if summary is not None:
            # Circles computed now, in this process: the demo shows its bubble at once. After the
            # commit, so that the snapshot is newer than the import's change and counts as fresh.
            snapshot = compute_snapshot(NetworkSnapshot.objects.create(owner=user))
            self.stdout.write(
                _("Computed %(circles)d circles, %(bubbles)d of them a bubble.")
                % {"circles": snapshot.cluster_count, "bubbles": snapshot.flagged_count}
            )
        self.stdout.write(_("Demo login: demo / demo"))
