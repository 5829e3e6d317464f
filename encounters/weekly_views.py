"""The weekly digest in the browser: the preview, and unsubscribing (the quiet list: quiet_views)."""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt

from contacts.account import AuthenticatedRequest

from .digest import (
    UNSUBSCRIBE_LINK_MAX_AGE,
    UnsubscribeLinkExpired,
    build_digest,
    digest_context,
    render_digest,
    user_from_unsubscribe_token,
)


def digest_preview(request: AuthenticatedRequest) -> HttpResponse:
    digest = build_digest(request.user, timezone.localdate())
    subject, text, html = render_digest(request.user, digest)
    # The mail's own context: the preview shows the same links, the same body and the same footer.
    return render(
        request,
        "encounters/digest_preview.html",
        {**digest_context(request.user, digest), "subject": subject, "text": text, "html": html},
    )


@login_not_required
@csrf_exempt  # RFC 8058: the mail provider's one-click POST carries no CSRF token, only the signed link.
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    try:
        user = user_from_unsubscribe_token(token)
    except UnsubscribeLinkExpired:
        days = UNSUBSCRIBE_LINK_MAX_AGE.days
        context = {"expired": True, "days": days}
        return render(request, "encounters/unsubscribe.html", context, status=410)
    if user is None:
        return render(request, "encounters/unsubscribe.html", {"invalid": True}, status=404)
    if request.method == "POST":
        if user.digest_enabled:
            user.digest_enabled = False
            user.save(update_fields=["digest_enabled"])
        return render(request, "encounters/unsubscribe.html", {"done": True, "person": user})
    return render(request, "encounters/unsubscribe.html", {"person": user, "token": token})
