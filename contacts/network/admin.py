"""The staff's view of network snapshots: read-only, the analysis writes them."""

from django.contrib import admin
from django.http import HttpRequest

from contacts.models import NetworkSnapshot


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

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
