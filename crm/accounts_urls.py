"""Joining routes, under /accounts/ beside Django's login and password pages (no namespace)."""

from django.urls import path

from . import join_views

urlpatterns = [
    path("signup/", join_views.signup, name="signup"),
    path("signup/sent/", join_views.signup_sent, name="signup_sent"),
    path("join/<str:token>/", join_views.join_page, name="join"),
    path("invitations/", join_views.invitations, name="invitations"),
    path(
        "invitations/<int:invitation_id>/revoke/",
        join_views.invitation_revoke,
        name="invitation_revoke",
    ),
    path(
        "invitations/<int:invitation_id>/send-again/",
        join_views.invitation_send_again,
        name="invitation_send_again",
    ),
]
