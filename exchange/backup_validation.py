"""Reading a backup document: check every field and return plain rows, or list what is wrong."""

import datetime
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any, TypeGuard

from django.db import models
from django.utils.translation import gettext as _

from contacts.dates import Birthday
from contacts.models import Contact, ContactAttribute, Dimension, ImportantDate, Introduction, Tie
from encounters.models import Encounter, Kind, Views
from exchange.problems import Problems, TooManyProblems

FORMAT = "weitblick-backup"
VERSION = 1

# Positions are small integers; no one tracks more axes than this.
MAX_DIMENSIONS = 1000
# The largest value an integer column holds on PostgreSQL.
MAX_CADENCE_DAYS = 2_147_483_647

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
_BIRTHDAY = re.compile(r"(\d{4}|-)-\d{2}-\d{2}", re.ASCII)
_TIME = re.compile(r"\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?", re.ASCII)


@dataclass
class ContactRow:
    ref: str
    name: str
    email: str = ""
    phone: str = ""
    organisation: str = ""
    role: str = ""
    city: str = ""
    country: str = ""
    birthday: Birthday | None = None
    how_we_met: str = ""
    met_through: str | None = None
    cadence_days: int | None = None
    trust: int | None = None
    archived: bool = False
    notes: str = ""
    attributes: list[tuple[str, str]] = field(default_factory=list)  # (dimension name, value)
    important_dates: list[tuple[str, datetime.date]] = field(default_factory=list)  # (label, date)


@dataclass
class TieRow:
    a: str
    b: str
    kind: str


@dataclass
class EncounterRow:
    ref: str
    occurred_on: datetime.date
    kind: str
    participants: list[str]
    time: datetime.time | None = None
    planned: bool = True
    location: str = ""
    notes: str = ""
    learned: str = ""
    views: str = ""
    follow_up_on: datetime.date | None = None


@dataclass
class IntroductionRow:
    a: str
    b: str
    made_on: datetime.date
    reason: str
    channel: str = Introduction.Channel.EMAIL
    status: str = Introduction.Status.PROPOSED
    outcome: str = Introduction.Outcome.PENDING
    outcome_note: str = ""
    follow_up_on: datetime.date | None = None
    ask_first: bool = False
    a_answer: str = ""
    b_answer: str = ""
    about_a: str = ""
    about_b: str = ""


@dataclass
class Backup:
    """A valid backup as plain rows; text the file left null is "" here, as the models store it.

    While a document is read, a value that is missing or invalid (and reported) is "" in its row
    (false for a flag); such rows never leave parse_backup, which returns no Backup then.
    """

    dimensions: list[str] = field(default_factory=list)
    contacts: list[ContactRow] = field(default_factory=list)
    ties: list[TieRow] = field(default_factory=list)
    encounters: list[EncounterRow] = field(default_factory=list)
    introductions: list[IntroductionRow] = field(default_factory=list)


def show(value: object) -> str:
    """A value as it appears in the file, shortened so one message stays on one line."""
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:59] + "…"


def _json_type(value: object) -> str:
    if value is None:
        return _("null")
    if isinstance(value, bool):
        return _("true/false")
    if isinstance(value, int | float):
        return _("a number")
    if isinstance(value, str):
        return _("text")
    if isinstance(value, list):
        return _("a list")
    return _("an object")


@cache
def _max_length(model: type[models.Model], field_name: str) -> int | None:
    model_field = model._meta.get_field(field_name)
    return model_field.max_length if isinstance(model_field, models.Field) else None


@cache
def _allowed_values(choices: type[models.Choices]) -> list[str]:
    return [str(value) for value in choices.values]


