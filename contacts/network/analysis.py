"""The circles of the contact graph: bubbles, their reasons, the people to see more of, bridges.

Plain data in (contacts, ties, shared encounters, introductions), a frozen NetworkReport out; no
ORM, so the analysis can be tested and benchmarked on generated networks. docs/network-analysis.md
explains the model; contacts/network/thresholds.py holds every number; the graph itself is built in graph.py.
"""

import heapq
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from itertools import chain

from . import thresholds as limits
from .graph import (
    CommunitySums,
    ContactGraph,
    ContactNode,
    IndexedGraph,
    edges_by_circle,
    indexed_edges,
    indexed_graph,
    leiden,
    leiden_on,
)
from .homogeneity import (
    Assessment,
    ClusterLabel,
    FlagRule,
    TieHomophily,
    assess_group,
    circle_cutoffs,
    cluster_label,
    ei_index,
    judge_circle,
    known_columns,
    measure_known,
    tie_homophilies,
)

# --- The report ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Suggestion:
    """Someone to see more of: differs from a bubble on its dimensions, or bridges out of it."""

    contact_id: int
    name: str
    kind: str  # "differs" or "bridge"
    differs_on: tuple[tuple[str, str], ...] = ()  # (dimension, the contact's value)
    days_since_seen: int | None = None
    tie_to_cluster: float = 0.0  # tie weight into the circle, for contacts outside it
    participation: float | None = None
    member: bool = False  # a bridge inside the circle: the doorway out of it

    def as_dict(self) -> dict[str, object]:
        return {
            "contact_id": self.contact_id,
            "name": self.name,
            "kind": self.kind,
            "member": self.member,
            "differs_on": dict(self.differs_on),
            "days_since_seen": self.days_since_seen,
            "tie_to_cluster": round(self.tie_to_cluster, 4),
            "participation": _rounded(self.participation),
        }


@dataclass(frozen=True)
class ClusterReport:
    """One circle of at least MIN_CLUSTER_SIZE contacts, its diversity and what to do about it."""

    index: int
    label: ClusterLabel
    member_ids: tuple[int, ...]
    members: tuple[str, ...]
    assessment: Assessment
    ei_index: float | None
    suggestions: tuple[Suggestion, ...] = ()
    # A part of a larger circle, shown on its own because it is a bubble and the whole is not.
    found_inside: bool = False

    @property
    def homogeneous(self) -> bool:
        return self.assessment.flagged

    def as_dict(self) -> dict[str, object]:
        reasons = self.assessment.reasons
        return {
            "kind": "cluster",
            "index": self.index,
            "label": self.label.text(),
            "label_parts": list(self.label.parts),
            "label_around": self.label.around,
            "size": len(self.member_ids),
            "members": list(self.members),
            "member_ids": list(self.member_ids),
            "homogeneous": self.homogeneous,
            "homogeneous_on": list(self.assessment.homogeneous_on),
            "found_inside": self.found_inside,
            "homogeneity": _rounded(self.assessment.homogeneity),
            "ei_index": _rounded(self.ei_index),
            "dimensions": {d: s.as_dict() for d, s in self.assessment.dimensions.items()},
            "reasons": [reason.text() for reason in reasons],
            "reason_details": [reason.as_dict() for reason in reasons],
            "suggestions": [suggestion.as_dict() for suggestion in self.suggestions],
        }


@dataclass(frozen=True)
class SmallGroup:
    """Contacts tied together but fewer than MIN_CLUSTER_SIZE: reported, not judged."""

    member_ids: tuple[int, ...]
    members: tuple[str, ...]

    def as_dict(self) -> dict[str, object]:
        return {
            "kind": "small",
            "size": len(self.member_ids),
            "members": list(self.members),
            "member_ids": list(self.member_ids),
        }


@dataclass(frozen=True)
class IsolatedContact:
    """A contact without any tie, shared encounter or introduction to another active contact."""

    id: int
    name: str

    def as_dict(self) -> dict[str, object]:
        return {"kind": "isolated", "id": self.id, "name": self.name}


