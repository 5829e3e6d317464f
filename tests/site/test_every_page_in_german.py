"""Every page, fragment, feed and mail reads as German for a German user with the demo network.

The German catalogue must be complete (nothing untranslated or fuzzy, an English msgid kept as its
own German only where the word is the same in both). On each page the visible text (and the texts
a screen reader, a tooltip or the page's script gives: aria-label, title, placeholder, alt and the
data- attributes the script shows) must hold no English left
from the catalogue, no English outside it, and no date, percentage or quotation written the English
way.

What the person wrote is theirs and may be English: the demo's longer texts (notes, what was
learned, reasons, places) are replaced by one German sentence, and the short ones (names,
organisations, values, labels) are taken out of a page's text before it is read.
"""

import contextlib
import datetime
import html.parser
import json
import re
import uuid
import zoneinfo
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import polib
import pytest
from django.apps import apps
from django.conf import settings as django_settings
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.db import models
from django.test import Client
from django.test.utils import override_settings
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from contacts.models import (
    Contact,
    ContactAttribute,
    Dimension,
    ImportantDate,
    Introduction,
    NetworkSnapshot,
    Tie,
)
from contacts.network.snapshots import compute_snapshot
from crm.models import Invitation
from crm.signup import invite, request_signup
from devdata.management.commands.load_demo import DEMO_FILE, days_to_yesterday
from encounters.digest import build_digest, digest_message, unsubscribe_token
from encounters.models import Encounter, Plan
from encounters.next_steps import snooze_token
from exchange.backup import import_backup, shift_dates
from exchange.imports import jobs
from exchange.keys import create_key
from tests.factories import make_user

pytestmark = pytest.mark.django_db

GERMAN_CATALOGUE = Path(django_settings.BASE_DIR) / "locale" / "de" / "LC_MESSAGES" / "django.po"
HTMX = {"HTTP_HX_REQUEST": "true"}
SAMPLE_VCARD = Path(__file__).resolve().parent.parent / "data" / "nextcloud.vcf"
# What the person "wrote", in German, in place of the demo's English notes.
THEIR_WORDS = "Ein langer Abend mit vielen Fragen und einer guten Antwort."

# Words the same in both languages (or names), so their msgid may stand as their German.
SAME_IN_BOTH = {
    "Generation",
    "neutral",
    "Dimension",
    "Dimension %(number)s",
    "Website",
    "Organisation",
    "LinkedIn",
    "LinkedIn Connections.csv",
    "Logo",
    "Format",
    "Person",
    "Import",
    "Weitblick: %(name)s",
    "UID",
    "API",
    "Server",
    "optional",
    "null",
    "true/false",
}

# Words that are English and never German: one of them in a German page is English left behind.
ENGLISH_ONLY_WORDS = {
    "the", "and", "your", "you", "with", "of", "to", "this", "not", "yet", "ago", "from", "for",
    "are", "is", "has", "have", "were", "who", "what", "when", "which", "been", "on", "at", "by",
    "or", "it", "they", "their", "them", "no", "my", "our", "please", "here", "there", "new",
    "add", "edit", "save", "delete", "remove", "back", "next", "more", "less", "none", "never",
    "today", "yesterday", "days", "weeks", "months", "years", "people", "contacts", "encounters",
    "strong", "regular", "light", "faint", "search", "settings", "log",
}  # fmt: skip
# A date or a number the English way: an ordinal dot missing, an English month or weekday, a
# percent sign glued to its number, English quotation marks.
GERMAN_MONTHS = "Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember"
UNLOCALISED = {
    "a day without its ordinal dot": re.compile(
        rf"\b\d{{1,2}} (?:{GERMAN_MONTHS}|Jan|Feb|Mär|Apr|Jun|Jul|Aug|Sept?|Okt|Nov|Dez)\b"
    ),
    "an English month or weekday": re.compile(
        r"\b(?:January|February|March|May|June|July|October|December|Mar|Oct|Dec|Monday|"
        r"Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tue|Wed|Thu|Fri|Sat|Sun)\b"
    ),
    "a percent sign without its space": re.compile(r"\d%"),
    "English quotation marks": re.compile(r"”|“(?=\w)"),
}


PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\{[^}]*\}\}")


def _same_in_both(msgid: str) -> bool:
    """A word German shares, or only placeholders and punctuation ("%(name)s: %(ways)s")."""
    return msgid in SAME_IN_BOTH or not re.search(r"[A-Za-z]", PLACEHOLDER.sub("", msgid))


URL = re.compile(r"https?://\S+|(?<![\w/])/[\w./?=&%:+#-]*")


class _VisibleText(html.parser.HTMLParser):
    """The text a reader sees or hears: text nodes and the labelling attributes, not scripts."""

    # The last five are words the page's script shows (static/js/weitblick.js).
    ATTRIBUTES = ("aria-label", "title", "placeholder", "alt", "data-confirm", "data-copied",
                  "data-no-match", "data-search-label", "data-search-placeholder", "data-suggest")  # fmt: skip

    def __init__(self) -> None:
        super().__init__()
        self.pieces: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "template"):
            self._hidden += 1
        found = dict(attrs)
        self.pieces += [found[name] or "" for name in self.ATTRIBUTES if found.get(name)]
        if tag == "input" and found.get("type") in ("submit", "button") and found.get("value"):
            self.pieces.append(found["value"] or "")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "template"):
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden and data.strip():
            self.pieces.append(data)


def visible_pieces(content: str, content_type: str) -> list[str]:
    if "json" in content_type:
        found: list[str] = []

        def walk(value: object) -> None:
            if isinstance(value, str):
                found.append(value)
            elif isinstance(value, dict):
                [walk(v) for v in value.values()]
            elif isinstance(value, list):
                [walk(v) for v in value]

        walk(json.loads(content))
        return found
    if "html" in content_type:
        parser = _VisibleText()
        parser.feed(content)
        return [" ".join(piece.split()) for piece in parser.pieces]
    # A mail's text part or a calendar feed (its folded lines joined).
    return [" ".join(content.replace("\r\n ", "").replace("\\n", " ").split())]


@pytest.fixture(autouse=True)
def language_left_as_found():
    """A request through LocaleMiddleware leaves its language active in the thread: the tests
    after these must not start in German."""
    language = translation.get_language()
    yield
    translation.activate(language)


@dataclass(frozen=True)
class Catalogue:
    whole_texts: dict[str, str]  # an English msgid a whole piece of text may be → its German
    phrases: list[str]  # the English pieces of longer msgids, between their placeholders


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    whole: dict[str, str] = {}
    phrases: set[str] = set()
    for entry in polib.pofile(str(GERMAN_CATALOGUE)):
        german = entry.msgstr or entry.msgstr_plural.get(0, "")
        for english in filter(None, (entry.msgid, entry.msgid_plural)):
            if english == german or _same_in_both(english):
                continue
            text = re.sub(r"<[^>]+>", " ", english)
            whole[" ".join(text.split())] = german
            for part in re.split(rf"{PLACEHOLDER.pattern}|[“”\"]", text):
                part = " ".join(part.split()).strip(" .,:;–—-()·")
                if len(part.split()) >= 3:
                    phrases.add(part)
    return Catalogue(whole, sorted(phrases, key=len, reverse=True))


def test_the_german_catalogue_is_complete():
    problems = []
    for entry in polib.pofile(str(GERMAN_CATALOGUE)):
        if entry.obsolete:
            continue
        if "fuzzy" in entry.flags:
            problems.append(f"fuzzy: {entry.msgid!r}")
        translations = [entry.msgstr] if not entry.msgid_plural else entry.msgstr_plural.values()
        if not all(translations):
            problems.append(f"untranslated: {entry.msgid!r}")
        elif entry.msgstr == entry.msgid and not _same_in_both(entry.msgid):
            problems.append(f"left English: {entry.msgid!r}")
    assert problems == []


