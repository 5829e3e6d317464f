"""The network analysis's loading before and after issue 15, measured alternately in one run.

"Before" is the row-by-row grouping of the encounter rows in Python (encounter_data_from_rows, the
loading until issue 15), "after" the grouping in PostgreSQL (network_encounter_data). Both run on
the same existing database, one after the other in turn, so that a change in the machine's load
hits both alike; the medians and the load averages go to standard output.

    DATABASE_URL=postgres://…/weitblick_bench uv run --frozen python bench/network_loading.py [--runs 7]

The database must already hold the bench data (bench/run.py makes it); the user is bench/run.py's.
Read-only: nothing is written.
"""

import argparse
import datetime
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--username", default="bench")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "crm.settings")
    os.environ.setdefault("DJANGO_DEBUG", "0")
    os.environ.setdefault("SECRET_KEY", "bench-only-not-secret-" + "x" * 40)
    import django

    django.setup()
    from django.contrib.auth import get_user_model

    from contacts.network.encounter_data import register_encounter_source
    from contacts.network.snapshots import analyse_user_network, network_inputs
    from encounters.participations import encounter_data_from_rows, network_encounter_data

    user = get_user_model().objects.get(username=args.username)
    today = datetime.date.today()
    sources = {"before": encounter_data_from_rows, "after": network_encounter_data}
    steps: dict[str, Callable[[], object]] = {
        "network_inputs": lambda: network_inputs(user, today),
        "analyse_user_network": lambda: analyse_user_network(user),
    }
    times: dict[tuple[str, str], list[float]] = {(s, v): [] for s in steps for v in sources}
    loads = [os.getloadavg()[0]]
    for source in sources.values():  # warm-up: connection, caches, imports
        register_encounter_source(source)
        network_inputs(user, today)
    for _ in range(args.runs):
        for step, function in steps.items():
            for version, source in sources.items():
                register_encounter_source(source)
                started = time.perf_counter()
                function()
                times[step, version].append(time.perf_counter() - started)
        loads.append(os.getloadavg()[0])
    register_encounter_source(network_encounter_data)
    contacts = len(network_inputs(user, today)[0])
    print(f"{contacts} active contacts, {args.runs} runs each, alternating before/after")
    print(f"load average (1 min) during the run: {min(loads):.2f}-{max(loads):.2f}")
    for (step, version), values in times.items():
        runs = ", ".join(f"{v:.3f}" for v in values)
        print(f"{step:22} {version:6} median {statistics.median(values):.3f} s  ({runs})")


if __name__ == "__main__":
    main()