@dataclass(frozen=True)
class Bridge:
    """A contact whose tie weight is spread over several circles."""

    contact_id: int
    name: str
    participation: float
    strength: float
    clusters: tuple[int, ...]  # indices into NetworkReport.clusters

    def as_dict(self) -> dict[str, object]:
        return {
            "contact_id": self.contact_id,
            "name": self.name,
            "participation": round(self.participation, 4),
            "strength": round(self.strength, 4),
            "clusters": list(self.clusters),
        }


@dataclass(frozen=True)
class NetworkReport:
    """The whole analysis; `as_dict()` is the JSON the report command and the task store."""

    contacts: int
    clusters: tuple[ClusterReport, ...]
    isolated: tuple[IsolatedContact, ...]
    small_clusters: tuple[SmallGroup, ...]
    network: Assessment
    modularity: float | None
    bridges: tuple[Bridge, ...]

    def as_dict(self) -> dict[str, object]:
        network = self.network
        return {
            "contacts": self.contacts,
            "clusters": [cluster.as_dict() for cluster in self.clusters],
            "isolated": [contact.as_dict() for contact in self.isolated],
            "small_clusters": [group.as_dict() for group in self.small_clusters],
            "network": {
                "dimensions": {d: s.as_dict() for d, s in network.dimensions.items()},
                "homogeneous": network.flagged,
                "homogeneous_on": list(network.homogeneous_on),
                "homogeneity": _rounded(network.homogeneity),
                "reasons": [reason.text() for reason in network.reasons],
                "reason_details": [reason.as_dict() for reason in network.reasons],
                "ei_index": None,  # every tie is internal to the whole network
                "modularity": _rounded(self.modularity),
            },
            "bridges": [bridge.as_dict() for bridge in self.bridges],
        }


# --- The analysis -------------------------------------------------------------------------------


