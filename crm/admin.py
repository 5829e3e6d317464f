"""The staff's view of accounts: Django's user admin plus each person's time zone and language."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import User

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
