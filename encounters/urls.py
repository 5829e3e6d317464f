"""Every route of encounters/, by the prefix crm/urls.py mounts it under.

`urlpatterns` is /encounters/ (namespace "encounters"). The contact list, page and deletion join
contacts/urls.py under /contacts/ in the "contacts" namespace: to the person they are all contacts.
"""

from django.urls import path

from . import calendar_views, contact_views, quiet_views, views, weekly_views
from .search import views as search_views

app_name = "encounters"

urlpatterns = [
    path("", views.encounter_list, name="list"),
    path("log/", views.log, name="log"),
    path("new/", views.log_page, name="log_page"),
    path("picker/", views.picker, name="picker"),
    path("picker/chip/", views.picker_chip, name="picker_chip"),
    path("picker/device/", views.device_contacts, name="device_contacts"),
    path("outbox/session/", views.outbox_session, name="outbox_session"),
    path("<int:encounter_id>/", views.edit, name="edit"),
    path("<int:encounter_id>/delete/", views.delete, name="delete"),
    path("<int:encounter_id>/undo/", views.undo, name="undo"),
]

# Under /contacts/, namespace "contacts".
contact_urlpatterns = [
    path("", contact_views.contact_list, name="list"),
    path("<int:contact_id>/", contact_views.contact_detail, name="detail"),
    path("<int:contact_id>/delete/", contact_views.delete, name="delete"),
]

# Under /calendar/, namespace "calendar".
calendar_urlpatterns = [
    path("<str:token>.ics", calendar_views.feed, name="feed"),
    path("reset/", calendar_views.reset, name="reset"),
]

# Under /search/.
search_urlpatterns = [
    path("", search_views.search_page, name="search"),
]

# At the top level: the weekly look back.
weekly_urlpatterns = [
    path("quiet/", quiet_views.quiet, name="quiet"),
    path("quiet/<int:contact_id>/snooze/", quiet_views.snooze_contact, name="quiet_snooze"),
    path("quiet/<int:contact_id>/unsnooze/", quiet_views.unsnooze_contact, name="quiet_unsnooze"),
    path("quiet/<int:contact_id>/plan/", quiet_views.plan_contact, name="quiet_plan"),
    path("quiet/<int:contact_id>/rhythm/", quiet_views.rhythm, name="quiet_rhythm"),
    path("quiet/snooze/<str:token>/", quiet_views.snooze_link, name="quiet_snooze_link"),
    path("plans/<int:plan_id>/dismiss/", quiet_views.dismiss, name="plan_dismiss"),
    path("digest/preview/", weekly_views.digest_preview, name="digest_preview"),
    path("digest/unsubscribe/<str:token>/", weekly_views.unsubscribe, name="digest_unsubscribe"),
]
