"""Joining: the staff's invitations page, the sign-up page and the page a join link opens."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.db import IntegrityError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from contacts.account import AuthenticatedRequest

from .forms import InvitationForm, JoinForm, SignupForm
from .models import Invitation, User
from .signup import (
    JoinLinkError,
    JoinLinkProblem,
    SignupOutcome,
    TooManyMails,
    client_is_throttled,
    find_invitation,
    invitations_allowed,
    invite,
    join,
    request_signup,
    send_again,
    signup_open,
)

# What each broken link says, and the status it answers with: gone for a link that did exist.
LINK_STATUS = {
    JoinLinkProblem.CLOSED: 404,
    JoinLinkProblem.UNKNOWN: 404,
    JoinLinkProblem.EXPIRED: 410,
    JoinLinkProblem.USED: 410,
    JoinLinkProblem.HAS_ACCOUNT: 410,
}


def _staff_inviting(request: AuthenticatedRequest) -> None:
    """The invitations pages exist for staff, and only when the sign-up mode allows invitations."""
    if not (request.user.is_staff and invitations_allowed()):
        raise Http404


def _get_invitation_for_user(request: AuthenticatedRequest, invitation_id: int) -> Invitation:
    _staff_inviting(request)
    return get_object_or_404(Invitation.objects.sent_by(request.user).pending(), pk=invitation_id)


def _report_sending(request: HttpRequest, email: str, mailed: bool) -> None:
    if mailed:
        messages.success(
            request, _("The invitation is on its way to %(email)s.") % {"email": email}
        )
    else:
        messages.error(
            request,
            _(
                "The mail to %(email)s could not be sent. Check the mail settings, then send it again."
            )
            % {"email": email},
        )


def invitations(request: AuthenticatedRequest) -> HttpResponse:
    _staff_inviting(request)
    form = InvitationForm(request.POST or None, initial={"language": request.user.language})
    if request.method == "POST" and form.is_valid():
        try:
            sent = invite(
                invited_by=request.user,
                email=form.cleaned_data["email"],
                language=form.cleaned_data["language"],
            )
        except TooManyMails:
            form.add_error(
                "email", _("This address had several invitations just now. Try again later.")
            )
        else:
            _report_sending(request, sent.invitation.email, sent.mailed)
            return redirect("invitations")
    pending = Invitation.objects.sent_by(request.user).pending()
    accepted = Invitation.objects.sent_by(request.user).filter(accepted_at__isnull=False)[:10]
    return render(
        request,
        "registration/invitations.html",
        {
            "form": form,
            "pending": pending,
            "accepted": accepted,
            "link_days": settings.JOIN_LINK_MAX_AGE.days,
        },
    )


@require_POST
def invitation_revoke(request: AuthenticatedRequest, invitation_id: int) -> HttpResponse:
    invitation = _get_invitation_for_user(request, invitation_id)
    invitation.delete()
    messages.success(
        request, _("The invitation to %(email)s no longer works.") % {"email": invitation.email}
    )
    return redirect("invitations")


@require_POST
def invitation_send_again(request: AuthenticatedRequest, invitation_id: int) -> HttpResponse:
    invitation = _get_invitation_for_user(request, invitation_id)
    try:
        sent = send_again(invitation)
    except TooManyMails:
        messages.error(
            request, _("This address had several invitations just now. Try again later.")
        )
    else:
        _report_sending(request, invitation.email, sent.mailed)
    return redirect("invitations")


@login_not_required
def signup(request: HttpRequest) -> HttpResponse:
    if not signup_open():
        raise Http404
    if request.user.is_authenticated:
        return redirect("dashboard")
    form = SignupForm(request.POST or None)
    if request.method == "POST":
        if client_is_throttled(request):
            return render(request, "registration/signup_throttled.html", status=429)
        if form.is_valid():
            outcome = request_signup(
                email=form.cleaned_data["email"], language=translation.get_language()
            )
            if outcome is SignupOutcome.MAIL_FAILED:
                return render(request, "registration/signup_failed.html", status=503)
            return redirect("signup_sent")
    return render(request, "registration/signup.html", {"form": form})


@login_not_required
def signup_sent(request: HttpRequest) -> HttpResponse:
    if not signup_open():
        raise Http404
    return render(request, "registration/signup_sent.html")


def _suggested_username(email: str) -> str:
    candidate = email.split("@")[0]
    return "" if User.objects.filter(username__iexact=candidate).exists() else candidate


@login_not_required
def join_page(request: HttpRequest, token: str) -> HttpResponse:
    """The page a join link opens: choose a username and password, and the account exists."""
    if request.user.is_authenticated:
        # Someone else's link in a logged-in browser must not touch the account that is logged in.
        return render(request, "registration/join_logged_in.html", status=409)
    try:
        invitation = find_invitation(token)
    except JoinLinkError as error:
        return _broken_link(request, error.problem)
    # The page speaks the invitation's language, as its mail did, until the person picks theirs.
    with translation.override(invitation.language):
        form = JoinForm(
            request.POST or None,
            email=invitation.email,
            initial={
                "username": _suggested_username(invitation.email),
                "language": invitation.language,
            },
        )
        if request.method == "POST" and form.is_valid():
            try:
                account = join(token=token, account=form.save(commit=False))
            except JoinLinkError as error:
                return _broken_link(request, error.problem)
            except IntegrityError:  # the username was taken between the check and the save
                form.add_error(
                    "username", _("Someone took this username just now; choose another.")
                )
            else:
                login(request, account, backend="django.contrib.auth.backends.ModelBackend")
                with translation.override(account.language):
                    messages.success(
                        request, _("Welcome to Weitblick. Here are three ways to begin.")
                    )
                return redirect("dashboard")
        return render(
            request,
            "registration/join.html",
            {"form": form, "invitation": invitation, "now": timezone.now()},
        )


def _broken_link(request: HttpRequest, problem: JoinLinkProblem) -> HttpResponse:
    return render(
        request,
        "registration/join_broken.html",
        {"problem": problem.value, "signup_open": signup_open()},
        status=LINK_STATUS[problem],
    )
