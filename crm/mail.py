"""Mail when no server is set up for it: refused, never written to the log in place of sending."""

from collections.abc import Sequence

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.message import EmailMessage

UNCONFIGURED_BACKEND = "crm.mail.UnconfiguredMailBackend"


class MailNotConfigured(OSError):
    """No mail server is set up (EMAIL_HOST). An OSError, as a refusing SMTP server would raise, so
    every sender already handles it as mail that could not go out."""


class UnconfiguredMailBackend(BaseEmailBackend):
    """A production server without EMAIL_HOST: every message is refused.

    The console backend (the development default) prints each message, and on a server the console
    is the log: password-reset and join links, readable by whoever reads the logs. Failing closed
    keeps them out; the pages that send mail say that the server cannot.
    """

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        if email_messages:
            raise MailNotConfigured(
                "EMAIL_HOST is not set: the mail was not sent (and is not logged)."
            )
        return 0


def mail_configured() -> bool:
    return settings.EMAIL_BACKEND != UNCONFIGURED_BACKEND
