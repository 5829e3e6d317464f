"""The contact graph, its circles, and the report built from them."""

import json
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from contacts.network import thresholds as limits
from contacts.network.analysis import analyse_network
from contacts.network.graph import (
    ContactNode,
    build_graph,
    edge_weights,
    find_communities,
    participation_coefficients,
)
from devdata.planted import planted_encounters, planted_network


def _saturated(raw: float) -> float:
    return limits.ENCOUNTER_SATURATION * (1 - math.exp(-raw / limits.ENCOUNTER_SATURATION))


def _clique(ids, kind="friend"):
    return [(a, b, kind) for i, a in enumerate(ids) for b in ids[i + 1 :]]


def _contacts(ids, attributes=None, days=None):
    return [
        ContactNode(i, f"Person {i}", (attributes or {}).get(i, {}), (days or {}).get(i))
        for i in ids
    ]


# --- The graph ----------------------------------------------------------------------------------


def test_tie_kinds_weigh_family_most_and_knows_least():
    weights = edge_weights(
        range(1, 9), [(1, 2, "family"), (3, 4, "friend"), (5, 6, "colleague"), (7, 8, "knows")]
    )
    assert weights[(1, 2)] > weights[(3, 4)] > weights[(5, 6)] > weights[(7, 8)] == 1.0


def test_an_unknown_tie_kind_counts_as_knows():
    assert edge_weights([1, 2], [(1, 2, "neighbour")])[(1, 2)] == limits.DEFAULT_TIE_WEIGHT


def test_a_pair_with_several_ties_keeps_the_strongest_and_the_order_of_ids_does_not_matter():
    weights = edge_weights([1, 2], [(1, 2, "knows"), (2, 1, "family")])
    assert weights == {(1, 2): limits.TIE_KIND_WEIGHTS["family"]}


def test_an_encounter_of_two_adds_a_saturated_in_person_weight():
    weights = edge_weights([1, 2], shared_encounters=[((1, 2), True)])
    assert weights[(1, 2)] == pytest.approx(_saturated(1.0))


def test_an_encounter_weight_is_shared_among_the_other_participants():
    # five people: each pair gets 1 / (5 - 1); each person gains 1 in total, as at a dinner for two
    weights = edge_weights(range(1, 6), shared_encounters=[((1, 2, 3, 4, 5), True)])
    assert len(weights) == 10
    assert all(w == pytest.approx(_saturated(0.25)) for w in weights.values())


def test_in_person_encounters_weigh_more_than_remote_ones():
    in_person = edge_weights([1, 2], shared_encounters=[((1, 2), True)])[(1, 2)]
    remote = edge_weights([1, 2], shared_encounters=[((1, 2), False)])[(1, 2)]
    assert remote == pytest.approx(_saturated(limits.ENCOUNTER_REMOTE_WEIGHT))
    assert remote < in_person


def test_many_encounters_saturate_and_never_pass_a_family_tie():
    weekly = edge_weights([1, 2], shared_encounters=[((1, 2), True)] * 20)[(1, 2)]
    for_years = edge_weights([1, 2], shared_encounters=[((1, 2), True)] * 500)[(1, 2)]
    assert _saturated(3.0) < weekly < for_years <= limits.TIE_KIND_WEIGHTS["family"]


def test_ties_encounters_and_introductions_add_up():
    weights = edge_weights([1, 2], [(1, 2, "knows")], [((2, 1), True)], [(2, 1)])
    assert weights[(1, 2)] == pytest.approx(1.0 + _saturated(1.0) + limits.INTRODUCTION_WEIGHT)


def test_inactive_contacts_self_ties_and_solo_encounters_are_ignored():
    weights = edge_weights(
        [1, 2, 3],
        ties=[(1, 1, "family"), (1, 99, "friend")],
        shared_encounters=[((1,), True), ((1, 1), True), ((2, 3, 99), True)],
        introductions=[(3, 99)],
    )
    # the archived 99 still counts in the size of the encounter: 1 / (3 - 1) for the pair 2-3
    assert weights == {(2, 3): pytest.approx(_saturated(0.5))}


def test_the_graph_has_every_active_contact_and_sorted_edges():
    graph = build_graph([3, 1, 2, 4], [(3, 1, "friend"), (2, 1, "knows")])
    assert list(graph.nodes) == [1, 2, 3, 4]
    assert list(graph.edges) == [(1, 2), (1, 3)]


