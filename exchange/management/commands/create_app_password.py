"""Make an app password for a phone or program that syncs the address book (CardDAV)."""

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from exchange.keys import create_key
from exchange.models import AppPassword

from .export_backup import find_user


class Command(BaseCommand):
    help = _("Make an app password for the address book (CardDAV); it is printed once.")
    kind = AppPassword.Kind.ADDRESS_BOOK

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--user", required=True, help=_("the username it is for"))
        parser.add_argument(
            "--name", required=True, help=_("what it is for, e.g. the device's name")
        )

    def kind_of(self, options: dict[str, Any]) -> str:
        return self.kind

    def handle(self, *args: Any, **options: Any) -> None:
        user = find_user(options["user"])
        _key, secret = create_key(user, name=options["name"], kind=self.kind_of(options))
        self.stdout.write(secret)
