"""Large, realistic, deterministic synthetic networks for the benchmarks (and tests that need size).

`plan_network` is a plain function: a seed and the sizes in, a `NetworkPlan` (contacts, ties,
encounters, dates, introductions, all by index) out, with no database. `write_networks` stores plans
for their owners with bulk inserts in batches, so 5,000 contacts with 50,000 encounters and 50,000
ties take seconds, not the hours a row at a time would. `generate_network` and `generate_users`
(the `generate_network` command) put the two together.

The shape, so the analyses have something real to find: contacts live in circles (a few dozen people
each); about a third of the circles are bubbles (one value on three to five dimensions for nearly
everyone in them), some are workplaces (one organisation and industry, every level), the rest are
mixed. Ties fall mostly inside circles; a few connectors bridge them. Each contact has a rhythm, from
weekly to yearly, over the years the owner has known them; some have gone quiet; face-to-face
encounters dominate and some bring several people together.
"""

import datetime
import math
import random
import unicodedata
from bisect import bisect
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import accumulate
from typing import Any, Generic, TypeVar

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.translation import override

from contacts.account import User
from contacts.models import (
    DEFAULT_DIMENSIONS,
    Contact,
    ContactAttribute,
    Dimension,
    ImportantDate,
    Introduction,
    Tie,
)
from encounters.models import IN_PERSON_KINDS, Encounter, EncounterParticipant

from . import vocabulary as words

# Rows per INSERT: large enough that round trips don't dominate, small enough for SQLite's limits
# (Django splits further where a backend needs it).
BATCH_SIZE = 2_000
# Users planned and written together in the many-users mode; bounds the memory, not the speed.
USERS_PER_CHUNK = 50
DIMENSION_COUNT = len(DEFAULT_DIMENSIONS)
# Shares and probabilities of the shape described above.
BUBBLE_SHARE = 0.3
WORKPLACE_SHARE = 0.3
BUBBLE_NOISE = 0.1
MISSING_VALUE = 0.12
INNER_TIE_SHARE = 0.85
MAX_INNER_DENSITY = 0.6
CONNECTOR_SHARE = 0.05
CONNECTOR_WEIGHT = 8
GONE_QUIET_SHARE = 0.25
NEVER_MET_SHARE = 0.04


_Value = TypeVar("_Value")


class _Pool(Generic[_Value]):
    """Weighted values to draw from with one call to the random generator per draw."""

    def __init__(self, pairs: Sequence[tuple[_Value, float]]):
        self.values = [value for value, _weight in pairs]
        self.cumulative = list(accumulate(weight for _value, weight in pairs))

    def draw(self, rng: random.Random) -> _Value:
        return self.values[bisect(self.cumulative, rng.random() * self.cumulative[-1])]


_DIMENSION_POOLS = [_Pool(values) for values in words.DIMENSION_VALUES]
_LEVEL_POOL = _Pool(words.LEVELS)
_COUNTRY_POOL = _Pool(words.COUNTRIES)
_CADENCE_POOL = _Pool(words.CADENCES)
_KIND_POOL = _Pool(words.KINDS)
_VIEWS_POOL = _Pool(words.VIEWS)
_TIE_POOLS = {
    "bubble": _Pool(words.TIE_KINDS_CLOSE),
    "workplace": _Pool(words.TIE_KINDS_CLOSE),
    "mixed": _Pool(words.TIE_KINDS_MIXED),
    "across": _Pool(words.TIE_KINDS_ACROSS),
}
_TRUST_POOL = _Pool([(1, 5), (2, 15), (3, 35), (4, 30), (5, 15)])
_STATUS_POOL = _Pool([("proposed", 15), ("made", 30), ("met", 40), ("declined", 15)])
_OUTCOME_POOL = _Pool([("pending", 30), ("fruitful", 40), ("neutral", 20), ("did_not_fit", 10)])


@dataclass(frozen=True)
class Circle:
    """A group of contacts who know each other; `kind` is bubble, workplace or mixed."""

    kind: str
    members: tuple[int, ...]
    # Per dimension position, the value nearly everyone in a bubble (or workplace) shares, else None.
    shared: tuple[str | None, ...]