def test_participation_coefficient_of_a_contact_split_evenly_between_two_circles_is_a_half():
    graph = build_graph([1, 2, 3, 4, 5], [(1, 2, "knows"), (1, 3, "knows"), (1, 4, "knows")])
    community_of = {1: 0, 2: 0, 3: 1, 4: 1, 5: 2}
    coefficients = participation_coefficients(graph, community_of)
    # 1 - ((1/3)² + (2/3)²) = 4/9 for contact 1; everybody else has all ties in one circle or none
    assert coefficients[1] == pytest.approx(4 / 9)
    assert coefficients[2] == coefficients[5] == 0.0


# --- Circles ------------------------------------------------------------------------------------


def _two_cliques_and_strays():
    """Two friend cliques of five joined by one "knows" tie, a pair, and two loners."""
    ties = (
        _clique([1, 2, 3, 4, 5]) + _clique([6, 7, 8, 9, 10]) + [(5, 6, "knows"), (11, 12, "friend")]
    )
    return _contacts(range(1, 15)), ties


def test_two_cliques_joined_by_one_tie_are_two_circles():
    contacts, ties = _two_cliques_and_strays()
    report = analyse_network(contacts, ties)
    assert [cluster.member_ids for cluster in report.clusters] == [
        (1, 2, 3, 4, 5),
        (6, 7, 8, 9, 10),
    ]
    assert report.clusters[0].as_dict()["members"] == [f"Person {i}" for i in range(1, 6)]


def test_isolated_contacts_are_reported_as_isolated():
    contacts, ties = _two_cliques_and_strays()
    report = analyse_network(contacts, ties).as_dict()
    assert report["isolated"] == [
        {"kind": "isolated", "id": 13, "name": "Person 13"},
        {"kind": "isolated", "id": 14, "name": "Person 14"},
    ]


def test_groups_below_the_minimum_size_are_reported_as_small_not_judged():
    contacts, ties = _two_cliques_and_strays()
    report = analyse_network(contacts, ties).as_dict()
    assert report["small_clusters"] == [
        {"kind": "small", "size": 2, "members": ["Person 11", "Person 12"], "member_ids": [11, 12]}
    ]
    assert all(cluster["size"] >= limits.MIN_CLUSTER_SIZE for cluster in report["clusters"])


def test_ei_index_of_a_circle_uses_tie_weights():
    contacts, ties = _two_cliques_and_strays()
    report = analyse_network(contacts, ties)
    internal = 10 * limits.TIE_KIND_WEIGHTS["friend"]  # ten friend ties in a clique of five
    external = limits.TIE_KIND_WEIGHTS["knows"]
    expected = (external - internal) / (external + internal)
    assert report.clusters[0].ei_index == pytest.approx(expected)


def test_modularity_matches_networkx():
    import networkx as nx

    contacts, ties = _two_cliques_and_strays()
    report = analyse_network(contacts, ties)
    graph = build_graph([c.id for c in contacts], ties)
    partition = [set(c.member_ids) for c in report.clusters] + [{11, 12}, {13}, {14}]
    assert report.modularity == pytest.approx(nx.community.modularity(graph, partition))


def test_a_network_without_ties_has_no_circles_and_no_modularity():
    report = analyse_network(_contacts([1, 2, 3]))
    assert report.clusters == ()
    assert [contact.id for contact in report.isolated] == [1, 2, 3]
    assert report.modularity is None


def test_duplicate_contact_ids_are_refused():
    with pytest.raises(ValueError):
        analyse_network(_contacts([1, 1]))


# --- The report ---------------------------------------------------------------------------------


def _bubble_network():
    """A banking/Germany clique 1-6 with a bridge (6) to a diverse clique 7-12, and outsiders."""
    bankers = {i: {"Industry": "Banking", "Country": "Germany"} for i in range(1, 7)}
    diverse = {
        7: {"Industry": "Retail", "Country": "France"},
        8: {"Industry": "Health", "Country": "Germany"},
        9: {"Industry": "Banking", "Country": "Poland"},
        10: {"Industry": "Arts", "Country": "Turkey"},
        11: {"Industry": "Retail", "Country": "Spain"},
        12: {"Industry": "Software", "Country": "Italy"},
        13: {"Industry": "Farming", "Country": "Ghana"},  # isolated
        14: {"Industry": "Retail", "Country": "Germany"},  # isolated, seen recently
    }
    days = {7: 400, 8: 500, 9: None, 10: 120, 11: 120, 12: 30, 13: 100, 14: 10}
    ties = (
        _clique([1, 2, 3, 4, 5, 6])
        + _clique([7, 8, 9, 10, 11, 12])
        + [(6, 7, "friend"), (6, 8, "friend"), (1, 11, "knows")]
    )
    return _contacts(range(1, 15), {**bankers, **diverse}, days), ties


