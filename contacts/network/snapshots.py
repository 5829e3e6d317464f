"""Loading a person's network for the analysis, and storing the result as a snapshot."""

import datetime
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from django.utils import timezone

from contacts.account import User
from contacts.models import Contact, ContactAttribute, Dimension, Introduction, NetworkSnapshot, Tie

from .analysis import analyse_network
from .encounter_data import encounter_data
from .graph import ContactGraph, ContactNode, build_graph

# What analyse_network takes: contacts, ties, shared encounters, introductions, dimension names.
NetworkInputs = tuple[
    list[ContactNode],
    list[tuple[int, int, str]],
    list[tuple[tuple[int, ...], bool]],
    list[tuple[int, int]],
    list[str],
]

# The map draws at most this many contacts (the most connected); a phone cannot show more legibly.
MAP_MAX_NODES = 600


def network_inputs(user: User, as_of: datetime.date) -> NetworkInputs:
    """Plain data for analyse_network, in a fixed number of queries whatever the network's size."""
    attributes: defaultdict[int, dict[str, str]] = defaultdict(dict)
    for contact_id, dimension, value in ContactAttribute.objects.for_user(user).values_list(
        "contact_id", "dimension__name", "value"
    ):
        attributes[contact_id][dimension] = value
    encounters = encounter_data(user)
    contacts = []
    for pk, name in (
        Contact.objects.for_user(user).active().order_by("pk").values_list("pk", "name")
    ):
        last_seen = encounters.last_seen.get(pk)
        days = (as_of - last_seen).days if last_seen else None
        contacts.append(
            ContactNode(id=pk, name=name, attributes=attributes.get(pk, {}), days_since_seen=days)
        )
    ties = list(Tie.objects.for_user(user).values_list("a_id", "b_id", "kind"))
    shared = encounters.shared
    introductions = list(Introduction.objects.for_user(user).values_list("a_id", "b_id"))
    dimensions = list(Dimension.objects.for_user(user).values_list("name", flat=True))
    return contacts, ties, shared, introductions, dimensions


def value_shares(
    contacts: Sequence[ContactNode], dimensions: Sequence[str]
) -> dict[str, list[list[object]]]:
    """Per dimension, [value, count, share of those with a value] from the most common down."""
    shares: dict[str, list[list[object]]] = {}
    for dimension in dimensions:
        counts = Counter(c.attributes[dimension] for c in contacts if c.attributes.get(dimension))
        known = sum(counts.values())
        if known:
            shares[dimension] = [
                [value, count, round(count / known, 4)]
                for value, count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
            ]
    return shares


def analyse_user_network(
    user: User, as_of: datetime.date | None = None
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The report (as JSON-ready data) and the map's graph for a person's network as it is now."""
    as_of = as_of or timezone.localdate()
    contacts, ties, shared, introductions, dimensions = network_inputs(user, as_of)
    # Built once: the analysis and the map both need it, and building is a third of the work.
    graph = build_graph({c.id: c for c in contacts}, ties, shared, introductions)
    report: dict[str, Any] = analyse_network(
        contacts, ties, shared, introductions, dimensions=dimensions, graph=graph
    ).as_dict()
    report["network"]["value_shares"] = value_shares(contacts, dimensions)
    return report, map_graph(contacts, graph, report)


def map_graph(
    contacts: Sequence[ContactNode], graph: ContactGraph, report: dict[str, Any]
) -> dict[str, Any]:
    """Nodes (id, name, circle index or -1, flagged) and weighted edges for the network map."""
    circle: dict[int, int] = {}
    for cluster in report["clusters"]:
        for member in cluster["member_ids"]:
            circle[member] = cluster["index"]
    keep = sorted(graph.nodes, key=lambda n: (-graph.degree(n, weight="weight"), n))[:MAP_MAX_NODES]
    kept = set(keep)
    names = {c.id: c.name for c in contacts}
    flagged = {c["index"] for c in report["clusters"] if c["homogeneous"]}
    # Only the kept contacts' edges are sorted: with 5,000 contacts, 4,000 of 77,000.
    weighted: Iterable[tuple[int, int, float]] = graph.edges(data="weight")
    edges = sorted((a, b, w) for a, b, w in weighted if a in kept and b in kept)
    return {
        "nodes": [
            [n, names[n], circle.get(n, -1), circle.get(n, -1) in flagged] for n in sorted(kept)
        ],
        "edges": [[a, b, round(w, 3)] for a, b, w in edges],
        "total_nodes": graph.number_of_nodes(),
    }


def compute_snapshot(snapshot: NetworkSnapshot) -> NetworkSnapshot:
    """Run the analysis for the snapshot's owner and store the result in it."""
    NetworkSnapshot.objects.filter(pk=snapshot.pk).update(status=NetworkSnapshot.Status.RUNNING)
    data, graph = analyse_user_network(snapshot.owner)
    snapshot.report = data
    snapshot.graph = graph
    snapshot.contact_count = data["contacts"]
    snapshot.cluster_count = len(data["clusters"])
    snapshot.flagged_count = sum(1 for c in data["clusters"] if c["homogeneous"])
    snapshot.homogeneity = data["network"]["homogeneity"]
    snapshot.computed_at = timezone.now()
    snapshot.status = NetworkSnapshot.Status.DONE
    snapshot.error = ""
    snapshot.save()
    return snapshot


def latest_snapshot(user: User) -> NetworkSnapshot | None:
    return NetworkSnapshot.objects.for_user(user).latest_done()
