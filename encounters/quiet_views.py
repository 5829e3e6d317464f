"""Who haven't I seen: the list, and acting on each row (not now, plan, a new rhythm).

Each action answers htmx with the row's partial in its new state, and a plain form post with a
redirect back and a message, so the page works without JavaScript too.
"""

import datetime
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from contacts.account import AuthenticatedRequest, next_on_this_site
from contacts.models import Contact

from .forms import PlanForm, RhythmForm, SnoozeForm
from .models import Kind, Plan
from .next_steps import (
    DIGEST_SNOOZE_DAYS,
    SNOOZE_CHOICES,
    contact_from_snooze_token,
    dismiss_plan,
    plan_next,
    set_rhythm,
    snooze,
    unsnooze,
)
from .quiet import QuietContact, cached_quiet_ranking, quiet_status, with_topics

QUIET_PAGE_LIMIT = 100
# A plan made from a row is for a week ahead unless the person picks another day.
DEFAULT_PLAN_AHEAD = datetime.timedelta(days=7)


def row_choices(today: datetime.date) -> dict[str, Any]:
    """What every row's actions offer: the snooze lengths, the plan's kinds and default day."""
    # The labels translated once here, not once per row (100 rows x 14 labels on the quiet page),
    # and the buttons and options made of them rendered once too.
    choices = {
        "snooze_choices": [(days, str(label)) for days, label in SNOOZE_CHOICES.items()],
        "plan_kinds": [(value, str(label)) for value, label in Kind.choices],
    }
    return {
        **choices,
        "snooze_buttons": render_to_string("encounters/quiet.html#snooze-buttons", choices),
        "plan_kind_options": render_to_string("encounters/quiet.html#plan-kind-options", choices),
        "plan_default": today + DEFAULT_PLAN_AHEAD,
        "today": today,
    }


def quiet(request: AuthenticatedRequest) -> HttpResponse:
    today = timezone.localdate()
    ranked = cached_quiet_ranking(request.user, today)
    return render(
        request,
        "encounters/quiet.html",
        {
            "items": with_topics(request.user, ranked[:QUIET_PAGE_LIMIT]),
            "total": len(ranked),
            **row_choices(today),
        },
    )


def _contact(request: AuthenticatedRequest, contact_id: int) -> Contact:
    return get_object_or_404(Contact.objects.for_user(request.user).active(), pk=contact_id)


def _back(request: AuthenticatedRequest) -> str:
    return next_on_this_site(request, reverse("quiet"))


def _row(
    request: AuthenticatedRequest,
    contact: Contact,
    *,
    state: str = "",
    message: str = "",
    error: str = "",
    item: QuietContact | None = None,
    plan: Plan | None = None,
) -> HttpResponse:
    """The row after an action: its partial for htmx, else back to where the form was."""
    today = timezone.localdate()
    if not request.htmx:
        if error:
            messages.error(request, error)
        elif message:
            messages.success(request, message)
        return redirect(_back(request))
    if item is None and not state:
        item = quiet_status(request.user, contact, today)
        state = "" if item else "not_quiet"
    return render(
        request,
        "encounters/quiet.html#row",
        {
            "item": item,
            "contact": contact,
            "state": state,
            "message": message,
            "error": error,
            "plan": plan,
            "next": request.POST.get("next", ""),
            **row_choices(today),
        },
    )


def _errors(form: Any) -> str:
    return " ".join(str(e) for errors in form.errors.values() for e in errors)


@require_POST
def snooze_contact(request: AuthenticatedRequest, contact_id: int) -> HttpResponse:
    contact = _contact(request, contact_id)
    form = SnoozeForm(request.POST)
    if not form.is_valid():
        return _row(request, contact, error=_errors(form))
    found = snooze(user=request.user, contact=contact, days=form.cleaned_data["days"])
    return _row(
        request,
        contact,
        state="snoozed",
        message=snoozed_message(contact, found.until),
    )


def snoozed_message(contact: Contact, until: datetime.date) -> str:
    return _("Not now: %(name)s is back on %(date)s.") % {
        "name": contact.name,
        "date": formats.date_format(until, "DATE_FORMAT"),
    }


@require_POST
def unsnooze_contact(request: AuthenticatedRequest, contact_id: int) -> HttpResponse:
    contact = _contact(request, contact_id)
    unsnooze(user=request.user, contact=contact)
    return _row(request, contact)


@require_POST
def plan_contact(request: AuthenticatedRequest, contact_id: int) -> HttpResponse:
    contact = _contact(request, contact_id)
    form = PlanForm(request.POST)
    if not form.is_valid():
        return _row(request, contact, error=_errors(form))
    try:
        planned = plan_next(
            user=request.user,
            contact=contact,
            on=form.cleaned_data["on"],
            kind=form.cleaned_data["kind"],
            note=form.cleaned_data["note"],
        )
    except ValidationError as problem:
        return _row(request, contact, error=" ".join(problem.messages))
    return _row(
        request,
        contact,
        state="planned",
        plan=planned,
        message=_("Planned for %(date)s.")
        % {"date": formats.date_format(planned.on, "DATE_FORMAT")},
    )


@require_POST
def dismiss(request: AuthenticatedRequest, plan_id: int) -> HttpResponse:
    """Take a plan back, or put away one that did not happen."""
    planned = get_object_or_404(
        Plan.objects.for_user(request.user).select_related("contact"), pk=plan_id
    )
    dismiss_plan(planned)
    if request.POST.get("from") == "dashboard":
        if request.htmx:
            return HttpResponse("")
        return redirect(_back(request))
    return _row(request, planned.contact)


@require_POST
def rhythm(request: AuthenticatedRequest, contact_id: int) -> HttpResponse:
    contact = _contact(request, contact_id)
    form = RhythmForm(request.POST)
    if not form.is_valid():
        return _row(request, contact, error=_errors(form))
    try:
        set_rhythm(contact, form.cleaned_data["days"])
    except ValidationError as problem:
        return _row(request, contact, error=" ".join(problem.messages))
    if contact.cadence_days is None:
        message = _("%(name)s: the rhythm your encounters show, from now on.") % {
            "name": contact.name
        }
    else:
        message = ngettext(
            "%(name)s: every day from now on.",
            "%(name)s: every %(days)d days from now on.",
            contact.cadence_days,
        ) % {
            "name": contact.name,
            "days": contact.cadence_days,
        }
    return _row(request, contact, message=message)


def snooze_link(request: AuthenticatedRequest, token: str) -> HttpResponse:
    """The digest's one-tap "not now" (behind the login): a signed link for this user and contact.

    It acts on GET, which links in a mail must: the signature ties it to the person and the
    contact, so no other site can make one; snoozing twice changes nothing, and the page it
    lands on undoes it.
    """
    contact_id = contact_from_snooze_token(request.user, token)
    if contact_id is None:
        raise Http404
    contact = _contact(request, contact_id)
    found = snooze(user=request.user, contact=contact, days=DIGEST_SNOOZE_DAYS)
    return render(
        request,
        "encounters/snoozed.html",
        {
            "contact": contact,
            "until": found.until,
            "snooze_choices": list(SNOOZE_CHOICES.items()),
        },
    )