def analyse_network(
    contacts: Sequence[ContactNode],
    ties: Iterable[tuple[int, int, str]] = (),
    shared_encounters: Iterable[tuple[Sequence[int], bool]] = (),
    introductions: Iterable[tuple[int, int]] = (),
    *,
    dimensions: Sequence[str] | None = None,
    seed: int = limits.DEFAULT_SEED,
    rule: FlagRule | None = None,
    graph: IndexedGraph | ContactGraph | None = None,
) -> NetworkReport:
    """Find the circles of a network and the bubbles among them.

    `dimensions` are the dimension names the user tracks, in their order (None: every dimension any
    contact has a value on, alphabetically). The same data in any order gives the same report.
    `graph` is indexed_graph() (or build_graph()) of the same data, for a caller that needs the
    graph as well.
    """
    rule = rule or FlagRule()
    contacts = sorted(contacts, key=lambda contact: contact.id)
    by_id = {contact.id: contact for contact in contacts}
    if len(by_id) != len(contacts):
        raise ValueError("contact ids must be unique")
    if dimensions is None:
        dimensions = sorted({d for contact in contacts for d in contact.attributes})
    dimensions = list(dimensions)
    # Every contact's known value on each dimension, read once (in the contacts' order).
    columns = known_columns([contact.attributes for contact in contacts], dimensions)
    position = {contact.id: i for i, contact in enumerate(contacts)}
    network_counts = {d: Counter(filter(None, columns[d])) for d in dimensions}
    categories = {d: len(counts) for d, counts in network_counts.items()}

    if graph is None:
        graph = indexed_graph(by_id, ties, shared_encounters, introductions)
    elif not isinstance(graph, IndexedGraph):
        graph = IndexedGraph.of(*indexed_edges(graph))
    # The edges, sorted, are reused by the homophily test, the circles, their splits and the sums
    # below.
    nodes = graph.nodes
    homophily = _homophily(graph, columns, position, dimensions)
    known = _KnownValues(columns, position, dimensions)
    communities, assessments, found_inside = _circles_and_bubbles(
        graph, known, network_counts, homophily, rule, seed
    )
    community_of = {node: number for number, members in enumerate(communities) for node in members}
    community_at = [community_of[node] for node in nodes]

    # One pass over the edges: each circle's inner and outer tie weight, each contact's within its
    # circle and into the others (the participation, the bridges, the suggestions' tie weights).
    sums = CommunitySums.of(
        zip(graph.ends, graph.other_ends, graph.weights, strict=True), community_at
    )
    internal, external, own, outside = sums.internal, sums.external, sums.own, sums.outside
    index = graph.index

    small: list[SmallGroup] = []
    isolated: list[IsolatedContact] = []
    clusters: list[ClusterReport] = []
    cluster_of_community: dict[int, int] = {}
    for number, members in enumerate(communities):
        ids = tuple(sorted(members))
        # A circle of one has no tie inside it: alone, unless tied out of it.
        if len(ids) == 1 and index[ids[0]] not in outside:
            isolated.append(IsolatedContact(id=ids[0], name=by_id[ids[0]].name))
        elif len(ids) < limits.MIN_CLUSTER_SIZE:
            small.append(SmallGroup(member_ids=ids, members=tuple(by_id[i].name for i in ids)))
        else:
            assessment = assessments[ids]
            central = min(ids, key=lambda i: (-own[index[i]], i))
            cluster_of_community[number] = len(clusters)
            clusters.append(
                ClusterReport(
                    index=len(clusters),
                    label=cluster_label(assessment.dimensions, dimensions, by_id[central].name),
                    member_ids=ids,
                    members=tuple(by_id[i].name for i in ids),
                    assessment=assessment,
                    ei_index=ei_index(internal[number], external[number]),
                    found_inside=members in found_inside,
                )
            )
    isolated.sort(key=lambda contact: contact.id)

    participation = dict(zip(nodes, sums.participation(), strict=True))
    if any(cluster.homogeneous for cluster in clusters):
        unseen = _UnseenContacts.of(contacts, columns, dimensions)
        # Per flagged circle, the tie weight into it of each contact outside it.
        flagged = {
            number
            for number, cluster in cluster_of_community.items()
            if clusters[cluster].homogeneous
        }
        tie_to: dict[int, dict[int, float]] = {number: {} for number in flagged}
        for i, into in outside.items():
            for number, weight in into.items():
                if number in flagged:
                    tie_to[number][nodes[i]] = weight
        community_of_cluster = {cluster: number for number, cluster in cluster_of_community.items()}
        clusters = [
            _with_suggestions(
                cluster, unseen, by_id, tie_to[community_of_cluster[cluster.index]], participation
            )
            if cluster.homogeneous
            else cluster
            for cluster in clusters
        ]
    return NetworkReport(
        contacts=len(contacts),
        clusters=tuple(clusters),
        isolated=tuple(isolated),
        small_clusters=tuple(small),
        network=_with_homophily(
            assess_group([c.attributes for c in contacts], dimensions, categories, rule), homophily
        ),
        modularity=_modularity(internal, external, len(communities)),
        bridges=_bridges(graph, outside, by_id, participation, community_of, cluster_of_community),
    )


