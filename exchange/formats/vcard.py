"""vCard 2.1, 3.0 and 4.0 files read into ContactRecords: which property goes where.

The syntax (cards, lines, parameters, escapes) is read in vcard_syntax with vobject.
"""

import datetime
import re
from collections.abc import Callable

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from contacts.dates import Birthday
from exchange.problems import Problems

from .records import (
    FIELD_LENGTHS,
    ContactRecord,
    Progress,
    check_stored_text,
    clean_text,
    full_name,
    note_line,
)
from .vcard_mapping import (
    CADENCE,
    DIMENSION,
    DIMENSION_NAME,
    HOW_WE_MET,
    MET_THROUGH,
    TRUST,
    WEITBLICK_PROPERTIES,
)
from .vcard_syntax import (
    MEDIA,
    CardLines,
    Property,
    Report,
    frame_cards,
    read_properties,
    shorten,
    split_escaped,
    unescape,
)

VERSIONS = ("2.1", "3.0", "4.0")
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

_FULL_DATE = re.compile(r"(\d{4})-?(\d{2})-?(\d{2})(T[0-9:.]*(Z|[+-]\d{2}:?\d{2})?)?")
_NO_YEAR_DATE = re.compile(r"--(\d{2})-?(\d{2})")
_PARTIAL_DATE = re.compile(r"\d{4}(-\d{2})?|--\d{2}|---\d{2}")
_APPLE_LABEL = re.compile(r"_\$!<(.*)>!\$_")

# fail(property, message): a property that cannot be imported, and why.
Fail = Callable[[Property, str], None]


# Labels for TYPE values; translated when used (a card has many properties, gettext is slow).
TYPE_LABELS = {
    "home": gettext_noop("home"),
    "work": gettext_noop("work"),
    "cell": gettext_noop("mobile"),
    "mobile": gettext_noop("mobile"),
    "iphone": "iPhone",
    "main": gettext_noop("main"),
    "fax": gettext_noop("fax"),
    "pager": gettext_noop("pager"),
    "other": gettext_noop("other"),
    "video": gettext_noop("video"),
    "homepage": gettext_noop("homepage"),
    "anniversary": gettext_noop("anniversary"),
}


def parse_vcards(
    text: str, *, progress: Progress | None = None, every: int = 250
) -> list[ContactRecord]:
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


PROPERTY_LABELS = {
    "X-SOCIALPROFILE": gettext_noop("Social profile"),
    "IMPP": gettext_noop("Instant messaging"),
    "X-SKYPE": "Skype",
    "X-SKYPE-USERNAME": "Skype",
    "X-JABBER": "Jabber",
    "X-TWITTER": "Twitter",
    "X-ABRELATEDNAMES": gettext_noop("Related"),
    "RELATED": gettext_noop("Related"),
    "X-SPOUSE": gettext_noop("Spouse"),
    "X-MS-SPOUSE": gettext_noop("Spouse"),
    "X-ASSISTANT": gettext_noop("Assistant"),
    "X-MS-ASSISTANT": gettext_noop("Assistant"),
    "X-MANAGER": gettext_noop("Manager"),
    "X-MS-MANAGER": gettext_noop("Manager"),
    "GENDER": gettext_noop("Gender"),
    "X-GENDER": gettext_noop("Gender"),
    "LANG": gettext_noop("Language"),
    "TZ": gettext_noop("Time zone"),
    "GEO": gettext_noop("Geographic position"),
    "X-PHONETIC-FIRST-NAME": gettext_noop("Phonetic first name"),
    "X-PHONETIC-LAST-NAME": gettext_noop("Phonetic last name"),
    "X-PHONETIC-ORG": gettext_noop("Phonetic organisation"),
    "X-MAIDENNAME": gettext_noop("Maiden name"),
    "PHOTO": gettext_noop("Photo"),
    "X-MS-CARDPICTURE": gettext_noop("Photo"),
    "LOGO": gettext_noop("Logo"),
    "SOUND": gettext_noop("Sound"),
    "KEY": gettext_noop("Key"),
}


def _label(prop: Property, labels_by_group: dict[str, str]) -> str:
    if prop.group and prop.group in labels_by_group:
        label = labels_by_group[prop.group]
        return _(TYPE_LABELS[label.lower()]) if label.lower() in TYPE_LABELS else label
    for kind in prop.types:
        if kind in TYPE_LABELS:
            return _(TYPE_LABELS[kind])
    return ""


def _with_label(text: str, label: str) -> str:
    return f"{text} ({label})" if label else text


