"""Encounter pages: the quick log, the participant picker, editing, undo and delete."""

import re
import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import get_template
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import get_random_string
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from contacts.account import AuthenticatedRequest, is_id, next_on_this_site
from contacts.models import Contact

from .filters import EncounterFilters
from .forms import EncounterForm, dimensions_with_values
from .models import Encounter
from .recording import log_encounter, logged_with, undo_encounter, update_encounter

PICKER_RESULTS = 8
ENCOUNTERS_PER_PAGE = 30

# The fresh quick log a log answers with, rendered once per language, time zone, day and chosen
# contact (the chip of the page it sits on) and kept in the process with holes for what differs per
# answer: the CSRF token, the form's new idempotency key, the page to go back to. Nothing else in
# it depends on the account: the chips' markup is made of the ids and names in the key.
_FRESH_FORMS: dict[tuple[object, ...], list[str]] = {}
FRESH_FORMS_KEPT = 256
_HOLE_TOKEN = "wb0fresh0form0csrf0hole"
_HOLE_NEXT = "wb0fresh0form0next0hole"
_HOLE_KEY = uuid.UUID("00000000-0000-4000-8000-00000f0e5400")
_HOLES = re.compile(f'"({_HOLE_TOKEN}|{_HOLE_NEXT}|{_HOLE_KEY})"')


def _get_encounter_for_user(request: AuthenticatedRequest, encounter_id: int) -> Encounter:
    return get_object_or_404(Encounter.objects.for_user(request.user), pk=encounter_id)


def encounter_list(request: AuthenticatedRequest) -> HttpResponse:
    encounters: QuerySet[Encounter] = Encounter.objects.for_user(request.user).prefetch_related(
        "participants"
    )
    person = None
    if is_id(request.GET.get("contact", "")):
        person = get_object_or_404(
            Contact.objects.for_user(request.user), pk=request.GET["contact"]
        )
        encounters = encounters.filter(participants=person)
    filters = EncounterFilters(request.GET or None, user=request.user)
    if filters.is_bound:
        filters.is_valid()  # the valid filters apply; the form says what is wrong with the rest
        encounters = filters.apply(encounters)
    page = Paginator(encounters, ENCOUNTERS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "encounters/encounter_list.html",
        {
            "page": page,
            "filters": filters,
            "person": person,
            "form": EncounterForm(user=request.user, preselected=[person] if person else []),
            "preselect": person.pk if person else "",
            "next": request.get_full_path(),
        },
    )


@require_GET
def log_page(request: AuthenticatedRequest) -> HttpResponse:
    """The quick log on its own page: the home screen's start and the page a phone keeps offline."""
    return TemplateResponse(
        request,
        "encounters/log_page.html",
        {
            "form": EncounterForm(user=request.user),
            "next": request.path,
            "offline_page": True,
            "dimension_rows": [
                (dimension, suggestions, "")
                for dimension, suggestions in dimensions_with_values(request.user)
            ],
        },
    )


def _logged_before(request: AuthenticatedRequest) -> Encounter | None:
    """The encounter an earlier post of this form's client key stored, if one did."""
    try:
        client_key = uuid.UUID(request.POST.get("client_key", ""))
    except ValueError:
        return None
    logged = logged_with(request.user, client_key)
    return logged[0] if logged else None


def _refusal(form: EncounterForm) -> list[str]:
    """The form's errors as sentences, each once: the reason a device's outbox shows."""
    reasons: list[str] = []
    for errors in form.errors.values():
        reasons += [str(error) for error in errors if str(error) not in reasons]
    return reasons


def _gone(request: AuthenticatedRequest) -> list[str]:
    """The posted participants that are not (or no longer) the user's contacts: flagged on the device."""
    posted = [value for value in request.POST.getlist("participants") if is_id(value)]
    mine = {
        str(pk)
        for pk in Contact.objects.for_user(request.user)
        .filter(pk__in=posted)
        .values_list("pk", flat=True)
    }
    return [value for value in posted if value not in mine]


