"""The calendar feed's address: the feed itself (no login, the token is the secret) and a new token."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from contacts.account import AuthenticatedRequest, User, next_on_this_site

from .calendar_feed import MAX_TOKEN_LENGTH, build_calendar


def feed_user(token: str) -> User | None:
    """The active user whose feed `token` opens, or None."""
    if not token or len(token) > MAX_TOKEN_LENGTH:
        return None
    return get_user_model().objects.filter(calendar_token=token, is_active=True).first()


@login_not_required
@require_GET
def feed(request: HttpRequest, token: str) -> HttpResponse:
    user = feed_user(token)
    if user is None:
        raise Http404
    with translation.override(user.language), timezone.override(user.zone):
        body = build_calendar(user, timezone.localdate())
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="weitblick.ics"'
    response["Cache-Control"] = "private, max-age=900"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def reset_calendar_token(user: User) -> str:
    """Give `user` a new feed token; the old address stops working at once."""
    user.calendar_token = get_user_model()._meta.get_field("calendar_token").get_default()
    user.save(update_fields=["calendar_token"])
    return user.calendar_token


@require_POST
def reset(request: AuthenticatedRequest) -> HttpResponseRedirect:
    reset_calendar_token(request.user)
    messages.success(
        request,
        _(
            "Your calendar feed has a new address. Subscribe to it again; the old one no longer works."
        ),
    )
    return redirect(next_on_this_site(request, reverse("dashboard")))
