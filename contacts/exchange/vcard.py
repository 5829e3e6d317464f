"""vCard 2.1, 3.0 and 4.0 files read into ContactRecords; vobject reads the line syntax.

vobject unfolds lines, joins quoted-printable soft line breaks, parses groups and parameters and
decodes quoted-printable values in their charset. Its vCard 3.0 value decoding is not used: it
keeps only what comes before the first unescaped comma of a text value, and vCard 2.1 (and many
3.0 writers) do not escape commas, so the values are unescaped here, per version.
"""

import datetime
import io
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from vobject.base import ContentLine, ParseError, getLogicalLines, parseLine

from contacts.models import Birthday

from .records import (
    FIELD_LENGTHS,
    ContactRecord,
    Problems,
    check_stored_text,
    clean_text,
    full_name,
    note_line,
)

VERSIONS = ("2.1", "3.0", "4.0")
# Pictures, sounds and keys are not kept; their (often large) values are never parsed.
MEDIA = frozenset({"PHOTO", "LOGO", "SOUND", "KEY", "X-MS-CARDPICTURE"})
# Bookkeeping of the writing software, meaningless to a person: not imported, not noted.
IGNORED = frozenset(
    {
        "VERSION", "PRODID", "REV", "UID", "X-ABUID", "CLIENTPIDMAP", "SOURCE", "NAME", "MAILER",
        "LABEL", "X-ABLABEL", "X-ABADR", "X-ABSHOWAS", "SORT-STRING", "CLASS", "MEMBER",
        "X-ADDRESSBOOKSERVER-MEMBER", "X-MS-OL-DEFAULT-POSTAL-ADDRESS", "X-MS-OL-DESIGN",
        "X-EVOLUTION-FILE-AS", "X-EVOLUTION-LIST", "X-EVOLUTION-LIST-SHOW-ADDRESSES",
    }
)  # fmt: skip
DATE_PROPERTIES = frozenset({"ANNIVERSARY", "X-ANNIVERSARY", "X-ABDATE", "X-MS-ANNIVERSARY"})
# Google adds every contact to this system group; it says nothing about the person.
SYSTEM_CATEGORIES = frozenset({"mycontacts"})
# Apple writes 1604 as the year of a birthday without one; some phones write 0000.
NO_YEAR = frozenset({0, 1604})
# Parameter values that say nothing a person would read as a label.
PLAIN_TYPES = frozenset(
    {"internet", "pref", "voice", "x400", "text", "uri", "msg", "dom", "intl", "postal", "parcel"}
)

_PROPERTY_START = re.compile(r"([A-Za-z0-9_-]+\.)?([A-Za-z0-9_-]+)[;:]")
_FULL_DATE = re.compile(r"(\d{4})-?(\d{2})-?(\d{2})(T[0-9:.]*(Z|[+-]\d{2}:?\d{2})?)?")
_NO_YEAR_DATE = re.compile(r"--(\d{2})-?(\d{2})")
_PARTIAL_DATE = re.compile(r"\d{4}(-\d{2})?|--\d{2}|---\d{2}")
_APPLE_LABEL = re.compile(r"_\$!<(.*)>!\$_")


@dataclass
class CardLines:
    """The physical lines of one card, between BEGIN:VCARD and END:VCARD, with their numbers."""

    number: int
    start: int
    lines: list[tuple[int, str]] = field(default_factory=list)


@dataclass
class Property:
    name: str
    group: str
    params: dict[str, list[str]]
    value: str
    line: int

    @property
    def types(self) -> list[str]:
        """TYPE values (and vCard 2.1's bare parameters), lower case, split at commas."""
        found = []
        for raw in self.params.get("TYPE", []) + self.params.get("", []):
            found += [part.strip().lower() for part in raw.split(",") if part.strip()]
        return found

    @property
    def preferred(self) -> bool:
        return "pref" in self.types or "PREF" in self.params


def _type_labels() -> dict[str, str]:
    return {
        "home": _("home"),
        "work": _("work"),
        "cell": _("mobile"),
        "mobile": _("mobile"),
        "iphone": "iPhone",
        "main": _("main"),
        "fax": _("fax"),
        "pager": _("pager"),
        "other": _("other"),
        "video": _("video"),
        "homepage": _("homepage"),
        "anniversary": _("anniversary"),
    }


def split_lines(text: str) -> list[str]:
    # str.splitlines() would also split at U+2028 and other separators inside values.
    return re.split(r"\r\n|\r|\n", text)


