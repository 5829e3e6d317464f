"""Introduction pages: make one, follow it up with one click, the track record, the connectors."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from contacts.account import AuthenticatedRequest, User, is_id
from contacts.forms import display_name, resolve_contact
from contacts.models import Contact, Introduction

from .actions import (
    NEXT_STATUSES,
    introduction_context,
    make_introduction,
    postpone_follow_up,
    record_answer,
    record_step,
)
from .forms import AnswerForm, FollowUpForm, IntroductionForm, IntroductionStepForm
from .text import ask_text, introduction_text
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
                    ask_first=data["ask_first"],
                    about_a=data["about_first"],
                    about_b=data["about_second"],
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
            if is_id(value)
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
    today = timezone.localdate()
    next_statuses = NEXT_STATUSES[introduction.status]
    if introduction.waiting_for_answers:
        next_statuses = [s for s in next_statuses if s != Introduction.Status.MADE]
    return {
        "intro": introduction,
        "error": error,
        "today": today,
        "due_because": introduction.due_because(today),
        "events": list(introduction.events.all()),
        "next_statuses": next_statuses,
        "outcomes": [o for o in Introduction.Outcome if o != Introduction.Outcome.PENDING],
        "asks": (
            [
                {"side": "a", "person": introduction.a, "answer": introduction.a_answer},
                {"side": "b", "person": introduction.b, "answer": introduction.b_answer},
            ]
            if introduction.ask_first and introduction.status == Introduction.Status.PROPOSED
            else []
        ),
        "follow_up_form": FollowUpForm(initial={"follow_up_on": introduction.follow_up_on}),
    }


def _card_response(
    request: AuthenticatedRequest, introduction: Introduction, error: str | None
) -> HttpResponse:
    """The card again after a step: the partial for htmx, else back to the page."""
    if request.htmx:
        return render(
            request, "contacts/introduction_detail.html#card", _card_context(introduction, error)
        )
    if error:
        # Without htmx the card is not re-rendered here: the refusal travels to the page as a message.
        messages.error(request, error)
    return redirect("introductions:detail", introduction.pk)


def detail(request: AuthenticatedRequest, introduction_id: int) -> HttpResponse:
    introduction = _get_introduction_for_user(request, introduction_id)
    return render(
        request,
        "contacts/introduction_detail.html",
        {
            **_card_context(introduction),
            "ready": introduction_text(introduction),
            "asks_text": [ask_text(introduction, side) for side in ("a", "b")]
            if introduction.ask_first
            else [],
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
    return _card_response(request, introduction, error)


@require_POST
def answer(request: AuthenticatedRequest, introduction_id: int) -> HttpResponse:
    """One side said yes or no to being introduced."""
    introduction = _get_introduction_for_user(request, introduction_id)
    form = AnswerForm(request.POST)
    error = None
    if form.is_valid():
        try:
            introduction = record_answer(
                introduction, side=form.cleaned_data["side"], answer=form.cleaned_data["answer"]
            )
        except ValidationError as problem:
            error = " ".join(problem.messages)
    else:
        error = " ".join(str(e) for errors in form.errors.values() for e in errors)
    return _card_response(request, introduction, error)


@require_POST
def follow_up(request: AuthenticatedRequest, introduction_id: int) -> HttpResponse:
    """Choose the day to follow up."""
    introduction = _get_introduction_for_user(request, introduction_id)
    form = FollowUpForm(request.POST)
    error = None
    if form.is_valid():
        try:
            introduction = postpone_follow_up(introduction, until=form.cleaned_data["follow_up_on"])
        except ValidationError as problem:
            error = " ".join(problem.messages)
    else:
        error = " ".join(str(e) for errors in form.errors.values() for e in errors)
    return _card_response(request, introduction, error)


def record(request: AuthenticatedRequest) -> HttpResponse:
    today = timezone.localdate()
    introductions = Introduction.objects.for_user(request.user).select_related("a", "b")
    due = list(introductions.due(today).order_by("follow_up_on", "made_on", "id"))
    return render(
        request,
        "contacts/introduction_record.html",
        {
            "record": track_record(request.user, today),
            "due": [(intro, intro.due_because(today)) for intro in due],
            "due_ids": {intro.pk for intro in due},
            "introductions": introductions[:100],
            "today": today,
        },
    )


def connectors_page(request: AuthenticatedRequest) -> HttpResponse:
    return render(request, "contacts/connectors.html", {"connectors": connectors(request.user)})
