"""Helpers for the joining tests: read a mail the SMTP server got, fill in the join form."""

import re
from email.message import Message

from django.urls import reverse

PASSWORD = "a-long-passphrase-to-join"


def body_of(message: Message) -> str:
    return message.get_payload(decode=True).decode(message.get_content_charset() or "utf-8")


def subject_of(message: Message) -> str:
    from email.header import decode_header, make_header

    return str(make_header(decode_header(message["Subject"])))


def link_in(message: Message) -> str:
    """The path of the join link in a mail (the host comes from SITE_URL)."""
    return re.search(r"https?://[^/\s]+(/accounts/join/\S+/)", body_of(message)).group(1)


def last_mail(smtp_server, count: int) -> Message:
    """Wait until the server holds `count` mails, and return the last."""
    for _ in range(50):
        if len(smtp_server.messages) >= count:
            break
        smtp_server.arrived.wait(0.1)
        smtp_server.arrived.clear()
    assert len(smtp_server.messages) == count, f"{len(smtp_server.messages)} mails, not {count}"
    return smtp_server.messages[-1]


def join_form(username: str = "jonas", **overrides) -> dict:
    return {
        "username": username,
        "password1": PASSWORD,
        "password2": PASSWORD,
        "first_name": "Jonas",
        "time_zone": "Europe/Berlin",
        "language": "en",
        **overrides,
    }


def log_in(client, username: str, password: str = PASSWORD):
    return client.post(reverse("login"), {"username": username, "password": password})
