"""The network analysis's graph work before and after issue 15's second step, alternately in one run.

"Before" is contacts/network/{graph,analysis,homogeneity,thresholds}.py as at a given commit (by
default b2319ff, main before the change), loaded from git into a temporary package; "after" the
working tree's. Both analyse the bench user's network on the same existing database, one after
the other in turn (the whole, then its graph building and its analysis alone), so that a change in the machine's load hits both alike; the medians, the load
averages and whether the two reports and maps are byte-identical (JSON) go to standard output.

    DATABASE_URL=postgres://…/weitblick_bench uv run --frozen python bench/network_graph.py [--runs 7]

The database must already hold the bench data (bench/run.py makes it). Read-only.
"""

import argparse
import datetime
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
MODULES = ("graph", "analysis", "homogeneity", "thresholds")


def load_before(commit: str, directory: Path) -> Any:
    """The network package's analysis modules at `commit`, importable as `network_before`."""
    package = directory / "network_before"
    package.mkdir()
    (package / "__init__.py").write_text("")
    for name in MODULES:
        source = subprocess.run(
            ["git", "show", f"{commit}:contacts/network/{name}.py"],
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        (package / f"{name}.py").write_text(source)
    sys.path.insert(0, str(directory))
    return importlib.import_module("network_before.analysis")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--username", default="bench")
    parser.add_argument("--before", default="b2319ff")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "crm.settings")
    os.environ.setdefault("DJANGO_DEBUG", "0")
    os.environ.setdefault("SECRET_KEY", "bench-only-not-secret-" + "x" * 40)
    import django

    django.setup()
    from django.contrib.auth import get_user_model

    from contacts.network import analysis as after
    from contacts.network.snapshots import map_graph, network_inputs, value_shares

    user = get_user_model().objects.get(username=args.username)
    today = datetime.date.today()
    with tempfile.TemporaryDirectory() as directory:
        before = load_before(args.before, Path(directory))
        versions = {"before": before, "after": after}

        def analyse(module: Any) -> tuple[dict[str, Any], dict[str, Any]]:
            # analyse_user_network with the version's graph building and analysis.
            contacts, ties, shared, introductions, dimensions = network_inputs(user, today)
            graph = module.build_graph({c.id: c for c in contacts}, ties, shared, introductions)
            report: dict[str, Any] = module.analyse_network(
                contacts, ties, shared, introductions, dimensions=dimensions, graph=graph
            ).as_dict()
            report["network"]["value_shares"] = value_shares(contacts, dimensions)
            return report, map_graph(contacts, graph, report)

        outputs = {name: json.dumps(analyse(module)) for name, module in versions.items()}
        inputs = network_inputs(user, today)
        contacts, ties, shared, introductions, dimensions = inputs
        graphs = {
            name: module.build_graph({c.id: c for c in contacts}, ties, shared, introductions)
            for name, module in versions.items()
        }
        steps: dict[str, Callable[[Any, str], object]] = {
            "analyse_user_network": lambda module, name: analyse(module),
            "build_graph": lambda module, name: module.build_graph(
                {c.id: c for c in contacts}, ties, shared, introductions
            ),
            "analyse_network": lambda module, name: module.analyse_network(
                contacts, ties, shared, introductions, dimensions=dimensions, graph=graphs[name]
            ),
        }
        times: dict[tuple[str, str], list[float]] = {(s, n): [] for s in steps for n in versions}
        loads = [os.getloadavg()[0]]
        for _ in range(args.runs):
            for step, function in steps.items():
                for name, module in versions.items():
                    started = time.perf_counter()
                    function(module, name)
                    times[step, name].append(time.perf_counter() - started)
            loads.append(os.getloadavg()[0])
    print(f"{args.runs} runs each, alternating before ({args.before}) / after (working tree)")
    print(f"load average (1 min) during the run: {min(loads):.2f}-{max(loads):.2f}")
    print(f"report and map JSON byte-identical: {outputs['before'] == outputs['after']}")
    for (step, name), values in times.items():
        runs = ", ".join(f"{v:.3f}" for v in values)
        print(f"{step:20} {name:6} median {statistics.median(values):.3f} s  ({runs})")


if __name__ == "__main__":
    main()
