"""The API's endpoints: each asks the same querysets and calls the same actions as the pages.

Every row is reached through `for_user(owner)`, so another person's id is a 404, as on the pages.
Errors are JSON `{"detail": ...}` with a 4xx status; lists are paged (`page`, `page_size`).
"""

import datetime
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import NinjaAPI, Query, Schema
from ninja.errors import HttpError
from ninja.responses import Status
from ninja.security import HttpBearer
from pydantic import Field

from contacts.account import User
from contacts.dates import Birthday
from contacts.filters import STATUSES, ContactFilters
from contacts.introductions.actions import make_introduction, record_step
from contacts.models import Contact, Introduction
from contacts.network.snapshots import latest_snapshot
from encounters.models import Encounter
from encounters.quiet import cached_quiet_ranking
from encounters.recording import log_encounter
from exchange.keys import TOKEN_USERNAME, check_token, is_locked_out
from exchange.models import AppPassword

from .schemas import (
    ContactChange,
    ContactIn,
    ContactOut,
    Date,
    EncounterIn,
    EncounterOut,
    Error,
    Id,
    IntroductionIn,
    IntroductionOut,
    NetworkOut,
    QuietOut,
    StepIn,
)

MAX_PAGE_SIZE = 200
# An offset past this is no page anyone reads; it keeps OFFSET within what the database takes.
MAX_PAGE = 100_000

Row = TypeVar("Row", bound=models.Model)


class TokenAuth(HttpBearer):
    """`Authorization: Bearer <token>` with a token from the settings page (or create_api_token)."""

    def authenticate(self, request: HttpRequest, token: str) -> AppPassword | None:
        if is_locked_out(request, TOKEN_USERNAME):
            raise HttpError(429, "Too many failed attempts; wait a quarter of an hour.")
        return check_token(request, token)


api = NinjaAPI(
    title="Weitblick API",
    version="1",
    description="Your contacts, encounters and introductions, for scripts and shortcuts. "
    "Send a token from Settings → Phones and scripts as `Authorization: Bearer <token>`.",
    auth=TokenAuth(),
    urls_namespace="api",
)


@api.exception_handler(ValidationError)
def validation_failed(request: HttpRequest, error: ValidationError) -> HttpResponse:
    detail: Any = error.message_dict if hasattr(error, "error_dict") else error.messages
    return api.create_response(request, {"detail": detail}, status=400)


def _owner(request: HttpRequest) -> User:
    key: AppPassword = request.auth  # type: ignore[attr-defined]
    return key.owner


def _writer(request: HttpRequest) -> User:
    key: AppPassword = request.auth  # type: ignore[attr-defined]
    if not key.can_write:
        raise HttpError(403, "This token can only read.")
    return key.owner


def _today(user: User) -> datetime.date:
    return timezone.localdate(timezone=user.zone)


class Paging(Schema):
    page: int = Field(1, ge=1, le=MAX_PAGE)
    page_size: int = Field(50, ge=1, le=MAX_PAGE_SIZE)


def _page(rows: "models.QuerySet[Row]", paging: Paging) -> dict[str, Any]:
    start = (paging.page - 1) * paging.page_size
    return {
        "count": rows.count(),
        "page": paging.page,
        "page_size": paging.page_size,
        "items": list(rows[start : start + paging.page_size]),
    }


class ContactPage(Schema):
    count: int
    page: int
    page_size: int
    items: list[ContactOut]


class EncounterPage(Schema):
    count: int
    page: int
    page_size: int
    items: list[EncounterOut]


class IntroductionPage(Schema):
    count: int
    page: int
    page_size: int
    items: list[IntroductionOut]


# 422: a request that does not fit the schema (django-ninja's validation, a list of problems).
ERRORS: dict[int, type[Schema]] = {
    400: Error,
    401: Error,
    403: Error,
    404: Error,
    422: Error,
    429: Error,
}


