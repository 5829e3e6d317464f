"""The staff's view of imports."""

from django.contrib import admin
from django.http import HttpRequest

from .models import ImportJob


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    """Imports people started: a reviewer sees what failed and why; the rows are written by the app."""

    list_display = ("owner", "created_at", "format", "filename", "status", "total", "processed")
    list_filter = ("status", "format")
    search_fields = ("owner__username", "filename")
    list_select_related = ("owner",)
    date_hierarchy = "created_at"
    exclude = ("payload",)
    readonly_fields = (
        "owner",
        "status",
        "format",
        "filename",
        "created_at",
        "updated_at",
        "total",
        "processed",
        "summary",
        "error",
    )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
