"""How well the network analysis finds bubbles, and how fast: the benchmark set of issue 18.

Runs analyse_network (the public function, nothing else) on generated networks whose bubbles are
known and scores the flagged contacts against them, contact by contact, pooled over seeds:
precision = flagged contacts that sit in a planted bubble / flagged contacts, recall = contacts of
planted bubbles that are flagged / contacts of planted bubbles; for controls (no bubble planted)
the share of contacts flagged. Then times the analysis on 5,000 contacts and 50,000 ties.

    uv run --frozen python bench/network_bubbles.py            # everything (a few minutes)
    uv run --frozen python bench/network_bubbles.py --quick    # fewer seeds and sizes
    uv run --frozen python bench/network_bubbles.py --timing   # only the 5,000-contact timing

Networks: LFR (devdata/lfr.py; mixing μ from 0.1 to 0.4, 300-1,000 contacts, half the communities
homogeneous at 75-95 % on one or two of five dimensions), the planted block models of the tests
(devdata/planted.py), Zachary's karate club (faction as the dimension, and random ones).
"""

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import networkx as nx  # noqa: E402

from contacts.network.analysis import analyse_network  # noqa: E402
from contacts.network.graph import ContactNode  # noqa: E402
from devdata.lfr import lfr_network  # noqa: E402
from devdata.planted import PlantedNetwork, planted_network  # noqa: E402
from devdata.vocabulary import BINARY_DIMENSIONS, PLANTED_DIMENSIONS  # noqa: E402

INDUSTRY = {"Industry": PLANTED_DIMENSIONS["Industry"]}


def flagged_contacts(network: PlantedNetwork) -> set[int]:
    report = analyse_network(network.contacts, network.ties, dimensions=network.dimensions)
    return {i for cluster in report.clusters if cluster.homogeneous for i in cluster.member_ids}


def score(networks: Iterable[PlantedNetwork]) -> tuple[float | None, float | None, float]:
    """(precision, recall, share of all contacts flagged), pooled; None where undefined."""
    true_positives = flagged = planted = contacts = 0
    for network in networks:
        found = flagged_contacts(network)
        true_positives += len(found & network.homogeneous_ids)
        flagged += len(found)
        planted += len(network.homogeneous_ids)
        contacts += len(network.contacts)
    precision = true_positives / flagged if flagged else None
    recall = true_positives / planted if planted else None
    return precision, recall, flagged / contacts