class _Fields:
    """Reads the fields of one JSON object, reporting each problem under the field's place."""

    def __init__(self, obj: dict[str, Any], place: str, problems: Problems):
        self.obj = obj
        self.place = place
        self.problems = problems

    def at(self, key: str) -> str:
        return f"{self.place}.{key}"

    def report(self, key: str, message: str) -> None:
        self.problems.at(self.at(key), message)

    def value(self, key: str, required: bool) -> Any:
        """The value under key; reports a missing required key. Returns None when absent."""
        if key not in self.obj:
            if required:
                self.report(key, _("this field is missing"))
            return None
        value = self.obj[key]
        if value is None and required:
            self.report(key, _("must not be null"))
        return value

    def text(
        self, key: str, *, model: type[models.Model] | None = None, required: bool = False
    ) -> str:
        """A string; null (where allowed) becomes "". "" when invalid too (reported)."""
        value = self.value(key, required)
        if value is None:
            return ""
        max_length = _max_length(model, key) if model else None
        if not check_text(value, self.at(key), self.problems, max_length=max_length):
            return ""
        if required and value == "":
            self.report(key, _("must not be empty"))
        return value

    def ref(self, key: str) -> str:
        """A required ref; "" (never a valid ref) when missing or invalid (reported)."""
        return self._ref(key, required=True) or ""

    def optional_ref(self, key: str) -> str | None:
        """A ref that may be left out; None when it is, or when it is invalid (reported)."""
        return self._ref(key, required=False)

    def _ref(self, key: str, *, required: bool) -> str | None:
        value = self.value(key, required)
        if value is None:
            return None
        if not isinstance(value, str) or value == "":
            self.report(
                key,
                _('%(value)s is not a ref (a non-empty text like "c1")') % {"value": show(value)},
            )
            return None
        return value

    def date(self, key: str, *, required: bool = False) -> datetime.date | None:
        value = self.value(key, required)
        if value is None:
            return None
        parsed = parse_date(value)
        if parsed is None:
            self.report(key, _("%(value)s is not a date (YYYY-MM-DD)") % {"value": show(value)})
        return parsed

    def time(self, key: str) -> datetime.time | None:
        value = self.value(key, False)
        if value is None:
            return None
        if isinstance(value, str) and _TIME.fullmatch(value):
            try:
                return datetime.time.fromisoformat(value)
            except ValueError:
                pass
        self.report(key, _("%(value)s is not a time (HH:MM or HH:MM:SS)") % {"value": show(value)})
        return None

    def birthday(self, key: str) -> Birthday | None:
        value = self.value(key, False)
        if value is None:
            return None
        if isinstance(value, str) and _BIRTHDAY.fullmatch(value):
            try:
                return Birthday.parse(value)
            except ValueError:
                pass
        self.report(
            key, _("%(value)s is not a date (YYYY-MM-DD or --MM-DD)") % {"value": show(value)}
        )
        return None

    def choice(
        self,
        key: str,
        choices: type[models.Choices],
        *,
        default: str | None = None,
        nullable: bool = False,
    ) -> str:
        """One of the choices' values; null gives "" when nullable, a missing key gives default.

        "" (never one of the values) when missing without a default, or invalid (reported).
        """
        if key not in self.obj and default is not None:
            return default
        value = self.value(key, not nullable)
        if value is None:
            return ""
        allowed = _allowed_values(choices)
        if value not in allowed:
            self.report(
                key,
                _("%(value)s is not one of %(choices)s")
                % {"value": show(value), "choices": ", ".join(allowed)},
            )
            return ""
        return value

    def boolean(self, key: str, *, default: bool) -> bool:
        """True or false; the default when the key is missing, or when invalid (reported)."""
        if key not in self.obj:
            return default
        value = self.obj[key]
        if not isinstance(value, bool):
            self.report(key, _("must be true or false, not %(value)s") % {"value": show(value)})
            return default
        return value

    def whole_number(self, key: str, low: int, high: int, message: str) -> int | None:
        """An integer in low..high (JSON true/false and 3.0 are not integers)."""
        value = self.value(key, False)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            self.report(key, message % {"value": show(value)})
            return None
        return value

    def array(self, key: str) -> list[Any]:
        value = self.value(key, False)
        if value is None:
            return []
        if not isinstance(value, list):
            self.report(key, _("must be a list, not %(type)s") % {"type": _json_type(value)})
            return []
        return value

    def mapping(self, key: str) -> dict[str, Any]:
        value = self.value(key, False)
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.report(key, _("must be an object, not %(type)s") % {"type": _json_type(value)})
            return {}
        return value


def parse_date(value: object) -> datetime.date | None:
    if isinstance(value, str) and _DATE.fullmatch(value):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def check_text(
    value: object, place: str, problems: Problems, *, max_length: int | None = None
) -> TypeGuard[str]:
    """Whether value is text the database can store: a string, no NUL, valid UTF-8, not too long."""
    if not isinstance(value, str):
        problems.at(place, _("must be text, not %(type)s") % {"type": _json_type(value)})
        return False
    if "\x00" in value:
        problems.at(place, _("contains a NUL character, which cannot be stored"))
        return False
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        problems.at(place, _("contains an unpaired surrogate, which is not valid Unicode text"))
        return False
    if max_length is not None and len(value) > max_length:
        problems.at(
            place,
            _("is %(length)d characters long; at most %(max)d are allowed")
            % {"length": len(value), "max": max_length},
        )
        return False
    return True


