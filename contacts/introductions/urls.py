"""Introduction routes, under /introductions/ in the "introductions" namespace."""

from django.urls import path

from . import views

app_name = "introductions"

urlpatterns = [
    path("", views.record, name="record"),
    path("new/", views.new, name="new"),
    path("context/", views.context, name="context"),
    path("connectors/", views.connectors_page, name="connectors"),
    path("<int:introduction_id>/", views.detail, name="detail"),
    path("<int:introduction_id>/step/", views.step, name="step"),
    path("<int:introduction_id>/answer/", views.answer, name="answer"),
    path("<int:introduction_id>/follow-up/", views.follow_up, name="follow_up"),
]