def frame_cards(text: str, problems: Problems | None = None) -> list[CardLines]:
    """The cards of a vCard file. Where BEGIN and END do not pair up, the problems are added to
    `problems`, or raised as ImportFileError when none is given."""
    raise_now = problems is None
    problems = problems if problems is not None else Problems()
    cards: list[CardLines] = []
    current: CardLines | None = None
    for number, line in enumerate(split_lines(text), 1):
        marker = line.strip().upper()
        if marker == "BEGIN:VCARD":
            if current is not None:
                problems.add(
                    _(
                        "Card %(card)d (from line %(start)d): line %(line)d begins a new card before this one ended with END:VCARD."
                    )
                    % {"card": current.number, "start": current.start, "line": number},
                    line=current.start,
                )
            current = CardLines(number=len(cards) + 1, start=number)
            cards.append(current)
        elif marker == "END:VCARD":
            if current is None:
                problems.add(
                    _("Line %(line)d: END:VCARD without a BEGIN:VCARD before it.")
                    % {"line": number},
                    line=number,
                )
            current = None
        elif current is not None:
            current.lines.append((number, line))
        elif marker:
            problems.add(
                _("Line %(line)d: this line is outside of any card (BEGIN:VCARD … END:VCARD).")
                % {"line": number},
                line=number,
            )
    if current is not None:
        problems.add(
            _("Card %(card)d (from line %(start)d): the file ends before the card's END:VCARD.")
            % {"card": current.number, "start": current.start},
            line=current.start,
        )
    if not cards and not problems.messages:
        problems.add(_("The file contains no vCard: there is no BEGIN:VCARD line."))
    if raise_now:
        problems.raise_if_any()
    return cards


def count_cards(text: str) -> int:
    return sum(1 for line in split_lines(text) if line.strip().upper() == "BEGIN:VCARD")


def without_media(text: str) -> str:
    """The file with the values of photos, logos, sounds and keys emptied, line numbers kept.

    A large file waits for its reading task in the database; its pictures need not.
    """
    lines = split_lines(text)
    in_media = False
    for index, line in enumerate(lines):
        if in_media and line[:1] in (" ", "\t"):
            lines[index] = ""
            continue
        in_media = False
        match = _PROPERTY_START.match(line)
        if match and match.group(2).upper() in MEDIA:
            lines[index] = f"{match.group(2).upper()}:"
            in_media = True
    return "\n".join(lines)


def parse_vcards(text: str, *, progress=None, every: int = 250) -> list[ContactRecord]:
    """Every card of a vCard file as a record; ImportFileError lists each problem found.

    progress(cards read) is called every `every` cards, for a progress bar.
    """
    problems = Problems()
    cards = frame_cards(text, problems)
    records = []
    for index, card in enumerate(cards, 1):
        records.append(_read_card(card, problems))
        if progress is not None and index % every == 0:
            progress(index)
    problems.raise_if_any()
    return records


# --- One card ------------------------------------------------------------------------------------


def _unescape(value: str, version: str) -> str:
    if "\\" not in value:
        return value
    out, index = [], 0
    while index < len(value):
        char = value[index]
        if char == "\\" and index + 1 < len(value):
            following = value[index + 1]
            if following in "nN" and version != "2.1":
                out.append("\n")
            elif following in ",;:\\":
                out.append(following)
            else:
                out.append(char + following)
            index += 2
            continue
        out.append(char)
        index += 1
    return "".join(out)


def _split(value: str, separator: str) -> list[str]:
    """Split at separators that are not escaped with a backslash; the parts stay escaped."""
    if "\\" not in value:
        return value.split(separator)
    parts, current, index = [], [], 0
    while index < len(value):
        char = value[index]
        if char == "\\" and index + 1 < len(value):
            current.append(value[index : index + 2])
            index += 2
            continue
        if char == separator:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
        index += 1
    parts.append("".join(current))
    return parts


def _logical_lines(card: CardLines):
    """(logical line, number of its first physical line) for the card, unfolded by vobject."""
    numbers = [number for number, _line in card.lines]
    texts = [line for _number, line in card.lines]
    for logical, relative in getLogicalLines(io.StringIO("\n".join(texts))):
        index = max(0, relative - 1)
        # After a blank line vobject reports the blank line's number: move to the real start.
        while index < len(texts) - 1 and not texts[index].strip():
            index += 1
        yield logical, numbers[index] if numbers else card.start


