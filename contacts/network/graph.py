"""The contact graph: contacts as nodes, ties, shared encounters and introductions as weighted edges.

Plain data in, a networkx graph out, and the communities (circles) found in it. The weights and
their reasons are in contacts/network/thresholds.py; docs/network-analysis.md explains the model.
"""

import math
import operator
import random
import threading
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from itertools import combinations, repeat
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


@dataclass(frozen=True)
class IndexedGraph:
    """The contact graph as plain lists: `nodes`, the contact ids sorted, and the edges, one per
    pair of contacts with a weight, as three parallel lists: `ends` and `other_ends` (indices into
    `nodes`, the lower first) and `weights`, sorted by (end, other end).

    What the analysis and the map read, built straight from the data (indexed_graph) without a
    networkx graph: adding 77,000 edges to one and reading them back cost a quarter of the
    analysis at 5,000 contacts. The order is the one networkx gives for a graph build_graph made
    (neighbours in rising order), so every float sum runs in the same order as it did there.
    """

    nodes: list[int]
    ends: list[int]
    other_ends: list[int]
    weights: list[float]

    @classmethod
    def of(cls, nodes: list[int], edges: Iterable[tuple[int, int, float]]) -> "IndexedGraph":
        """From (index, index, weight) edges, lower index first, sorted."""
        listed = list(edges)
        return cls(
            nodes=nodes,
            ends=[i for i, _j, _w in listed],
            other_ends=[j for _i, j, _w in listed],
            weights=[w for _i, _j, w in listed],
        )

    @cached_property
    def edges(self) -> list[tuple[int, int, float]]:
        """The edges as (index, index, weight), sorted."""
        return list(zip(self.ends, self.other_ends, self.weights, strict=True))

    @cached_property
    def index(self) -> dict[int, int]:
        """Each contact id's index into `nodes`."""
        return {node: i for i, node in enumerate(self.nodes)}

    @cached_property
    def strengths(self) -> list[float]:
        """Per node index, its summed tie weight, added in the neighbours' order (as networkx's
        weighted degree adds it for a graph build_graph made)."""
        strengths = [0.0] * len(self.nodes)
        for i, j, weight in zip(self.ends, self.other_ends, self.weights, strict=True):
            strengths[i] += weight
            strengths[j] += weight
        return strengths

    def to_networkx(self) -> ContactGraph:
        """The same graph in networkx, nodes and edges added in sorted order."""
        graph: ContactGraph = nx.Graph()
        graph.add_nodes_from(self.nodes)
        nodes = self.nodes
        graph.add_weighted_edges_from((nodes[i], nodes[j], weight) for i, j, weight in self.edges)
        return graph


def indexed_graph(
    contact_ids: Iterable[int],
    ties: Iterable[tuple[int, int, str]] = (),
    shared_encounters: Iterable[tuple[Sequence[int], bool]] = (),
    introductions: Iterable[tuple[int, int]] = (),
) -> IndexedGraph:
    """The weighted contact graph of the active contacts `contact_ids` as plain lists.

    weight = strongest tie kind + saturated shared-encounter weight + introduction weight. An
    encounter of k participants gives each pair among them (in-person or remote weight) / (k - 1),
    so each participant gains the same total from one encounter however large it is (Newman 2001
    weights co-authorship the same way): a 40-person event doesn't outweigh a dinner for two. Pairs
    with an inactive contact, self-ties and repeated participants are ignored.

    A pair is the integer i * n + j (i < j, the contacts' indices among n): an int hashes and
    sorts several times faster than a tuple, and sorts in the same order as (i, j). The weights
    are added up with map() over the sorted pairs; a missing part adds 0.0, which leaves a
    positive float as it is, so the floats are those of adding only the parts a pair has.
    """
    nodes = sorted(set(contact_ids))
    n = len(nodes)
    index = {node: i for i, node in enumerate(nodes)}
    at = index.get

    tie_weights: dict[int, float] = {}
    kind_weights, default_weight = limits.TIE_KIND_WEIGHTS, limits.DEFAULT_TIE_WEIGHT
    for a, b, kind in ties:
        i, j = at(a), at(b)
        if i is None or j is None or i == j:
            continue
        pair = i * n + j if i < j else j * n + i
        tie_weights[pair] = max(tie_weights.get(pair, 0.0), kind_weights.get(kind, default_weight))

    # Every pair of every encounter, and its part of that encounter's weight.
    pairs: list[int] = []
    parts: list[float] = []
    in_person_weight, remote_weight = (
        limits.ENCOUNTER_IN_PERSON_WEIGHT,
        limits.ENCOUNTER_REMOTE_WEIGHT,
    )
    for participants, in_person in shared_encounters:
        people = set(participants)
        if len(people) < 2:
            continue
        part = (in_person_weight if in_person else remote_weight) / (len(people) - 1)
        present = sorted(i for person in people if (i := at(person)) is not None)
        before = len(pairs)
        pairs += [i * n + j for i, j in combinations(present, 2)]
        parts += [part] * (len(pairs) - before)
    # A pair met once has its part as its raw weight (the last one written for it here); the
    # others the fsum of their parts, correctly rounded, so independent of the encounters' order.
    raw = dict(zip(pairs, parts, strict=True))
    if len(raw) < len(pairs):
        repeated = {pair for pair, count in Counter(pairs).items() if count > 1}
        parts_of: defaultdict[int, list[float]] = defaultdict(list)
        for pair, part in zip(pairs, parts, strict=True):
            if pair in repeated:
                parts_of[pair].append(part)
        for pair, listed in parts_of.items():
            raw[pair] = math.fsum(listed)
    saturation = limits.ENCOUNTER_SATURATION
    encountered = {
        pair: -saturation * math.expm1(-value / saturation) for pair, value in raw.items()
    }

    introduced = set()
    for a, b in introductions:
        i, j = at(a), at(b)
        if i is not None and j is not None and i != j:
            introduced.add(i * n + j if i < j else j * n + i)

    keys = sorted(tie_weights.keys() | encountered.keys() | introduced)
    weights = list(
        map(
            operator.add,
            map(tie_weights.get, keys, repeat(0.0)),
            map(encountered.get, keys, repeat(0.0)),
        )
    )
    # Introductions are few: each found among the sorted keys by bisection.
    for pair in introduced:
        weights[bisect_left(keys, pair)] += limits.INTRODUCTION_WEIGHT
    return IndexedGraph(
        nodes=nodes,
        ends=list(map(operator.floordiv, keys, repeat(n))),
        other_ends=list(map(operator.mod, keys, repeat(n))),
        weights=weights,
    )