# --- Contacts -------------------------------------------------------------------------------------


class ContactQuery(Paging):
    q: str = Field("", max_length=200, description="name, organisation, email, city or role")
    status: str = Field("active", pattern="^(" + "|".join(STATUSES) + ")$")


@api.get("/contacts", response={200: ContactPage, **ERRORS}, tags=["contacts"])
def list_contacts(request: HttpRequest, query: Query[ContactQuery]) -> dict[str, Any]:
    """The contact list, with its search and filters."""
    filters = ContactFilters(query=query.q.replace("\x00", ""), status=query.status)
    contacts = filters.apply(Contact.objects.for_user(_owner(request))).order_by("name", "id")
    return _page(contacts, query)


def _apply(contact: Contact, change: ContactChange, user: User) -> None:
    values = change.dict(exclude_unset=True)
    if "birthday" in values:
        text = values.pop("birthday")
        try:
            contact.birthday = Birthday.parse(text) if text else None
        except ValueError:
            raise ValidationError({"birthday": ["This is not a date."]}) from None
    if "met_through_id" in values:
        through = values.pop("met_through_id")
        contact.met_through = (
            get_object_or_404(Contact.objects.for_user(user), pk=through) if through else None
        )
    for name, value in values.items():
        setattr(
            contact, name, "" if value is None and name not in ("cadence_days", "trust") else value
        )
    contact.full_clean(exclude=["owner"])
    contact.save()


@api.post("/contacts", response={201: ContactOut, **ERRORS}, tags=["contacts"])
def create_contact(request: HttpRequest, data: ContactIn) -> Status[Contact]:
    user = _writer(request)
    contact = Contact(owner=user)
    _apply(contact, data, user)
    return Status(201, contact)


@api.get("/contacts/{contact_id}", response={200: ContactOut, **ERRORS}, tags=["contacts"])
def get_contact(request: HttpRequest, contact_id: Id) -> Contact:
    return get_object_or_404(Contact.objects.for_user(_owner(request)), pk=contact_id)


@api.patch("/contacts/{contact_id}", response={200: ContactOut, **ERRORS}, tags=["contacts"])
def update_contact(request: HttpRequest, contact_id: Id, data: ContactChange) -> Contact:
    """Change the fields sent; the others stay as they are."""
    user = _writer(request)
    contact = get_object_or_404(Contact.objects.for_user(user), pk=contact_id)
    _apply(contact, data, user)
    return contact


@api.post("/contacts/{contact_id}/archive", response={200: ContactOut, **ERRORS}, tags=["contacts"])
def archive_contact(request: HttpRequest, contact_id: Id) -> Contact:
    """Archive a contact: off the lists, with all their history kept."""
    user = _writer(request)
    contact = get_object_or_404(Contact.objects.for_user(user), pk=contact_id)
    contact.archived = True
    contact.save(update_fields=["archived", "updated_at"])
    return contact


# --- Encounters -----------------------------------------------------------------------------------


class EncounterQuery(Paging):
    contact: Id | None = Field(None, description="only encounters with this contact")
    since: Date | None = None
    until: Date | None = None


def _encounters(user: User) -> "models.QuerySet[Encounter]":
    return Encounter.objects.for_user(user).prefetch_related(
        Prefetch("participants", queryset=Contact.objects.only("id"))
    )


@api.get("/encounters", response={200: EncounterPage, **ERRORS}, tags=["encounters"])
def list_encounters(request: HttpRequest, query: Query[EncounterQuery]) -> dict[str, Any]:
    """Encounters, the latest first; by contact and by date (both ends included)."""
    user = _owner(request)
    encounters = _encounters(user)
    if query.contact is not None:
        encounters = encounters.filter(participants=query.contact)
    if query.since is not None:
        encounters = encounters.filter(occurred_on__gte=query.since)
    if query.until is not None:
        encounters = encounters.filter(occurred_on__lte=query.until)
    return _page(encounters, query)


