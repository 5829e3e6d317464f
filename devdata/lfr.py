"""LFR benchmark networks with planted bubbles: circles with fuzzy borders (tests, benchmarks).

The LFR benchmark (Lancichinetti, Fortunato & Radicchi 2008; networkx.LFR_benchmark_graph) draws
degrees and community sizes from power laws, as in real networks, and gives every node the same
mixing μ: the share of its ties that leave its own community. At μ = 0.35 a third of everybody's
ties run to other circles, which is what the planted block model (devdata/planted.py) never does.

Communities are made homogeneous or left random as in planted.py (`plant_attributes`); the ground
truth is the set of contacts in homogeneous communities.
"""

import random
from collections.abc import Mapping, Sequence

import networkx as nx

from .planted import PlantedNetwork, dimension_values, plant_attributes, tie_kinds
from .vocabulary import PLANTED_DIMENSIONS

# Community sizes by network size: from a circle one could name to a tenth or so of the network.
# Average degree 10 (a personal contact knows about ten of the user's other contacts) and a maximum
# of 50: real personal networks have a few hubs, not one.
_SIZES = {300: (10, 50), 600: (15, 80), 1000: (20, 100)}
AVERAGE_DEGREE = 10
MAX_DEGREE = 50
DEGREE_EXPONENT = 2.5  # τ1, the usual 2-3
COMMUNITY_EXPONENT = 1.5  # τ2, the usual 1-2


def lfr_network(
    n: int,
    mu: float,
    seed: int = 0,
    *,
    homogeneity: float = 0.85,
    homogeneous_dimensions: int = 2,
    homogeneous_fraction: float = 0.5,
    dimensions: Mapping[str, Sequence[str]] | Sequence[str] = PLANTED_DIMENSIONS,
    kinds: str = "by community",
    missing: float = 0.0,
) -> PlantedNetwork:
    """An LFR network of `n` contacts (300, 600 or 1000; ids from 1) with mixing `mu`.

    A homogeneous community shares a value on `homogeneous_dimensions` dimensions, each member
    holding it with probability `homogeneity`. `kinds` is "by community" (ties inside a community
    mostly colleagues and friends, across mostly "knows", as in planted.py) or "same" (every tie a
    "knows": only the structure tells the circles apart). Same arguments, same network.
    """
    rng = random.Random(seed)
    graph = _lfr_graph(n, mu, seed)
    community_of: dict[int, int] = {}
    communities: list[tuple[int, ...]] = []
    for members in sorted({frozenset(graph.nodes[v]["community"]) for v in graph}, key=min):
        for node in members:
            community_of[node] = len(communities)
        communities.append(tuple(sorted(node + 1 for node in members)))
    order = list(range(len(communities)))
    rng.shuffle(order)
    homogeneous = frozenset(order[: round(len(communities) * homogeneous_fraction)])
    values = dimension_values(dimensions)
    contacts = plant_attributes(
        communities,
        homogeneous,
        frozenset(),
        values,
        rng,
        noise=1 - homogeneity,
        homogeneous_dimensions=homogeneous_dimensions,
        missing=missing,
    )
    if kinds == "same":
        ties = [(a + 1, b + 1, "knows") for a, b in sorted(map(sorted, graph.edges()))]
    else:
        ties = tie_kinds(graph, lambda a, b: community_of[a] == community_of[b], rng)
    return PlantedNetwork(
        contacts=contacts,
        ties=tuple((a, b, kind) for a, b, kind in ties),
        communities=tuple(communities),
        homogeneous_communities=homogeneous,
        homogeneous_ids=frozenset(i for c in homogeneous for i in communities[c]),
        dimensions=tuple(values),
    )


def _lfr_graph(n: int, mu: float, seed: int) -> "nx.Graph[int]":
    """networkx's LFR graph; its sampling sometimes fails to converge, then the next seed in a
    fixed sequence is tried, so a seed always gives the same graph."""
    min_community, max_community = _SIZES[n]
    for attempt in range(20):
        try:
            return nx.LFR_benchmark_graph(
                n,
                DEGREE_EXPONENT,
                COMMUNITY_EXPONENT,
                mu,
                average_degree=AVERAGE_DEGREE,
                max_degree=MAX_DEGREE,
                min_community=min_community,
                max_community=max_community,
                seed=seed * 100 + attempt,
                max_iters=2000,
            )
        except nx.ExceededMaxIterations:
            continue
    raise RuntimeError(f"no LFR graph for n={n}, mu={mu}, seed={seed}")
