"""Values every template may need."""

from django.conf import settings


def site(request):
    return {"show_demo_login": settings.WEITBLICK_SHOW_DEMO_LOGIN}
