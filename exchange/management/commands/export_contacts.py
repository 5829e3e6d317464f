"""Write a user's contacts as vCard 4.0 or CSV (or the full backup), all or those matching filters."""

import json
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from contacts.account import User
from contacts.filters import STATUSES, ContactFilters, filtered_contacts
from contacts.models import Dimension
from exchange.backup import export_backup
from exchange.formats.csv_export import export_csv
from exchange.formats.vcard_export import export_vcards

from .export_backup import find_user


class Command(BaseCommand):
    help = _("Write a user's contacts as vCard 4.0 or CSV, or everything as a backup.")

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--user", required=True, help=_("the username whose contacts to export")
        )
        parser.add_argument("--format", choices=["vcard", "csv", "backup"], default="vcard")
        parser.add_argument(
            "--output", default=None, help=_("the file to write (default: standard output)")
        )
        parser.add_argument(
            "--query",
            default="",
            help=_("only contacts whose name, organisation, email, city or role contains this"),
        )
        parser.add_argument(
            "--status",
            choices=STATUSES,
            default="all",
            help=_("active, archived or all (default) contacts"),
        )
        parser.add_argument(
            "--filter",
            action="append",
            default=[],
            metavar="DIMENSION:VALUE",
            help=_(
                "only contacts with this value on this dimension, e.g. Industry:Energy; may be repeated"
            ),
        )

    def handle(
        self,
        *args: Any,
        user: str,
        format: str,
        output: str | None,
        query: str,
        status: str,
        filter: list[str],
        **options: Any,
    ) -> None:
        account = find_user(user)
        with translation.override(account.language):
            if format == "backup":
                text = json.dumps(export_backup(account), ensure_ascii=False, indent=2) + "\n"
            else:
                filters = ContactFilters(
                    query=query.strip(), status=status, attributes=self._attributes(account, filter)
                )
                contacts = filtered_contacts(account, filters)
                text = (
                    export_vcards(contacts) if format == "vcard" else export_csv(account, contacts)
                )
        if output:
            Path(output).write_text(
                text, encoding="utf-8-sig" if format == "csv" else "utf-8", newline=""
            )
            self.stderr.write(_("Wrote %(file)s.") % {"file": output})
        else:
            self.stdout.write(text, ending="")

    def _attributes(self, account: User, filters: list[str]) -> tuple[tuple[int, str], ...]:
        dimensions = dict(Dimension.objects.for_user(account).values_list("name", "id"))
        found = []
        for item in filters:
            name, _sep, value = item.partition(":")
            if name not in dimensions or not value:
                raise CommandError(
                    _("%(filter)s is not DIMENSION:VALUE with one of the dimensions %(names)s.")
                    % {"filter": item, "names": ", ".join(dimensions)}
                )
            found.append((dimensions[name], value))
        return tuple(found)
