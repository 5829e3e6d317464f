"""The staff's view of every person's network: contacts, dimensions, ties, dates and introductions.

Every changelist shows and filters by owner, joins what its columns need in one query, and every
foreign key to a contact or a user is an autocomplete, so pages stay fast with thousands of rows.
"""

import csv

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.utils import timezone
from django.utils.formats import localize
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import (
    Contact,
    ContactAttribute,
    Dimension,
    ImportantDate,
    Introduction,
    NetworkSnapshot,
    OwnedModel,
    Tie,
)

OTHER_OWNER_MESSAGE = _("This belongs to another account.")


class OwnerFilter(admin.RelatedOnlyFieldListFilter):
    """Lists only the accounts that own rows here, so the filter stays short on a big site."""

    title_text = _("owner")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.title = self.title_text


class OwnedAdminForm(forms.ModelForm):
    """Turns a reference to another account's row into a form error instead of a failed save."""

    def clean(self):
        cleaned_data = super().clean()
        if "owner" in self.fields:
            owner = cleaned_data.get("owner")
            owner_id = owner.pk if owner is not None else None
        else:
            owner_id = self.instance.owner_id
        if owner_id is None:
            return cleaned_data
        for name in self._meta.model.owned_references:
            other = cleaned_data.get(name)
            if other is not None and other.owner_id != owner_id:
                self.add_error(name, ValidationError(OTHER_OWNER_MESSAGE, code="other_owner"))
        return cleaned_data


class SameOwnerInlineFormSet(forms.BaseInlineFormSet):
    """Inline rows take the parent's owner and may only point at rows of that same owner."""

    def clean(self):
        super().clean()
        owner_id = self.instance.owner_id
        if owner_id is None:  # the parent form has its own error to show
            return
        for form in self.forms:
            cleaned_data = getattr(form, "cleaned_data", None)
            if not cleaned_data or cleaned_data.get("DELETE"):
                continue
            for name, value in list(cleaned_data.items()):
                if isinstance(value, OwnedModel) and value.owner_id != owner_id:
                    form.add_error(name, ValidationError(OTHER_OWNER_MESSAGE, code="other_owner"))

    def save_new(self, form, commit=True):
        if isinstance(form.instance, OwnedModel):
            form.instance.owner_id = self.instance.owner_id
        return super().save_new(form, commit=commit)


class OwnedAdmin(admin.ModelAdmin):
    """Owner as a column, a filter and a search field; fixed once the row exists.

    Moving one row to another account would leave its references pointing across accounts,
    so the owner is chosen when the row is added and shown read-only afterwards.
    """

    form = OwnedAdminForm
    autocomplete_fields: tuple[str, ...] = ("owner",)
    list_select_related: tuple[str, ...] = ("owner",)
    list_filter: tuple = (("owner", OwnerFilter),)

    def get_readonly_fields(self, request, obj=None):
        readonly = tuple(super().get_readonly_fields(request, obj))
        if obj is not None and "owner" not in readonly:
            readonly = ("owner", *readonly)
        return readonly


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
    def clean(self):
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


class IntroducerFilter(OwnerFilter):
    title_text = _("introducer")