def _their_words(user) -> re.Pattern[str]:
    """Neutralise the person's long texts; return a pattern of their short ones, longest first."""
    short: set[str] = {user.first_name, user.username, user.email}
    for model in apps.get_models():
        if model._meta.app_label not in ("contacts", "encounters", "exchange"):
            continue
        owner_field = next((f for f in model._meta.fields if f.name == "owner"), None)
        if owner_field is None:
            continue
        rows = model.objects.filter(owner=user)
        for field in model._meta.fields:
            if field.choices or field.name in ("format", "status"):
                continue
            if isinstance(field, models.TextField):
                rows.exclude(**{field.name: ""}).update(**{field.name: THEIR_WORDS})
            elif isinstance(field, models.CharField):
                short.update(v for v in rows.values_list(field.name, flat=True) if v)
    for contact in Contact.objects.filter(owner=user):
        short.update(contact.name.split())
    # The time-zone field's places are names, as the zone database spells them.
    for zone in zoneinfo.available_timezones():
        short.update(part.replace("_", " ") for part in zone.split("/"))
    words = sorted((w for w in short if len(w) >= 2), key=len, reverse=True)
    return re.compile("|".join(re.escape(w) for w in words))


@dataclass
class GermanWorld:
    user: object
    ids: dict[str, object]
    their_words: re.Pattern[str]
    mails: list[mail.EmailMessage]


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker) -> Iterator[GermanWorld]:
    with django_db_blocker.unblock(), demo_world() as found:
        yield found


@contextlib.contextmanager
def demo_world(language: str = "de") -> Iterator[GermanWorld]:
    """Greta with the demo network and one of everything a page's address takes an id of.

    Also used by the phone walk (tests/browser/test_browser_every_page_on_a_phone.py) in English.
    """
    with (
        override_settings(
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
            EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
            SIGNUP_MODE="invite",
            # Its own cache namespace, as conftest's fresh_cache_namespace gives each test.
            CACHES={
                name: {**config, "KEY_PREFIX": f"test-{uuid.uuid4().hex}"}
                for name, config in django_settings.CACHES.items()
            },
        ),
    ):
        user = make_user("greta", first_name="Greta", language=language, is_staff=True)
        document = json.loads(DEMO_FILE.read_text(encoding="utf-8"))
        today = timezone.localdate()
        import_backup(user, shift_dates(document, days_to_yesterday(document, today)))
        compute_snapshot(NetworkSnapshot.objects.create(owner=user))
        # The German walk reads the person's long texts as German; the phone walk keeps them.
        their_words = _their_words(user) if language == "de" else re.compile("(?!)")

        contact = Contact.objects.for_user(user).order_by("name").first()
        encounter = Encounter.objects.for_user(user).order_by("-occurred_on").first()
        plan = Plan.objects.create(
            owner=user, contact=contact, on=today + datetime.timedelta(days=3), note=THEIR_WORDS
        )
        mail.outbox = []
        invitation = invite(invited_by=user, email="neu@example.org", language=language).invitation
        request_signup(email="fremd@example.org", language=language)
        request_signup(email=user.email, language=language)
        digest = build_digest(user, today)
        digest_message(user, digest).send()
        pending = Invitation(email="bald@example.org", language=language, invited_by=user)
        join_token = pending.new_token()
        pending.save()
        with translation.override(language):  # as the upload's request would be
            job = jobs.start_import(user, SAMPLE_VCARD.read_bytes(), filename="adressen.vcf")
        ids = {
            "contact_id": contact.pk,
            "other_id": Contact.objects.for_user(user).exclude(pk=contact.pk).first().pk,
            "encounter_id": encounter.pk,
            "tie_id": Tie.objects.for_user(user).first().pk,
            "date_id": ImportantDate.objects.for_user(user).first().pk,
            "introduction_id": Introduction.objects.for_user(user).first().pk,
            "dimension_id": Dimension.objects.for_user(user).first().pk,
            "attribute_id": ContactAttribute.objects.for_user(user).first().pk,
            "snapshot_id": NetworkSnapshot.objects.for_user(user).first().pk,
            "invitation_id": invitation.pk,
            "plan_id": plan.pk,
            "job_id": job.pk,
            "key_id": create_key(user, name="Telefon", kind="carddav")[0].pk,
            "calendar": user.calendar_token,
            "snooze": snooze_token(user, contact.pk),
            "unsubscribe": unsubscribe_token(user),
            "join": join_token,
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "reset": default_token_generator.make_token(user),
        }
        yield GermanWorld(user, ids, their_words, list(mail.outbox))
        # A sign-up's invitation belongs to nobody: it goes with its address, the rest with greta.
        Invitation.objects.filter(email__in=["fremd@example.org", "bald@example.org"]).delete()
        user.delete()