def test_a_homogeneous_circle_is_flagged_with_reasons_and_a_name():
    contacts, ties = _bubble_network()
    report = analyse_network(contacts, ties, dimensions=["Industry", "Country"])
    bubble = report.as_dict()["clusters"][0]
    assert bubble["member_ids"] == [1, 2, 3, 4, 5, 6]
    assert bubble["homogeneous"] is True
    assert bubble["homogeneous_on"] == ["Industry", "Country"]
    assert bubble["reasons"] == ["6 of 6 share Industry: Banking", "6 of 6 share Country: Germany"]
    assert bubble["label"] == "Banking · Germany"
    assert bubble["homogeneity"] == 1.0
    assert bubble["dimensions"]["Industry"]["iqv"] == 0.0
    assert report.as_dict()["clusters"][1]["homogeneous"] is False


def test_suggestions_rank_contacts_who_differ_on_more_dimensions_then_unseen_longest():
    contacts, ties = _bubble_network()
    report = analyse_network(contacts, ties, dimensions=["Industry", "Country"])
    differs = [s for s in report.clusters[0].suggestions if s.kind == "differs"]
    # 7, 10, 11 and 13 differ on both dimensions, 8 and 9 on one; 12 and 14 were seen too recently.
    # On both: 7 (400 days), then 11 and 10 (120 days each; 11 has a tie into the circle), then 13
    # (100 days). On one: 9 (never seen) before 8 (500 days).
    assert [s.contact_id for s in differs] == [7, 11, 10, 13, 9]
    assert differs[0].differs_on == (("Industry", "Retail"), ("Country", "France"))
    assert differs[1].tie_to_cluster == limits.TIE_KIND_WEIGHTS["knows"]
    assert differs[4].differs_on == (("Country", "Poland"),)


def test_never_seen_contacts_count_as_unseen_longest():
    contacts, ties = _bubble_network()
    contacts = [
        ContactNode(c.id, c.name, c.attributes, None if c.id == 10 else c.days_since_seen)
        for c in contacts
    ]
    report = analyse_network(contacts, ties, dimensions=["Industry", "Country"])
    assert report.clusters[0].suggestions[0].contact_id == 10


def test_bridges_are_suggested_for_a_flagged_circle_and_listed_for_the_network():
    contacts, ties = _bubble_network()
    report = analyse_network(contacts, ties, dimensions=["Industry", "Country"])
    bridges = [s for s in report.clusters[0].suggestions if s.kind == "bridge"]
    assert bridges[0].contact_id == 6
    assert bridges[0].member is True
    assert report.bridges[0].contact_id == 6
    assert report.bridges[0].clusters == (0, 1)


def test_the_network_as_a_whole_gets_diversity_per_dimension_and_no_ei_index():
    contacts, ties = _bubble_network()
    network = analyse_network(contacts, ties, dimensions=["Industry", "Country"]).as_dict()[
        "network"
    ]
    assert network["ei_index"] is None
    industry = network["dimensions"]["Industry"]
    # 7 Banking, 3 Retail, and one each of Health, Arts, Software, Farming: 14 contacts, K = 6
    assert industry["dominant"] == "Banking"
    assert industry["share"] == pytest.approx(7 / 14, abs=1e-4)
    blau = 1 - (49 + 9 + 4) / 196
    assert industry["blau"] == pytest.approx(blau, abs=1e-4)
    assert industry["iqv"] == pytest.approx(blau / (1 - 1 / 6), abs=1e-4)
    assert network["homogeneous"] is False


def test_dimensions_default_to_every_dimension_any_contact_has():
    contacts, ties = _bubble_network()
    report = analyse_network(contacts, ties)
    assert list(report.network.dimensions) == ["Country", "Industry"]


def test_the_report_is_json_with_the_documented_shape():
    contacts, ties = _bubble_network()
    report = json.loads(json.dumps(analyse_network(contacts, ties).as_dict()))
    assert set(report) == {
        "contacts",
        "clusters",
        "isolated",
        "small_clusters",
        "network",
        "bridges",
    }
    assert report["contacts"] == 14
    cluster = report["clusters"][0]
    for key in (
        "label", "size", "members", "member_ids", "homogeneous", "homogeneous_on", "homogeneity",
        "ei_index", "dimensions", "reasons", "suggestions", "kind",
    ):  # fmt: skip
        assert key in cluster
    assert set(cluster["dimensions"]["Industry"]) >= {
        "coverage",
        "dominant",
        "share",
        "blau",
        "iqv",
    }
    assert set(report["network"]) >= {"dimensions", "modularity"}


