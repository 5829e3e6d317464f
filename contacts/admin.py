"""The staff's view of every person's contacts: contacts, dimensions, attributes, ties and dates.

Every changelist shows and filters by owner, joins what its columns need in one query, and every
foreign key to a contact or a user is an autocomplete, so pages stay fast with thousands of rows.
"""

from typing import Any

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .introductions import admin as introductions_admin  # noqa: F401  (registers its models)
from .models import Contact, ContactAttribute, Dimension, ImportantDate, Tie
from .network import admin as network_admin  # noqa: F401  (registers its models)
from .owned_admin import (
    OwnedAdmin,
    OwnedAdminForm,
    OwnerFilter,
    SameOwnerInlineFormSet,
)


class ContactAttributeInline(admin.TabularInline):
    model = ContactAttribute
    formset = SameOwnerInlineFormSet
    fields = ("dimension", "value")
    autocomplete_fields = ("dimension",)
    extra = 0


class ImportantDateInline(admin.TabularInline):
    model = ImportantDate
    formset = SameOwnerInlineFormSet
    fields = ("label", "date")
    extra = 0


@admin.register(Contact)
class ContactAdmin(OwnedAdmin):
    list_display = (
        "name",
        "owner",
        "organisation",
        "role",
        "city",
        "country",
        "met_through",
        "trust",
        "archived",
        "updated_at",
    )
    list_select_related = ("owner", "met_through")
    list_filter = ("archived", "trust", ("owner", OwnerFilter))
    search_fields = ("name", "email", "organisation", "city", "owner__username")
    autocomplete_fields = ("owner", "met_through")
    readonly_fields = ("created_at", "updated_at")
    inlines = (ContactAttributeInline, ImportantDateInline)
    fieldsets = (
        (None, {"fields": ("owner", "name", "email", "phone", "archived")}),
        (_("Work and place"), {"fields": ("organisation", "role", "city", "country")}),
        (_("Birthday"), {"fields": ("birthday_day", "birthday_month", "birthday_year")}),
        (
            _("Relationship"),
            {"fields": ("how_we_met", "met_through", "cadence_days", "trust", "notes")},
        ),
        (_("History"), {"fields": ("created_at", "updated_at")}),
    )


@admin.register(Dimension)
class DimensionAdmin(OwnedAdmin):
    list_display = ("name", "owner", "position")
    search_fields = ("name", "owner__username")
    ordering = ("owner__username", "position", "id")


@admin.register(ContactAttribute)
class ContactAttributeAdmin(OwnedAdmin):
    list_display = ("contact", "dimension", "value", "owner")
    list_select_related = ("owner", "contact", "dimension")
    search_fields = ("value", "dimension__name", "contact__name", "owner__username")
    autocomplete_fields = ("owner", "contact", "dimension")


class TieAdminForm(OwnedAdminForm):
    def clean(self) -> dict[str, Any]:
        cleaned_data = super().clean()
        a, b = cleaned_data.get("a"), cleaned_data.get("b")
        if a is not None and b is not None:
            if a.pk == b.pk:
                self.add_error("b", _("A tie joins two different contacts."))
            elif a.pk > b.pk:
                # Stored lower id first (a constraint checks that), whichever was picked first.
                cleaned_data["a"], cleaned_data["b"] = b, a
        return cleaned_data


@admin.register(Tie)
class TieAdmin(OwnedAdmin):
    form = TieAdminForm
    list_display = ("a", "b", "kind", "owner", "created_at")
    list_select_related = ("owner", "a", "b")
    list_filter = ("kind", ("owner", OwnerFilter))
    search_fields = ("a__name", "b__name", "owner__username")
    autocomplete_fields = ("owner", "a", "b")


@admin.register(ImportantDate)
class ImportantDateAdmin(OwnedAdmin):
    list_display = ("label", "contact", "date", "owner")
    list_select_related = ("owner", "contact")
    search_fields = ("label", "contact__name", "owner__username")
    autocomplete_fields = ("owner", "contact")
