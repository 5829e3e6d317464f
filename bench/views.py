"""The benchmark's ceiling: a bare view on the same server, behind the same middleware as every page.

bench/run.py measures each page's throughput next to this view's. It does no work of its own, but it
is not exempt from login: like the real pages it passes the session, authentication, user
preferences and login-required middleware (two queries: the session and the user), so the ratio
shows what the page itself costs, not what every signed-in request costs. crm/urls.py includes
bench/urls.py only in a production-mode server (DEBUG off) started with WEITBLICK_BENCH=1.
"""

import os

from django.conf import settings
from django.http import HttpRequest, HttpResponse


def enabled() -> bool:
    return not settings.DEBUG and os.environ.get("WEITBLICK_BENCH") == "1"


def bare(request: HttpRequest) -> HttpResponse:
    return HttpResponse(b"ok", content_type="text/plain")
