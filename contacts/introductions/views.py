"""Introduction pages: make one, follow it up with one click, the track record, the connectors."""

from typing import Any
from urllib.parse import quote

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from contacts.account import AuthenticatedRequest, User
from contacts.forms import display_name, resolve_contact
from contacts.models import Contact, Introduction

from .actions import (
    NEXT_STATUSES,
    introduction_context,
    introduction_text,
    make_introduction,
    record_step,
)
from .forms import IntroductionForm, IntroductionStepForm
from .track_record import connectors, track_record


def _get_introduction_for_user(request: AuthenticatedRequest, introduction_id: int) -> Introduction:
    return get_object_or_404(
        Introduction.objects.for_user(request.user).select_related("a", "b"), pk=introduction_id
    )


def _resolved_pair(user: User, first: str, second: str) -> list[Contact]:
    people = []
    for text in (first, second):
        try:
            people.append(resolve_contact(user, text))
        except ValidationError:
            continue
    return people if len(people) == 2 and people[0].pk != people[1].pk else []


def _typed_name(user: User, contact: Contact) -> str:
    """The name as resolve_contact reads it back: with the organisation when a namesake exists."""
    twins = (
        Contact.objects.for_user(user)
        .filter(name__iexact=contact.name)
        .exclude(pk=contact.pk)
        .exists()
    )
    return display_name(contact, twins)


def _context_for(request: AuthenticatedRequest, people: list[Contact]) -> dict[str, Any]:
    return {
        "people": introduction_context(request.user, people) if people else [],
        "today": timezone.localdate(),
    }


def new(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    if request.method == "POST":
        form = IntroductionForm(request.POST, user=user)
        if form.is_valid():
            data = form.cleaned_data
            try:
                introduction = make_introduction(
                    user=user,
                    a=data["first"],
                    b=data["second"],
                    reason=data["reason"],
                    channel=data["channel"],
                    follow_up_on=data["follow_up_on"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                return redirect("introductions:detail", introduction.pk)
        people = _resolved_pair(user, request.POST.get("first", ""), request.POST.get("second", ""))
    else:
        preset = {
            key: Contact.objects.for_user(user).filter(pk=value).first()
            for key, value in (
                ("first", request.GET.get("a", "")),
                ("second", request.GET.get("b", "")),
            )
            if value.isdigit()
        }
        form = IntroductionForm(
            user=user, initial={k: _typed_name(user, c) for k, c in preset.items() if c}
        )
        people = [c for c in (preset.get("first"), preset.get("second")) if c]
        people = people if len(people) == 2 else []
    return render(
        request, "contacts/introduction_form.html", {"form": form, **_context_for(request, people)}
    )


def context(request: AuthenticatedRequest) -> HttpResponse:
    """What you know about the two, refreshed by htmx as they are picked."""
    people = _resolved_pair(
        request.user, request.GET.get("first", ""), request.GET.get("second", "")
    )
    return render(request, "contacts/introduction_form.html#context", _context_for(request, people))


def _card_context(introduction: Introduction, error: str | None = None) -> dict[str, Any]:
    """What the introduction's card needs, for the detail page and the htmx swap alike."""
    return {
        "intro": introduction,
        "error": error,
        "events": list(introduction.events.all()),
        "next_statuses": NEXT_STATUSES[introduction.status],
        "outcomes": [o for o in Introduction.Outcome if o != Introduction.Outcome.PENDING],
    }


def detail(request: AuthenticatedRequest, introduction_id: int) -> HttpResponse:
    introduction = _get_introduction_for_user(request, introduction_id)
    subject, text = introduction_text(introduction)
    emails = ",".join(filter(None, [introduction.a.email, introduction.b.email]))
    return render(
        request,
        "contacts/introduction_detail.html",
        {
            **_card_context(introduction),
            "subject": subject,
            "text": text,
            "mailto": f"mailto:{quote(emails, safe='@,')}?subject={quote(subject)}&body={quote(text.replace(chr(10), chr(13) + chr(10)))}",
        },
    )


@require_POST
def step(request: AuthenticatedRequest, introduction_id: int) -> HttpResponse:
    introduction = _get_introduction_for_user(request, introduction_id)
    form = IntroductionStepForm(request.POST)
    error = None
    if form.is_valid():
        try:
            introduction = record_step(
                introduction,
                status=form.cleaned_data["status"] or None,
                outcome=form.cleaned_data["outcome"] or None,
                note=form.cleaned_data["note"],
            )
        except ValidationError as problem:
            error = " ".join(problem.messages)
    else:
        error = " ".join(str(e) for errors in form.errors.values() for e in errors)
    if request.htmx:
        return render(
            request, "contacts/introduction_detail.html#card", _card_context(introduction, error)
        )
    if error:
        # Without htmx the card is not re-rendered here: the refusal travels to the page as a message.
        messages.error(request, error)
    return redirect("introductions:detail", introduction.pk)


def record(request: AuthenticatedRequest) -> HttpResponse:
    today = timezone.localdate()
    introductions = Introduction.objects.for_user(request.user).select_related("a", "b")
    return render(
        request,
        "contacts/introduction_record.html",
        {
            "record": track_record(request.user, today),
            "introductions": introductions[:100],
            "today": today,
        },
    )


def connectors_page(request: AuthenticatedRequest) -> HttpResponse:
    return render(request, "contacts/connectors.html", {"connectors": connectors(request.user)})
