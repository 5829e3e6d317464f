"""The circles pages: the bubbles of a person's network, the map, and recomputing on request."""

from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRefresh

from contacts.account import AuthenticatedRequest, User
from contacts.models import NetworkSnapshot

from .snapshots import latest_snapshot
from .tasks import request_snapshot

HISTORY = 12


def _pending(user: User) -> NetworkSnapshot | None:
    return (
        NetworkSnapshot.objects.for_user(user)
        .in_progress()
        .only("id", "status", "requested_at")
        .first()
    )


def circles(request: AuthenticatedRequest) -> HttpResponse:
    snapshot = latest_snapshot(request.user)
    history = list(
        NetworkSnapshot.objects.for_user(request.user)
        .done()
        .only("computed_at", "contact_count", "cluster_count", "flagged_count", "homogeneity")
        .order_by("-computed_at")[:HISTORY]
    )
    report = snapshot.report if snapshot else {}
    clusters = sorted(report.get("clusters", []), key=lambda c: (not c["homogeneous"], -c["size"]))
    return render(
        request,
        "contacts/circles.html",
        {
            "snapshot": snapshot,
            "report": report,
            "clusters": clusters,
            "history": history,
            "pending": _pending(request.user),
        },
    )


@require_POST
def recompute(request: AuthenticatedRequest) -> HttpResponse:
    snapshot = _pending(request.user) or request_snapshot(request.user)
    snapshot.refresh_from_db(fields=["status"])
    if request.htmx and snapshot.status == NetworkSnapshot.Status.DONE:
        # Without a broker the task ran in-process and the new circles are already there.
        return HttpResponseClientRefresh()
    if request.htmx:
        return render(request, "contacts/circles.html#progress", {"pending": snapshot})
    return redirect("circles")


def progress(request: AuthenticatedRequest, snapshot_id: int) -> HttpResponse:
    """Polled by the page while a snapshot is computed; reloads the page once it is there."""
    snapshot = get_object_or_404(
        NetworkSnapshot.objects.for_user(request.user).only("id", "status", "error"), pk=snapshot_id
    )
    if snapshot.status == NetworkSnapshot.Status.DONE and request.htmx:
        return HttpResponseClientRefresh()
    return render(request, "contacts/circles.html#progress", {"pending": snapshot})


def network_map(request: AuthenticatedRequest) -> HttpResponse:
    snapshot = latest_snapshot(request.user)
    return render(request, "contacts/network_map.html", {"snapshot": snapshot})


def network_map_data(request: AuthenticatedRequest) -> JsonResponse:
    snapshot = (
        NetworkSnapshot.objects.for_user(request.user)
        .done()
        .only("graph", "report", "computed_at")
        .order_by("-computed_at", "-id")
        .first()
    )
    if snapshot is None:
        return JsonResponse({"nodes": [], "edges": [], "clusters": []})
    clusters = [
        {
            "index": c["index"],
            "label": c["label"],
            "homogeneous": c["homogeneous"],
            "size": c["size"],
        }
        for c in snapshot.report.get("clusters", [])
    ]
    return JsonResponse({**snapshot.graph, "clusters": clusters})