def _objects(
    document: dict[str, Any], key: str, problems: Problems
) -> Iterator[tuple[int, "_Fields"]]:
    """(index, fields) for each object in the top-level list under key."""
    value = document.get(key)
    if value is None:
        return
    if not isinstance(value, list):
        problems.at(key, _("must be a list, not %(type)s") % {"type": _json_type(value)})
        return
    for index, item in enumerate(value):
        place = f"{key}[{index}]"
        if not isinstance(item, dict):
            problems.at(place, _("must be an object, not %(type)s") % {"type": _json_type(item)})
            continue
        yield index, _Fields(item, place, problems)


def _read_header(document: dict[str, Any], problems: Problems) -> bool:
    if document.get("format") != FORMAT:
        problems.at(
            "format",
            _("expected %(expected)s, found %(value)s")
            % {"expected": show(FORMAT), "value": show(document.get("format"))},
        )
        return False
    version = document.get("version")
    if isinstance(version, bool) or not isinstance(version, int):
        problems.at("version", _("%(value)s is not a version number") % {"value": show(version)})
        return False
    if version != VERSION:
        problems.at(
            "version",
            _("this Weitblick reads version %(supported)d; the file is version %(version)d")
            % {"supported": VERSION, "version": version},
        )
        return False
    exported_at = document.get("exported_at")
    if exported_at is not None and not isinstance(exported_at, str):
        problems.at(
            "exported_at", _("must be text, not %(type)s") % {"type": _json_type(exported_at)}
        )
    return True


def _read_dimensions(document: dict[str, Any], problems: Problems) -> list[str]:
    value = document.get("dimensions")
    if value is None:
        return []
    if not isinstance(value, list):
        problems.at("dimensions", _("must be a list, not %(type)s") % {"type": _json_type(value)})
        return []
    if len(value) > MAX_DIMENSIONS:
        problems.at(
            "dimensions", _("at most %(max)d dimensions are allowed") % {"max": MAX_DIMENSIONS}
        )
        return []
    names: dict[str, int] = {}
    max_length = _max_length(Dimension, "name")
    for index, name in enumerate(value):
        place = f"dimensions[{index}]"
        if not check_text(name, place, problems, max_length=max_length):
            continue
        if name == "":
            problems.at(place, _("must not be empty"))
        elif name in names:
            problems.at(
                place,
                _("%(name)s is already listed at dimensions[%(first)d]")
                % {"name": show(name), "first": names[name]},
            )
        else:
            names[name] = index
    return list(names)


def _read_contact(fields: _Fields, dimensions: set[str], problems: Problems) -> ContactRow:
    contact = ContactRow(
        ref=fields.ref("ref"),
        name=fields.text("name", model=Contact, required=True),
        email=fields.text("email", model=Contact),
        phone=fields.text("phone", model=Contact),
        organisation=fields.text("organisation", model=Contact),
        role=fields.text("role", model=Contact),
        city=fields.text("city", model=Contact),
        country=fields.text("country", model=Contact),
        birthday=fields.birthday("birthday"),
        how_we_met=fields.text("how_we_met"),
        met_through=fields.optional_ref("met_through"),
        cadence_days=fields.whole_number(
            "cadence_days",
            1,
            MAX_CADENCE_DAYS,
            _("%(value)s is not a positive whole number of days"),
        ),
        trust=fields.whole_number(
            "trust", 1, 5, _("%(value)s is not a trust level (a whole number from 1 to 5)")
        ),
        archived=fields.boolean("archived", default=False),
        notes=fields.text("notes"),
    )
    value_length = _max_length(ContactAttribute, "value")
    for name, value in fields.mapping("attributes").items():
        place = f"{fields.at('attributes')}[{show(name)}]"
        if name not in dimensions:
            problems.at(place, _('this dimension is not listed in "dimensions"'))
        elif check_text(value, place, problems, max_length=value_length):
            if value == "":
                problems.at(place, _("must not be empty"))
            else:
                contact.attributes.append((name, value))
    for index, item in enumerate(fields.array("important_dates")):
        place = f"{fields.at('important_dates')}[{index}]"
        if not isinstance(item, dict):
            problems.at(place, _("must be an object, not %(type)s") % {"type": _json_type(item)})
            continue
        date_fields = _Fields(item, place, problems)
        label = date_fields.text("label", model=ImportantDate, required=True)
        date = date_fields.date("date", required=True)
        if label and date is not None:
            contact.important_dates.append((label, date))
    if contact.met_through is not None and contact.met_through == contact.ref:
        fields.report("met_through", _("a contact cannot be met through themselves"))
    return contact


