"""What the API reads and writes: pydantic schemas, and the checks every text and id passes."""

import datetime
import re
import uuid
from typing import Annotated, Any, Literal

from ninja import Schema
from pydantic import AfterValidator, BeforeValidator, Field, model_validator

from contacts.models import Introduction
from encounters.models import Kind, Views

# PostgreSQL's bigint: a larger id is not an id, and must not reach the database as one.
Id = Annotated[int, Field(ge=1, le=2**63 - 1)]


def _storable(value: str) -> str:
    if "\x00" in value:
        raise ValueError("text may not contain NUL characters")
    return value


def _iso_date(value: object) -> object:
    """Only YYYY-MM-DD: pydantic would also read a number as seconds since 1970."""
    if isinstance(value, datetime.date) or (
        isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value)
    ):
        return value
    raise ValueError("a date is written YYYY-MM-DD")


Date = Annotated[datetime.date, BeforeValidator(_iso_date)]


class Body(Schema):
    """A request body: a JSON object, nothing else (django-ninja's schemas would read the
    attributes of anything, so a list would pass as an empty object)."""

    @model_validator(mode="before")
    @classmethod
    def _an_object(cls, value: Any) -> Any:
        # django-ninja hands the body over wrapped in its DjangoGetter.
        if not isinstance(getattr(value, "_obj", value), dict):
            raise ValueError("the body is a JSON object")
        return value


# Text the database can store: no NUL, and no longer than its column.
Storable = AfterValidator(_storable)
Name = Annotated[str, Field(min_length=1, max_length=200), Storable]
Text64 = Annotated[str, Field(max_length=64), Storable]
Text120 = Annotated[str, Field(max_length=120), Storable]
Text254 = Annotated[str, Field(max_length=254), Storable]
Short = Annotated[str, Field(max_length=200), Storable]
Long = Annotated[str, Field(max_length=20_000), Storable]
Reason = Annotated[str, Field(min_length=1, max_length=5_000), Storable]
# A wall-clock time in the owner's time zone, as the quick log takes it: no offset, no fraction
# (JSON Schema's "time" format demands an offset, which a time of day in one's own zone lacks).
TimeText = Annotated[
    str, Field(pattern=r"^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$", examples=["08:30", "19:45:00"])
]
BirthdayText = Annotated[
    str, Field(pattern=r"^(\d{4}|-)-\d{2}-\d{2}$", examples=["1979-04-12", "--04-12"])
]


class Error(Schema):
    detail: str | list[object] | dict[str, list[str]]


class ContactOut(Schema):
    id: int
    name: str
    email: str
    phone: str
    organisation: str
    role: str
    city: str
    country: str
    birthday: str | None = Field(description="YYYY-MM-DD, or --MM-DD without the year")
    how_we_met: str
    met_through_id: int | None
    cadence_days: int | None
    trust: int | None
    archived: bool
    notes: str
    created_at: datetime.datetime
    updated_at: datetime.datetime

    @staticmethod
    def resolve_birthday(contact: object) -> str | None:
        birthday = getattr(contact, "birthday", None)
        return birthday.isoformat() if birthday else None


class ContactChange(Body):
    """A contact's fields to set; those left out stay as they are."""

    name: Name | None = None
    email: Text254 | None = None
    phone: Text64 | None = None
    organisation: Short | None = None
    role: Short | None = None
    city: Text120 | None = None
    country: Text120 | None = None
    birthday: BirthdayText | None = None
    how_we_met: Long | None = None
    met_through_id: Id | None = None
    cadence_days: Annotated[int, Field(ge=1, le=36500)] | None = None
    trust: Annotated[int, Field(ge=1, le=5)] | None = None
    notes: Long | None = None


class ContactIn(ContactChange):
    name: Name


class EncounterOut(Schema):
    id: int
    occurred_on: datetime.date
    time: TimeText | None
    kind: Kind
    in_person: bool
    planned: bool
    location: str
    notes: str
    learned: str
    views: str
    follow_up_on: datetime.date | None
    participant_ids: list[int]
    client_key: uuid.UUID | None
    created_at: datetime.datetime

    @staticmethod
    def resolve_time(encounter: object) -> str | None:
        time = getattr(encounter, "time", None)
        return time.strftime("%H:%M:%S") if time else None

    @staticmethod
    def resolve_participant_ids(encounter: object) -> list[int]:
        return sorted(c.pk for c in encounter.participants.all())  # type: ignore[attr-defined]


class EncounterIn(Body):
    kind: Kind
    occurred_on: Date | None = Field(None, description="today when left out")
    time: TimeText | None = None
    participants: list[Id] = Field([], max_length=200, description="ids of your contacts")
    new_people: list[Name] = Field(
        [], max_length=50, description="names of people met for the first time"
    )
    planned: bool = True
    location: Short = ""
    notes: Long = ""
    learned: Long = ""
    views: Views | Literal[""] = ""
    follow_up_on: Date | None = None
    client_key: uuid.UUID | None = Field(
        None,
        description="an idempotency key: sending the same encounter again with the same key "
        "stores it once and answers with the first one",
    )


class IntroductionOut(Schema):
    id: int
    a_id: int
    b_id: int
    reason: str
    channel: Introduction.Channel
    made_on: datetime.date
    status: Introduction.Status
    outcome: Introduction.Outcome
    outcome_note: str
    follow_up_on: datetime.date | None


class IntroductionIn(Body):
    a_id: Id
    b_id: Id
    reason: Reason
    channel: Introduction.Channel = Introduction.Channel.EMAIL
    ask_first: bool = False


class StepIn(Body):
    status: Introduction.Status | None = None
    outcome: Introduction.Outcome | None = None
    note: Long = ""


class QuietOut(Schema):
    contact_id: int
    name: str
    last_seen: datetime.date | None
    days_since: int | None
    expected_days: int
    due_on: datetime.date | None
    overdue_days: int
    reason: str
    strength: float
    priority: float


class NetworkOut(Schema):
    computed_at: datetime.datetime | None
    contact_count: int
    cluster_count: int
    flagged_count: int
    homogeneity: float | None
    report: dict[str, object]