# The string parts of addresses: which token each one takes.
STRING_ARGUMENTS = {
    "calendar:feed": {"token": "calendar"},
    "quiet_snooze_link": {"token": "snooze"},
    "digest_unsubscribe": {"token": "unsubscribe"},
    "join": {"token": "join"},
    "password_reset_confirm": {"uidb64": "uidb64", "token": "reset"},
}
# Files for other programs, not pages: their content is the person's data in a fixed format.
NOT_PAGES = {
    "favicon",
    "well_known_carddav",
    "service_worker",
    "exchange:export_vcard",
    "exchange:export_csv",
    "exchange:export_backup",
}
# Answers to programs (CardDAV's XML and vCards, the API's JSON), not pages.
PROGRAM_NAMESPACES = ("dav:", "api:")
# Pages that show most with something asked.
QUERIES = {"search": "?q=Abend", "encounters:picker": "?who=a", "contacts:suggestions": "?q=a"}
# Pages seen logged out (they send a signed-in person elsewhere).
LOGGED_OUT = {"login", "signup", "signup_sent", "join", "password_reset", "password_reset_done",
              "password_reset_confirm", "password_reset_complete"}  # fmt: skip


def _routes(resolver: URLResolver, prefix: str = "", namespace: str = "") -> Iterator:
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            if not route.startswith("admin/"):
                space = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
                yield from _routes(entry, route, space)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", route, entry


def _path(name: str, route: str, pattern: URLPattern, ids: dict[str, object]) -> str:
    path = "/" + route.replace("^", "").replace("$", "")
    for argument, converter in pattern.pattern.converters.items():
        kind = "int" if type(converter).__name__ == "IntConverter" else "str"
        value = ids[argument] if kind == "int" else ids[STRING_ARGUMENTS[name][argument]]
        path = path.replace(f"<{kind}:{argument}>", str(value)).replace(f"<{argument}>", str(value))
    return path + QUERIES.get(name, "")


def every_page(world: GermanWorld) -> Iterator[tuple[str, str, bool]]:
    seen = set()
    for name, route, pattern in _routes(get_resolver()):
        if name in NOT_PAGES or name.startswith(PROGRAM_NAMESPACES) or route in seen:
            continue
        seen.add(route)
        yield name, _path(name, route, pattern, world.ids), name in LOGGED_OUT


def english_left(
    pieces: list[str], their_words: re.Pattern[str], catalogue: Catalogue
) -> Iterator[str]:
    joined = "\n".join(pieces)
    for phrase in catalogue.phrases:
        if phrase in joined:  # the cheap test first: a thousand phrases, a hundred pages
            for piece in pieces:
                if re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", piece):
                    yield f"untranslated phrase {phrase!r} in {piece!r}"
    for piece in pieces:
        piece = " ".join(their_words.sub(" ", URL.sub(" ", piece)).split())
        if piece in catalogue.whole_texts:
            yield f"untranslated {piece!r} (German: {catalogue.whole_texts[piece]!r})"
            continue
        for what, pattern in UNLOCALISED.items():
            if found := pattern.search(piece):
                yield f"{what}: {found.group(0)!r} in {piece!r}"
        english = sorted(
            {w for w in re.findall(r"[A-Za-z]+", piece) if w.lower() in ENGLISH_ONLY_WORDS}
        )
        if english:
            yield f"English {english} in {piece!r}"


