"""Per-request behaviour of the whole site: the person's own language and time zone, a page for
a visit to an address that only takes a form, and a clear refusal of input nothing could store."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .models import User


class UserPreferencesMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        user = getattr(request, "user", None)
        account = user if isinstance(user, User) and user.is_authenticated else None
        if account is not None:
            translation.activate(account.language)
            request.LANGUAGE_CODE = translation.get_language()
            timezone.activate(account.zone)
        try:
            response = self.get_response(request)
            response.headers.setdefault("Content-Language", translation.get_language())
            return response
        finally:
            # The thread serves someone else next: leave no language or time zone behind.
            timezone.deactivate()
            if account is not None:
                translation.deactivate()


class FriendlyMethodNotAllowedMiddleware:
    """A visit to an address that only takes a form (a bookmark, a reload, a typed URL) gets a page
    that says so and where to go, instead of the empty 405 that require_POST answers with.

    The status and its Allow header stay: only the empty body is replaced, for GET and HEAD from a
    browser. An htmx request keeps the bare answer, since a whole page would be swapped into a
    fragment.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if (
            response.status_code != 405
            or request.method not in ("GET", "HEAD")
            or request.headers.get("HX-Request")
            or response.streaming
            or getattr(response, "content", b"").strip()
        ):
            return response
        page = render(request, "405.html", status=405)
        if "Allow" in response.headers:
            page.headers["Allow"] = response.headers["Allow"]
        return page


FORM_CONTENT_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def carries_nul(request: HttpRequest) -> bool:
    """Whether the path, the query string or a form field (name or value) holds a NUL character."""
    if "\x00" in request.path:
        return True
    sources = [request.GET]
    if request.method == "POST" and request.content_type in FORM_CONTENT_TYPES:
        sources.append(request.POST)
    return any(
        "\x00" in key or any("\x00" in value for value in values)
        for source in sources
        for key, values in source.lists()
    )


class RefuseNulCharactersMiddleware:
    """A NUL character in the address or a form is answered with a 400 that says why.

    PostgreSQL keeps no NUL in text, so every view that put one into a query or a row failed with a
    500 (a search, a filter, a feed token, a new name). No person types one; it is refused here,
    once, before any view reads it, rather than view by view. Form fields refuse it as well
    (Django's CharField validator), which covers input that arrives by other ways (files, commands).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if carries_nul(request):
            reason = _(
                "The address or the form contained a NUL character, which cannot be stored. "
                "Nothing was changed."
            )
            return render(request, "400.html", {"reason": reason}, status=400)
        return self.get_response(request)
