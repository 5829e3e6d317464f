"""Write one account's portable backup as JSON, to a file or to stdout."""

import json
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from contacts.account import User
from exchange.backup import export_backup


def find_user(username: str) -> User:
    try:
        return get_user_model().objects.get_by_natural_key(username)
    except get_user_model().DoesNotExist as error:
        raise CommandError(_("There is no user named %(name)s.") % {"name": username}) from error


class Command(BaseCommand):
    help = _(
        "Write a user's contacts, encounters and introductions as a weitblick-backup JSON file."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--user", required=True, help=_("the username whose data to export"))
        parser.add_argument(
            "--output", help=_("the file to write (default: standard output)"), default=None
        )

    def handle(self, *args: Any, user: str, output: str | None, **options: Any) -> None:
        document = export_backup(find_user(user))
        text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
        if output:
            Path(output).write_text(text, encoding="utf-8")
            self.stdout.write(
                _("Wrote %(contacts)d contacts and %(encounters)d encounters to %(file)s.")
                % {
                    "contacts": len(document["contacts"]),
                    "encounters": len(document["encounters"]),
                    "file": output,
                }
            )
        else:
            self.stdout.write(text, ending="")