@api.get("/encounters/{encounter_id}", response={200: EncounterOut, **ERRORS}, tags=["encounters"])
def get_encounter(request: HttpRequest, encounter_id: Id) -> Encounter:
    return get_object_or_404(_encounters(_owner(request)), pk=encounter_id)


@api.post(
    "/encounters", response={200: EncounterOut, 201: EncounterOut, **ERRORS}, tags=["encounters"]
)
def create_encounter(request: HttpRequest, data: EncounterIn) -> Status[Encounter]:
    """Log an encounter, as the quick log does: with contacts by id and new people by name.

    With a `client_key`, a retry stores nothing more and answers 200 with the first encounter.
    """
    user = _writer(request)
    known = (
        data.client_key is not None
        and Encounter.objects.for_user(user).filter(client_key=data.client_key).exists()
    )
    participants = list(Contact.objects.for_user(user).filter(pk__in=set(data.participants)))
    if len(participants) != len(set(data.participants)):
        raise ValidationError({"participants": ["Choose only your own contacts."]})
    encounter, _created = log_encounter(
        user=user,
        kind=data.kind,
        participants=participants,
        new_people=data.new_people,
        occurred_on=data.occurred_on or _today(user),
        client_key=data.client_key,
        time=datetime.time.fromisoformat(data.time) if data.time else None,
        planned=data.planned,
        location=data.location,
        notes=data.notes,
        learned=data.learned,
        views=data.views,
        follow_up_on=data.follow_up_on,
    )
    return Status(200 if known else 201, get_object_or_404(_encounters(user), pk=encounter.pk))


# --- Introductions --------------------------------------------------------------------------------


@api.get("/introductions", response={200: IntroductionPage, **ERRORS}, tags=["introductions"])
def list_introductions(request: HttpRequest, query: Query[Paging]) -> dict[str, Any]:
    rows = Introduction.objects.for_user(_owner(request)).order_by("-made_on", "-id")
    return _page(rows, query)


@api.post("/introductions", response={201: IntroductionOut, **ERRORS}, tags=["introductions"])
def create_introduction(request: HttpRequest, data: IntroductionIn) -> Status[Introduction]:
    """Introduce two of your contacts; the reason is what you vouch for."""
    user = _writer(request)
    contacts = Contact.objects.for_user(user)
    introduction = make_introduction(
        user=user,
        a=get_object_or_404(contacts, pk=data.a_id),
        b=get_object_or_404(contacts, pk=data.b_id),
        reason=data.reason,
        channel=data.channel,
        ask_first=data.ask_first,
    )
    return Status(201, introduction)


@api.post(
    "/introductions/{introduction_id}/steps",
    response={200: IntroductionOut, **ERRORS},
    tags=["introductions"],
)
def record_introduction_step(
    request: HttpRequest, introduction_id: Id, data: StepIn
) -> Introduction:
    """Move an introduction on (made → met, or declined), or record how it turned out."""
    user = _writer(request)
    introduction = get_object_or_404(Introduction.objects.for_user(user), pk=introduction_id)
    return record_step(introduction, status=data.status, outcome=data.outcome, note=data.note)


# --- Reports --------------------------------------------------------------------------------------


@api.get("/quiet", response={200: list[QuietOut], **ERRORS}, tags=["reports"])
def gone_quiet(request: HttpRequest) -> list[dict[str, object]]:
    """Who has gone quiet, most overdue first: the same list as the page."""
    user = _owner(request)
    return [item.as_json() for item in cached_quiet_ranking(user, _today(user))]


@api.get("/network", response={200: NetworkOut, **ERRORS}, tags=["reports"])
def network_report(request: HttpRequest) -> Any:
    """The latest network analysis: circles, bubbles and the report behind them."""
    snapshot = latest_snapshot(_owner(request))
    if snapshot is None:
        raise HttpError(404, "No network analysis has been computed yet.")
    return snapshot