def _content_line(logical: str, number: int) -> ContentLine:
    name, params, value, group = parseLine(logical, number)
    for param in params:
        # vobject recognises quoted-printable only in upper case; some writers use lower case.
        param[:] = [part.upper() if part.upper() == "QUOTED-PRINTABLE" else part for part in param]
    try:
        return ContentLine(name, params, value, group, encoded=True, lineNumber=number)
    except UnicodeDecodeError:
        if any(param[0].upper() == "CHARSET" for param in params):
            raise
        # Quoted-printable without a charset: Outlook meant Windows-1252, not UTF-8.
        return ContentLine(
            name,
            [*params, ["CHARSET", "windows-1252"]],
            value,
            group,
            encoded=True,
            lineNumber=number,
        )


def _properties(card: CardLines, report) -> list[Property]:
    """The card's properties; report(line, message, values) for each line that cannot be read."""
    properties = []
    for logical, number in _logical_lines(card):
        match = _PROPERTY_START.match(logical)
        if match and match.group(2).upper() in MEDIA:
            properties.append(Property(match.group(2).upper(), "", {}, "", number))
            continue
        try:
            content = _content_line(logical, number)
        except ParseError:
            report(
                number,
                _("%(place)s, line %(line)d: this is not a vCard property (NAME:value): %(text)s"),
                {"text": _shorten(logical)},
            )
            continue
        except (LookupError, UnicodeDecodeError, ValueError) as error:
            report(
                number,
                _("%(place)s, line %(line)d, %(field)s: the value cannot be decoded (%(error)s)."),
                {"field": logical.split(":")[0].split(";")[0], "error": error},
            )
            continue
        params = {key: list(values) for key, values in content.params.items()}
        if content.singletonparams:
            params[""] = list(content.singletonparams)
        value = content.value if isinstance(content.value, str) else ""
        properties.append(
            Property(content.name.upper(), (content.group or "").lower(), params, value, number)
        )
    return properties


def _shorten(text: str, length: int = 60) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"


def read_date(value: str, params: dict[str, list[str]]) -> Birthday | None:
    """A vCard date (YYYY-MM-DD, YYYYMMDD, --MM-DD, --MMDD, with or without a time) as a Birthday.

    None for dates the model cannot hold (text, a year alone); ValueError when it is no date.
    """
    value = value.strip()
    if any(v.lower() == "text" for v in params.get("VALUE", [])):
        return None
    omitted = params.get("X-APPLE-OMIT-YEAR", [])
    match = _FULL_DATE.fullmatch(value)
    if match:
        year, month, day = (int(part) for part in match.group(1, 2, 3))
        if year in NO_YEAR or str(year) in omitted:
            return Birthday(month=month, day=day)
        return Birthday(month=month, day=day, year=year)
    match = _NO_YEAR_DATE.fullmatch(value)
    if match:
        return Birthday(month=int(match.group(1)), day=int(match.group(2)))
    if _PARTIAL_DATE.fullmatch(value):
        return None
    raise ValueError(value)


def _property_labels() -> dict[str, str]:
    return {
        "X-SOCIALPROFILE": _("Social profile"),
        "IMPP": _("Instant messaging"),
        "X-SKYPE": "Skype",
        "X-SKYPE-USERNAME": "Skype",
        "X-JABBER": "Jabber",
        "X-TWITTER": "Twitter",
        "X-ABRELATEDNAMES": _("Related"),
        "RELATED": _("Related"),
        "X-SPOUSE": _("Spouse"),
        "X-MS-SPOUSE": _("Spouse"),
        "X-ASSISTANT": _("Assistant"),
        "X-MS-ASSISTANT": _("Assistant"),
        "X-MANAGER": _("Manager"),
        "X-MS-MANAGER": _("Manager"),
        "GENDER": _("Gender"),
        "X-GENDER": _("Gender"),
        "LANG": _("Language"),
        "TZ": _("Time zone"),
        "GEO": _("Geographic position"),
        "X-PHONETIC-FIRST-NAME": _("Phonetic first name"),
        "X-PHONETIC-LAST-NAME": _("Phonetic last name"),
        "X-PHONETIC-ORG": _("Phonetic organisation"),
        "X-MAIDENNAME": _("Maiden name"),
        "PHOTO": _("Photo"),
        "X-MS-CARDPICTURE": _("Photo"),
        "LOGO": _("Logo"),
        "SOUND": _("Sound"),
        "KEY": _("Key"),
    }


