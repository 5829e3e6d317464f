"""Read a portable backup into an account, all or nothing."""

import sys
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from exchange.backup import BackupError, import_backup, read_backup

from .export_backup import find_user


class Command(BaseCommand):
    help = _(
        "Import a weitblick-backup JSON file into a user's account (nothing is imported on error)."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", help=_("the backup file to read, or - for standard input"))
        parser.add_argument("--user", required=True, help=_("the username to import into"))
        parser.add_argument(
            "--allow-existing",
            action="store_true",
            help=_("add to an account that already has contacts (no merging: rows are appended)"),
        )

    def handle(
        self, *args: Any, file: str, user: str, allow_existing: bool, **options: Any
    ) -> None:
        account = find_user(user)
        try:
            data = sys.stdin.buffer.read() if file == "-" else Path(file).read_bytes()
        except OSError as error:
            raise CommandError(
                _("Cannot read %(file)s: %(error)s") % {"file": file, "error": error.strerror}
            ) from error
        try:
            summary = import_backup(account, read_backup(data), allow_existing=allow_existing)
        except BackupError as error:
            for message in error.errors:
                self.stderr.write(message)
            count = len(error.errors)
            raise CommandError(
                ngettext(
                    "Nothing was imported from %(file)s (%(count)d error).",
                    "Nothing was imported from %(file)s (%(count)d errors).",
                    count,
                )
                % {"file": file, "count": count}
            ) from error
        self.stdout.write(
            _(
                "Imported %(contacts)d contacts, %(ties)d ties, %(encounters)d encounters and "
                "%(introductions)d introductions for %(user)s."
            )
            % {
                "contacts": summary.contacts,
                "ties": summary.ties,
                "encounters": summary.encounters,
                "introductions": summary.introductions,
                "user": account.get_username(),
            }
        )
