"""Values every template may need."""

from django.conf import settings
from django.http import HttpRequest

from .signup import invitations_allowed, signup_mode


def site(request: HttpRequest) -> dict[str, object]:
    return {
        "show_demo_login": settings.WEITBLICK_SHOW_DEMO_LOGIN,
        "signup_mode": signup_mode().value,
        "invitations_allowed": invitations_allowed(),
    }
