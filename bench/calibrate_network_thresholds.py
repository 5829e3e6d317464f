"""Choose the bubble-flagging thresholds by experiment on networks with planted bubbles.

Generates networks with planted homogeneous and diverse communities (devdata/planted.py, and LFR
networks with fuzzy borders, devdata/lfr.py), then runs analyse_network with variants of the
flagging rule, one threshold moved at a time around the defaults in contacts/network/thresholds.py.
Prints a markdown table of contact-level precision and recall (flagged contacts against contacts of
planted bubbles) per scenario, and the share of contacts flagged in networks with random
attributes. The table is quoted in docs/network-analysis.md.

    uv run python bench/calibrate_network_thresholds.py            # the calibration table
    uv run python bench/calibrate_network_thresholds.py --benchmark  # 5,000 contacts, 50,000 ties
"""

import argparse
import statistics
import sys
import time
import tracemalloc
from dataclasses import dataclass, replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import networkx as nx  # noqa: E402

from contacts.network.analysis import analyse_network  # noqa: E402
from contacts.network.graph import build_graph  # noqa: E402
from contacts.network.homogeneity import FlagRule  # noqa: E402
from devdata.lfr import lfr_network  # noqa: E402
from devdata.planted import (  # noqa: E402
    PlantedNetwork,
    planted_encounters,
    planted_network,
)
from devdata.vocabulary import BINARY_DIMENSIONS  # noqa: E402

SEEDS = range(5)


@dataclass(frozen=True)
class Scenario:
    name: str
    arguments: dict
    null: bool = False  # random attributes only: report the share flagged, not precision/recall
    lfr: bool = False  # an LFR network of 600 (arguments for lfr_network), not a block model


SCENARIOS = [
    Scenario("8x15", dict(n_communities=8, size=15, p_in=0.4, p_out=0.01)),
    Scenario("20x30", dict(n_communities=20, size=30, p_in=0.3, p_out=0.005)),
    Scenario("noise 25%", dict(n_communities=12, size=20, p_in=0.35, p_out=0.01, noise=0.25)),
    Scenario("25% missing", dict(n_communities=12, size=20, p_in=0.35, p_out=0.01, missing=0.25)),
    Scenario(
        "one focus",
        dict(n_communities=12, size=20, p_in=0.35, p_out=0.01, single_focus_fraction=0.25),
    ),
    Scenario(
        "mixing",
        dict(n_communities=12, size=20, p_in=0.3, p_out=0.03),
    ),
    Scenario(
        "skewed values",
        dict(n_communities=12, size=20, p_in=0.35, p_out=0.01, skew=1.5),
    ),
    Scenario(
        "two-value bubbles",
        dict(n_communities=12, size=20, p_in=0.35, p_out=0.01, dominant_values=2),
    ),
    Scenario(
        "8x8 binary",
        dict(n_communities=30, size=8, p_in=0.7, p_out=0.01, dimensions=BINARY_DIMENSIONS),
    ),
    Scenario("LFR μ 0.35", dict(mu=0.35), lfr=True),
    Scenario("LFR μ 0.35 'knows'", dict(mu=0.35, kinds="same"), lfr=True),
    Scenario(
        "null",
        dict(n_communities=12, size=20, p_in=0.35, p_out=0.01, homogeneous_fraction=0.0),
        null=True,
    ),
    Scenario("null LFR", dict(mu=0.35, homogeneous_fraction=0.0), null=True, lfr=True),
    Scenario(
        "null skewed",
        dict(
            n_communities=12,
            size=20,
            p_in=0.35,
            p_out=0.01,
            homogeneous_fraction=0.0,
            skew=1.5,
        ),
        null=True,
    ),
    Scenario(
        "null 8 binary",
        dict(
            n_communities=30,
            size=8,
            p_in=0.7,
            p_out=0.01,
            homogeneous_fraction=0.0,
            dimensions=BINARY_DIMENSIONS,
        ),
        null=True,
    ),
    Scenario(
        "null 6 binary",
        dict(
            n_communities=30,
            size=6,
            p_in=0.8,
            p_out=0.01,
            homogeneous_fraction=0.0,
            dimensions=BINARY_DIMENSIONS,
        ),
        null=True,
    ),
]

DEFAULT = FlagRule()
RATE_VALUES = (0.01, 0.1, 0.2)
SHARE_VALUES = (0.4, 0.6, 2 / 3, 0.75)
COVERAGE_VALUES = (0.5, 2 / 3, 0.8)
MIN_FLAGGED_VALUES = (1, 3)


