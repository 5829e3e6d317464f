"""The plain record every import format is read into, and the helpers the formats share."""

import codecs
import datetime
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from django.db import models
from django.utils.translation import gettext as _

from contacts.dates import Birthday
from contacts.models import Contact

# progress(records done): called now and then by a long read or import, for a progress bar.
Progress = Callable[[int], object]


def _max_length(name: str) -> int:
    model_field = Contact._meta.get_field(name)
    if not isinstance(model_field, models.CharField) or model_field.max_length is None:
        raise TypeError(f"Contact.{name} is not a text field with a maximum length")
    return model_field.max_length


# The longest value each contact field holds; longer values go to the notes instead.
FIELD_LENGTHS = {
    name: _max_length(name)
    for name in ("name", "email", "phone", "organisation", "role", "city", "country")
}


@dataclass
class ContactRecord:
    """One person as a file describes them, before anything is matched or written.

    emails and phones are (value, label) pairs, the preferred first; extra_notes are
    "label: value" lines for what the file carries and a contact has no field for; left_out
    names what is not imported at all (a photo). The fields after `ref` come from backups only.
    """

    source: str
    name: str = ""
    emails: list[tuple[str, str]] = field(default_factory=list)
    phones: list[tuple[str, str]] = field(default_factory=list)
    organisation: str = ""
    role: str = ""
    city: str = ""
    country: str = ""
    birthday: Birthday | None = None
    notes: str = ""
    extra_notes: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    important_dates: list[tuple[str, datetime.date]] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)
    # Why this record cannot become a contact (a contact group, a row without a name).
    skip_reason: str = ""
    ref: str = ""
    how_we_met: str = ""
    met_through: str = ""
    cadence_days: int | None = None
    trust: int | None = None
    archived: bool = False
    attributes: dict[str, str] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["birthday"] = self.birthday.isoformat() if self.birthday else None
        data["important_dates"] = [
            [label, date.isoformat()] for label, date in self.important_dates
        ]
        return data

    @classmethod
    def from_json(cls, stored: Mapping[str, Any]) -> "ContactRecord":
        data = dict(stored)
        data["birthday"] = Birthday.parse(data["birthday"]) if data.get("birthday") else None
        data["emails"] = [tuple(pair) for pair in data.get("emails", [])]
        data["phones"] = [tuple(pair) for pair in data.get("phones", [])]
        data["important_dates"] = [
            (label, datetime.date.fromisoformat(date))
            for label, date in data.get("important_dates", [])
        ]
        return cls(**data)

    @property
    def display_name(self) -> str:
        return self.name or (self.emails[0][0] if self.emails else "")


def field_label(name: str) -> str:
    """A contact field's name as the person reads it: its verbose name, capitalised."""
    model_field = Contact._meta.get_field(name)
    if not isinstance(model_field, models.Field):
        raise TypeError(f"Contact.{name} is not a field of its own")
    label = str(model_field.verbose_name)
    return label[:1].upper() + label[1:]


def note_line(label: str, value: str) -> str:
    return f"{label}: {value}"


def note_label(line: str) -> str:
    """The label of a "label: value" line, for counting what went into the notes."""
    return line.partition(": ")[0]


def clean_text(value: str) -> str:
    """One line of text with runs of white space made one space, as names and fields are kept."""
    return " ".join(value.split())


def is_east_asian(text: str) -> bool:
    return bool(text) and all(
        "\u3040" <= char <= "\u30ff"  # Hiragana, Katakana
        or "\u3400" <= char <= "\u9fff"  # CJK ideographs
        or "\uac00" <= char <= "\ud7af"  # Hangul
        for char in text
        if not char.isspace()
    )


def full_name(
    given: str, family: str, *, prefix: str = "", middle: str = "", suffix: str = ""
) -> str:
    """A name from its parts; Chinese, Japanese and Korean names put the family name first."""
    if is_east_asian(given + family) and not (prefix or middle or suffix):
        return clean_text(family + given)
    return clean_text(" ".join([prefix, given, middle, family, suffix]))


def decode_text(data: bytes) -> str:
    """The text of an uploaded file: UTF-8 (with or without a BOM) or UTF-16 with a BOM,
    otherwise Windows-1252, which is what older Outlook and Excel write."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        # Windows-1252 leaves five bytes undefined; Latin-1 reads every byte.
        return data.decode("latin-1")


def fit_to_fields(record: ContactRecord) -> ContactRecord:
    """Move values too long for their field into the notes, so that nothing is cut off."""
    labels = {
        "organisation": _("Organisation"),
        "role": _("Role"),
        "city": _("City"),
        "country": _("Country"),
    }
    for name, label in labels.items():
        value = getattr(record, name)
        if len(value) > FIELD_LENGTHS[name]:
            record.extra_notes.append(note_line(label, value))
            setattr(record, name, "")
    for name, label in (("emails", _("Email")), ("phones", _("Phone"))):
        values = getattr(record, name)
        limit = FIELD_LENGTHS[name[:-1]]
        record.extra_notes += [
            note_line(label, value) for value, _label in values if len(value) > limit
        ]
        setattr(record, name, [(value, kind) for value, kind in values if len(value) <= limit])
    return record


def check_stored_text(value: str) -> str | None:
    """Why the database cannot store `value`, or None when it can."""
    if "\x00" in value:
        return _("contains a NUL character, which cannot be stored")
    return None
