"""Contact routes that change a contact, under /contacts/ in the "contacts" namespace.

The list, the page and deletion (which takes encounters with it) are encounters' contact_urlpatterns,
mounted in the same namespace by crm/urls.py.
"""

from django.urls import path

from . import views

urlpatterns = [
    path("new/", views.create, name="create"),
    path("suggestions/", views.suggestions, name="suggestions"),
    path("<int:contact_id>/edit/", views.edit, name="edit"),
    path("<int:contact_id>/archive/", views.archive, name="archive"),
    path("<int:contact_id>/attributes/", views.attributes, name="attributes"),
    path("<int:contact_id>/ties/", views.tie_add, name="tie_add"),
    path("<int:contact_id>/ties/<int:tie_id>/remove/", views.tie_remove, name="tie_remove"),
    path("<int:contact_id>/dates/", views.date_add, name="date_add"),
    path("<int:contact_id>/dates/<int:date_id>/remove/", views.date_remove, name="date_remove"),
]
