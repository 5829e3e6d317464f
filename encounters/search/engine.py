"""Search across what a person wrote: contacts, encounters and introductions, in one function.

`search(user, text)` makes five queries whatever the number of rows: contacts (with their
attribute values), encounters (with their participants) and introductions. Matching uses the
database's own full-text search (PostgreSQL: to_tsvector with the account's language; SQLite:
FTS5 over stems made in Python), near misses in names use trigrams (pg_trgm, or the same
arithmetic in Python on SQLite), and ordering uses only values both compute alike, so both
databases give the same results wherever their engines agree (docs/search.md says where not).
"""

from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import (
    Case,
    F,
    FloatField,
    Func,
    Prefetch,
    QuerySet,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Lower
from django.db.models.lookups import Contains, StartsWith
from django.utils.translation import gettext as _

from contacts.account import User
from contacts.models import Contact, ContactAttribute, Introduction

from ..models import Encounter
from .schema import CONFIGS, FTS_TABLES, pg_document
from .text import DEFAULT_LANGUAGE, excerpt, fold, last_word_prefixes, marked, query_words, stem

CONTACT_RESULTS = 8
ENCOUNTER_RESULTS = 10
INTRODUCTION_RESULTS = 5
# pg_trgm's own default for strict_word_similarity(): "Mueller" comes to 0.5 of "Hans Müller",
# "Svenson" to 0.7 of "Ingrid Svensson"; "Frankfurt" to 0.45 of "Frank Richter", another name.
NEAR_MISS = 0.5
# In the order of contacts, being found in what was written about them counts about as much as a
# name that comes near: "Frankfurt" puts the people in Frankfurt before Frank and Franke.
TEXT_MATCH = 0.5

Pieces = list[tuple[str, bool]]


class Fold(Func):
    """Lower case without accents, in SQL (weitblick_fold on both databases)."""

    function = "weitblick_fold"


class NameSimilarity(Func):
    """text.name_similarity in SQL: pg_trgm's strict_word_similarity(), or the same in Python."""

    output_field = FloatField()

    def as_sql(  # type: ignore[override]  # the SQL differs per database; no template applies
        self, compiler: Any, connection: Any, **extra: Any
    ) -> tuple[str, list[Any]]:
        query_sql, query_params = compiler.compile(self.source_expressions[0])
        name_sql, name_params = compiler.compile(self.source_expressions[1])
        if connection.vendor == "postgresql":
            return (
                f"strict_word_similarity({query_sql}, weitblick_fold({name_sql}))",
                [*query_params, *name_params],
            )
        return (
            f"weitblick_name_similarity({query_sql}, {name_sql})",
            [*query_params, *name_params],
        )


def language_of(user: User) -> str:
    language = getattr(user, "language", "") or DEFAULT_LANGUAGE
    return language if language in CONFIGS else DEFAULT_LANGUAGE


def _tsquery(word: str, *, last: bool) -> str:
    if not last:
        return word
    return "(" + " | ".join(f"{prefix}:*" for prefix in last_word_prefixes(word)) + ")"


def _fts_match(word_list: list[str], language: str) -> str:
    """An FTS5 query: every word's stem, the last one as the prefixes being typed."""
    terms = [f'"{stem(word, language)}"' for word in word_list[:-1]]
    last = [f'"{stem(p, language)}"*' for p in last_word_prefixes(word_list[-1])]
    return " AND ".join([*terms, "(" + " OR ".join(last) + ")"])


def _like(text: str) -> str:
    """A LIKE pattern for `text` anywhere (ESCAPE '\\')."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _text_ids_sql(
    table: str, user: User, word_list: list[str], language: str
) -> tuple[str, list[Any]]:
    """SQL for the ids of the user's rows whose text holds every word (the last as a prefix)."""
    if connection.vendor == "postgresql":
        config = CONFIGS[language]
        query = " & ".join(
            _tsquery(w, last=i == len(word_list) - 1) for i, w in enumerate(word_list)
        )
        return (
            f'SELECT "id" FROM {table} WHERE "owner_id" = %s AND '
            f"{pg_document(table, config)} @@ to_tsquery('{config}'::regconfig, %s)",
            [user.pk, query],
        )
    fts = FTS_TABLES[table]
    return (
        f"SELECT rowid FROM {fts} WHERE {fts} MATCH %s AND owner_id = %s",
        [_fts_match(word_list, language), user.pk],
    )


def matching_ids(table: str, user: User, word_list: list[str], language: str) -> RawSQL:
    """The ids of the user's rows of `table` whose text holds every word (the last as a prefix).

    On PostgreSQL the match is computed once, apart, as an array (an InitPlan): rows just
    written have no statistics yet, and with an estimate of one row the planner otherwise joins
    the match as the inner side of a nested loop and reads every row's text once per row (2.7 s
    for 351 encounters instead of a few milliseconds).
    """
    sql, params = _text_ids_sql(table, user, word_list, language)
    if connection.vendor == "postgresql":
        sql = f"SELECT unnest(ARRAY({sql}))"
    return RawSQL(sql, params)


def _contact_text_sql(user: User, word_list: list[str], language: str) -> tuple[str, list[Any]]:
    """Contacts whose own text or attribute values hold every word.

    SQLite's index holds the values in the contact's row; on PostgreSQL each word may be found
    in the contact's columns or in one of its values.
    """
    if connection.vendor != "postgresql":
        return _text_ids_sql("contacts_contact", user, word_list, language)
    config = CONFIGS[language]
    parts, params = [], []
    for index, word in enumerate(word_list):
        query = _tsquery(word, last=index == len(word_list) - 1)
        parts.append(
            f'(SELECT "id" FROM contacts_contact WHERE "owner_id" = %s AND '
            f"{pg_document('contacts_contact', config)} @@ to_tsquery('{config}'::regconfig, %s) "
            "UNION SELECT contact_id FROM contacts_contactattribute WHERE owner_id = %s AND "
            f"{pg_document('contacts_contactattribute', config)} "
            f"@@ to_tsquery('{config}'::regconfig, %s))"
        )
        params += [user.pk, query, user.pk, query]
    return " INTERSECT ".join(parts), params


def _contact_name_sql(user: User, folded: str) -> tuple[str, list[Any]]:
    """Contacts whose folded name contains what was typed, or comes near it (a near miss); on
    PostgreSQL both through the trigram index."""
    if connection.vendor == "postgresql":
        return (
            "SELECT id FROM contacts_contact WHERE owner_id = %s AND "
            "weitblick_fold(name) LIKE %s ESCAPE '\\' "
            "UNION SELECT id FROM contacts_contact WHERE owner_id = %s AND "
            "%s <<%% weitblick_fold(name) AND "
            "strict_word_similarity(%s, weitblick_fold(name)) >= %s",
            [user.pk, _like(folded), user.pk, folded, folded, NEAR_MISS],
        )
    return (
        "SELECT id FROM contacts_contact WHERE owner_id = %s AND ("
        "weitblick_fold(name) LIKE %s ESCAPE '\\' OR "
        "weitblick_name_similarity(%s, name) >= %s)",
        [user.pk, _like(folded), folded, NEAR_MISS],
    )


def _contact_candidates_sql(
    name: tuple[str, list[Any]], text: tuple[str, list[Any]], user: User, folded: str
) -> tuple[str, list[Any]]:
    """Contacts found by name, by email, or by what was written about them."""
    return (
        f"{name[0]} UNION SELECT id FROM contacts_contact WHERE owner_id = %s AND "
        f"lower(email) LIKE %s ESCAPE '\\' UNION {text[0]}",
        [*name[1], user.pk, _like(folded), *text[1]],
    )


# --- Results -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ContactHit:
    contact: Contact
    name: Pieces
    detail: Pieces
    found_in: str = ""
    snippet: Pieces = field(default_factory=list)


@dataclass(frozen=True)
class EncounterHit:
    encounter: Encounter
    found_in: str
    snippet: Pieces


@dataclass(frozen=True)
class IntroductionHit:
    introduction: Introduction
    snippet: Pieces


@dataclass(frozen=True)
class SearchResults:
    query: str
    contacts: list[ContactHit] = field(default_factory=list)
    encounters: list[EncounterHit] = field(default_factory=list)
    introductions: list[IntroductionHit] = field(default_factory=list)
    more_contacts: bool = False
    more_encounters: bool = False
    more_introductions: bool = False

    @property
    def empty(self) -> bool:
        return not (self.contacts or self.encounters or self.introductions)


def _has_hit(pieces: Pieces) -> bool:
    return any(hit for _text, hit in pieces)


def _first_found(
    fields: list[tuple[str, str]], word_list: list[str], language: str
) -> tuple[str, Pieces]:
    """The first field (label, text) where a word is found, as a marked excerpt."""
    for label, text in fields:
        if text:
            pieces = marked(text, word_list, language)
            if _has_hit(pieces):
                return label, excerpt(pieces)
    return "", []


def contacts_matching(user: User, text: str) -> QuerySet[Contact]:
    """The user's contacts found by `text`, best first: names that start with it, then what was
    written about them and near misses by how near they come, then by name; archived ones last."""
    folded = fold(text).strip()
    word_list = query_words(text)
    if not folded or not word_list:
        return Contact.objects.none()
    language = language_of(user)
    name_sql = _contact_name_sql(user, folded)
    text_sql = _contact_text_sql(user, word_list, language)
    candidates_sql, candidates_params = _contact_candidates_sql(name_sql, text_sql, user, folded)
    folded_name = Fold(F("name"))
    return (
        Contact.objects.for_user(user)
        .filter(pk__in=RawSQL(candidates_sql, candidates_params))
        .annotate(
            # A name that starts with what was typed, then one with a word that does, and near
            # misses by how near they come (worked out only for the few found by name); then
            # what was written about them.
            score=Case(
                When(
                    pk__in=RawSQL(*name_sql),
                    then=Case(
                        When(StartsWith(folded_name, Value(folded)), then=Value(2.0)),
                        When(Contains(folded_name, Value(" " + folded)), then=Value(1.0)),
                        default=Value(0.0),
                        output_field=FloatField(),
                    )
                    + NameSimilarity(Value(folded), F("name")),
                ),
                default=Value(0.0),
                output_field=FloatField(),
            )
            + Case(When(pk__in=RawSQL(*text_sql), then=Value(TEXT_MATCH)), default=Value(0.0)),
        )
        .order_by("archived", F("score").desc(), Lower("name"), "id")
    )


def encounters_matching(user: User, text: str) -> QuerySet[Encounter]:
    """The user's encounters whose notes, what was learned or the place hold every word."""
    word_list = query_words(text)
    if not word_list:
        return Encounter.objects.none()
    return Encounter.objects.for_user(user).filter(
        pk__in=matching_ids("encounters_encounter", user, word_list, language_of(user))
    )


def introductions_matching(user: User, text: str) -> QuerySet[Introduction]:
    word_list = query_words(text)
    if not word_list:
        return Introduction.objects.none()
    return Introduction.objects.for_user(user).filter(
        pk__in=matching_ids("contacts_introduction", user, word_list, language_of(user))
    )


def search(user: User, text: str) -> SearchResults:
    """Everything of `user`'s that `text` finds, grouped, with the matching words marked."""
    text = text.strip()[:200]
    word_list = query_words(text)
    if not word_list:
        return SearchResults(query=text)
    language = language_of(user)

    contacts = list(
        contacts_matching(user, text).prefetch_related(
            Prefetch(
                "attributes",
                queryset=ContactAttribute.objects.select_related("dimension").order_by(
                    "dimension__position", "dimension_id"
                ),
            )
        )[: CONTACT_RESULTS + 1]
    )
    contact_hits: list[ContactHit] = []
    for contact in contacts[:CONTACT_RESULTS]:
        detail = " · ".join(p for p in (contact.role, contact.organisation, contact.city) if p)
        fields = [
            (str(_("notes")), contact.notes),
            (str(_("how we met")), contact.how_we_met),
            (str(_("email")), contact.email),
            (str(_("country")), contact.country),
        ] + [(a.dimension.name, a.value) for a in contact.attributes.all()]
        name_pieces = marked(contact.name, word_list, language)
        detail_pieces = marked(detail, word_list, language)
        found_in: str = ""
        snippet: Pieces = []
        if not (_has_hit(name_pieces) or _has_hit(detail_pieces)):
            found_in, snippet = _first_found(fields, word_list, language)
        contact_hits.append(ContactHit(contact, name_pieces, detail_pieces, found_in, snippet))

    encounters = list(
        encounters_matching(user, text)
        .prefetch_related("participants")
        .order_by("-occurred_on", "-id")[: ENCOUNTER_RESULTS + 1]
    )
    encounter_hits = []
    for encounter in encounters[:ENCOUNTER_RESULTS]:
        fields = [
            (str(_("what I learned")), encounter.learned),
            (str(_("notes")), encounter.notes),
            (str(_("where")), encounter.location),
        ]
        found_in, snippet = _first_found(fields, word_list, language)
        encounter_hits.append(EncounterHit(encounter, found_in, snippet))

    introductions = list(
        introductions_matching(user, text)
        .select_related("a", "b")
        .order_by("-made_on", "-id")[: INTRODUCTION_RESULTS + 1]
    )
    introduction_hits = [
        IntroductionHit(
            introduction,
            _first_found(
                [("", introduction.reason), ("", introduction.outcome_note)],
                word_list,
                language,
            )[1]
            or excerpt(marked(introduction.reason, word_list, language)),
        )
        for introduction in introductions[:INTRODUCTION_RESULTS]
    ]
    return SearchResults(
        query=text,
        contacts=contact_hits,
        encounters=encounter_hits,
        introductions=introduction_hits,
        more_contacts=len(contacts) > CONTACT_RESULTS,
        more_encounters=len(encounters) > ENCOUNTER_RESULTS,
        more_introductions=len(introductions) > INTRODUCTION_RESULTS,
    )