def _circles_and_bubbles(
    graph: IndexedGraph,
    known: "_KnownValues",
    network_counts: Mapping[str, Mapping[str, int]],
    homophily: Mapping[str, TieHomophily],
    rule: FlagRule,
    seed: int,
) -> tuple[list[frozenset[int]], dict[tuple[int, ...], Assessment], set[frozenset[int]]]:
    """The circles (Leiden communities, some looked inside), the assessment of each circle of at
    least MIN_CLUSTER_SIZE keyed by its sorted member ids, and the circles that are parts.

    Modularity sometimes merges a bubble with a diverse neighbour, or two bubbles on different
    values, into one circle; the mix then looks like neither. So a circle that is not a bubble and
    has at least twice MIN_PART_SIZE members is split by Leiden on its own ties (split_circle), and
    shown as its parts when one of them, of at least MIN_PART_SIZE, is a bubble: a bubble hidden in
    a larger circle. The
    circles are judged first, as one family per dimension; the parts afterwards, as a family of
    their own, so that the parts' weaker evidence does not raise the bar for the circles (the
    karate club's factions of five and six), and a network with random values has two chances
    at the false-discovery rate, not more.
    """
    nodes = graph.nodes
    pairs = list(zip(graph.ends, graph.other_ends, strict=True))
    communities = [
        frozenset(nodes[i] for i in members)
        for members in leiden_on(len(nodes), pairs, graph.weights, seed=seed)
    ]
    assessments = _assess_all(
        [tuple(sorted(c)) for c in communities if len(c) >= limits.MIN_CLUSTER_SIZE],
        known,
        network_counts,
        homophily,
        rule,
    )
    splittable = [
        number
        for number, members in enumerate(communities)
        if len(members) >= 2 * limits.MIN_PART_SIZE
        and not assessments[tuple(sorted(members))].flagged
    ]
    index = graph.index
    circle_of: list[int | None] = [None] * len(nodes)
    positions = [0] * len(nodes)
    for number in splittable:
        for position, node in enumerate(sorted(communities[number])):
            circle_of[index[node]] = number
            positions[index[node]] = position
    edges = zip(graph.ends, graph.other_ends, graph.weights, strict=True)
    inside = edges_by_circle(edges, circle_of, positions)
    parts_of: dict[int, list[frozenset[int]]] = {}
    for number in splittable:
        ordered = sorted(communities[number])
        split = [
            frozenset(ordered[i] for i in part)
            for part in leiden(ordered, inside.get(number, []), seed=seed)
        ]
        if len(split) > 1:
            parts_of[number] = split
    candidates = [tuple(sorted(part)) for split in parts_of.values() for part in split]
    assessments |= _assess_all(
        [part for part in candidates if len(part) >= limits.MIN_PART_SIZE],
        known,
        network_counts,
        homophily,
        rule,
    )
    # Shown, when a sibling is a bubble, but too small to be one on a finer split's word.
    assessments |= _assess_all(
        [c for c in candidates if limits.MIN_CLUSTER_SIZE <= len(c) < limits.MIN_PART_SIZE],
        known,
        network_counts,
        homophily,
        rule,
        flaggable=False,
    )

    circles: list[frozenset[int]] = []
    found_inside: set[frozenset[int]] = set()
    for number, members in enumerate(communities):
        parts = parts_of.get(number, [])
        if any(
            (judged := assessments.get(tuple(sorted(part)))) is not None and judged.flagged
            for part in parts
        ):
            circles.extend(parts)
            found_inside.update(parts)
        else:
            circles.append(members)
    circles.sort(key=lambda c: (-len(c), min(c)))
    return circles, assessments, found_inside


@dataclass(frozen=True)
class _KnownValues:
    """Every contact's known value per dimension (`columns`, in the order of `position`, contact id
    -> index): a group's values are picked from these lists instead of read from its members'
    attributes again."""

    columns: Mapping[str, Sequence[str | None]]
    position: Mapping[int, int]
    dimensions: Sequence[str]

    def of(self, ids: Sequence[int]) -> dict[str, list[str | None]]:
        at = list(map(self.position.__getitem__, ids))
        return {d: list(map(self.columns[d].__getitem__, at)) for d in self.dimensions}


def _assess_all(
    groups: Sequence[tuple[int, ...]],
    known: _KnownValues,
    network_counts: Mapping[str, Mapping[str, int]],
    homophily: Mapping[str, TieHomophily],
    rule: FlagRule,
    *,
    flaggable: bool = True,
) -> dict[tuple[int, ...], Assessment]:
    """Measure groups of contacts (sorted member ids), then judge them as one family per dimension
    (none of them a bubble when not `flaggable`)."""
    dimensions = known.dimensions
    measured = [
        measure_known(known.of(ids), dimensions, network_counts, rule, homophily) for ids in groups
    ]
    if flaggable:
        cutoffs = circle_cutoffs(measured, dimensions, rule)
    else:
        cutoffs = dict.fromkeys(dimensions, -1.0)
    return {
        ids: judge_circle(stats, dimensions, rule, cutoffs)
        for ids, stats in zip(groups, measured, strict=True)
    }