def _cell(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def lfr_rows(sizes: tuple[int, ...], seeds: range) -> list[tuple[str, Callable]]:
    rows: list[tuple[str, Callable]] = []
    for mu in (0.1, 0.2, 0.3, 0.35, 0.4):
        rows.append((f"LFR μ {mu}, 85 % on 2", lambda s, n, mu=mu: lfr_network(n, mu, s)))
    for mu in (0.2, 0.35):
        for homogeneity in (0.75, 0.95):
            rows.append(
                (
                    f"LFR μ {mu}, {homogeneity:.0%} on 2".replace("%", " %"),
                    lambda s, n, mu=mu, h=homogeneity: lfr_network(n, mu, s, homogeneity=h),
                )
            )
    rows.append(
        (
            "LFR μ 0.35, 85 % on the one tracked (Industry)",
            lambda s, n: lfr_network(n, 0.35, s, homogeneous_dimensions=1, dimensions=INDUSTRY),
        )
    )
    rows.append(
        (
            "LFR μ 0.35, 85 % on 2, all ties 'knows'",
            lambda s, n: lfr_network(n, 0.35, s, kinds="same"),
        )
    )
    rows.append(
        ("LFR μ 0.35, 85 % on 2, 25 % missing", lambda s, n: lfr_network(n, 0.35, s, missing=0.25))
    )
    for mu in (0.1, 0.35, 0.4):
        rows.append(
            (
                f"control: LFR μ {mu}, no bubble",
                lambda s, n, mu=mu: lfr_network(n, mu, s, homogeneous_fraction=0.0),
            )
        )
    rows.append(
        (
            "control: LFR μ 0.35, no bubble, 2-valued dims",
            lambda s, n: lfr_network(
                n, 0.35, s, homogeneous_fraction=0.0, dimensions=BINARY_DIMENSIONS
            ),
        )
    )
    return [
        (f"{name} (n {'/'.join(map(str, sizes))}, {len(seeds)} seeds)", _over(make, sizes, seeds))
        for name, make in rows
    ]


def _over(make: Callable, sizes: tuple[int, ...], seeds: range) -> Callable:
    return lambda: [make(seed, n) for n in sizes for seed in seeds]


def planted_rows(seeds: range) -> list[tuple[str, Callable]]:
    def nets(**arguments):
        return lambda: [planted_network(**arguments, seed=s) for s in seeds]

    n = len(seeds)
    return [
        (f"planted 8x15 ({n} seeds)", nets(n_communities=8, size=15, homogeneous_fraction=0.5, p_in=0.4, p_out=0.01)),
        (f"planted 20x30 ({n} seeds)", nets(n_communities=20, size=30, homogeneous_fraction=0.5, p_in=0.3, p_out=0.005)),
        (f"planted mixing, p_out 0.03 ({n} seeds)", nets(n_communities=12, size=20, homogeneous_fraction=0.5, p_in=0.3, p_out=0.03)),
        (f"planted noise 25 % ({n} seeds)", nets(n_communities=12, size=20, homogeneous_fraction=0.5, p_in=0.35, p_out=0.01, noise=0.25)),
        (f"planted skewed values ({n} seeds)", nets(n_communities=12, size=20, homogeneous_fraction=0.5, p_in=0.35, p_out=0.01, skew=1.5)),
        (f"planted one focus ({n} seeds)", nets(n_communities=12, size=20, homogeneous_fraction=0.5, p_in=0.35, p_out=0.01, single_focus_fraction=0.25)),
        (f"control: planted, random values ({n} seeds)", nets(n_communities=12, size=20, homogeneous_fraction=0.0, p_in=0.35, p_out=0.01)),
        (f"control: planted, skewed random values ({n} seeds)", nets(n_communities=12, size=20, homogeneous_fraction=0.0, p_in=0.35, p_out=0.01, skew=1.5)),
        (f"control: 30 circles of 6, 2-valued ({n} seeds)", nets(n_communities=30, size=6, homogeneous_fraction=0.0, p_in=0.8, p_out=0.01, dimensions=BINARY_DIMENSIONS)),
    ]  # fmt: skip


# --- Zachary's karate club ----------------------------------------------------------------------

KARATE = nx.karate_club_graph()
KARATE_ENCOUNTERS = [
    ((a + 1, b + 1), True) for a, b, w in KARATE.edges(data="weight") for _ in range(w)
]
FACTION = {node + 1: KARATE.nodes[node]["club"] for node in KARATE}


# Random dimensions drawn for the karate club's members: values and their weights.
KARATE_RANDOM = {
    "2-valued": ("AB", (1, 1)),
    "3-valued": ("ABC", (1, 1, 1)),
    "2-valued, skewed 3:1": ("AB", (3, 1)),
    "4-valued, skewed 5:2:1:1": ("ABCD", (5, 2, 1, 1)),
}


def karate(random_draws: int) -> dict[str, object]:
    """Members in circles flagged on their own faction, the faction's homophily on the ties;
    per kind of random dimension, circles flagged on it and draws with any flag."""
    members = [ContactNode(i, f"Member {i}", {"Faction": FACTION[i]}) for i in sorted(FACTION)]
    report = analyse_network(members, shared_encounters=KARATE_ENCOUNTERS, dimensions=["Faction"])
    right = sum(
        1
        for cluster in report.clusters
        if cluster.homogeneous
        for i in cluster.member_ids
        if cluster.assessment.dimensions["Faction"].dominant == FACTION[i]
    )
    homophily = report.network.dimensions["Faction"].homophily
    flagged = {}
    for kind, (values, weights) in KARATE_RANDOM.items():
        circles = hits = draws_flagged = 0
        for seed in range(random_draws):
            rng = random.Random(seed)
            randomised = [
                ContactNode(i, f"Member {i}", {"Random": rng.choices(values, weights)[0]})
                for i in sorted(FACTION)
            ]
            report = analyse_network(
                randomised, shared_encounters=KARATE_ENCOUNTERS, dimensions=["Random"]
            )
            circles += len(report.clusters)
            hits += (found := sum(cluster.homogeneous for cluster in report.clusters))
            draws_flagged += found > 0
        flagged[kind] = (hits, circles, draws_flagged)
    return {
        "faction": right / 34,
        "faction z": None if homophily is None else homophily.z,
        "random": flagged,
    }


# --- Timing -------------------------------------------------------------------------------------


def timing(runs: int = 5) -> None:
    """analyse_network on 5,000 contacts and ~50,000 ties in 50 planted circles of 100, and on an
    LFR-like mixing of the same size (p_out raised so that about a third of the ties leave)."""
    inputs = {
        "planted 50x100": planted_network(50, 100, 0.5, p_in=0.16, p_out=0.0008, seed=1),
        "planted 50x100, a third of ties outside": planted_network(
            50, 100, 0.5, p_in=0.13, p_out=0.0014, seed=1
        ),
    }
    print("| input | contacts | ties | median wall | median CPU | runs (wall) |")
    print("|---|--:|--:|--:|--:|---|")
    for name, network in inputs.items():
        walls, cpus = [], []
        for _ in range(runs):
            wall, cpu = time.perf_counter(), time.process_time()
            analyse_network(network.contacts, network.ties, dimensions=network.dimensions)
            walls.append(time.perf_counter() - wall)
            cpus.append(time.process_time() - cpu)
        print(
            f"| {name} | {len(network.contacts)} | {len(network.ties)} "
            f"| {statistics.median(walls):.2f} s | {statistics.median(cpus):.2f} s "
            f"| {', '.join(f'{w:.2f}' for w in walls)} |"
        )


def quality(sizes: tuple[int, ...], seeds: range, karate_draws: int) -> None:
    print("| network | precision | recall | contacts flagged |")
    print("|---|--:|--:|--:|")
    for name, networks in lfr_rows(sizes, seeds) + planted_rows(seeds):
        precision, recall, share = score(networks())
        print(f"| {name} | {_cell(precision)} | {_cell(recall)} | {share:.1%} |", flush=True)
    result = karate(karate_draws)
    print(
        f"\nKarate club: {result['faction']:.0%} of members in circles flagged on their faction "
        f"(the faction's homophily on the ties: z = {result['faction z']:.1f}). Random dimensions, "
        f"{karate_draws} draws each:\n"
    )
    print("| random dimension | circles flagged | draws with a flag |")
    print("|---|--:|--:|")
    for kind, (hits, circles, draws) in result["random"].items():  # type: ignore[attr-defined]
        print(
            f"| {kind} | {hits} of {circles} ({hits / circles:.1%}) | {draws} ({draws / karate_draws:.1%}) |"
        )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="600 contacts, 3 seeds")
    parser.add_argument("--timing", action="store_true", help="only the 5,000-contact timing")
    arguments = parser.parse_args()
    started = time.perf_counter()
    if not arguments.timing:
        if arguments.quick:
            quality((600,), range(3), 200)
        else:
            quality((300, 600, 1000), range(5), 2000)
        print()
    timing()
    print(f"\n{time.perf_counter() - started:.0f} s")
