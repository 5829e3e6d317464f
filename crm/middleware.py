"""Per-request behaviour of the whole site: the person's own language and time zone, and a page for
a visit to an address that only takes a form."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import render
from django.utils import timezone, translation

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
