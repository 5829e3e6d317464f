"""The contact graph: contacts as nodes, ties, shared encounters and introductions as weighted edges.

Plain data in, a networkx graph out, and the communities (circles) found in it. The weights and
their reasons are in contacts/network/thresholds.py; docs/network-analysis.md explains the model.
"""

import math
import random
import threading
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import TYPE_CHECKING, TypeAlias

import igraph
import networkx as nx

from . import thresholds as limits

Pair = tuple[int, int]

# igraph's random number generator is process-wide; Leiden runs hold this while they swap in theirs.
_IGRAPH_RANDOM = threading.Lock()

# Contact ids as nodes, a "weight" on every edge. networkx's Graph is generic only in its type
# stubs; at run time it cannot be subscripted.
if TYPE_CHECKING:
    ContactGraph: TypeAlias = nx.Graph[int]
else:
    ContactGraph = nx.Graph


@dataclass(frozen=True)
class ContactNode:
    """An active contact as the analysis sees it: its values per dimension and when last seen."""

    id: int
    name: str
    attributes: Mapping[str, str] = field(default_factory=dict)
    days_since_seen: int | None = None


# --- The graph ----------------------------------------------------------------------------------


def edge_weights(
    contact_ids: Iterable[int],
    ties: Iterable[tuple[int, int, str]] = (),
    shared_encounters: Iterable[tuple[Sequence[int], bool]] = (),
    introductions: Iterable[tuple[int, int]] = (),
) -> dict[Pair, float]:
    """The weight of every pair of active contacts, keyed (lower id, higher id), sorted.

    weight = strongest tie kind + saturated shared-encounter weight + introduction weight. An
    encounter of k participants gives each pair among them (in-person or remote weight) / (k - 1),
    so each participant gains the same total from one encounter however large it is (Newman 2001
    weights co-authorship the same way): a 40-person event doesn't outweigh a dinner for two. Pairs
    with an inactive contact, self-ties and repeated participants are ignored.
    """
    active = set(contact_ids)
    tie_weights: dict[Pair, float] = {}
    kind_weights, default_weight = limits.TIE_KIND_WEIGHTS, limits.DEFAULT_TIE_WEIGHT
    for a, b, kind in ties:
        if a == b or a not in active or b not in active:
            continue
        pair = (a, b) if a < b else (b, a)
        tie_weights[pair] = max(tie_weights.get(pair, 0.0), kind_weights.get(kind, default_weight))

    encounter_parts: dict[Pair, list[float]] = defaultdict(list)
    for participants, in_person in shared_encounters:
        people = sorted(set(participants))
        if len(people) < 2:
            continue
        base = limits.ENCOUNTER_IN_PERSON_WEIGHT if in_person else limits.ENCOUNTER_REMOTE_WEIGHT
        part = base / (len(people) - 1)
        for pair in combinations([person for person in people if person in active], 2):
            encounter_parts[pair].append(part)

    introduced = {
        found for a, b in introductions if (found := _active_pair(a, b, active)) is not None
    }

    saturation = limits.ENCOUNTER_SATURATION
    weights = {}
    for pair in sorted(tie_weights.keys() | encounter_parts.keys() | introduced):
        weight = tie_weights.get(pair, 0.0)
        if (parts := encounter_parts.get(pair)) is not None:
            # fsum is correctly rounded, so the weight doesn't depend on the encounters' order
            # (and a single part is its own sum: most pairs share one encounter).
            raw = parts[0] if len(parts) == 1 else math.fsum(parts)
            weight += -saturation * math.expm1(-raw / saturation)
        if pair in introduced:
            weight += limits.INTRODUCTION_WEIGHT
        weights[pair] = weight
    return weights


def build_graph(
    contact_ids: Iterable[int],
    ties: Iterable[tuple[int, int, str]] = (),
    shared_encounters: Iterable[tuple[Sequence[int], bool]] = (),
    introductions: Iterable[tuple[int, int]] = (),
) -> ContactGraph:
    """The weighted, undirected contact graph, nodes and edges added in sorted order.

    Insertion order fixes the order Leiden sees nodes and edges in, so sorting is what makes the same
    data give the same circles whatever order the database returned it in.
    """
    contact_ids = sorted(set(contact_ids))
    graph: ContactGraph = nx.Graph()
    graph.add_nodes_from(contact_ids)
    weights = edge_weights(contact_ids, ties, shared_encounters, introductions)
    graph.add_weighted_edges_from((a, b, weight) for (a, b), weight in weights.items())
    return graph


def find_communities(
    graph: ContactGraph,
    *,
    seed: int = limits.DEFAULT_SEED,
    resolution: float = limits.LEIDEN_RESOLUTION,
    edges: Sequence[tuple[int, int, float]] | None = None,
) -> list[frozenset[int]]:
    """Leiden communities (Traag et al. 2019) on tie weight, largest first, then by lowest id.

    igraph's Leiden optimises the same weighted modularity as Louvain did, in C and about twenty
    times faster, and guarantees every community is connected (Louvain can leave a community held
    together only by a node that moved away). It runs until an iteration no longer improves, at
    most LEIDEN_MAX_ITERATIONS times. `edges` is indexed_edges(graph), when the caller has it.
    """
    if graph.number_of_nodes() == 0:
        return []
    nodes = sorted(graph)
    if edges is None:
        edges = _indexed_edges(graph, nodes)
    return [
        frozenset(nodes[i] for i in members)
        for members in leiden(nodes, edges, seed=seed, resolution=resolution)
    ]