@dataclass
class ContactPlan:
    fields: dict[str, Any]
    circle: int
    attributes: tuple[str | None, ...]
    met_through: int | None = None


@dataclass
class EncounterPlan:
    fields: dict[str, Any]
    participants: tuple[int, ...]


@dataclass
class NetworkPlan:
    """One person's network by index: contacts[i], ties (i, j, kind), encounters with indices."""

    contacts: list[ContactPlan]
    circles: list[Circle]
    ties: list[tuple[int, int, str]]
    encounters: list[EncounterPlan]
    dates: list[tuple[int, str, datetime.date]] = field(default_factory=list)
    introductions: list[tuple[int, int, dict[str, Any]]] = field(default_factory=list)

    @property
    def bubbles(self) -> list[Circle]:
        return [circle for circle in self.circles if circle.kind == "bubble"]

    @property
    def participant_count(self) -> int:
        return sum(len(encounter.participants) for encounter in self.encounters)


# --- Planning (no database) ------------------------------------------------------------------------


def plan_network(
    *, contacts: int, encounters: int, ties: int, seed: int, as_of: datetime.date, years: int = 6
) -> NetworkPlan:
    """A network of exactly `contacts` contacts, `encounters` encounters and `ties` ties.

    The same arguments always give the same plan. Encounters fall within `years` before `as_of`.
    """
    if contacts < 1 and (encounters or ties):
        raise ValueError("encounters and ties need contacts")
    if ties > contacts * (contacts - 1) // 2:
        raise ValueError(f"{contacts} contacts have at most {contacts * (contacts - 1) // 2} ties")
    rng = random.Random(seed)
    circles = _plan_circles(rng, contacts)
    people = _plan_contacts(rng, circles, as_of=as_of, years=years)
    rhythms = [_rhythm(rng, person, as_of=as_of) for person in people]
    plan = NetworkPlan(
        contacts=people,
        circles=circles,
        ties=_plan_ties(rng, circles, people, ties),
        encounters=_plan_encounters(rng, circles, people, rhythms, encounters, as_of=as_of),
    )
    plan.dates = _plan_dates(rng, people)
    plan.introductions = _plan_introductions(rng, people, as_of=as_of)
    return plan


def _plan_circles(rng: random.Random, count: int) -> list[Circle]:
    sizes: list[int] = []
    while sum(sizes) < count:
        sizes.append(max(4, min(200, round(math.exp(rng.gauss(3.3, 0.7))))))
    sizes[-1] -= sum(sizes) - count
    if len(sizes) > 1 and sizes[-1] < 4:
        last = sizes.pop()
        sizes[-1] += last
    circles, start = [], 0
    for number, size in enumerate(sizes):
        # Everyone has at least one bubble; the first circle is it.
        roll = 0.0 if number == 0 else rng.random()
        kind = (
            "bubble"
            if roll < BUBBLE_SHARE
            else "workplace"
            if roll < BUBBLE_SHARE + WORKPLACE_SHARE
            else "mixed"
        )
        typical = [pool.draw(rng) for pool in _DIMENSION_POOLS]
        if kind == "bubble":
            kept = set(rng.sample(range(DIMENSION_COUNT), rng.randint(3, DIMENSION_COUNT)))
        elif kind == "workplace":
            kept = {0}  # one industry, every level and background: a workplace, not a bubble
        else:
            kept = set()
        shared = tuple(
            value if position in kept else None for position, value in enumerate(typical)
        )
        circles.append(Circle(kind=kind, members=tuple(range(start, start + size)), shared=shared))
        start += size
    return circles


def _ascii(text: str) -> str:
    return (
        unicodedata.normalize("NFKD", text)
        .encode("ascii", "ignore")
        .decode()
        .lower()
        .replace(" ", "")
    )


def _organisation(rng: random.Random, industry: str | None) -> str:
    nouns = words.ORGANISATION_WORDS.get(industry or "", words.ORGANISATION_WORDS_DEFAULT)
    return " ".join(
        part
        for part in (
            rng.choice(words.ORGANISATION_PLACES),
            rng.choice(nouns),
            rng.choice(words.LEGAL_FORMS),
        )
        if part
    )


