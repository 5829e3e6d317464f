"""Switches on the signed-in person's own language and time zone for the request."""

from django.utils import timezone, translation


class UserPreferencesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        personal = user is not None and user.is_authenticated
        if personal:
            translation.activate(user.language)
            request.LANGUAGE_CODE = translation.get_language()
            timezone.activate(user.zone)
        try:
            response = self.get_response(request)
            response.headers.setdefault("Content-Language", translation.get_language())
            return response
        finally:
            # The thread serves someone else next: leave no language or time zone behind.
            timezone.deactivate()
            if personal:
                translation.deactivate()
