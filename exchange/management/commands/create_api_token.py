"""Make a personal access token for the REST API (/api/v1/)."""

from argparse import ArgumentParser
from typing import Any

from django.utils.translation import gettext as _

from exchange.models import AppPassword

from .create_app_password import Command as AppPasswordCommand


class Command(AppPasswordCommand):
    help = _("Make a token for the REST API; it is printed once.")

    def add_arguments(self, parser: ArgumentParser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--read-only", action="store_true", help=_("the token can read but not change")
        )

    def kind_of(self, options: dict[str, Any]) -> str:
        if options["read_only"]:
            return AppPassword.Kind.API_READ
        return AppPassword.Kind.API_WRITE
