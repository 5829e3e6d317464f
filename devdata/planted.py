"""Generated contact networks with planted homogeneous and diverse communities (tests, benchmarks).

A stochastic block model (Holland, Laskey & Leinhardt 1983) gives the ties: each pair inside a
community is tied with probability p_in, each pair across communities with p_out. Homogeneous
communities share a dominant value on `homogeneous_dimensions` of the dimensions, each member
deviating with probability `noise`; diverse communities draw every value uniformly. The ground truth
is the set of contacts in homogeneous communities.
"""

import random
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import networkx as nx

from contacts.network.graph import ContactNode

from .vocabulary import PLANTED_DIMENSIONS

_INNER_KINDS = (("colleague", 4), ("friend", 3), ("knows", 2), ("family", 1))
_OUTER_KINDS = (("knows", 6), ("colleague", 3), ("friend", 1))


@dataclass(frozen=True)
class PlantedNetwork:
    contacts: tuple[ContactNode, ...]
    ties: tuple[tuple[int, int, str], ...]
    communities: tuple[tuple[int, ...], ...]
    homogeneous_communities: frozenset[int]  # indices into communities
    homogeneous_ids: frozenset[int]
    dimensions: tuple[str, ...]


def planted_network(
    n_communities: int,
    size: int,
    homogeneous_fraction: float,
    p_in: float,
    p_out: float,
    dimensions: Mapping[str, Sequence[str]] | Sequence[str] = PLANTED_DIMENSIONS,
    seed: int = 0,
    *,
    noise: float = 0.1,
    homogeneous_dimensions: int = 3,
    missing: float = 0.0,
    single_focus_fraction: float = 0.0,
    skew: float = 0.0,
    dominant_values: int = 1,
    unseen_none: float = 0.2,
) -> PlantedNetwork:
    """A network of `n_communities` x `size` contacts (ids from 1) with planted bubbles.

    `dimensions` maps names to their values (a plain list of names gets five values each).
    `missing` leaves each attribute unset with that probability; `single_focus_fraction` of the
    communities share a value on exactly one dimension (a workplace, not a bubble: ground-truth
    negative). `skew` > 0 draws values with Zipf weights 1 / rank ** skew instead of uniformly (most
    real networks have a common country or industry). A bubble's dominant values (`dominant_values`
    per shared dimension) are drawn with those weights; its members pick among them evenly. Same
    arguments, same network.
    """
    rng = random.Random(seed)
    values = dimension_values(dimensions)
    names = tuple(values)
    order = list(range(n_communities))
    rng.shuffle(order)
    n_homogeneous = round(n_communities * homogeneous_fraction)
    n_single = round(n_communities * single_focus_fraction)
    homogeneous = frozenset(order[:n_homogeneous])
    single_focus = frozenset(order[n_homogeneous : n_homogeneous + n_single])

    communities = [
        tuple(range(community * size + 1, (community + 1) * size + 1))
        for community in range(n_communities)
    ]
    contacts = plant_attributes(
        communities,
        homogeneous,
        single_focus,
        values,
        rng,
        noise=noise,
        homogeneous_dimensions=homogeneous_dimensions,
        missing=missing,
        skew=skew,
        dominant_values=dominant_values,
        unseen_none=unseen_none,
    )

    ties = _block_model_ties([size] * n_communities, p_in, p_out, rng)
    return PlantedNetwork(
        contacts=contacts,
        ties=tuple(ties),
        communities=tuple(communities),
        homogeneous_communities=homogeneous,
        homogeneous_ids=frozenset(i for c in homogeneous for i in communities[c]),
        dimensions=names,
    )


