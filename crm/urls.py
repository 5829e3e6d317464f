"""URL map: accounts and site-wide pages here, each app's own pages under its prefix."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

import bench.views
import contacts.circles
import contacts.introduction_views
import contacts.urls
import encounters.calendar_feed
import encounters.people
import encounters.weekly
import exchange.views

from . import views

# The contact list and page (encounters.people) and the contact editing views (contacts.urls)
# share one namespace: to the person they are all "contacts".
contact_patterns = [*encounters.people.urlpatterns, *contacts.urls.urlpatterns]

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("settings/", views.account_settings, name="settings"),
    path("contacts/", include((contact_patterns, "contacts"))),
    path("encounters/", include("encounters.urls")),
    path("circles/", include(contacts.circles.urlpatterns)),
    path("introductions/", include((contacts.introduction_views.urlpatterns, "introductions"))),
    path("exchange/", include((exchange.views.urlpatterns, "exchange"))),
    path("calendar/", include((encounters.calendar_feed.urlpatterns, "calendar"))),
    path("", include(encounters.weekly.urlpatterns)),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
]

# The benchmark's bare view (bench/run.py): only in a production-mode server with WEITBLICK_BENCH=1.
if bench.views.enabled():
    urlpatterns += [path("", include("bench.urls"))]
