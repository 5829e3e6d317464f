"""Contact URLs that change a contact; the list and the contact page are in encounters.people."""

from django.urls import path

from . import views

urlpatterns = [
    path("new/", views.create, name="create"),
    path("suggestions/", views.suggestions, name="suggestions"),
    path("<int:contact_id>/edit/", views.edit, name="edit"),
    path("<int:contact_id>/archive/", views.archive, name="archive"),
    path("<int:contact_id>/delete/", views.delete, name="delete"),
    path("<int:contact_id>/attributes/", views.attributes, name="attributes"),
    path("<int:contact_id>/ties/", views.tie_add, name="tie_add"),
    path("<int:contact_id>/ties/<int:tie_id>/remove/", views.tie_remove, name="tie_remove"),
    path("<int:contact_id>/dates/", views.date_add, name="date_add"),
    path("<int:contact_id>/dates/<int:date_id>/remove/", views.date_remove, name="date_remove"),
]
