"""Bubbles planted in generated networks are found, and diverse circles are left alone."""

import pytest

from contacts.network.analysis import analyse_network
from devdata.planted import planted_network
from devdata.vocabulary import BINARY_DIMENSIONS

SEEDS = (0, 1, 2, 3, 4)


def _flagged(network) -> set[int]:
    report = analyse_network(network.contacts, network.ties, dimensions=network.dimensions)
    return {i for cluster in report.clusters if cluster.homogeneous for i in cluster.member_ids}


def _precision_and_recall(networks) -> tuple[float, float]:
    true_positives = flagged = planted = 0
    for network in networks:
        found = _flagged(network)
        true_positives += len(found & network.homogeneous_ids)
        flagged += len(found)
        planted += len(network.homogeneous_ids)
    return true_positives / flagged, true_positives / planted


def test_the_generator_gives_the_same_network_for_the_same_seed():
    first = planted_network(4, 10, 0.5, p_in=0.5, p_out=0.05, seed=9)
    assert first == planted_network(4, 10, 0.5, p_in=0.5, p_out=0.05, seed=9)
    assert first != planted_network(4, 10, 0.5, p_in=0.5, p_out=0.05, seed=10)


def test_the_generator_plants_bubbles_sharing_three_dimensions_with_some_noise():
    network = planted_network(10, 40, 0.5, p_in=0.3, p_out=0.01, seed=1)
    assert len(network.homogeneous_communities) == 5
    by_id = {contact.id: contact for contact in network.contacts}
    for index in network.homogeneous_communities:
        members = [by_id[i] for i in network.communities[index]]
        shares = sorted(
            max(
                sum(m.attributes[d] == v for m in members) / len(members)
                for v in {m.attributes[d] for m in members}
            )
            for d in network.dimensions
        )
        assert all(share >= 0.75 for share in shares[-3:])  # ~0.9 expected on three dimensions
        assert shares[-4] < 0.6  # the other two are drawn at random


def test_the_generator_gives_the_ties_of_a_block_model():
    network = planted_network(4, 25, 0.5, p_in=0.4, p_out=0.01, seed=2)
    community_of = {i: c for c, ids in enumerate(network.communities) for i in ids}
    inside = sum(community_of[a] == community_of[b] for a, b, _ in network.ties)
    assert inside == pytest.approx(4 * 300 * 0.4, rel=0.15)
    assert len(network.ties) - inside == pytest.approx(6 * 625 * 0.01, rel=0.5)


def test_flagged_contacts_match_the_planted_bubbles_in_eight_circles_of_fifteen():
    networks = [planted_network(8, 15, 0.5, p_in=0.4, p_out=0.01, seed=s) for s in SEEDS]
    precision, recall = _precision_and_recall(networks)
    assert precision >= 0.9
    assert recall >= 0.9


def test_flagged_contacts_match_the_planted_bubbles_in_twenty_circles_of_thirty():
    networks = [planted_network(20, 30, 0.5, p_in=0.3, p_out=0.005, seed=s) for s in SEEDS]
    precision, recall = _precision_and_recall(networks)
    assert precision >= 0.9
    assert recall >= 0.9


def test_each_seed_on_its_own_finds_most_planted_bubbles():
    for seed in SEEDS:
        precision, recall = _precision_and_recall(
            [planted_network(8, 15, 0.5, p_in=0.4, p_out=0.01, seed=seed)]
        )
        assert precision >= 0.9, seed
        assert recall >= 0.9, seed


def test_a_network_with_random_attributes_has_no_bubbles():
    for seed in SEEDS[:3]:
        network = planted_network(12, 20, 0.0, p_in=0.35, p_out=0.01, seed=seed)
        assert _flagged(network) == set()


def test_a_circle_sharing_only_one_dimension_is_not_a_bubble():
    for seed in SEEDS[:3]:
        network = planted_network(
            12, 20, 0.0, p_in=0.35, p_out=0.01, seed=seed, single_focus_fraction=0.5
        )
        assert _flagged(network) == set()


def test_small_circles_on_two_valued_dimensions_are_rarely_flagged_by_chance():
    contacts = flagged = 0
    for seed in SEEDS:
        network = planted_network(
            30, 6, 0.0, p_in=0.8, p_out=0.01, dimensions=BINARY_DIMENSIONS, seed=seed
        )
        contacts += len(network.contacts)
        flagged += len(_flagged(network))
    assert flagged / contacts <= 0.05