def _label(prop: Property, labels_by_group: dict[str, str]) -> str:
    known = _type_labels()
    if prop.group and prop.group in labels_by_group:
        label = labels_by_group[prop.group]
        return known.get(label.lower(), label)
    for kind in prop.types:
        if kind in known:
            return known[kind]
    return ""


def _with_label(text: str, label: str) -> str:
    return f"{text} ({label})" if label else text


def _generic_label(name: str) -> str:
    if name in _property_labels():
        return _property_labels()[name]
    words = name.removeprefix("X-").replace("-", " ").lower()
    return words[:1].upper() + words[1:]


def _read_card(card: CardLines, problems: Problems) -> ContactRecord:
    record = ContactRecord(source=_("card %(number)d") % {"number": card.number})
    # Problems are worded once the card's name is known, in the order of their lines.
    pending: list[tuple[int, str, dict]] = []

    def report(line: int, message: str, values: dict) -> None:
        pending.append((line, message, values))

    def place() -> str:
        if record.name:
            return _("Card %(number)d (%(name)s)") % {"number": card.number, "name": record.name}
        return _("Card %(number)d") % {"number": card.number}

    def fail(prop: Property, message: str) -> None:
        report(
            prop.line,
            _("%(place)s, line %(line)d, %(field)s: %(message)s"),
            {"field": prop.name, "message": message},
        )

    try:
        _read_properties(card, record, report, fail)
    finally:
        for line, message, values in sorted(pending, key=lambda item: item[0]):
            problems.add(message % {"place": place(), "line": line, **values}, line=line)
    return record


