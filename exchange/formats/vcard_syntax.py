"""The syntax of vCard files: cards framed by BEGIN and END, properties read by vobject.

vobject unfolds lines, joins quoted-printable soft line breaks, parses groups and parameters and
decodes quoted-printable values in their charset. Its vCard 3.0 value decoding is not used: it
keeps only what comes before the first unescaped comma of a text value, and vCard 2.1 (and many
3.0 writers) do not escape commas, so values are unescaped here, per version.
"""

import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from vobject.base import ContentLine, ParseError, getLogicalLines, parseLine

from exchange.problems import Problems

# Pictures, sounds and keys are not kept; their (often large) values are never parsed.
MEDIA = frozenset({"PHOTO", "LOGO", "SOUND", "KEY", "X-MS-CARDPICTURE"})

_PROPERTY_START = re.compile(r"([A-Za-z0-9_-]+\.)?([A-Za-z0-9_-]+)[;:]")

# report(line, message, values): a problem on a line; the message is worded later with `values`.
Report = Callable[[int, str, dict[str, object]], None]


@dataclass
class CardLines:
    """The physical lines of one card, between BEGIN:VCARD and END:VCARD, with their numbers."""

    number: int
    start: int
    lines: list[tuple[int, str]] = field(default_factory=list)


@dataclass
class Property:
    """One property of a card (group.NAME;PARAM=value:value), from the line it starts on.

    params maps upper-case parameter names to their values; vCard 2.1's bare parameters
    (TEL;WORK;VOICE) are under "".
    """

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


def unescape(value: str, version: str) -> str:
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


def split_escaped(value: str, separator: str) -> list[str]:
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


def logical_lines(card: CardLines) -> Iterator[tuple[str, int]]:
    """(logical line, number of its first physical line) for the card, unfolded by vobject."""
    numbers = [number for number, _line in card.lines]
    texts = [line for _number, line in card.lines]
    for logical, relative in getLogicalLines(io.StringIO("\n".join(texts))):
        index = max(0, relative - 1)
        # After a blank line vobject reports the blank line's number: move to the real start.
        while index < len(texts) - 1 and not texts[index].strip():
            index += 1
        yield logical, numbers[index] if numbers else card.start


def _decoded(name: str, params: list[list[str]], value: str, group: str | None, number: int) -> str:
    """A quoted-printable value decoded by vobject, in its charset."""
    decoded: str
    try:
        decoded = ContentLine(name, params, value, group, encoded=True, lineNumber=number).value
    except UnicodeDecodeError:
        if any(param[0].upper() == "CHARSET" for param in params):
            raise
        # Quoted-printable without a charset: Outlook meant Windows-1252, not UTF-8.
        params = [*params, ["CHARSET", "windows-1252"]]
        decoded = ContentLine(name, params, value, group, encoded=True, lineNumber=number).value
    return decoded


def parse_property(logical: str, number: int) -> Property:
    """One logical line as a Property; vobject's ParseError when it is none, LookupError or
    UnicodeDecodeError when its quoted-printable value cannot be decoded."""
    name, params, value, group = parseLine(logical, number)
    quoted_printable = False
    for param in params:
        # vobject recognises quoted-printable only in upper case; some writers use lower case.
        for index, part in enumerate(param):
            if part.upper() == "QUOTED-PRINTABLE":
                param[index] = "QUOTED-PRINTABLE"
                quoted_printable = True
    if quoted_printable:
        value = _decoded(name, params, value, group, number)
        params = [p for p in params if p[0] != "QUOTED-PRINTABLE" and p[1:] != ["QUOTED-PRINTABLE"]]
    by_name: dict[str, list[str]] = {}
    for param in params:
        if len(param) == 1:  # vCard 2.1's bare parameters: TEL;WORK;VOICE
            by_name.setdefault("", []).append(param[0])
        else:
            by_name.setdefault(param[0].upper(), []).extend(param[1:])
    return Property(
        name.upper(),
        (group or "").lower(),
        by_name,
        value if isinstance(value, str) else "",
        number,
    )


def read_properties(card: CardLines, report: Report) -> list[Property]:
    """The card's properties; report(line, message, values) for each line that cannot be read."""
    properties = []
    for logical, number in logical_lines(card):
        match = _PROPERTY_START.match(logical)
        if match and match.group(2).upper() in MEDIA:
            properties.append(Property(match.group(2).upper(), "", {}, "", number))
            continue
        try:
            properties.append(parse_property(logical, number))
        except ParseError:
            report(
                number,
                _("%(place)s, line %(line)d: this is not a vCard property (NAME:value): %(text)s"),
                {"text": shorten(logical)},
            )
        except (LookupError, UnicodeDecodeError, ValueError) as error:
            report(
                number,
                _("%(place)s, line %(line)d, %(field)s: the value cannot be decoded (%(error)s)."),
                {"field": logical.split(":")[0].split(";")[0], "error": error},
            )
    return properties


def shorten(text: str, length: int = 60) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"
