"""The ready texts of an introduction: the mail to both, and the question to each when asking first.

Written in the active language, in the introducer's voice: first names, one line on who each
person is, the reason as the introducer gave it, and the introducer's name at the end.
"""

from dataclasses import dataclass
from urllib.parse import quote

from django.utils.translation import gettext as _

from contacts.models import Contact, Introduction

# Words before a first name that are not the first name ("Dr. Ingrid Svensson" is Ingrid).
TITLES = frozenset(
    {"dr", "prof", "mr", "mrs", "ms", "mx", "herr", "frau", "dipl-ing", "ing", "sir", "dame"}
)


@dataclass(frozen=True)
class ReadyText:
    subject: str
    body: str
    recipients: tuple[str, ...]

    @property
    def mailto(self) -> str:
        """A mailto: link that opens the mail program with the recipients, subject and text."""
        to = ",".join(quote(address, safe="@") for address in self.recipients)
        body = self.body.replace("\n", "\r\n")
        return f"mailto:{to}?subject={quote(self.subject)}&body={quote(body)}"


def first_name(name: str) -> str:
    """The first name in a full name: titles skipped, "Svensson, Ingrid" read as Ingrid."""
    if "," in name:
        family, _sep, given = name.partition(",")
        name = given.strip() or family
    words = name.split()
    while len(words) > 1 and words[0].casefold().rstrip(".").replace(".", "") in TITLES:
        words.pop(0)
    return words[0] if words else name.strip()


def who_they_are(contact: Contact, about: str = "") -> str:
    """One line on who someone is: role and organisation, then what the introducer wrote."""
    role, organisation = contact.role.strip(), contact.organisation.strip()
    if role and organisation:
        work = _("%(role)s at %(organisation)s") % {"role": role, "organisation": organisation}
    else:
        work = role or organisation
    return "; ".join(part for part in (work, about.strip().rstrip(".")) if part)


def _signature(introduction: Introduction) -> str:
    owner = introduction.owner
    return owner.get_full_name() or owner.first_name or owner.get_username()


def _person_line(contact: Contact, about: str) -> str:
    line = who_they_are(contact, about)
    return f"{first_name(contact.name)} – {line}." if line else ""


def introduction_text(introduction: Introduction) -> ReadyText:
    """The mail that introduces the two to each other, to both addresses that are known."""
    a, b = introduction.a, introduction.b
    first_a, first_b = first_name(a.name), first_name(b.name)
    lines = [
        _("Hi %(a)s, hi %(b)s,") % {"a": first_a, "b": first_b},
        "",
        _("I would like to introduce you to each other."),
        "",
    ]
    people = [
        line
        for line in (
            _person_line(a, introduction.about_a),
            _person_line(b, introduction.about_b),
        )
        if line
    ]
    if people:
        lines += [*people, ""]
    lines += [_("Why I think you should meet: %(reason)s") % {"reason": introduction.reason}, ""]
    reach = []
    for person in (a, b):
        ways = ", ".join(filter(None, [person.email, person.phone]))
        if ways:
            reach.append(_("%(name)s: %(ways)s") % {"name": first_name(person.name), "ways": ways})
    if reach:
        lines += [_("How to reach each other:"), *reach, ""]
    lines += [
        _("I am sure you will have a good conversation."),
        "",
        _("Best wishes,"),
        _signature(introduction),
    ]
    return ReadyText(
        subject=_("Introduction: %(a)s and %(b)s") % {"a": a.name, "b": b.name},
        body="\n".join(lines),
        recipients=tuple(person.email for person in (a, b) if person.email),
    )


def ask_text(introduction: Introduction, side: str) -> ReadyText:
    """The question to one side, before the introduction is made: would you like to meet them?"""
    asked, other = (
        (introduction.a, introduction.b) if side == "a" else (introduction.b, introduction.a)
    )
    about_other = introduction.about_b if side == "a" else introduction.about_a
    line = who_they_are(other, about_other)
    meet = (
        _("I would like to introduce you to %(name)s – %(line)s.")
        % {"name": other.name, "line": line}
        if line
        else _("I would like to introduce you to %(name)s.") % {"name": other.name}
    )
    lines = [
        _("Hi %(name)s,") % {"name": first_name(asked.name)},
        "",
        meet,
        "",
        _("Why I think you should meet: %(reason)s") % {"reason": introduction.reason},
        "",
        _("Would that be welcome? If you say yes, I will introduce you to each other."),
        "",
        _("Best wishes,"),
        _signature(introduction),
    ]
    return ReadyText(
        subject=_("Would you like to meet %(name)s?") % {"name": other.name},
        body="\n".join(lines),
        recipients=(asked.email,) if asked.email else (),
    )