def _homophily(
    graph: IndexedGraph,
    columns: Mapping[str, Sequence[str | None]],
    position: Mapping[int, int],
    dimensions: Sequence[str],
) -> dict[str, TieHomophily]:
    """Per dimension, how far the network's ties join contacts with the same value beyond what
    shuffled values would give (tie_homophilies: all dimensions over the same edge lists)."""
    at = list(map(position.__getitem__, graph.nodes))
    in_order = at == list(range(len(at)))
    values = [
        list(columns[d]) if in_order else list(map(columns[d].__getitem__, at)) for d in dimensions
    ]
    measured = tie_homophilies(graph.ends, graph.other_ends, graph.weights, values, graph.strengths)
    return dict(zip(dimensions, measured, strict=True))


def _with_homophily(assessment: Assessment, homophily: Mapping[str, TieHomophily]) -> Assessment:
    dimensions = {
        d: replace(stats, homophily=homophily.get(d)) for d, stats in assessment.dimensions.items()
    }
    return replace(assessment, dimensions=dimensions)


@dataclass(frozen=True)
class _UnseenContacts:
    """The contacts not seen for a while, indexed by value: each flagged circle finds the ones who
    differ with set operations instead of comparing every contact's values in Python."""

    values: dict[int, dict[str, str]]  # contact -> dimension -> known value
    holders: dict[str, dict[str, set[int]]]  # dimension -> value -> contacts
    known: dict[str, set[int]]  # dimension -> contacts with a known value
    days: dict[int, float]  # never seen: infinity

    @classmethod
    def of(
        cls,
        contacts: Sequence[ContactNode],
        columns: Mapping[str, Sequence[str | None]],
        dimensions: Sequence[str],
    ) -> "_UnseenContacts":
        """From the contacts and their known values per dimension (`columns`, in their order)."""
        values: dict[int, dict[str, str]] = {}
        holders: dict[str, dict[str, set[int]]] = {d: defaultdict(set) for d in dimensions}
        days = {}
        for i, contact in enumerate(contacts):
            seen = contact.days_since_seen
            if seen is not None and seen < limits.SUGGESTION_MIN_DAYS_UNSEEN:
                continue
            days[contact.id] = math.inf if seen is None else seen
            values[contact.id] = {}
            for d in dimensions:
                if (value := columns[d][i]) is not None:
                    values[contact.id][d] = value
                    holders[d][value].add(contact.id)
        known = {d: set().union(*by_value.values()) for d, by_value in holders.items()}
        return cls(values=values, holders=holders, known=known, days=days)