def _fresh_form(
    request: AuthenticatedRequest, next_url: str, keep: list[Contact], preselect: str
) -> SafeString:
    """The quick log as first shown, for the answer to a log: the "form" partial of an unbound
    EncounterForm, as rendering it would give, with a new key and this request's CSRF token."""
    key = (
        translation.get_language(),
        timezone.get_current_timezone_name(),
        timezone.localdate().isoformat(),
        preselect,
        tuple((contact.pk, contact.name) for contact in keep),
    )
    pieces = _FRESH_FORMS.get(key)
    if pieces is None:
        form = EncounterForm(user=request.user, preselected=keep, initial={"client_key": _HOLE_KEY})
        html = get_template("encounters/quick_log.html#form").render(
            {"form": form, "next": _HOLE_NEXT, "preselect": preselect, "csrf_token": _HOLE_TOKEN}
        )
        # Text and holes in turn. A hole is matched with its attribute's quotes, which a name in a
        # chip cannot hold unescaped: a contact named like a hole stays a name.
        pieces = _HOLES.split(html)
        if len(_FRESH_FORMS) >= FRESH_FORMS_KEPT:
            _FRESH_FORMS.clear()
        _FRESH_FORMS[key] = pieces
    filled = {
        _HOLE_TOKEN: get_token(request),
        _HOLE_NEXT: str(conditional_escape(next_url)),
        str(_HOLE_KEY): str(uuid.uuid4()),
    }
    html = "".join(
        f'"{filled[piece]}"' if index % 2 else piece for index, piece in enumerate(pieces)
    )
    return mark_safe(html)  # noqa: S308 - rendered with autoescape, the holes escaped


