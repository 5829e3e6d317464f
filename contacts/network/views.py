"""The circles pages: the bubbles of a person's network, the map, and recomputing on request."""

from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRefresh

from contacts.account import AuthenticatedRequest, User
from contacts.models import Contact, NetworkSnapshot

from . import explain, freshness
from .snapshots import latest_snapshot
from .tasks import request_snapshot

HISTORY = 12
# The map's palette has this many colours (static/js/network-map.js, .dot-circle-N in the CSS).
MAP_COLOURS = 10
# Names listed under "Who is in it": enough to recognise a circle. A circle of 2,000 people listed
# whole made the page 360 kB and most of its time; the rest is a count.
MEMBERS_SHOWN = 30


def _pending(user: User) -> NetworkSnapshot | None:
    return (
        NetworkSnapshot.objects.for_user(user)
        .in_progress()
        .only("id", "status", "requested_at")
        .first()
    )


def _latest_attempt(user: User) -> NetworkSnapshot | None:
    return (
        NetworkSnapshot.objects.for_user(user)
        .only("id", "status", "requested_at")
        .order_by("-requested_at", "-id")
        .first()
    )


def circles(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    snapshot = latest_snapshot(user)
    attempt = _latest_attempt(user)
    changed_at = freshness.data_changed_at(user.pk)
    stale = freshness.is_older_than_data(snapshot, changed_at)
    pending = attempt if attempt is not None and not attempt.finished else None
    # First visit, or data newer than the circles: ask for them now, once. A failed attempt for
    # the same data is not repeated on every visit; the page offers the button instead.
    tried_and_failed = (
        attempt is not None
        and attempt.status == NetworkSnapshot.Status.FAILED
        and (changed_at is None or attempt.requested_at >= changed_at)
    )
    if pending is None and (snapshot is None or stale) and not tried_and_failed:
        pending = request_snapshot(user)
        pending.refresh_from_db(fields=["status"])
        if pending.status == NetworkSnapshot.Status.DONE:  # no broker: computed in-process
            snapshot, pending, stale = latest_snapshot(user), None, False
    elif attempt is not None and attempt.status == NetworkSnapshot.Status.FAILED:
        pending = attempt  # shows "that did not work" next to the button
    history = list(
        NetworkSnapshot.objects.for_user(user)
        .done()
        .only("computed_at", "contact_count", "cluster_count", "flagged_count", "homogeneity")
        .order_by("-computed_at")[:HISTORY]
    )
    report = snapshot.report if snapshot else {}
    clusters = [
        {
            **explain.explained(c),
            "members_shown": c.get("members", [])[:MEMBERS_SHOWN],
            "members_more": max(0, len(c.get("members", [])) - MEMBERS_SHOWN),
        }
        for c in sorted(
            report.get("clusters", []), key=lambda c: (not c["homogeneous"], -c["size"])
        )
    ]
    network = report.get("network", {})
    network_explanation = (
        explain.explain_shared(network.get("reason_details", []), report.get("contacts", 0))
        if network.get("homogeneous")
        else []
    )
    return render(
        request,
        "contacts/circles.html",
        {
            "snapshot": snapshot,
            "report": report,
            "clusters": clusters,
            "network_explanation": network_explanation,
            "history": history,
            "pending": pending,
            "stale": stale,
            "contacts_now": Contact.objects.for_user(user).active().count() if stale else None,
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
    report = snapshot.report if snapshot else {}
    return render(
        request,
        "contacts/network_map.html",
        {
            "snapshot": snapshot,
            "legend": [
                {**c, "colour": c["index"] % MAP_COLOURS, "name": explain.circle_name(c)}
                for c in report.get("clusters", [])
            ],
            "in_small_groups": sum(g["size"] for g in report.get("small_clusters", [])),
            "tied_to_no_one": len(report.get("isolated", [])),
        },
    )


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
            "label": explain.circle_name(c),
            "homogeneous": c["homogeneous"],
            "size": c["size"],
        }
        for c in snapshot.report.get("clusters", [])
    ]
    return JsonResponse({**snapshot.graph, "clusters": clusters})
