"""The staff's view of encounters, with their participants edited inline."""

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from contacts.owned_admin import OwnedAdmin, OwnerFilter, SameOwnerInlineFormSet

from .models import DigestDelivery, Encounter, EncounterParticipant


class ParticipantFormSet(SameOwnerInlineFormSet):
    def clean(self) -> None:
        super().clean()
        remaining = [
            form
            for form in self.forms
            if getattr(form, "cleaned_data", None) and not form.cleaned_data.get("DELETE")
        ]
        if not remaining:
            raise ValidationError(_("An encounter is with at least one contact."), code="no_one")

    @classmethod
    def get_default_prefix(cls) -> str:
        # The foreign key has no reverse accessor (related_name="+"), which would leave no prefix.
        return "participants"


class ParticipantInline(admin.TabularInline):
    model = EncounterParticipant
    formset = ParticipantFormSet
    fields = ("contact",)
    autocomplete_fields = ("contact",)
    # An encounter is with somebody: at least one participant.
    min_num = 1
    extra = 0


@admin.register(Encounter)
class EncounterAdmin(OwnedAdmin):
    list_display = (
        "occurred_on",
        "kind",
        "owner",
        "participant_names",
        "in_person",
        "planned",
        "views",
        "follow_up_on",
    )
    list_filter = ("kind", "planned", "views", ("owner", OwnerFilter))
    date_hierarchy = "occurred_on"
    search_fields = ("participants__name", "location", "owner__username")
    readonly_fields = ("created_at", "updated_at")
    inlines = (ParticipantInline,)
    fieldsets = (
        (None, {"fields": ("owner", "occurred_on", "time", "kind", "planned", "location")}),
        (_("What came of it"), {"fields": ("notes", "learned", "views", "follow_up_on")}),
        (_("History"), {"fields": ("created_at", "updated_at")}),
    )

    def get_queryset(self, request: HttpRequest) -> QuerySet[Encounter]:
        # One query for the participants of the whole page, not one per row.
        return super().get_queryset(request).prefetch_related("participants")

    @admin.display(description=_("who"))
    def participant_names(self, encounter: Encounter) -> str:
        return ", ".join(contact.name for contact in encounter.participants.all())


@admin.register(DigestDelivery)
class DigestDeliveryAdmin(admin.ModelAdmin):
    """Each person's weekly digests; filter by status "failed" to see the weeks that did not go out."""

    list_display = ("owner", "week_label", "status", "attempts", "enqueued_at", "sent_at", "error")
    list_filter = ("status", "iso_year", "iso_week")
    search_fields = ("owner__username", "owner__email")
    list_select_related = ("owner",)
    readonly_fields = (
        "owner",
        "iso_year",
        "iso_week",
        "claimed_by",
        "attempts",
        "created_at",
        "enqueued_at",
        "sent_at",
        "error",
    )
    fields = (
        "owner",
        "iso_year",
        "iso_week",
        "status",
        "claimed_by",
        "attempts",
        "created_at",
        "enqueued_at",
        "sent_at",
        "error",
    )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