@require_POST
def log(request: AuthenticatedRequest) -> HttpResponse:
    form = EncounterForm(request.POST, user=request.user)
    next_url = next_on_this_site(request, reverse("dashboard"))
    # A device's outbox (static/js/outbox.js) asks for JSON: {"logged": id}, or {"refused":
    # [reasons], "gone": [participant ids that are no longer the user's contacts]}.
    outbox = request.headers.get("Accept") == "application/json"
    # A key stored before is answered as logged whatever its form says now: a retry whose first
    # post was stored (and whose answer was lost) is never refused because a participant has been
    # deleted since, so a refusal always means "not stored" and the device may fix and resend it.
    if outbox and (stored := _logged_before(request)):
        return JsonResponse({"logged": stored.pk})
    if form.is_valid():
        try:
            encounter, created = log_encounter(
                user=request.user,
                participants=form.cleaned_data["participants"],
                new_people=form.cleaned_data["new_people"],
                client_key=form.cleaned_data.get("client_key"),
                **form.details(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if outbox:
                return JsonResponse({"logged": encounter.pk})
            if request.htmx:
                preselect = request.POST.get("preselect", "")
                participants = list(encounter.participants.all())
                keep = [c for c in participants if str(c.pk) == preselect]
                if is_id(preselect) and not keep:
                    keep = list(Contact.objects.for_user(request.user).filter(pk=preselect))
                # The fresh form keeps the contact of the page it sits on for the next log.
                preselect = preselect if keep else ""
                response = TemplateResponse(
                    request,
                    "encounters/quick_log.html#logged",
                    {
                        "fresh_form": _fresh_form(request, next_url, keep, preselect),
                        "encounter": encounter,
                        "created": created,
                        "next": next_url,
                        "participants": participants,
                    },
                )
                # Stored (now or by an earlier post of the same key); the outbox of a page still
                # running the offline.js of before outbox.js told success from errors by this.
                response["X-Encounter-Logged"] = str(encounter.pk)
                return response
            messages.success(request, _("Encounter logged."))
            return redirect(next_url)
    if outbox:
        return JsonResponse({"refused": _refusal(form), "gone": _gone(request)})
    template = "encounters/quick_log.html#form" if request.htmx else "encounters/log_page.html"
    return TemplateResponse(
        request,
        template,
        {"form": form, "next": next_url, "preselect": request.POST.get("preselect", "")},
    )


@never_cache
@require_GET
def outbox_session(request: AuthenticatedRequest) -> JsonResponse:
    """Who is signed in here, and a CSRF token for them: what the service worker needs to send.

    The service worker has no page to read a token from when Background Sync wakes it; it asks
    here, and sends the outbox only if the account is the one the outbox belongs to.
    """
    return JsonResponse({"user": request.user.pk, "csrf": get_token(request)})


@require_GET
def device_contacts(request: AuthenticatedRequest) -> JsonResponse:
    """The copy of the user's contacts a phone keeps for the quick log offline: ids, names, organisations.

    Only what the picker shows; never cached by the service worker, kept in the page's IndexedDB
    and wiped on logout (static/js/offline.js).
    """
    rows = (
        Contact.objects.for_user(request.user)
        .active()
        .order_by("name")
        .values_list("id", "name", "organisation")
    )
    response = JsonResponse(
        {"contacts": [{"id": pk, "name": name, "organisation": org} for pk, name, org in rows]}
    )
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def picker(request: AuthenticatedRequest) -> HttpResponse:
    """Type-ahead: the user's contacts matching the typed text, and the offer to add a new person."""
    query = request.GET.get("who", "").strip()
    chosen = [v for v in request.GET.getlist("participants") if is_id(v)]
    results: list[Contact] = []
    if query:
        results = list(
            Contact.objects.for_user(request.user)
            .matching(query)
            .exclude(pk__in=chosen)
            .order_by("archived", "name")
            .only("id", "name", "organisation", "archived")[:PICKER_RESULTS]
        )
    # The exact match may be cut off by the limit or already chosen: then ask the database.
    exact = any(c.name.casefold() == query.casefold() for c in results) or (
        bool(query) and Contact.objects.for_user(request.user).filter(name__iexact=query).exists()
    )
    return render(
        request,
        "encounters/quick_log.html#picker-results",
        {"query": query, "results": results, "offer_new": bool(query) and not exact},
    )


@require_GET
def picker_chip(request: AuthenticatedRequest) -> HttpResponse:
    """One chosen participant (an existing contact, or a new person by name) as a removable chip."""
    contact = None
    name = request.GET.get("name", "").strip()[:200]
    contact_id = request.GET.get("contact", "")
    if contact_id:
        contact = get_object_or_404(
            Contact.objects.for_user(request.user), pk=contact_id if is_id(contact_id) else 0
        )
    elif not name:
        return render(request, "encounters/quick_log.html#picker-results", {"results": []})
    if contact is not None:
        return render(request, "encounters/quick_log.html#chip", {"contact": contact})
    # A new person: their chip, and the fields for who they are (with the values already in use).
    return render(
        request,
        "encounters/quick_log.html#new-chip",
        {
            "name": name,
            "key": f"new-person-{get_random_string(8, 'abcdefghijklmnopqrstuvwxyz')}",
            "dimension_rows": [
                (dimension, suggestions, "")
                for dimension, suggestions in dimensions_with_values(request.user)
            ],
        },
    )


def edit(request: AuthenticatedRequest, encounter_id: int) -> HttpResponse:
    encounter = _get_encounter_for_user(request, encounter_id)
    form = EncounterForm(request.POST or None, instance=encounter, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            update_encounter(
                encounter,
                participants=form.cleaned_data["participants"],
                new_people=form.cleaned_data["new_people"],
                **form.details(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Encounter saved."))
            return redirect(next_on_this_site(request, reverse("encounters:list")))
    return render(
        request,
        "encounters/encounter_edit.html",
        {"form": form, "encounter": encounter, "next": next_on_this_site(request, "")},
    )


def delete(request: AuthenticatedRequest, encounter_id: int) -> HttpResponse:
    encounter = _get_encounter_for_user(request, encounter_id)
    if request.method == "POST":
        encounter.delete()
        messages.success(request, _("Encounter deleted."))
        return redirect(next_on_this_site(request, reverse("encounters:list")))
    participants = list(encounter.participants.all())
    return render(
        request,
        "encounters/encounter_delete.html",
        {
            "encounter": encounter,
            "participants": participants,
            "next": next_on_this_site(request, ""),
        },
    )


@require_POST
def undo(request: AuthenticatedRequest, encounter_id: int) -> HttpResponse:
    encounter = _get_encounter_for_user(request, encounter_id)
    removed_people = undo_encounter(encounter)
    if request.htmx:
        return render(
            request,
            "encounters/quick_log.html#undone",
            {"encounter_id": encounter_id, "removed_people": removed_people},
        )
    messages.success(request, _("Taken back."))
    return redirect(next_on_this_site(request, reverse("dashboard")))