def _read_properties(card: CardLines, record: ContactRecord, report, fail) -> None:
    properties = _properties(card, report)
    version = next((p.value.strip() for p in properties if p.name == "VERSION"), "3.0")
    if version not in VERSIONS:
        record.name = next(
            (clean_text(_unescape(p.value, "3.0")) for p in properties if p.name == "FN"), ""
        )
        report(
            card.start,
            _("%(place)s: vCard version %(version)s is not supported; 2.1, 3.0 and 4.0 are."),
            {"version": version},
        )
        return

    def text(prop: Property) -> str:
        return _unescape(prop.value, version).replace("\r\n", "\n").replace("\r", "\n").strip()

    def parts(prop: Property) -> list[str]:
        return [clean_text(_unescape(part, version)) for part in _split(prop.value, ";")]

    labels_by_group = {
        p.group: _APPLE_LABEL.sub(r"\1", text(p)).strip()
        for p in properties
        if p.name == "X-ABLABEL" and p.group
    }
    by_name: dict[str, list[Property]] = {}
    for prop in properties:
        by_name.setdefault(prop.name, []).append(prop)
        reason = check_stored_text(prop.value)
        if reason:
            fail(prop, reason)

    # The name: FN, else the parts of N, else the organisation (a company's card), else the email.
    formatted = next((clean_text(text(p)) for p in by_name.get("FN", []) if text(p)), "")
    structured = next((parts(p) for p in by_name.get("N", [])), [])
    if not formatted and structured:
        family, given, additional, prefix, suffix = (structured + [""] * 5)[:5]
        formatted = full_name(given, family, prefix=prefix, middle=additional, suffix=suffix)
    organisations = [parts(p) for p in by_name.get("ORG", [])]
    record.name = formatted or (organisations[0][0] if organisations and organisations[0] else "")
    if len(record.name) > FIELD_LENGTHS["name"]:
        for prop in by_name.get("FN", []) or by_name.get("N", []):
            fail(
                prop,
                _("the name is %(length)d characters long; at most %(max)d are allowed")
                % {"length": len(record.name), "max": FIELD_LENGTHS["name"]},
            )
            break

    kinds = [
        text(p).lower()
        for p in by_name.get("KIND", []) + by_name.get("X-ADDRESSBOOKSERVER-KIND", [])
    ]
    if "group" in kinds:
        record.skip_reason = _("it is a contact group, not a person")

    for prop in sorted(by_name.get("EMAIL", []), key=lambda p: not p.preferred):
        email = clean_text(text(prop)).removeprefix("mailto:")
        if email:
            record.emails.append((email, _label(prop, labels_by_group)))
    if not record.name and record.emails:
        record.name = record.emails[0][0]
    if not record.name and not record.skip_reason:
        record.skip_reason = _("it has no name, organisation or email")
    for prop in sorted(by_name.get("TEL", []), key=lambda p: not p.preferred):
        phone = clean_text(text(prop)).removeprefix("tel:")
        if phone:
            record.phones.append((phone, _label(prop, labels_by_group)))

    if organisations:
        first, *others = organisations
        record.organisation = first[0] if first else ""
        for department in first[1:]:
            if department:
                record.extra_notes.append(note_line(_("Department"), department))
        for other in others:
            if any(other):
                record.extra_notes.append(
                    note_line(_("Organisation"), ", ".join(filter(None, other)))
                )
    titles = [clean_text(text(p)) for p in by_name.get("TITLE", []) if text(p)]
    roles = [clean_text(text(p)) for p in by_name.get("ROLE", []) if text(p)]
    positions = titles + [role for role in roles if role not in titles]
    if positions:
        record.role = positions[0]
        record.extra_notes += [note_line(_("Role"), role) for role in positions[1:]]

    addresses = sorted(by_name.get("ADR", []), key=lambda p: not p.preferred)
    for index, prop in enumerate(addresses):
        box, extended, street, city, region, code, country = (parts(prop) + [""] * 7)[:7]
        if index == 0:
            record.city, record.country = city, country
        if index > 0 or any((box, extended, street, region, code)):
            line = ", ".join(
                filter(None, [box, extended, street, clean_text(f"{code} {city}"), region, country])
            )
            if line:
                record.extra_notes.append(
                    note_line(_with_label(_("Address"), _label(prop, labels_by_group)), line)
                )

    for prop in by_name.get("BDAY", [])[:1]:
        value = text(prop)
        try:
            record.birthday = read_date(value, prop.params)
        except ValueError:
            fail(
                prop,
                _("“%(value)s” is not a date; expected YYYY-MM-DD, YYYYMMDD or --MM-DD")
                % {"value": _shorten(value)},
            )
            continue
        if record.birthday is None and value:
            record.extra_notes.append(note_line(_("Birthday"), value))

    for name in sorted(DATE_PROPERTIES & by_name.keys()):
        for prop in by_name[name]:
            _read_important_date(prop, text(prop), _label(prop, labels_by_group), record, fail)

    notes = [text(p) for p in by_name.get("NOTE", []) if text(p)]
    record.notes = "\n\n".join(notes)
    for prop in by_name.get("CATEGORIES", []):
        for category in _split(prop.value, ","):
            category = clean_text(_unescape(category, version))
            if (
                category
                and category.lower() not in SYSTEM_CATEGORIES
                and category not in record.categories
            ):
                record.categories.append(category)
    for prop in by_name.get("NICKNAME", []):
        if text(prop):
            record.extra_notes.append(note_line(_("Nickname"), clean_text(text(prop))))
    for prop in by_name.get("URL", []):
        if text(prop):
            label = _with_label(_("Website"), _label(prop, labels_by_group))
            record.extra_notes.append(note_line(label, clean_text(text(prop))))

    handled = {
        "FN", "N", "EMAIL", "TEL", "ORG", "TITLE", "ROLE", "ADR", "BDAY", "NOTE", "CATEGORIES",
        "NICKNAME", "URL", "KIND", "X-ADDRESSBOOKSERVER-KIND",
    } | DATE_PROPERTIES | IGNORED  # fmt: skip
    for prop in properties:
        if prop.name in MEDIA:
            record.left_out.append(_generic_label(prop.name))
        elif prop.name not in handled and text(prop):
            label = _generic_label(prop.name)
            detail = _label(prop, labels_by_group) or ", ".join(
                t for t in prop.types if t not in PLAIN_TYPES
            )
            record.extra_notes.append(note_line(_with_label(label, detail), clean_text(text(prop))))


def _read_important_date(
    prop: Property, value: str, label: str, record: ContactRecord, fail
) -> None:
    label = label or (_("Anniversary") if "ANNIVERSARY" in prop.name else _("Date"))
    label = label[:1].upper() + label[1:]
    try:
        date = read_date(value, prop.params)
    except ValueError:
        fail(
            prop,
            _("“%(value)s” is not a date; expected YYYY-MM-DD, YYYYMMDD or --MM-DD")
            % {"value": _shorten(value)},
        )
        return
    if date is not None and date.year is not None:
        record.important_dates.append((label, datetime.date(date.year, date.month, date.day)))
    elif value:
        record.extra_notes.append(note_line(label, value))
