"""URL map: accounts and site-wide pages here; each app's routes come from its own urls.py."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

import bench.views
import contacts.urls
import encounters.urls
import exchange.urls
from exchange.carddav.views import well_known

from . import password_reset, pwa, views

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("manifest.webmanifest", pwa.manifest, name="manifest"),
    path("sw.js", pwa.service_worker, name="service_worker"),
    path("settings/", views.account_settings, name="settings"),
    path("settings/dimensions/", views.dimensions, name="dimensions"),
    path(
        "settings/dimensions/<int:dimension_id>/rename/",
        views.dimension_rename,
        name="dimension_rename",
    ),
    path("settings/keys/", include((exchange.urls.keys_urlpatterns, "keys"))),
    # The contact list, page and deletion (encounters) and the contact editing views (contacts)
    # share one namespace: to the person they are all "contacts".
    path(
        "contacts/",
        include(([*encounters.urls.contact_urlpatterns, *contacts.urls.urlpatterns], "contacts")),
    ),
    path("encounters/", include("encounters.urls")),
    path("circles/", include("contacts.network.urls")),
    path("introductions/", include("contacts.introductions.urls")),
    path("exchange/", include("exchange.urls")),
    path(".well-known/carddav", well_known, name="well_known_carddav"),
    path(".well-known/carddav/", well_known),
    path("dav/", include((exchange.urls.dav_urlpatterns, "dav"))),
    path("api/v1/", exchange.urls.api_urls()),
    path("calendar/", include((encounters.urls.calendar_urlpatterns, "calendar"))),
    path("search/", include(encounters.urls.search_urlpatterns)),
    path("", include(encounters.urls.weekly_urlpatterns)),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path(
        "accounts/password_reset/",
        password_reset.GuardedPasswordResetView.as_view(),
        name="password_reset",
    ),
    path("accounts/", include("crm.accounts_urls")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
]

# The benchmark's bare view (bench/run.py): only in a production-mode server with WEITBLICK_BENCH=1.
if bench.views.enabled():
    urlpatterns += [path("", include("bench.urls"))]