def rule_variants() -> list[tuple[str, FlagRule]]:
    variants = [("**defaults**", DEFAULT)]
    variants += [
        (f"false-discovery rate {v}", replace(DEFAULT, false_discovery_rate=v)) for v in RATE_VALUES
    ]
    variants += [(f"share > {v:.2g}", replace(DEFAULT, min_share=v)) for v in SHARE_VALUES]
    variants += [(f"coverage ≥ {v:.2g}", replace(DEFAULT, min_coverage=v)) for v in COVERAGE_VALUES]
    variants += [
        (f"min. dims {v}", replace(DEFAULT, min_flagged_dimensions=v)) for v in MIN_FLAGGED_VALUES
    ]
    return variants


def network_of(scenario: Scenario, seed: int) -> PlantedNetwork:
    if scenario.lfr:
        return lfr_network(600, seed=seed, **scenario.arguments)
    return planted_network(**{"homogeneous_fraction": 0.5, **scenario.arguments}, seed=seed)


def flagged_contacts(network: PlantedNetwork, rule: FlagRule) -> set[int]:
    report = analyse_network(
        network.contacts, network.ties, dimensions=network.dimensions, rule=rule
    )
    return {i for c in report.clusters if c.homogeneous for i in c.member_ids}


def calibrate() -> None:
    variants = rule_variants()
    # counts[variant][scenario] = [true positives, flagged, planted, contacts]
    counts = {name: {s.name: [0, 0, 0, 0] for s in SCENARIOS} for name, _ in variants}
    started = time.perf_counter()
    for scenario in SCENARIOS:
        for seed in SEEDS:
            network = network_of(scenario, seed)
            for name, rule in variants:
                flagged = flagged_contacts(network, rule)
                tally = counts[name][scenario.name]
                tally[0] += len(flagged & network.homogeneous_ids)
                tally[1] += len(flagged)
                tally[2] += len(network.homogeneous_ids)
                tally[3] += len(network.contacts)

    header = ["rule"] + [s.name + (" flagged" if s.null else " P / R") for s in SCENARIOS]
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for name, _ in variants:
        cells = [name]
        for scenario in SCENARIOS:
            true_positives, flagged_count, planted, contacts = counts[name][scenario.name]
            if scenario.null:
                cells.append(f"{flagged_count / contacts:.0%}")
            else:
                precision = true_positives / flagged_count if flagged_count else 1.0
                cells.append(f"{precision:.2f} / {true_positives / planted:.2f}")
        print("| " + " | ".join(cells) + " |")
    print(
        f"\n{len(SCENARIOS)} scenarios x {len(SEEDS)} seeds, {len(variants)} rules, "
        f"{time.perf_counter() - started:.1f} s"
    )


# --- The benchmark ------------------------------------------------------------------------------


def benchmark_inputs(kind: str):
    """5,000 contacts with ~50,000 ties in 50 planted circles of 100 (and 5,000 shared encounters,
    1 % of them events of 10-40 people), or 50,000 ties without any structure (G(n,m), Louvain's
    slow case)."""
    network = planted_network(50, 100, 0.5, p_in=0.16, p_out=0.0008, seed=1)
    if kind == "planted":
        return network.contacts, network.ties, []
    if kind == "planted + encounters":
        encounters = planted_encounters(network, 5_000, seed=1, event_share=0.01)
        return network.contacts, network.ties, encounters
    graph = nx.gnm_random_graph(len(network.contacts), 50_000, seed=1)
    return network.contacts, [(a + 1, b + 1, "knows") for a, b in graph.edges()], []


def benchmark() -> None:
    print(
        "| input | contacts | ties | encounters | edges "
        "| median of 3 (wall) | runs (wall) | median CPU time | peak memory |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for kind in ("planted", "planted + encounters", "G(n,m)"):
        contacts, ties, encounters = benchmark_inputs(kind)
        times, cpu_times = [], []
        for _ in range(3):
            started, cpu_started = time.perf_counter(), time.process_time()
            analyse_network(contacts, ties, encounters)
            times.append(time.perf_counter() - started)
            cpu_times.append(time.process_time() - cpu_started)
        tracemalloc.start()
        analyse_network(contacts, ties, encounters)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        edges = build_graph((c.id for c in contacts), ties, encounters).number_of_edges()
        print(
            f"| {kind} | {len(contacts)} | {len(ties)} | {len(encounters)} | {edges} "
            f"| {statistics.median(times):.2f} s | {', '.join(f'{t:.2f}' for t in times)} "
            f"| {statistics.median(cpu_times):.2f} s | {peak / 2**20:.0f} MiB |"
        )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--benchmark", action="store_true", help="time the analysis instead")
    if parser.parse_args().benchmark:
        benchmark()
    else:
        calibrate()
