"""The staff's view of accounts: Django's user admin plus each person's time zone and language."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import User

PREFERENCES = (_("Preferences"), {"fields": ("time_zone", "language")})


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    fieldsets = (*DjangoUserAdmin.fieldsets, PREFERENCES)
    add_fieldsets = (*DjangoUserAdmin.add_fieldsets, PREFERENCES)
    list_display = (*DjangoUserAdmin.list_display, "language", "time_zone", "date_joined")
    list_filter = (*DjangoUserAdmin.list_filter, "language")