def split_circle(
    graph: ContactGraph,
    members: Iterable[int],
    *,
    seed: int = limits.DEFAULT_SEED,
    edges: Sequence[tuple[int, int, float]] | None = None,
) -> list[frozenset[int]]:
    """A circle's own communities: Leiden on the ties among its members alone (modularity measured
    within the circle, so structure too fine for the whole network's modularity shows), largest
    first, then by lowest id. A circle without inner structure comes back whole or nearly so.
    `edges`, the ties among the members as _indexed_edges gives them, when the caller has them
    (edges_by_circle)."""
    nodes = sorted(members)
    if edges is None:
        edges = _indexed_edges(graph, nodes)
    return [frozenset(nodes[i] for i in part) for part in leiden(nodes, edges, seed=seed)]


def leiden(
    nodes: Sequence[int],
    edges: Sequence[tuple[int, int, float]],
    *,
    seed: int = limits.DEFAULT_SEED,
    resolution: float = limits.LEIDEN_RESOLUTION,
) -> list[list[int]]:
    """Leiden on plain data: `edges` as (index, index, weight) into `nodes`; the communities as
    sorted index lists, largest first, then by lowest index. The same input and seed always give
    the same communities: igraph draws from a random.Random seeded here, under a lock because
    igraph's generator is process-wide."""
    graph = igraph.Graph(n=len(nodes), edges=[(a, b) for a, b, _ in edges])
    weights = [w for _, _, w in edges]
    with _IGRAPH_RANDOM:
        igraph.set_random_number_generator(random.Random(seed))
        try:
            # Iterate until an iteration no longer improves, as igraph's n_iterations=-1 does, but
            # at most LEIDEN_MAX_ITERATIONS times: a network without circles (every tie at random)
            # keeps improving by crumbs for dozens of iterations.
            clustering = graph.community_leiden(
                objective_function="modularity", weights=weights, resolution=resolution
            )
            for _ in range(limits.LEIDEN_MAX_ITERATIONS - 2):
                improved = graph.community_leiden(
                    objective_function="modularity",
                    weights=weights,
                    resolution=resolution,
                    n_iterations=1,
                    initial_membership=clustering.membership,
                )
                if improved.quality <= clustering.quality:
                    break
                clustering = improved
        finally:
            igraph.set_random_number_generator(random)
    communities = [sorted(members) for members in clustering if members]
    return sorted(communities, key=lambda c: (-len(c), c[0]))


def indexed_edges(graph: ContactGraph) -> tuple[list[int], list[tuple[int, int, float]]]:
    """The graph's nodes sorted, and its edges as (index, index, weight) into them, sorted: read
    once, then reused by the circles, their splits and the homophily test."""
    nodes = sorted(graph)
    index = {node: i for i, node in enumerate(nodes)}
    # adjacency() yields the plain neighbour dictionaries, without the views' cost per edge.
    edges = [
        (i, j, data["weight"])
        for a, neighbours in graph.adjacency()
        for b, data in neighbours.items()
        if (i := index[a]) < (j := index[b])
    ]
    edges.sort()
    return nodes, edges


def edges_by_circle(
    edges: Iterable[tuple[int, int, float]],
    circle_of: Sequence[int | None],
    positions: Sequence[int],
) -> dict[int, list[tuple[int, int, float]]]:
    """The edges inside each circle, from the whole graph's indexed edges (sorted): `circle_of`
    each node index's circle (None: not wanted), `positions` its index among its circle's sorted
    members. The order within a circle keeps the global order, which is that circle's sorted
    order too (positions rise with the index), so each list equals _indexed_edges of the circle."""
    inside: dict[int, list[tuple[int, int, float]]] = defaultdict(list)
    for i, j, weight in edges:
        circle = circle_of[i]
        if circle is not None and circle == circle_of[j]:
            inside[circle].append((positions[i], positions[j], weight))
    return inside


def _indexed_edges(graph: ContactGraph, nodes: Sequence[int]) -> list[tuple[int, int, float]]:
    """The edges among `nodes` (sorted ids) as (index, index, weight), lower index first, sorted.

    Reads the adjacency dictionaries directly: networkx's edge and subgraph views cost about a
    microsecond per edge more, a tenth of the analysis at 50,000 ties.
    """
    index = {node: i for i, node in enumerate(nodes)}
    adjacency = graph.adj
    edges = []
    for a in nodes:
        i = index[a]
        for b, data in adjacency[a].items():
            j = index.get(b)
            if j is not None and i < j:
                edges.append((i, j, data["weight"]))
    edges.sort()
    return edges


def participation_coefficients(
    graph: ContactGraph, community_of: Mapping[int, int]
) -> dict[int, float]:
    """P = 1 - sum over communities of (weight into it / total weight) ** 2 (Guimera & Amaral 2005).

    0 for a contact whose ties all stay in one community (or who has none); O(E).
    """
    coefficients = {}
    for node, neighbours in graph.adjacency():
        by_community: dict[int, float] = defaultdict(float)
        for neighbour, data in neighbours.items():
            by_community[community_of[neighbour]] += data["weight"]
        strength = math.fsum(by_community.values())
        if strength <= 0:
            coefficients[node] = 0.0
            continue
        coefficients[node] = 1.0 - math.fsum((w / strength) ** 2 for w in by_community.values())
    return coefficients


def _active_pair(a: int, b: int, active: set[int]) -> Pair | None:
    if a == b or a not in active or b not in active:
        return None
    return (a, b) if a < b else (b, a)
