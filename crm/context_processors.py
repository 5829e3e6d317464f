"""Values every template may need."""

from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict[str, bool]:
    return {"show_demo_login": settings.WEITBLICK_SHOW_DEMO_LOGIN}
