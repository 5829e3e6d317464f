"""Import contacts from a vCard, LinkedIn or Google CSV file, or a backup: preview, then import."""

import sys
from argparse import ArgumentParser
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from exchange.formats.detect import FORMATS, detect_format
from exchange.formats.records import decode_text
from exchange.imports.jobs import import_payload, preview, read_file
from exchange.problems import ImportFileError

from .export_backup import find_user


class Command(BaseCommand):
    help = _(
        "Import contacts from a vCard file, a LinkedIn Connections.csv, a Google Contacts CSV or a "
        "Weitblick backup into a user's account. Shows what would happen first; --dry-run stops there. "
        "A file with errors is refused as a whole."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", help=_("the file to read, or - for standard input"))
        parser.add_argument("--user", required=True, help=_("the username to import into"))
        parser.add_argument(
            "--format",
            choices=["auto", *FORMATS],
            default="auto",
            help=_("the file's format (default: recognise it)"),
        )
        parser.add_argument(
            "--dry-run", action="store_true", help=_("show what would happen, write nothing")
        )

    def handle(
        self, *args: Any, file: str, user: str, format: str, dry_run: bool, **options: Any
    ) -> None:
        account = find_user(user)
        try:
            data = sys.stdin.buffer.read() if file == "-" else Path(file).read_bytes()
        except OSError as error:
            raise CommandError(
                _("Cannot read %(file)s: %(error)s") % {"file": file, "error": error.strerror}
            ) from error
        with translation.override(account.language):
            try:
                text = decode_text(data)
                format = detect_format(text) if format == "auto" else format
                payload, records, backup = read_file(text, format)
            except ImportFileError as error:
                for message in error.errors:
                    self.stderr.write(message)
                raise CommandError(
                    ngettext(
                        "Nothing was imported from %(file)s (%(count)d error).",
                        "Nothing was imported from %(file)s (%(count)d errors).",
                        len(error.errors),
                    )
                    % {"file": file, "count": len(error.errors)}
                ) from error
            self._show_preview(format, preview(account, format, records, backup))
            if dry_run:
                self.stdout.write(_("Dry run: nothing was written."))
                return
            progress = self._progress(len(records), verbosity=options["verbosity"])
            result = import_payload(account, format, payload, progress=progress)
            self.stdout.write(
                _(
                    "Imported for %(user)s: %(created)d new contacts, %(merged)d merged, "
                    "%(unchanged)d already up to date, %(skipped)d skipped."
                )
                % {"user": account.get_username(), **result}
            )
            if "encounters" in result:
                self.stdout.write(
                    _(
                        "From the backup: %(encounters)d encounters, %(ties)d ties, %(introductions)d introductions added."
                    )
                    % result
                )

    def _progress(self, total: int, *, verbosity: int) -> Callable[[int], None]:
        # Django passes the verbosity to handle() only; a command has no self.verbosity.
        def report(done: int) -> None:
            if total > 1000 and verbosity >= 1:
                self.stderr.write(
                    _("%(done)d of %(total)d records imported") % {"done": done, "total": total}
                )

        return report

    def _show_preview(self, format: str, summary: dict[str, Any]) -> None:
        write = self.stdout.write
        write(
            _(
                "%(format)s file with %(records)d records: %(new)d new, %(merged)d to merge, %(unchanged)d already up to date, %(skipped)d skipped, %(combined)d combined with another record."
            )
            % {
                "format": format,
                "records": summary["records"],
                "new": summary["new"]["count"],
                "merged": summary["merges"]["count"],
                "unchanged": summary["unchanged"]["count"],
                "skipped": summary["skipped"]["count"],
                "combined": summary["combined"]["count"],
            }
        )
        for merge in summary["merges"]["items"]:
            write(
                f"  {merge['source']}: {merge['name']} → {merge['contact_name']} (#{merge['contact_id']})"
            )
            for change in merge["changes"]:
                if change["noted"]:
                    text = _("%(label)s keeps “%(old)s”; “%(new)s” goes to the notes")
                elif change["old"]:
                    text = _("%(label)s: “%(old)s” becomes “%(new)s”")
                else:
                    text = _("%(label)s: “%(new)s” fills the empty field")
                write("    " + text % change)
        for skip in summary["skipped"]["items"]:
            write("  " + _("%(source)s skipped: %(reason)s") % skip)
        for item in summary["combined"]["items"]:
            write("  " + _("%(source)s is the same person as %(into)s (%(reason)s)") % item)
        where = summary["where"]
        if where["notes"]:
            write(
                _("Kept in the notes: %(labels)s")
                % {"labels": ", ".join(f"{i['label']} ({i['count']})" for i in where["notes"])}
            )
        if where["left_out"]:
            write(
                _("Not imported: %(labels)s")
                % {"labels": ", ".join(f"{i['label']} ({i['count']})" for i in where["left_out"])}
            )
        if "backup" in summary:
            backup = summary["backup"]
            if backup["restore"]:
                write(_("The account is empty: the backup is restored as it is."))
            write(
                _(
                    "The backup holds %(encounters)d encounters, %(ties)d ties and %(introductions)d introductions."
                )
                % backup
            )