def _check_ref(fields: _Fields, key: str, ref: str | None, contact_refs: set[str]) -> None:
    if ref and ref not in contact_refs:
        fields.report(key, _("no contact %(ref)s") % {"ref": show(ref)})


def _read_encounter(
    fields: _Fields, contact_refs: set[str], problems: Problems
) -> tuple[str, EncounterRow | None]:
    """The encounter's ref, and its row (None when its date is missing or invalid: reported)."""
    ref = fields.ref("ref")
    occurred_on = fields.date("occurred_on", required=True)
    time = fields.time("time")
    kind = fields.choice("kind", Kind)
    planned = fields.boolean("planned", default=True)
    location = fields.text("location", model=Encounter)
    notes = fields.text("notes")
    learned = fields.text("learned")
    views = fields.choice("views", Views, nullable=True)
    follow_up_on = fields.date("follow_up_on")
    listed = _read_participants(fields, contact_refs, problems)
    if occurred_on is None:
        return ref, None
    return ref, EncounterRow(
        ref=ref,
        occurred_on=occurred_on,
        time=time,
        kind=kind,
        planned=planned,
        participants=listed,
        location=location,
        notes=notes,
        learned=learned,
        views=views,
        follow_up_on=follow_up_on,
    )


def _read_participants(fields: _Fields, contact_refs: set[str], problems: Problems) -> list[str]:
    listed: list[str] = []
    participants = fields.value("participants", True)
    if participants is None:
        return listed
    if not isinstance(participants, list):
        fields.report(
            "participants", _("must be a list, not %(type)s") % {"type": _json_type(participants)}
        )
    elif not participants:
        fields.report("participants", _("an encounter needs at least one participant"))
    for index, ref in enumerate(participants if isinstance(participants, list) else []):
        place = f"{fields.at('participants')}[{index}]"
        if not isinstance(ref, str):
            problems.at(place, _("%(value)s is not a ref") % {"value": show(ref)})
        elif ref not in contact_refs:
            problems.at(place, _("no contact %(ref)s") % {"ref": show(ref)})
        elif ref in listed:
            problems.at(place, _("contact %(ref)s is already listed") % {"ref": show(ref)})
        else:
            listed.append(ref)
    return listed


def _read_introduction(fields: _Fields, contact_refs: set[str]) -> IntroductionRow | None:
    """The introduction's row; None when its date is missing or invalid (reported)."""
    a = fields.ref("a")
    b = fields.ref("b")
    made_on = fields.date("made_on", required=True)
    reason = fields.text("reason", required=True)
    channel = fields.choice("channel", Introduction.Channel, default=Introduction.Channel.EMAIL)
    status = fields.choice("status", Introduction.Status, default=Introduction.Status.PROPOSED)
    outcome = fields.choice("outcome", Introduction.Outcome, default=Introduction.Outcome.PENDING)
    outcome_note = fields.text("outcome_note")
    follow_up_on = fields.date("follow_up_on")
    ask_first = fields.boolean("ask_first", default=False)
    answers = [
        fields.choice(key, Introduction.Answer, default="", nullable=True)
        for key in ("a_answer", "b_answer")
    ]
    about = [fields.text(key, model=Introduction) for key in ("about_a", "about_b")]
    if a and a == b:
        fields.report(
            "b",
            _("a contact cannot be introduced to themselves (%(ref)s)") % {"ref": show(a)},
        )
    if (
        outcome not in ("", Introduction.Outcome.PENDING)
        and status
        and status != Introduction.Status.MET
    ):
        fields.report(
            "outcome",
            _('an outcome other than "pending" needs status "met", not %(status)s')
            % {"status": show(status)},
        )
    _check_ref(fields, "a", a, contact_refs)
    _check_ref(fields, "b", b, contact_refs)
    if made_on is None:
        return None
    return IntroductionRow(
        a=a,
        b=b,
        made_on=made_on,
        reason=reason,
        channel=channel,
        status=status,
        outcome=outcome,
        outcome_note=outcome_note,
        follow_up_on=follow_up_on,
        ask_first=ask_first,
        a_answer=answers[0],
        b_answer=answers[1],
        about_a=about[0],
        about_b=about[1],
    )


