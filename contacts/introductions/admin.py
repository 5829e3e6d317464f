"""The staff's review of introductions: who vouched for whom, marked as reviewed, exported as CSV."""

from typing import TYPE_CHECKING

from django.contrib import admin
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.formats import localize
from django.utils.html import format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from contacts.account import User
from contacts.models import Introduction
from contacts.owned_admin import OwnedAdmin, OwnerFilter
from contacts.spreadsheets import SpreadsheetWriter, spreadsheet_safe

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class IntroducerFilter(OwnerFilter):
    title_text = _("introducer")


class ReviewedFilter(admin.SimpleListFilter):
    title = _("reviewed")
    parameter_name = "reviewed"

    def lookups(
        self, request: HttpRequest, model_admin: admin.ModelAdmin
    ) -> list[tuple[str, "StrOrPromise"]]:
        return [("yes", _("Yes")), ("no", _("No"))]

    def queryset(
        self, request: HttpRequest, queryset: QuerySet[Introduction]
    ) -> QuerySet[Introduction]:
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

    def get_readonly_fields(
        self, request: HttpRequest, obj: Model | None = None
    ) -> tuple[str, ...]:
        readonly: tuple[str, ...] = ("created_at", "reviewed_at", "reviewed_by", "history")
        if obj is not None:
            # The reason is what the introducer vouched with: a reviewer reads it, never edits it.
            readonly = ("owner", "reason", *readonly)
        return readonly

    @admin.display(description=_("history"))
    def history(self, introduction: Introduction) -> SafeString | str:
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
    def introducer(self, introduction: Introduction) -> User:
        return introduction.owner

    @admin.display(description=_("reviewed"), boolean=True, ordering="reviewed_at")
    def reviewed(self, introduction: Introduction) -> bool:
        return introduction.reviewed

    @admin.action(description=_("Mark as reviewed"), permissions=["change"])
    def mark_reviewed(self, request: HttpRequest, queryset: QuerySet[Introduction]) -> None:
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
    def export_csv(self, request: HttpRequest, queryset: QuerySet[Introduction]) -> HttpResponse:
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="introductions.csv"'
        writer = SpreadsheetWriter(response)
        writer.writerow(INTRODUCTION_CSV_COLUMNS)
        for introduction in queryset.select_related("owner", "a", "b", "reviewed_by"):
            writer.writerow(introduction_csv_row(introduction))
        return response