class ReviewedFilter(admin.SimpleListFilter):
    title = _("reviewed")
    parameter_name = "reviewed"

    def lookups(self, request, model_admin):
        return [("yes", _("Yes")), ("no", _("No"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(reviewed_at__isnull=False)
        if self.value() == "no":
            return queryset.filter(reviewed_at__isnull=True)
        return queryset


# Raw values rather than translated labels: the file is for a spreadsheet or a script.
INTRODUCTION_CSV_COLUMNS = (
    "introducer",
    "a",
    "b",
    "made_on",
    "status",
    "outcome",
    "follow_up_on",
    "reason",
    "reviewed_at",
    "reviewed_by",
)


def spreadsheet_safe(value: str) -> str:
    """Names and reasons are typed by users; a leading '=' must not run as a formula in Excel."""
    if value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def introduction_csv_row(introduction: Introduction) -> list[str]:
    return [
        spreadsheet_safe(introduction.owner.get_username()),
        spreadsheet_safe(introduction.a.name),
        spreadsheet_safe(introduction.b.name),
        introduction.made_on.isoformat(),
        introduction.status,
        introduction.outcome,
        introduction.follow_up_on.isoformat() if introduction.follow_up_on else "",
        spreadsheet_safe(introduction.reason),
        introduction.reviewed_at.isoformat() if introduction.reviewed_at else "",
        introduction.reviewed_by.get_username() if introduction.reviewed_by else "",
    ]


@admin.register(Introduction)
class IntroductionAdmin(OwnedAdmin):
    """Where a reviewer goes through the introductions people made and marks them as seen."""

    list_display = (
        "introducer",
        "a",
        "b",
        "made_on",
        "status",
        "outcome",
        "follow_up_on",
        "reviewed",
    )
    list_select_related = ("owner", "a", "b")
    list_filter = ("status", "outcome", ReviewedFilter, ("owner", IntroducerFilter))
    date_hierarchy = "made_on"
    search_fields = ("a__name", "b__name", "owner__username")
    autocomplete_fields = ("owner", "a", "b")
    actions = ("mark_reviewed", "export_csv")
    fieldsets = (
        (None, {"fields": ("owner", "a", "b", "made_on", "channel", "reason")}),
        (_("How it went"), {"fields": ("status", "outcome", "outcome_note", "follow_up_on")}),
        (_("Review"), {"fields": ("created_at", "reviewed_at", "reviewed_by", "history")}),
    )

    def get_readonly_fields(self, request, obj=None):
        readonly = ("created_at", "reviewed_at", "reviewed_by", "history")
        if obj is not None:
            # The reason is what the introducer vouched with: a reviewer reads it, never edits it.
            readonly = ("owner", "reason", *readonly)
        return readonly

    @admin.display(description=_("history"))
    def history(self, introduction):
        """Each step the introducer recorded, read only: it is what happened."""
        events = introduction.events.all() if introduction.pk else []
        return (
            format_html_join(
                mark_safe("<br>"),
                "{} · {} · {} {}",
                (
                    (
                        localize(timezone.localtime(e.at)),
                        e.get_status_display(),
                        e.get_outcome_display(),
                        e.note,
                    )
                    for e in events
                ),
            )
            or "–"
        )

    @admin.display(description=_("introducer"), ordering="owner__username")
    def introducer(self, introduction):
        return introduction.owner

    @admin.display(description=_("reviewed"), boolean=True, ordering="reviewed_at")
    def reviewed(self, introduction):
        return introduction.reviewed

    @admin.action(description=_("Mark as reviewed"), permissions=["change"])
    def mark_reviewed(self, request, queryset):
        selected = queryset.count()
        marked = queryset.filter(reviewed_at__isnull=True).update(
            reviewed_at=timezone.now(), reviewed_by=request.user
        )
        message = ngettext(
            "%(count)d introduction marked as reviewed.",
            "%(count)d introductions marked as reviewed.",
            marked,
        ) % {"count": marked}
        if selected > marked:
            message += " " + ngettext(
                "%(count)d was already reviewed and was left as it was.",
                "%(count)d were already reviewed and were left as they were.",
                selected - marked,
            ) % {"count": selected - marked}
        self.message_user(request, message)

    @admin.action(description=_("Export as CSV"), permissions=["view"])
    def export_csv(self, request, queryset):
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="introductions.csv"'
        writer = csv.writer(response)
        writer.writerow(INTRODUCTION_CSV_COLUMNS)
        for introduction in queryset.select_related("owner", "a", "b", "reviewed_by"):
            writer.writerow(introduction_csv_row(introduction))
        return response


@admin.register(NetworkSnapshot)
class NetworkSnapshotAdmin(admin.ModelAdmin):
    list_display = (
        "owner",
        "requested_at",
        "status",
        "contact_count",
        "cluster_count",
        "flagged_count",
        "homogeneity",
    )
    list_filter = ("status",)
    search_fields = ("owner__username",)
    list_select_related = ("owner",)
    date_hierarchy = "requested_at"
    exclude = ("graph",)
    readonly_fields = (
        "owner",
        "status",
        "requested_at",
        "computed_at",
        "contact_count",
        "cluster_count",
        "flagged_count",
        "homogeneity",
        "report",
        "error",
    )

    def has_add_permission(self, request):
        return False