def _read_contacts(
    document: dict[str, Any], dimensions: list[str], problems: Problems
) -> list[ContactRow]:
    listed = set(dimensions)
    first_place: dict[str, int] = {}
    contacts: list[tuple[ContactRow, _Fields]] = []
    for index, fields in _objects(document, "contacts", problems):
        contact = _read_contact(fields, listed, problems)
        if contact.ref in first_place:
            fields.report(
                "ref",
                _("the ref %(ref)s is already used by contacts[%(first)d]")
                % {"ref": show(contact.ref), "first": first_place[contact.ref]},
            )
        elif contact.ref:
            first_place[contact.ref] = index
        contacts.append((contact, fields))
    # A contact may have been met through one listed after it, so check once all refs are known.
    refs = set(first_place)
    for contact, fields in contacts:
        _check_ref(fields, "met_through", contact.met_through, refs)
    return [contact for contact, _fields in contacts]


def _read_ties(
    document: dict[str, Any], contact_refs: set[str], problems: Problems
) -> list[TieRow]:
    ties = []
    pairs: dict[frozenset[str], int] = {}
    for index, fields in _objects(document, "ties", problems):
        tie = TieRow(
            a=fields.ref("a"),
            b=fields.ref("b"),
            kind=fields.choice("kind", Tie.Kind, default=Tie.Kind.KNOWS),
        )
        _check_ref(fields, "a", tie.a, contact_refs)
        _check_ref(fields, "b", tie.b, contact_refs)
        if tie.a and tie.a == tie.b:
            fields.report(
                "b",
                _("a tie joins two different contacts, not %(ref)s to itself")
                % {"ref": show(tie.a)},
            )
        elif tie.a and tie.b:
            pair = frozenset((tie.a, tie.b))
            if pair in pairs:
                fields.report(
                    "b",
                    _("%(a)s and %(b)s are already tied by ties[%(first)d]")
                    % {"a": show(tie.a), "b": show(tie.b), "first": pairs[pair]},
                )
            else:
                pairs[pair] = index
        ties.append(tie)
    return ties


def _read_encounters(
    document: dict[str, Any], contact_refs: set[str], problems: Problems
) -> list[EncounterRow]:
    encounters = []
    first_place: dict[str, int] = {}
    for index, fields in _objects(document, "encounters", problems):
        ref, encounter = _read_encounter(fields, contact_refs, problems)
        if ref in first_place:
            fields.report(
                "ref",
                _("the ref %(ref)s is already used by encounters[%(first)d]")
                % {"ref": show(ref), "first": first_place[ref]},
            )
        elif ref:
            first_place[ref] = index
        if encounter is not None:
            encounters.append(encounter)
    return encounters


def _read_introductions(
    document: dict[str, Any], contact_refs: set[str], problems: Problems
) -> list[IntroductionRow]:
    introductions = []
    for _index, fields in _objects(document, "introductions", problems):
        introduction = _read_introduction(fields, contact_refs)
        if introduction is not None:
            introductions.append(introduction)
    return introductions


def _read(document: object, problems: Problems) -> Backup:
    if not isinstance(document, dict):
        problems.at(
            "",
            _("the document must be a JSON object, not %(type)s") % {"type": _json_type(document)},
        )
        return Backup()
    if not _read_header(document, problems):
        return Backup()
    dimensions = _read_dimensions(document, problems)
    contacts = _read_contacts(document, dimensions, problems)
    contact_refs = {contact.ref for contact in contacts if contact.ref}
    return Backup(
        dimensions=dimensions,
        contacts=contacts,
        ties=_read_ties(document, contact_refs, problems),
        encounters=_read_encounters(document, contact_refs, problems),
        introductions=_read_introductions(document, contact_refs, problems),
    )


def parse_backup(document: object) -> tuple[Backup | None, list[str]]:
    """The document as plain rows and no errors, or None and every error found (up to a limit)."""
    problems = Problems(stop_when_full=True)
    try:
        backup = _read(document, problems)
    except TooManyProblems:
        return None, problems.messages
    if problems.messages:
        return None, problems.messages
    return backup, []


def validate_backup(document: object) -> list[str]:
    """Every error in the document (up to a limit), each naming its place; [] when it is valid."""
    return parse_backup(document)[1]
