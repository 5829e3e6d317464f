"""Weitblick as an installable app: the web app manifest and the service worker, from the root scope.

The service worker is a static file (static/js/sw.js) served at /sw.js so that its scope is the
whole site; what it caches is listed here, with the addresses the static storage gives each file
(hashed in production), so that a new deploy is a new cache.
"""

import hashlib
import json

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.contrib.staticfiles import finders
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

# The app shell: what the quick log needs to open and work with no connection.
SHELL_FILES = (
    "css/weitblick.css",
    "vendor/htmx.min.js",
    "js/weitblick.js",
    "js/outbox.js",
    "js/offline.js",
    "img/favicon.svg",
    "img/icon-192.png",
)


def _source(name: str) -> str:
    path = finders.find(name)
    return open(path, encoding="utf-8").read() if isinstance(path, str) else ""  # noqa: SIM115


@login_not_required
@require_GET
def manifest(request: HttpRequest) -> JsonResponse:
    """The web app manifest: a name, icons, and the quick log as the home screen's start."""
    response = JsonResponse(
        {
            "name": "Weitblick",
            "short_name": "Weitblick",
            "description": _("Log the encounters that matter, where they happen."),
            "start_url": reverse("encounters:log_page"),
            "scope": "/",
            "display": "standalone",
            "background_color": "#f7f5f0",
            "theme_color": "#2f6f62",
            "icons": [
                {"src": static("img/icon-192.png"), "sizes": "192x192", "type": "image/png"},
                {"src": static("img/icon-512.png"), "sizes": "512x512", "type": "image/png"},
                {
                    "src": static("img/icon-maskable-512.png"),
                    "sizes": "512x512",
                    "type": "image/png",
                    "purpose": "maskable",
                },
            ],
        }
    )
    response["Content-Type"] = "application/manifest+json"
    return response


@login_not_required
@require_GET
def service_worker(request: HttpRequest) -> HttpResponse:
    """static/js/sw.js at /sw.js, with the shell's addresses and a cache name that follows them."""
    source = _source("js/sw.js")
    shell = [static(name) for name in SHELL_FILES]
    page = reverse("encounters:log_page")
    # The scripts' text too: without hashed names (DEBUG) a changed script is still a new cache.
    scripts = [_source(name) for name in SHELL_FILES if name.endswith(".js")]
    version = hashlib.sha256(
        json.dumps([shell, source, scripts, settings.STATIC_URL]).encode()
    ).hexdigest()[:12]
    config = json.dumps(
        {
            "version": version,
            "shell": shell,
            "page": page,
            # Imported by the worker: the outbox's database and its sending, shared with the page.
            "outbox": static("js/outbox.js"),
            "log": reverse("encounters:log"),
            "session": reverse("encounters:outbox_session"),
        }
    )
    response = HttpResponse(
        f"self.WEITBLICK = {config};\n{source}", content_type="text/javascript; charset=utf-8"
    )
    # Always asked for again, so that a deploy reaches every phone at its next visit.
    response["Cache-Control"] = "no-cache"
    response["Service-Worker-Allowed"] = "/"
    return response
