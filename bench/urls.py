"""The benchmark's routes, included by crm/urls.py only when bench.views.enabled()."""

from django.urls import path

from . import views

urlpatterns = [path("bench/bare/", views.bare, name="bench_bare")]