# --- Determinism --------------------------------------------------------------------------------


def _shuffled(items, rng):
    items = list(items)
    rng.shuffle(items)
    return items


@settings(max_examples=8, deadline=None)
@given(st.randoms(use_true_random=False))
def test_the_same_data_in_any_order_gives_the_same_report(rng):
    network = planted_network(6, 12, 0.5, p_in=0.4, p_out=0.02, seed=3)
    encounters = planted_encounters(network, 60, seed=3)
    introductions = [(1, 20), (30, 45), (50, 2)]
    expected = analyse_network(
        network.contacts, network.ties, encounters, introductions, dimensions=network.dimensions
    ).as_dict()

    ties = [(b, a, kind) if rng.random() < 0.5 else (a, b, kind) for a, b, kind in network.ties]
    encounters = [(tuple(_shuffled(people, rng)), in_person) for people, in_person in encounters]
    actual = analyse_network(
        _shuffled(network.contacts, rng),
        _shuffled(ties, rng),
        _shuffled(encounters, rng),
        _shuffled([(b, a) for a, b in introductions], rng),
        dimensions=network.dimensions,
    ).as_dict()
    assert actual == expected


# --- Looking inside a circle --------------------------------------------------------------------

INDUSTRIES = ["Retail", "Health", "Arts", "Crafts", "Energy", "Media", "Law", "Farming"]
COUNTRIES = ["France", "Italy", "Spain", "Poland", "Ghana", "Japan"]


def _hidden_bubble_network():
    """Thirty diverse cliques of eight in a ring, and two more cliques, eight bankers in Germany
    and eight diverse people, joined by eight ties. In a network this large, modularity merges the
    two (the resolution limit); on their own ties they are clearly two groups."""
    contacts, ties = [], []

    def clique(first, bankers=False):
        ids = list(range(first, first + 8))
        for n, i in enumerate(ids):
            values = (
                {"Industry": "Banking", "Country": "Germany"}
                if bankers
                else {"Industry": INDUSTRIES[(i + n) % 8], "Country": COUNTRIES[(i * 5 + n) % 6]}
            )
            contacts.append(ContactNode(i, f"Person {i}", values))
        ties.extend((a, b, "friend") for n, a in enumerate(ids) for b in ids[n + 1 :])
        return ids

    ring = [clique(1 + 8 * k) for k in range(30)]
    for k, ids in enumerate(ring):
        ties.append((ids[0], ring[(k + 1) % 30][1], "knows"))
    bankers, neighbours = clique(1001, bankers=True), clique(1101)
    ties.extend((a, b, "friend") for a, b in zip(bankers, neighbours, strict=True))
    ties.extend([(bankers[0], ring[0][2], "knows"), (neighbours[0], ring[15][2], "knows")])
    return contacts, ties, set(bankers), set(neighbours)


def test_a_bubble_merged_into_a_larger_circle_is_shown_as_a_circle_of_its_own():
    contacts, ties, bankers, neighbours = _hidden_bubble_network()
    graph = build_graph([c.id for c in contacts], ties)
    merged = next(c for c in find_communities(graph) if bankers <= c)
    assert neighbours <= merged  # the whole network's modularity does not tell them apart
    report = analyse_network(contacts, ties, dimensions=["Industry", "Country"])
    bubble = next(c for c in report.clusters if set(c.member_ids) == bankers)
    assert bubble.homogeneous
    assert bubble.as_dict()["found_inside"] is True
    assert bubble.assessment.homogeneous_on == ("Industry", "Country")
    neighbour_circle = next(c for c in report.clusters if set(c.member_ids) == neighbours)
    assert not neighbour_circle.homogeneous
    assert sum(c.homogeneous for c in report.clusters) == 1


def test_a_circle_without_a_bubble_inside_is_not_split_into_parts():
    contacts, ties, bankers, neighbours = _hidden_bubble_network()
    diverse = [
        ContactNode(
            c.id, c.name, {"Industry": INDUSTRIES[c.id % 8], "Country": COUNTRIES[c.id % 6]}
        )
        if c.id in bankers
        else c
        for c in contacts
    ]
    report = analyse_network(diverse, ties, dimensions=["Industry", "Country"])
    assert any(bankers | neighbours == set(c.member_ids) for c in report.clusters)
    assert not any(c.homogeneous for c in report.clusters)