def _plan_contacts(
    rng: random.Random, circles: list[Circle], *, as_of: datetime.date, years: int
) -> list[ContactPlan]:
    people: list[ContactPlan] = []
    for number, circle in enumerate(circles):
        organisations = [
            _organisation(rng, circle.shared[0]) for _ in range(3 if circle.kind == "bubble" else 1)
        ]
        home = circle.shared[1] if circle.shared[1] in words.CITIES else "Germany"
        circle_city = rng.choice(words.CITIES[home])
        for position, index in enumerate(circle.members):
            values: list[str] = []
            for dimension, pool in enumerate(_DIMENSION_POOLS):
                shared = circle.shared[dimension]
                if shared is not None and rng.random() > (
                    0.05 if circle.kind == "workplace" else BUBBLE_NOISE
                ):
                    values.append(shared)
                else:
                    values.append(pool.draw(rng))
            # Some values are simply not known; never the first contact's, so every plan has some.
            attributes = tuple(
                value if index == 0 or rng.random() > MISSING_VALUE else None for value in values
            )
            industry, country, generation, level, field_ = values
            first_names, last_names = words.NAMES[words.CULTURE_OF_COUNTRY[country]]
            first, last = rng.choice(first_names), rng.choice(last_names)
            if country in words.OFTEN_IN_GERMANY:
                lives_in = "Germany" if rng.random() < 0.75 else country
            else:
                lives_in = country if rng.random() < 0.8 else "Germany"
            city = (
                circle_city
                if lives_in == home and rng.random() < 0.7
                else rng.choice(words.CITIES[lives_in])
            )
            if circle.kind == "bubble":
                organisation = rng.choice(organisations)
            elif circle.kind == "workplace":
                organisation = (
                    organisations[0] if rng.random() < 0.85 else _organisation(rng, industry)
                )
            else:
                organisation = _organisation(rng, industry) if rng.random() < 0.6 else ""
            role = rng.choice(words.ROLES[level]).format(field=field_)
            fields: dict[str, Any] = {
                "name": f"{first} {last}",
                "organisation": organisation,
                "role": role,
                "city": city,
                "country": lives_in,
            }
            if rng.random() < 0.7:
                domain = _ascii(organisation.split(" ")[0]) if organisation else "mail"
                fields["email"] = f"{_ascii(first)}.{_ascii(last)}@{domain}.example"
            if rng.random() < 0.35:
                code = words.DIALLING_CODES.get(lives_in, "+49")
                fields["phone"] = (
                    f"{code} {rng.randint(20, 999)} {rng.randint(1000, 9999)} {rng.randint(100, 999)}"
                )
            if rng.random() < 0.6:
                day = datetime.date(2001, 1, 1) + datetime.timedelta(days=rng.randrange(365))
                fields["birthday_month"], fields["birthday_day"] = day.month, day.day
                if rng.random() < 0.6:
                    fields["birthday_year"] = rng.randint(*words.BIRTH_YEARS[generation])
            if rng.random() < 0.12:
                fields["cadence_days"] = _CADENCE_POOL.draw(rng)
            if rng.random() < 0.5:
                fields["trust"] = _TRUST_POOL.draw(rng)
            if rng.random() < 0.03:
                fields["archived"] = True
            if rng.random() < 0.25:
                fields["how_we_met"] = rng.choice(words.HOW_WE_MET)
            # Known for a while: most for years, some only recently.
            known_days = max(1, round(years * 365 * rng.random() ** 0.6))
            fields["created_at"] = datetime.datetime.combine(
                as_of - datetime.timedelta(days=known_days), datetime.time(9), tzinfo=datetime.UTC
            )
            met_through = None
            if position > 0 and rng.random() < 0.12:
                met_through = circle.members[rng.randrange(position)]
            people.append(
                ContactPlan(
                    fields=fields, circle=number, attributes=attributes, met_through=met_through
                )
            )
    return people


@dataclass(frozen=True)
class _Rhythm:
    cadence: int
    start: datetime.date
    stop: datetime.date
    weight: float  # how many encounters this contact gets, relatively


