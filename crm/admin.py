"""The staff's view of accounts: Django's user admin plus each person's time zone and language, and
invitations (sent from here they are mailed like those from the invitations page)."""

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Invitation, User
from .signup import TooManyMails, has_account, invitations_allowed, issue, send_again

PREFERENCES = ("time_zone", "language")


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    fieldsets = (
        *(DjangoUserAdmin.fieldsets or ()),
        (_("Preferences"), {"fields": PREFERENCES}),
    )
    add_fieldsets = (*DjangoUserAdmin.add_fieldsets, (_("Preferences"), {"fields": PREFERENCES}))
    # django-stubs types list_display per instance (it is generic in the model); Django reads it
    # from the class like every other option.
    list_display = (*DjangoUserAdmin.list_display, "language", "time_zone", "date_joined")  # type: ignore[misc]
    list_filter = (*DjangoUserAdmin.list_filter, "language")


class InvitationAdminForm(forms.ModelForm):
    class Meta:
        model = Invitation
        fields = ("email", "language")

    def clean_email(self) -> str:
        email: str = self.cleaned_data["email"]
        if has_account(email):
            raise forms.ValidationError(_("This address already has an account."), code="taken")
        return email


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    form = InvitationAdminForm
    list_display = ("email", "invited_by", "created_at", "expires_at", "state", "account")
    list_filter = ("language", ("invited_by", admin.EmptyFieldListFilter))
    list_select_related = ("invited_by", "account")
    search_fields = ("email", "invited_by__username", "account__username")
    date_hierarchy = "created_at"
    actions = ["send_again_action"]

    @admin.display(description=_("state"))
    def state(self, invitation: Invitation) -> str:
        if invitation.accepted_at:
            return str(_("joined"))
        if invitation.expires_at <= timezone.now():
            return str(_("expired"))
        return str(_("waiting"))

    def get_fields(self, request: HttpRequest, obj: Invitation | None = None) -> Any:
        if obj is None:
            return ("email", "language")
        return (
            "email", "language", "invited_by", "created_at", "expires_at", "accepted_at", "account",
        )  # fmt: skip

    def get_readonly_fields(self, request: HttpRequest, obj: Invitation | None = None) -> Any:
        return () if obj is None else self.get_fields(request, obj)

    def has_add_permission(self, request: HttpRequest) -> bool:
        # In the closed mode the admin makes accounts directly (Users → Add user).
        return invitations_allowed() and super().has_add_permission(request)

    def save_model(self, request: HttpRequest, obj: Invitation, form: Any, change: bool) -> None:
        if change:
            return  # nothing about a sent invitation is edited; send it again instead
        obj.invited_by = request.user  # type: ignore[assignment]
        if not issue(obj, throttle=False).mailed:
            messages.error(request, _("The mail could not be sent; use “Send again” later."))

    @admin.action(description=_("Send the selected invitations again (with new links)"))
    def send_again_action(self, request: HttpRequest, queryset: QuerySet[Invitation]) -> None:
        for invitation in queryset.pending():  # type: ignore[attr-defined]
            try:
                sent = send_again(invitation)
            except TooManyMails:
                messages.error(
                    request, _("%(email)s: too many mails just now.") % {"email": invitation.email}
                )
                continue
            if not sent.mailed:
                messages.error(
                    request,
                    _("%(email)s: the mail could not be sent.") % {"email": invitation.email},
                )
