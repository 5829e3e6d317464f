"""Loading a person's network for the analysis, and storing the result as a snapshot."""

import datetime
import gc
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from django.db import connections
from django.db.models import QuerySet
from django.utils import timezone

from contacts.account import User
from contacts.models import Contact, ContactAttribute, Dimension, Introduction, NetworkSnapshot, Tie

from .analysis import analyse_network
from .encounter_data import encounter_data
from .graph import ContactNode, IndexedGraph, indexed_graph

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
    for contact_id, dimension, value in _rows(
        ContactAttribute.objects.for_user(user).values_list(
            "contact_id", "dimension__name", "value"
        )
    ):
        attributes[contact_id][dimension] = value
    encounters = encounter_data(user)
    contacts = []
    for pk, name in _rows(
        Contact.objects.for_user(user).active().order_by("pk").values_list("pk", "name")
    ):
        last_seen = encounters.last_seen.get(pk)
        days = (as_of - last_seen).days if last_seen else None
        contacts.append(
            ContactNode(id=pk, name=name, attributes=attributes.get(pk, {}), days_since_seen=days)
        )
    ties = _rows(Tie.objects.for_user(user).values_list("a_id", "b_id", "kind"))
    shared = encounters.shared
    introductions = _rows(Introduction.objects.for_user(user).values_list("a_id", "b_id"))
    dimensions = list(Dimension.objects.for_user(user).values_list("name", flat=True))
    return contacts, ties, shared, introductions, dimensions


def _rows(query: "QuerySet[Any, tuple[Any, ...]]") -> list[tuple[Any, ...]]:
    """A values_list query's rows as the database driver gives them, in one fetch: for columns that
    need no conversion (ids, text) the same tuples as iterating the query, without its per-row and
    per-chunk work (50,000 ties came in 500 chunks of 100)."""
    sql, params = query.query.sql_with_params()
    with connections[query.db].cursor() as cursor:
        cursor.execute(sql, params)
        return list(cursor.fetchall())


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
    with _collector_paused():
        # In a function of its own, so that its rows, graph and circles are freed (by reference
        # counting) before the collector runs again: left alive, the first collection after the
        # pause walked all of them (34 ms of a profile at 5,000 contacts, on a loaded machine).
        return _analyse(user, as_of)


def _analyse(user: User, as_of: datetime.date) -> tuple[dict[str, Any], dict[str, Any]]:
    contacts, ties, shared, introductions, dimensions = network_inputs(user, as_of)
    # Built once: the analysis and the map both need it.
    graph = indexed_graph({c.id: c for c in contacts}, ties, shared, introductions)
    report: dict[str, Any] = analyse_network(
        contacts, ties, shared, introductions, dimensions=dimensions, graph=graph
    ).as_dict()
    report["network"]["value_shares"] = value_shares(contacts, dimensions)
    return report, map_graph(contacts, graph, report)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector off for the duration of a block.

    The analysis allocates about a million tuples, lists and dicts that live until it ends (rows,
    edges, circles) and makes no cyclic garbage worth collecting meanwhile; at 5,000 contacts the
    collector ran about 400 times during it, walking all of them, for a fifth of the time
    (docs/benchmarks.md, issue 15). Whatever cycles the block leaves are collected afterwards as
    usual.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def map_graph(
    contacts: Sequence[ContactNode], graph: IndexedGraph, report: dict[str, Any]
) -> dict[str, Any]:
    """Nodes (id, name, circle index or -1, flagged) and weighted edges for the network map."""
    circle: dict[int, int] = {}
    for cluster in report["clusters"]:
        for member in cluster["member_ids"]:
            circle[member] = cluster["index"]
    nodes, strengths = graph.nodes, graph.strengths
    # The most connected, by summed tie weight, then by id; as node indices, which sort as the ids.
    keep = sorted(range(len(nodes)), key=lambda i: (-strengths[i], nodes[i]))[:MAP_MAX_NODES]
    kept = [False] * len(nodes)
    for i in keep:
        kept[i] = True
    names = {c.id: c.name for c in contacts}
    flagged = {c["index"] for c in report["clusters"] if c["homogeneous"]}
    return {
        "nodes": [
            [n, names[n], circle.get(n, -1), circle.get(n, -1) in flagged]
            for n in (nodes[i] for i in sorted(keep))
        ],
        # The edges are sorted, so the kept ones are too.
        "edges": [
            [nodes[i], nodes[j], round(w, 3)]
            for i, j, w in zip(graph.ends, graph.other_ends, graph.weights, strict=True)
            if kept[i] and kept[j]
        ],
        "total_nodes": len(nodes),
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