def edge_weights(
    contact_ids: Iterable[int],
    ties: Iterable[tuple[int, int, str]] = (),
    shared_encounters: Iterable[tuple[Sequence[int], bool]] = (),
    introductions: Iterable[tuple[int, int]] = (),
) -> dict[Pair, float]:
    """The weight of every pair of active contacts, keyed (lower id, higher id), sorted; the
    weights are indexed_graph's."""
    graph = indexed_graph(contact_ids, ties, shared_encounters, introductions)
    nodes = graph.nodes
    return {(nodes[i], nodes[j]): weight for i, j, weight in graph.edges}


def build_graph(
    contact_ids: Iterable[int],
    ties: Iterable[tuple[int, int, str]] = (),
    shared_encounters: Iterable[tuple[Sequence[int], bool]] = (),
    introductions: Iterable[tuple[int, int]] = (),
) -> ContactGraph:
    """The weighted, undirected contact graph in networkx, nodes and edges added in sorted order.

    Insertion order fixes the order Leiden sees nodes and edges in, so sorting is what makes the same
    data give the same circles whatever order the database returned it in. The analysis itself
    reads indexed_graph's lists; this is for callers that want networkx's algorithms.
    """
    return indexed_graph(contact_ids, ties, shared_encounters, introductions).to_networkx()


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
    return leiden_on(
        len(nodes),
        [(a, b) for a, b, _ in edges],
        [w for _, _, w in edges],
        seed=seed,
        resolution=resolution,
    )


def leiden_on(
    size: int,
    pairs: Sequence[tuple[int, int]],
    weights: Sequence[float],
    *,
    seed: int = limits.DEFAULT_SEED,
    resolution: float = limits.LEIDEN_RESOLUTION,
) -> list[list[int]]:
    """leiden() with the edges as (index, index) pairs and their weights apart, as IndexedGraph
    has them: igraph takes them so, without rebuilding the lists."""
    graph = igraph.Graph(n=size, edges=pairs)
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
    """CommunitySums.participation() of a networkx graph, keyed by contact id."""
    nodes, edges = indexed_edges(graph)
    sums = CommunitySums.of(edges, [community_of[node] for node in nodes])
    return dict(zip(nodes, sums.participation(), strict=True))


@dataclass(frozen=True)
class CommunitySums:
    """The tie weight of a partition, summed in one pass over the sorted edges: within and out of
    each community, and per node within its own community (`own`) and into each other one
    (`outside`, only nodes with a tie out of their community). Per node, each sum adds the weights
    in the neighbours' rising order, as the walks over networkx's adjacency of a build_graph graph
    did, so the floats are the same."""

    internal: dict[int, float]
    external: dict[int, float]
    own: list[float]
    outside: dict[int, dict[int, float]]

    @classmethod
    def of(
        cls, edges: Iterable[tuple[int, int, float]], community_at: Sequence[int]
    ) -> "CommunitySums":
        internal: dict[int, float] = defaultdict(float)
        external: dict[int, float] = defaultdict(float)
        own = [0.0] * len(community_at)
        outside: defaultdict[int, defaultdict[int, float]] = defaultdict(lambda: defaultdict(float))
        for i, j, weight in edges:
            ca, cb = community_at[i], community_at[j]
            if ca == cb:
                internal[ca] += weight
                own[i] += weight
                own[j] += weight
            else:
                external[ca] += weight
                external[cb] += weight
                outside[i][cb] += weight
                outside[j][ca] += weight
        return cls(internal=internal, external=external, own=own, outside=dict(outside))

    def participation(self) -> list[float]:
        """P = 1 - sum over communities of (weight into it / total weight) ** 2 (Guimera & Amaral
        2005) per node index: 0 for a contact whose ties all stay in one community (or who has
        none)."""
        coefficients = [0.0] * len(self.own)
        for i, into in self.outside.items():
            by_community = [self.own[i], *into.values()]
            strength = math.fsum(by_community)
            if strength > 0:
                coefficients[i] = 1.0 - math.fsum((w / strength) ** 2 for w in by_community)
        return coefficients
