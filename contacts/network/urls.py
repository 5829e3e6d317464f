"""The circles routes, under /circles/ (no namespace: the names say "circles" already)."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.circles, name="circles"),
    path("recompute/", views.recompute, name="circles_recompute"),
    path("progress/<int:snapshot_id>/", views.progress, name="circles_progress"),
    path("map/", views.network_map, name="network_map"),
    path("map/data/", views.network_map_data, name="network_map_data"),
]
