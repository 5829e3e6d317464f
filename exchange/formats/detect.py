"""Which format a file is in, from its content, and reading it with the matching parser."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from exchange.problems import ImportFileError

from .google import looks_like_google, parse_google
from .linkedin import looks_like_linkedin, parse_linkedin
from .records import ContactRecord, Progress, fit_to_fields
from .vcard import parse_vcards
from .vcard_syntax import count_cards

FORMAT_CHOICES = [
    ("auto", gettext_lazy("Recognise it")),
    (
        "vcard",
        gettext_lazy("vCard (.vcf) — Apple, Google, Outlook, Thunderbird, Nextcloud, phones"),
    ),
    ("linkedin", gettext_lazy("LinkedIn Connections.csv")),
    ("google", gettext_lazy("Google Contacts CSV")),
    ("backup", gettext_lazy("Weitblick backup (.json)")),
]
FORMATS = tuple(value for value, _label in FORMAT_CHOICES if value != "auto")


def detect_format(text: str) -> str:
    """vcard, linkedin, google or backup; ImportFileError when the content is none of them."""
    head = text.lstrip("\ufeff \t\r\n")[:20000]
    first_line = head.split("\n", 1)[0].strip()
    if head.startswith("{"):
        return "backup"
    if "BEGIN:VCARD" in head[:2000].upper():
        return "vcard"
    if looks_like_linkedin(head):
        return "linkedin"
    if looks_like_google(first_line):
        return "google"
    raise ImportFileError(
        [
            _(
                "The file's format was not recognised: it is not a vCard, a LinkedIn "
                "Connections.csv, a Google Contacts CSV or a Weitblick backup. If it is one of "
                "them, choose its format and try again."
            )
        ]
    )


def count_records(text: str, format: str) -> int:
    """About how many records the file holds, found without parsing it (for choosing where
    to read it: in the request or in a task)."""
    if format == "vcard":
        return count_cards(text)
    return max(0, text.count("\n") - (4 if format == "linkedin" else 1))


def read_contacts(
    text: str, format: str, *, progress: Progress | None = None
) -> list[ContactRecord]:
    """The records of a vCard, LinkedIn or Google file; ImportFileError names every problem."""
    if format == "vcard":
        records = parse_vcards(text, progress=progress)
    elif format == "linkedin":
        records = parse_linkedin(text)
    elif format == "google":
        records = parse_google(text)
    else:
        raise ValueError(format)
    return [fit_to_fields(record) for record in records]