def _problems_of(response, their_words: re.Pattern[str], catalogue: Catalogue) -> list[str]:
    content_type = response.get("Content-Type", "")
    if not any(kind in content_type for kind in ("html", "json", "calendar", "text")):
        return []
    pieces = visible_pieces(response.content.decode(), content_type)
    return sorted(set(english_left(pieces, their_words, catalogue)))


def test_every_page_and_fragment_reads_german(world, catalogue, settings):
    settings.SIGNUP_MODE = "open"
    signed_in = Client(HTTP_ACCEPT_LANGUAGE="de")
    signed_in.force_login(world.user)
    visitor = Client(HTTP_ACCEPT_LANGUAGE="de")
    problems: dict[str, list[str]] = {}
    visited = 0
    for name, path, logged_out in every_page(world):
        client = visitor if logged_out else signed_in
        for extra in ({}, HTMX):
            response = client.get(path, follow=True, **extra)
            # A 404 would mean a wrong id here, and a page left unread.
            assert response.status_code not in (404, 500), path
            visited += 1
            found = _problems_of(response, world.their_words, catalogue)
            if found:
                problems[f"{name} {path}{' (htmx)' if extra else ''}"] = found
    assert visited >= 100
    assert problems == {}, json.dumps(problems, indent=1, ensure_ascii=False)


# Forms sent with mistakes and actions that answer with a fragment: (address, data, htmx).
SENT = [
    ("/encounters/log/", {"kind": "coffee", "who": "Niemand Bekanntes"}, True),
    ("/encounters/log/", {}, False),
    ("/contacts/new/", {"name": ""}, False),
    ("/introductions/new/", {}, False),
    ("/settings/", {"time_zone": "Mars/Olymp"}, False),
    ("/settings/dimensions/", {"dimensions-TOTAL_FORMS": "1", "dimensions-INITIAL_FORMS": "0"}, False),
    ("/contacts/{contact_id}/ties/", {}, True),
    ("/contacts/{contact_id}/dates/", {}, True),
    ("/contacts/{contact_id}/attributes/", {}, True),
    ("/quiet/{contact_id}/plan/", {}, True),
    ("/quiet/{contact_id}/rhythm/", {"cadence_days": "nie"}, True),
    ("/quiet/{contact_id}/snooze/", {"for": "14"}, True),
    ("/encounters/picker/chip/", {"name": "Jemand Neues"}, True),
]  # fmt: skip


def test_every_form_with_mistakes_and_every_answer_fragment_reads_german(world, catalogue):
    client = Client(HTTP_ACCEPT_LANGUAGE="de")
    client.force_login(world.user)
    problems = {}
    for address, data, htmx in SENT:
        path = address.format(**world.ids)
        response = client.post(path, data, **(HTMX if htmx else {}))
        assert response.status_code < 500, path
        found = _problems_of(response, world.their_words, catalogue)
        if found:
            problems[path] = found
    assert problems == {}, json.dumps(problems, indent=1, ensure_ascii=False)


def test_every_mail_reads_german(world, catalogue):
    Client(HTTP_ACCEPT_LANGUAGE="de").post("/accounts/password_reset/", {"email": world.user.email})
    # An invitation, a sign-up, "you have an account", the digest, the new password.
    messages = world.mails + mail.outbox
    assert len(messages) >= 5
    problems = {}
    for message in messages:
        parts = [("text/plain", message.body)]
        parts += [(kind, content) for content, kind in getattr(message, "alternatives", [])]
        for kind, content in parts:
            pieces = visible_pieces(content, kind)
            pieces.append(message.subject)
            found = sorted(set(english_left(pieces, world.their_words, catalogue)))
            if found:
                problems[f"{message.subject} ({kind})"] = found
    assert problems == {}, json.dumps(problems, indent=1, ensure_ascii=False)