def _with_suggestions(
    cluster: ClusterReport,
    unseen: _UnseenContacts,
    by_id: Mapping[int, ContactNode],
    tie_to_cluster: Mapping[int, float],
    participation: Mapping[int, float],
) -> ClusterReport:
    """Who outside a bubble the user already knows and could see more of, and who leads out of it.

    "differs": outside the circle, a known value other than the circle's dominant one on at least
    one flagged dimension, not seen for SUGGESTION_MIN_DAYS_UNSEEN days (never seen counts as
    longest); ranked by the number of such dimensions, then days unseen, then tie weight into the
    circle.
    "bridge": in the circle or tied to it, with a participation coefficient of at least
    BRIDGE_MIN_PARTICIPATION; ranked by participation.
    `tie_to_cluster`: each contact outside the circle with a tie into it, and that tie weight.
    """
    members = set(cluster.member_ids)
    flagged = cluster.assessment.homogeneous_on
    # A flagged dimension is judged, so it always has a dominant value.
    dominants = {
        d: dominant
        for d in flagged
        if (dominant := cluster.assessment.dimensions[d].dominant) is not None
    }
    differing = Counter(
        chain.from_iterable(
            unseen.known[d] - unseen.holders[d].get(dominant, set())
            for d, dominant in dominants.items()
        )
    )
    for member in members:
        differing.pop(member, None)
    # Ranked first by the number of dimensions they differ on: only the highest numbers that
    # together hold MAX_SUGGESTIONS contacts can reach the top, so only those are ranked in full.
    enough, held = 0, 0
    for count, holders in sorted(Counter(differing.values()).items(), reverse=True):
        enough, held = count, held + holders
        if held >= limits.MAX_SUGGESTIONS:
            break
    best = heapq.nsmallest(
        limits.MAX_SUGGESTIONS,
        [i for i, count in differing.items() if count >= enough],
        key=lambda i: (-differing[i], -unseen.days[i], -tie_to_cluster.get(i, 0.0), i),
    )
    differs = [
        Suggestion(
            contact_id=i,
            name=by_id[i].name,
            kind="differs",
            differs_on=tuple(
                (d, unseen.values[i][d])
                for d, dominant in dominants.items()
                if d in unseen.values[i] and unseen.values[i][d] != dominant
            ),
            days_since_seen=by_id[i].days_since_seen,
            tie_to_cluster=tie_to_cluster.get(i, 0.0),
        )
        for i in best
    ]

    suggested = {suggestion.contact_id for suggestion in differs}
    doorways = [
        (-participation[node], node)
        for node in members | tie_to_cluster.keys()
        if node not in suggested and participation[node] >= limits.BRIDGE_MIN_PARTICIPATION
    ]
    bridges = [
        Suggestion(
            contact_id=node,
            name=by_id[node].name,
            kind="bridge",
            days_since_seen=by_id[node].days_since_seen,
            tie_to_cluster=tie_to_cluster.get(node, 0.0),
            participation=participation[node],
            member=node in members,
        )
        for _, node in heapq.nsmallest(limits.MAX_BRIDGE_SUGGESTIONS, doorways)
    ]
    return replace(cluster, suggestions=tuple(differs + bridges))


def _bridges(
    graph: IndexedGraph,
    outside: Mapping[int, Mapping[int, float]],
    by_id: Mapping[int, ContactNode],
    participation: Mapping[int, float],
    community_of: Mapping[int, int],
    cluster_of_community: Mapping[int, int],
) -> tuple[Bridge, ...]:
    """The contacts whose ties spread most evenly over circles, strongest spread first."""
    index, strengths = graph.index, graph.strengths
    candidates = [
        (-p, -strengths[index[node]], node)
        for node, p in participation.items()
        if p >= limits.BRIDGE_MIN_PARTICIPATION
    ]
    bridges = []
    for negative_p, negative_strength, node in heapq.nsmallest(limits.MAX_BRIDGES, candidates):
        touched = {community_of[node], *outside.get(index[node], {})}
        bridges.append(
            Bridge(
                contact_id=node,
                name=by_id[node].name,
                participation=-negative_p,
                strength=-negative_strength,
                clusters=tuple(
                    sorted(cluster_of_community[c] for c in touched if c in cluster_of_community)
                ),
            )
        )
    return tuple(bridges)


def _modularity(
    internal: Mapping[int, float], external: Mapping[int, float], n: int
) -> float | None:
    """Weighted modularity (resolution 1) from each community's internal and external weight.

    Q = sum_c (L_c / m - (d_c / 2m) ** 2), d_c = 2 L_c + E_c: the same value as
    networkx.community.modularity, from sums the analysis has already made.
    """
    m = math.fsum(internal.values()) + math.fsum(external.values()) / 2
    if m <= 0:
        return None
    return math.fsum(
        internal[c] / m - ((2 * internal[c] + external[c]) / (2 * m)) ** 2 for c in range(n)
    )


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 4)