def _generic_label(name: str) -> str:
    if name in PROPERTY_LABELS:
        return _(PROPERTY_LABELS[name])
    words = name.removeprefix("X-").replace("-", " ").lower()
    return words[:1].upper() + words[1:]


def _read_card(card: CardLines, problems: Problems) -> ContactRecord:
    record = ContactRecord(source=_("card %(number)d") % {"number": card.number})
    # Problems are worded once the card's name is known, in the order of their lines.
    pending: list[tuple[int, str, dict[str, object]]] = []

    def report(line: int, message: str, values: dict[str, object]) -> None:
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


def _read_properties(card: CardLines, record: ContactRecord, report: Report, fail: Fail) -> None:
    properties = read_properties(card, report)
    version = next((p.value.strip() for p in properties if p.name == "VERSION"), "3.0")
    if version not in VERSIONS:
        record.name = next(
            (clean_text(unescape(p.value, "3.0")) for p in properties if p.name == "FN"), ""
        )
        report(
            card.start,
            _("%(place)s: vCard version %(version)s is not supported; 2.1, 3.0 and 4.0 are."),
            {"version": version},
        )
        return

    def text(prop: Property) -> str:
        return unescape(prop.value, version).replace("\r\n", "\n").replace("\r", "\n").strip()

    def parts(prop: Property) -> list[str]:
        return [clean_text(unescape(part, version)) for part in split_escaped(prop.value, ";")]

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
                % {"value": shorten(value)},
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
        for category in split_escaped(prop.value, ","):
            category = clean_text(unescape(category, version))
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

    _read_weitblick_properties(by_name, record, text)

    handled = {
        "FN", "N", "EMAIL", "TEL", "ORG", "TITLE", "ROLE", "ADR", "BDAY", "NOTE", "CATEGORIES",
        "NICKNAME", "URL", "KIND", "X-ADDRESSBOOKSERVER-KIND",
    } | DATE_PROPERTIES | IGNORED | WEITBLICK_PROPERTIES  # fmt: skip
    for prop in properties:
        if prop.name in MEDIA:
            record.left_out.append(_generic_label(prop.name))
        elif prop.name not in handled and text(prop):
            label = _generic_label(prop.name)
            detail = _label(prop, labels_by_group) or ", ".join(
                t for t in prop.types if t not in PLAIN_TYPES
            )
            record.extra_notes.append(note_line(_with_label(label, detail), clean_text(text(prop))))


def _read_weitblick_properties(
    by_name: dict[str, list[Property]], record: ContactRecord, text: Callable[[Property], str]
) -> None:
    """What only Weitblick writes (vcard_mapping): how we met, met through (by UID), the
    rhythm, trust and the dimensions. A value that does not fit its field goes to the notes."""
    record.ref = next((text(p) for p in by_name.get("UID", []) if text(p)), "")
    record.how_we_met = "\n\n".join(text(p) for p in by_name.get(HOW_WE_MET, []) if text(p))
    record.met_through = next((text(p) for p in by_name.get(MET_THROUGH, []) if text(p)), "")
    for name, label, low, high in (
        (CADENCE, _("Keep in touch every (days)"), 1, 36500),
        (TRUST, _("Trust (1–5)"), 1, 5),
    ):
        for prop in by_name.get(name, [])[:1]:
            value = clean_text(text(prop))
            number = int(value) if value.isdigit() else None
            if number is not None and low <= number <= high:
                setattr(record, "cadence_days" if name == CADENCE else "trust", number)
            elif value:
                record.extra_notes.append(note_line(label, value))
    for prop in by_name.get(DIMENSION, []):
        dimension = clean_text(next(iter(prop.params.get(DIMENSION_NAME, [])), ""))[:100]
        value = clean_text(text(prop))[:120]
        if dimension and value:
            record.attributes[dimension] = value


def _read_important_date(
    prop: Property, value: str, label: str, record: ContactRecord, fail: Fail
) -> None:
    label = label or (_("Anniversary") if "ANNIVERSARY" in prop.name else _("Date"))
    label = label[:1].upper() + label[1:]
    try:
        date = read_date(value, prop.params)
    except ValueError:
        fail(
            prop,
            _("“%(value)s” is not a date; expected YYYY-MM-DD, YYYYMMDD or --MM-DD")
            % {"value": shorten(value)},
        )
        return
    if date is not None and date.year is not None:
        record.important_dates.append((label, datetime.date(date.year, date.month, date.day)))
    elif value:
        record.extra_notes.append(note_line(label, value))
