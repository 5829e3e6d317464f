"""Switches on the signed-in person's own language and time zone for the request."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase
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