def _rhythm(rng: random.Random, person: ContactPlan, *, as_of: datetime.date) -> _Rhythm:
    cadence = person.fields.get("cadence_days") or _CADENCE_POOL.draw(rng)
    start = person.fields["created_at"].date()
    if rng.random() < NEVER_MET_SHARE:
        return _Rhythm(cadence, start, start, 0.0)
    if rng.random() < GONE_QUIET_SHARE:
        stop = start + datetime.timedelta(days=round((as_of - start).days * rng.uniform(0.2, 0.9)))
    else:
        stop = max(start, as_of - datetime.timedelta(days=rng.randrange(cadence + 1)))
    return _Rhythm(cadence, start, stop, ((stop - start).days + cadence) / cadence)


def _pair(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a < b else (b, a)


def _plan_ties(
    rng: random.Random, circles: list[Circle], people: list[ContactPlan], count: int
) -> list[tuple[int, int, str]]:
    seen: dict[tuple[int, int], str] = {}
    capacity = [int(MAX_INNER_DENSITY * len(c.members) * (len(c.members) - 1) / 2) for c in circles]
    used = [0] * len(circles)
    sizes = list(accumulate(len(c.members) for c in circles))
    inner = round(INNER_TIE_SHARE * count)
    attempts = 0
    while (
        len(seen) < inner
        and attempts < 20 * count
        and any(u < c for u, c in zip(used, capacity, strict=True))
    ):
        attempts += 1
        number = bisect(sizes, rng.random() * sizes[-1])
        if used[number] >= capacity[number]:
            continue
        circle = circles[number]
        a, b = rng.sample(circle.members, 2)
        pair = _pair(a, b)
        if pair not in seen:
            seen[pair] = _TIE_POOLS[circle.kind].draw(rng)
            used[number] += 1
    # The rest bridge circles, mostly through a few well-connected people.
    weights = list(
        accumulate(CONNECTOR_WEIGHT if rng.random() < CONNECTOR_SHARE else 1 for _ in people)
    )
    attempts = 0
    while len(seen) < count:
        attempts += 1
        a = bisect(weights, rng.random() * weights[-1])
        b = bisect(weights, rng.random() * weights[-1])
        # After many misses (a small, dense network) any pair will do.
        if a == b or (people[a].circle == people[b].circle and attempts < 50 * count):
            continue
        pair = _pair(a, b)
        if pair not in seen:
            seen[pair] = _TIE_POOLS["across"].draw(rng)
    return [(a, b, kind) for (a, b), kind in seen.items()]


def _plan_encounters(
    rng: random.Random,
    circles: list[Circle],
    people: list[ContactPlan],
    rhythms: list[_Rhythm],
    count: int,
    *,
    as_of: datetime.date,
) -> list[EncounterPlan]:
    if not count:
        return []
    weights = list(accumulate(r.weight for r in rhythms))
    if weights[-1] == 0:
        weights = list(range(1, len(rhythms) + 1))
    # Each encounter has one contact it was "for"; how many each gets follows their rhythm.
    per_contact = Counter(bisect(weights, rng.random() * weights[-1]) for _ in range(count))
    planned: list[tuple[datetime.date, int, EncounterPlan]] = []
    for index in sorted(per_contact):
        rhythm, times = rhythms[index], per_contact[index]
        span = max(0, (rhythm.stop - rhythm.start).days)
        gap = span / times
        circle = circles[people[index].circle].members
        for n in range(times):
            jitter = rng.uniform(-0.3, 0.3) * gap
            offset = min(span, max(0, round(n * gap + jitter)))
            occurred_on = min(as_of, rhythm.stop - datetime.timedelta(days=offset))
            planned.append(
                (
                    occurred_on,
                    len(planned),
                    _encounter(rng, index, circle, len(people), occurred_on),
                )
            )
    planned.sort(key=lambda item: (item[0], item[1]))
    return [item[2] for item in planned]


def _encounter(
    rng: random.Random, index: int, circle: tuple[int, ...], total: int, occurred_on: datetime.date
) -> EncounterPlan:
    kind = _KIND_POOL.draw(rng)
    who = [index]
    chance, fewest, most = words.COMPANY.get(kind, (0.05, 1, 1))
    if rng.random() < chance and len(circle) > 1:
        others = [
            member for member in rng.sample(circle, min(len(circle), most + 1)) if member != index
        ]
        who += others[: rng.randint(fewest, most)]
        if rng.random() < 0.1 and total > len(circle):
            stranger = rng.randrange(total)
            if stranger not in who:
                who.append(stranger)
    fields = {
        "occurred_on": occurred_on,
        "kind": kind,
        "planned": rng.random() < words.PLANNED.get(kind, 0.9),
        "views": _VIEWS_POOL.draw(rng),
        "created_at": datetime.datetime.combine(
            occurred_on, datetime.time(20), tzinfo=datetime.UTC
        ),
    }
    if rng.random() < 0.35:
        fields["time"] = datetime.time.fromisoformat(rng.choice(words.TIMES))
    if kind in words.LOCATIONS and rng.random() < 0.4:
        fields["location"] = rng.choice(words.LOCATIONS[kind])
    if rng.random() < 0.35:
        fields["notes"] = f"{rng.choice(words.OPENERS)} {rng.choice(words.TOPICS)}."
    if rng.random() < 0.15:
        fields["learned"] = rng.choice(words.LEARNED)
    if rng.random() < 0.03:
        fields["follow_up_on"] = occurred_on + datetime.timedelta(days=rng.choice([7, 14, 30]))
    return EncounterPlan(fields=fields, participants=tuple(who))


def _plan_dates(
    rng: random.Random, people: list[ContactPlan]
) -> list[tuple[int, str, datetime.date]]:
    dates = []
    for index in range(len(people)):
        if rng.random() < 0.08:
            day = datetime.date(rng.randint(1960, 2024), 1, 1) + datetime.timedelta(
                days=rng.randrange(365)
            )
            dates.append((index, rng.choice(words.DATE_LABELS), day))
    return dates


def _plan_introductions(
    rng: random.Random, people: list[ContactPlan], *, as_of: datetime.date
) -> list[tuple[int, int, dict]]:
    if len(people) < 2:
        return []
    found = []
    for _ in range(max(1, len(people) // 60)):
        a, b = rng.sample(range(len(people)), 2)
        status = _STATUS_POOL.draw(rng)
        made_on = as_of - datetime.timedelta(days=rng.randrange(730))
        fields = {
            "made_on": made_on,
            "reason": rng.choice(words.INTRODUCTION_REASONS),
            "channel": rng.choice(["in_person", "email", "message"]),
            "status": status,
            "outcome": _OUTCOME_POOL.draw(rng) if status == "met" else "pending",
        }
        if rng.random() < 0.5:
            fields["follow_up_on"] = made_on + datetime.timedelta(days=rng.choice([14, 30, 60]))
        found.append((a, b, fields))
    return found


# --- Writing (bulk inserts) -------------------------------------------------------------------------


class _Rows:
    """New rows of one model, written in bulk: with COPY on PostgreSQL, bulk_create elsewhere.

    COPY is several times faster than INSERT for hundreds of thousands of rows, and it skips
    building a model instance per row; the ids it needs come from the table's own sequence first.
    Values are given by attribute name (owner_id, contact_id); the others get the field's default.
    """

    def __init__(self, model: type[models.Model]):
        self.model = model
        self.fields = [
            f for f in model._meta.concrete_fields if not f.primary_key and not f.generated
        ]
        now = timezone.now()
        self.defaults = {
            f.attname: now if getattr(f, "auto_now", False) else f.get_default()
            for f in self.fields
        }
        self.rows: list[dict[str, Any]] = []

    def add(self, **values: Any) -> None:
        self.rows.append(values)

    def write(self) -> list[int]:
        """Store the rows; returns their ids in the order they were added."""
        if connection.vendor != "postgresql":
            created = self.model._default_manager.bulk_create(
                [self.model(**values) for values in self.rows], batch_size=BATCH_SIZE
            )
            return [row.pk for row in created]
        table = self.model._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                [table, len(self.rows)],
            )
            ids = [pk for (pk,) in cursor.fetchall()]
        quote = connection.ops.quote_name
        column_names = ["id"]
        for f in self.fields:
            assert f.column is not None  # only many-to-many fields have none; these are concrete
            column_names.append(f.column)
        columns = ", ".join(quote(c) for c in column_names)
        names = [f.attname for f in self.fields]
        defaults = self.defaults
        with (
            connection.connection.cursor() as cursor,
            cursor.copy(f"COPY {quote(table)} ({columns}) FROM STDIN") as copy,
        ):
            for pk, values in zip(ids, self.rows, strict=True):
                copy.write_row([pk, *(values.get(name, defaults[name]) for name in names)])
        return ids


@transaction.atomic
def write_networks(owned_plans: Sequence[tuple[User, NetworkPlan]]) -> None:
    """Store each plan for its owner: one bulk write per table (in batches), whatever the size."""
    connection.ensure_connection()
    owners = [owner for owner, _plan in owned_plans]
    dimensions: dict[int, list[int]] = {owner.pk: [] for owner in owners}
    for owner_id, pk in (
        Dimension.objects.filter(owner__in=owners)
        .order_by("owner_id", "position", "id")
        .values_list("owner_id", "pk")
    ):
        dimensions[owner_id].append(pk)

    contacts = _Rows(Contact)
    for owner, plan in owned_plans:
        for person in plan.contacts:
            contacts.add(owner_id=owner.pk, **person.fields)
    contact_ids = iter(contacts.write())
    ids = [[next(contact_ids) for _person in plan.contacts] for _owner, plan in owned_plans]

    # Who introduced whom needs both ids: set afterwards (a few hundred rows).
    Contact.objects.bulk_update(
        [
            Contact(pk=pks[index], met_through_id=pks[person.met_through])
            for (_owner, plan), pks in zip(owned_plans, ids, strict=True)
            for index, person in enumerate(plan.contacts)
            if person.met_through is not None
        ],
        ["met_through"],
        batch_size=BATCH_SIZE,
    )
    attributes, ties, encounters = _Rows(ContactAttribute), _Rows(Tie), _Rows(Encounter)
    dates, introductions = _Rows(ImportantDate), _Rows(Introduction)
    for (owner, plan), pks in zip(owned_plans, ids, strict=True):
        for index, person in enumerate(plan.contacts):
            for dimension_id, value in zip(dimensions[owner.pk], person.attributes, strict=False):
                if value is not None:
                    attributes.add(
                        owner_id=owner.pk,
                        contact_id=pks[index],
                        dimension_id=dimension_id,
                        value=value,
                    )
        for a, b, kind in plan.ties:
            since = max(
                plan.contacts[a].fields["created_at"], plan.contacts[b].fields["created_at"]
            )
            # Stored with the lower id first, as Tie.save() would.
            first, second = sorted((pks[a], pks[b]))
            ties.add(owner_id=owner.pk, a_id=first, b_id=second, kind=kind, created_at=since)
        for planned in plan.encounters:
            encounters.add(owner_id=owner.pk, **planned.fields)
        for index, label, day in plan.dates:
            dates.add(owner_id=owner.pk, contact_id=pks[index], label=label, date=day)
        for a, b, fields in plan.introductions:
            introductions.add(owner_id=owner.pk, a_id=pks[a], b_id=pks[b], **fields)
    for rows in (attributes, ties, dates, introductions):
        rows.write()
    encounter_ids = iter(encounters.write())
    participants = _Rows(EncounterParticipant)
    for (owner, plan), pks in zip(owned_plans, ids, strict=True):
        for planned in plan.encounters:
            encounter_id = next(encounter_ids)
            # The copies EncounterParticipant keeps of its encounter (COPY skips the model layer).
            occurred_on = planned.fields["occurred_on"]
            in_person = planned.fields["kind"] in IN_PERSON_KINDS
            for index in planned.participants:
                participants.add(
                    encounter_id=encounter_id,
                    contact_id=pks[index],
                    owner_id=owner.pk,
                    occurred_on=occurred_on,
                    in_person=in_person,
                )
    participants.write()


# --- Users and their networks ----------------------------------------------------------------------

# The many-users mode spreads its people over a few time zones, languages and digest times; every
# digest time is Monday to Saturday, so on a Sunday every one of them is due (see bench/run.py).
_ZONES = _Pool(
    [
        ("Europe/Berlin", 70),
        ("Europe/London", 8),
        ("Europe/Istanbul", 5),
        ("America/New_York", 7),
        ("Asia/Tokyo", 5),
        ("UTC", 5),
    ]
)
_LANGUAGES = _Pool([("en", 80), ("de", 20)])
_WEEKDAYS = _Pool([(0, 60), (1, 10), (2, 10), (3, 5), (4, 10), (5, 5)])


def remove_users(users: Iterable[User]) -> int:
    """Delete users and everything they own; returns how many users went."""
    users = list(users)
    if not users:
        return 0
    with transaction.atomic():
        # The leaves first, each in one statement: deleting the users alone would make Django
        # collect every participant, tie and attribute row in Python before deleting it.
        EncounterParticipant.objects.filter(encounter__owner__in=users).delete()
        for model in (Tie, ContactAttribute, ImportantDate):
            model.objects.filter(owner__in=users).delete()
        Contact.objects.filter(owner__in=users).update(met_through=None)
        get_user_model().objects.filter(pk__in=[u.pk for u in users]).delete()
    return len(users)


def generate_network(
    username: str,
    *,
    contacts: int,
    encounters: int,
    ties: int,
    seed: int = 1,
    as_of: datetime.date | None = None,
    years: int = 6,
    password: str | None = None,
) -> tuple[User, NetworkPlan]:
    """Create `username` (the default dimensions come with the account) and their network."""
    as_of = as_of or datetime.date.today()
    plan = plan_network(
        contacts=contacts, encounters=encounters, ties=ties, seed=seed, as_of=as_of, years=years
    )
    with transaction.atomic():
        user = get_user_model().objects.create_user(
            username, email=f"{username}@example.org", password=password
        )
        write_networks([(user, plan)])
    return user, plan


def generate_users(
    count: int,
    *,
    contacts_per_user: int,
    encounters_per_user: int,
    ties_per_user: int,
    seed: int = 1,
    prefix: str = "bench-user",
    as_of: datetime.date | None = None,
    years: int = 4,
    password: str | None = None,
) -> list[User]:
    """`count` users named prefix-0001 … with a network each, written USERS_PER_CHUNK at a time."""
    as_of = as_of or datetime.date.today()
    rng = random.Random(seed)
    # One hash shared by all (hashing costs a good part of a second each); none: no login at all.
    hashed = make_password(password) if password else None
    account_model = get_user_model()
    users = []
    for number in range(1, count + 1):
        user = account_model(
            username=f"{prefix}-{number:04d}",
            email=f"{prefix}-{number:04d}@example.org",
            time_zone=_ZONES.draw(rng),
            language=_LANGUAGES.draw(rng),
            digest_weekday=_WEEKDAYS.draw(rng),
            digest_hour=rng.randint(6, 9),
        )
        user.password = hashed or make_password(None)
        users.append(user)
    with transaction.atomic():
        users = account_model.objects.bulk_create(users, batch_size=BATCH_SIZE)
        # bulk_create sends no post_save: give them the default dimensions as the signal would.
        dimensions = []
        for user in users:
            with override(user.language):
                dimensions += [
                    Dimension(owner=user, name=str(name), position=i)
                    for i, name in enumerate(DEFAULT_DIMENSIONS)
                ]
        Dimension.objects.bulk_create(dimensions, batch_size=BATCH_SIZE)
        for start in range(0, len(users), USERS_PER_CHUNK):
            chunk = users[start : start + USERS_PER_CHUNK]
            write_networks(
                [
                    (
                        user,
                        plan_network(
                            contacts=contacts_per_user,
                            encounters=encounters_per_user,
                            ties=ties_per_user,
                            seed=seed * 1_000_003 + start + offset,
                            as_of=as_of,
                            years=years,
                        ),
                    )
                    for offset, user in enumerate(chunk)
                ]
            )
    return users
