"""The network analysis, loading included, before and after a change, alternately in one run.

"Before" is contacts/network/{graph,analysis,homogeneity,thresholds,encounter_data,snapshots}.py
and encounters/participations.py as at a given commit (by default 49bcb09, main before issue 15's
third step, the analysis from arrays), loaded from git into a temporary package; "after" the
working tree's. Both analyse the bench user's network on the same existing database, one after
the other in turn (the whole `analyse_user_network`, then its loading, its graph building and its
analysis alone), so that a change in the machine's load hits both alike; the medians, the load
averages and whether the two reports and maps are byte-identical (JSON) go to standard output.

    DATABASE_URL=postgres://…/weitblick_bench uv run --frozen python bench/network_graph.py [--runs 7]

The database must already hold the bench data (bench/run.py makes it). Read-only. `--runs 0
--username demo` on a database with the demo (manage.py load_demo) only compares the JSON.
"""

import argparse
import datetime
import gc
import importlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
NETWORK_MODULES = ("graph", "analysis", "homogeneity", "thresholds", "encounter_data", "snapshots")


def _source(commit: str, path: str) -> str:
    return subprocess.run(
        ["git", "show", f"{commit}:{path}"], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout


def load_before(commit: str, directory: Path) -> Any:
    """The network package's modules at `commit`, importable as `network_before`, with the
    loading of encounters at that commit registered as its encounter source; its snapshots module.
    """
    package = directory / "network_before"
    package.mkdir()
    (package / "__init__.py").write_text("")
    for name in NETWORK_MODULES:
        (package / f"{name}.py").write_text(_source(commit, f"contacts/network/{name}.py"))
    participations = _source(commit, "encounters/participations.py")
    participations = participations.replace(
        "from contacts.network.encounter_data import", "from network_before.encounter_data import"
    ).replace("from .models import", "from encounters.models import")
    (package / "participations.py").write_text(participations)
    sys.path.insert(0, str(directory))
    importlib.import_module("network_before.encounter_data").register_encounter_source(
        importlib.import_module("network_before.participations").network_encounter_data
    )
    return importlib.import_module("network_before.snapshots")


def _graph_builder(snapshots: Any) -> Callable[..., Any]:
    # Before: build_graph (networkx); after: indexed_graph (plain lists).
    graph = importlib.import_module(snapshots.__name__.rsplit(".", 1)[0] + ".graph")
    return getattr(graph, "indexed_graph", None) or graph.build_graph


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--username", default="bench")
    parser.add_argument("--before", default="49bcb09")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "crm.settings")
    os.environ.setdefault("DJANGO_DEBUG", "0")
    os.environ.setdefault("SECRET_KEY", "bench-only-not-secret-" + "x" * 40)
    import django

    django.setup()
    from django.contrib.auth import get_user_model

    from contacts.network import snapshots as after

    user = get_user_model().objects.get(username=args.username)
    today = datetime.date.today()
    with tempfile.TemporaryDirectory() as directory:
        before = load_before(args.before, Path(directory))
        versions = {"before": before, "after": after}
        builders = {name: _graph_builder(module) for name, module in versions.items()}
        outputs = {
            name: json.dumps(module.analyse_user_network(user, today))
            for name, module in versions.items()
        }
        inputs = {name: module.network_inputs(user, today) for name, module in versions.items()}

        def build(name: str) -> Any:
            contacts, ties, shared, introductions, _dimensions = inputs[name]
            return builders[name]({c.id: c for c in contacts}, ties, shared, introductions)

        graphs = {name: build(name) for name in versions}

        def analyse(name: str) -> Any:
            contacts, ties, shared, introductions, dimensions = inputs[name]
            analysis = importlib.import_module(
                versions[name].__name__.rsplit(".", 1)[0] + ".analysis"
            )
            return analysis.analyse_network(
                contacts, ties, shared, introductions, dimensions=dimensions, graph=graphs[name]
            )

        steps: dict[str, Callable[[str], object]] = {
            "analyse_user_network": lambda name: versions[name].analyse_user_network(user, today),
            "network_inputs": lambda name: versions[name].network_inputs(user, today),
            "build_graph": build,
            "analyse_network": analyse,
        }
        times: dict[tuple[str, str], list[float]] = {(s, n): [] for s in steps for n in versions}
        loads = [os.getloadavg()[0]]
        for _ in range(args.runs):
            for step, function in steps.items():
                for name in versions:
                    # Each version starts with nothing left for the cycle collector from the other.
                    gc.collect()
                    started = time.perf_counter()
                    function(name)
                    times[step, name].append(time.perf_counter() - started)
            loads.append(os.getloadavg()[0])
    print(f"{args.runs} runs each, alternating before ({args.before}) / after (working tree)")
    print(f"load average (1 min) during the run: {min(loads):.2f}-{max(loads):.2f}")
    print(f"report and map JSON byte-identical: {outputs['before'] == outputs['after']}")
    for (step, name), values in times.items() if args.runs else ():
        runs = ", ".join(f"{v:.3f}" for v in values)
        print(f"{step:20} {name:6} median {statistics.median(values):.3f} s  ({runs})")


if __name__ == "__main__":
    main()