def plant_attributes(
    communities: Sequence[Sequence[int]],
    homogeneous: frozenset[int],
    single_focus: frozenset[int],
    values: Mapping[str, Sequence[str]],
    rng: random.Random,
    *,
    noise: float = 0.1,
    homogeneous_dimensions: int = 3,
    missing: float = 0.0,
    skew: float = 0.0,
    dominant_values: int = 1,
    unseen_none: float = 0.2,
) -> tuple[ContactNode, ...]:
    """The contacts of the given communities (lists of ids), their values drawn as planted_network
    describes: a homogeneous community shares a dominant value on `homogeneous_dimensions` of the
    dimensions, each member deviating with probability `noise`; the others draw at random."""
    names = tuple(values)
    weights = {d: [1 / rank**skew for rank in range(1, len(v) + 1)] for d, v in values.items()}
    contacts = []
    for community, ids in enumerate(communities):
        if community in homogeneous:
            shared = rng.sample(names, min(homogeneous_dimensions, len(names)))
        elif community in single_focus:
            shared = rng.sample(names, 1)
        else:
            shared = []
        dominant = {d: _draw_distinct(values[d], weights[d], dominant_values, rng) for d in shared}
        for contact_id in ids:
            attributes = {}
            for d in names:
                if rng.random() < missing:
                    continue
                if d in dominant and rng.random() >= noise:
                    attributes[d] = rng.choice(dominant[d])
                elif d in dominant:
                    others = [v for v in values[d] if v not in dominant[d]]
                    attributes[d] = rng.choice(others) if others else rng.choice(dominant[d])
                else:
                    attributes[d] = rng.choices(values[d], weights[d])[0]
            seen = None if rng.random() < unseen_none else rng.randint(0, 400)
            contacts.append(ContactNode(contact_id, f"Contact {contact_id}", attributes, seen))
    return tuple(contacts)


def planted_encounters(
    network: PlantedNetwork, n_encounters: int, seed: int = 0, *, event_share: float = 0.05
) -> list[tuple[tuple[int, ...], bool]]:
    """Shared encounters: mostly 2-6 people of one community, some events of 10-40 from anywhere."""
    rng = random.Random(seed)
    everyone = [contact.id for contact in network.contacts]
    encounters = []
    for _ in range(n_encounters):
        if rng.random() < event_share:
            people = rng.sample(everyone, min(len(everyone), rng.randint(10, 40)))
        else:
            community = rng.choice(network.communities)
            people = rng.sample(community, min(len(community), rng.randint(2, 6)))
        encounters.append((tuple(people), rng.random() < 0.7))
    return encounters


def _draw_distinct(
    values: Sequence[str], weights: Sequence[float], k: int, rng: random.Random
) -> tuple[str, ...]:
    """k distinct values, each drawn with the dimension's weights."""
    chosen: list[str] = []
    while len(chosen) < min(k, len(values)):
        value = rng.choices(values, weights)[0]
        if value not in chosen:
            chosen.append(value)
    return tuple(chosen)


def dimension_values(
    dimensions: Mapping[str, Sequence[str]] | Sequence[str],
) -> dict[str, tuple[str, ...]]:
    if isinstance(dimensions, Mapping):
        return {name: tuple(values) for name, values in dimensions.items()}
    return {name: tuple(f"{name} {i}" for i in range(1, 6)) for name in dimensions}


def _block_model_ties(
    sizes: list[int], p_in: float, p_out: float, rng: random.Random
) -> list[tuple[int, int, str]]:
    blocks = len(sizes)
    probabilities = [[p_in if i == j else p_out for j in range(blocks)] for i in range(blocks)]
    graph = nx.stochastic_block_model(sizes, probabilities, seed=rng.randrange(2**32), sparse=True)
    return tie_kinds(graph, lambda a, b: graph.nodes[a]["block"] == graph.nodes[b]["block"], rng)


def tie_kinds(
    graph: "nx.Graph[int]", same_community: Callable[[int, int], bool], rng: random.Random
) -> list[tuple[int, int, str]]:
    """The graph's edges as ties between contacts node + 1, sorted, with a kind drawn from the
    mix for ties inside a community (mostly colleagues and friends) or across (mostly "knows")."""
    ties = []
    for a, b in sorted((min(a, b), max(a, b)) for a, b in graph.edges()):
        kinds, weights = zip(*(_INNER_KINDS if same_community(a, b) else _OUTER_KINDS), strict=True)
        ties.append((a + 1, b + 1, rng.choices(kinds, weights)[0]))
    return ties
