"""How long a phone's first sync of the address book takes: the demo's and 5,000 contacts.

    uv run --frozen python bench/carddav_sync.py          # part of `make bench` (~3 minutes)

It (re)creates its own PostgreSQL database (BENCH_SYNC_DATABASE_URL, default
weitblick_bench_sync), loads the demo network for `demo` and 5,000 generated contacts for `bench`,
starts gunicorn in production mode and measures over HTTP, each a median of several runs:
- the protocol round a phone makes on its first sync: sync-collection with no token (every
  card's href and ETag), then one addressbook-multiget of every card; then a second
  sync-collection with the token it got, when nothing changed;
- vdirsyncer's whole first sync (discovery, listing, fetching, writing the folder), as a process.
The results go to bench/results/carddav.json and are printed.
"""

import json
import os
import re
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from base64 import b64encode
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run import (  # noqa: E402  (needs ROOT on the path)
    RESULTS,
    free_port,
    log,
    manage,
    recreate_database,
    request,
    start_server,
    stop_server,
    vacuum_analyze,
)

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/weitblick_bench_sync"
RUNS = 5
VDIRSYNCER_RUNS = 3


def app_password(env: dict, username: str) -> str:
    done = subprocess.run(
        [sys.executable, "manage.py", "create_app_password", "--user", username, "--name", "bench"],
        cwd=ROOT, env=env, check=True, capture_output=True, text=True,
    )  # fmt: skip
    return done.stdout.strip()


def protocol_round(port: int, username: str, password: str) -> dict:
    auth = {"Authorization": "Basic " + b64encode(f"{username}:{password}".encode()).decode()}
    book = f"/dav/addressbooks/{username}/contacts/"
    headers = {**auth, "Content-Type": "application/xml", "Depth": "1"}
    sync = (
        '<d:sync-collection xmlns:d="DAV:"><d:sync-token>{}</d:sync-token>'
        "<d:sync-level>1</d:sync-level><d:prop><d:getetag/></d:prop></d:sync-collection>"
    )
    started = time.perf_counter()
    status, _headers, body = request(port, "REPORT", book, sync.format(""), headers)
    assert status == 207, (status, body[:500])
    hrefs = re.findall(r"<d:href>([^<]+)</d:href>", body)
    token = re.search(r"<d:sync-token>([^<]+)</d:sync-token>", body).group(1)  # type: ignore[union-attr]
    listed = time.perf_counter()
    multiget = (
        '<card:addressbook-multiget xmlns:d="DAV:" xmlns:card="urn:ietf:params:xml:ns:carddav">'
        "<d:prop><d:getetag/><card:address-data/></d:prop>"
        + "".join(f"<d:href>{href}</d:href>" for href in hrefs)
        + "</card:addressbook-multiget>"
    )
    status, _headers, body = request(port, "REPORT", book, multiget, headers)
    assert status == 207 and body.count("BEGIN:VCARD") == len(hrefs), (status, body[:500])
    fetched = time.perf_counter()
    status, _headers, body = request(port, "REPORT", book, sync.format(token), headers)
    assert status == 207 and "<d:response>" not in body, (status, body[:500])
    again = time.perf_counter()
    return {
        "cards": len(hrefs),
        "sync_collection_s": listed - started,
        "multiget_s": fetched - listed,
        "first_round_s": fetched - started,
        "unchanged_sync_s": again - fetched,
    }


def vdirsyncer_first_sync(port: int, username: str, password: str) -> float:
    with tempfile.TemporaryDirectory() as folder:
        config = Path(folder) / "config"
        config.write_text(
            f'[general]\nstatus_path = "{folder}/status/"\n\n'
            '[pair book]\na = "weitblick"\nb = "folder"\ncollections = ["from a"]\n\n'
            f'[storage weitblick]\ntype = "carddav"\nurl = "http://127.0.0.1:{port}/.well-known/carddav"\n'
            f'username = "{username}"\npassword = "{password}"\n\n'
            f'[storage folder]\ntype = "filesystem"\npath = "{folder}/cards/"\nfileext = ".vcf"\n'
        )
        command = [sys.executable, "-m", "vdirsyncer", "-c", str(config), "-v", "warning"]
        started = time.perf_counter()
        subprocess.run([*command, "discover"], input="y\n" * 3, text=True, check=True)
        subprocess.run([*command, "sync"], check=True, capture_output=True)
        return time.perf_counter() - started


def median_of(runs: list[dict]) -> dict:
    return {key: statistics.median(r[key] for r in runs) for key in runs[0]} | {"runs": len(runs)}


def main() -> None:
    url = os.environ.get("BENCH_SYNC_DATABASE_URL", DEFAULT_DATABASE_URL)
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "crm.settings",
        "DJANGO_DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(40),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "REDIS_URL": "",
        "EMAIL_HOST": "",
        "LOG_LEVEL": "WARNING",
    }
    log("recreating the sync benchmark's database")
    recreate_database(url)
    manage(env, "migrate", "--noinput", "-v", "0")
    # The demo is a backup document; load_demo needs DEBUG, so it is restored as the demo does.
    subprocess.run(
        [sys.executable, "manage.py", "load_demo"], cwd=ROOT, check=True,
        env={**env, "DJANGO_DEBUG": "1"}, capture_output=True,
    )  # fmt: skip
    manage(
        env, "generate_network", "--user", "bench", "--password", "bench-password-not-secret",
        "--seed", "1", "--contacts", "5000", "--encounters", "0", "--ties", "0",
    )  # fmt: skip
    vacuum_analyze(url)
    manage(env, "collectstatic", "--noinput", "-v", "0")
    passwords = {user: app_password(env, user) for user in ("demo", "bench")}
    port = free_port()
    server = start_server(env, port, workers=2)
    results: dict = {}
    try:
        for user, label in (("demo", "demo"), ("bench", "5000")):
            log(f"protocol round, {label}")
            protocol_round(port, user, passwords[user])  # warm the workers
            results[label] = median_of(
                [protocol_round(port, user, passwords[user]) for _ in range(RUNS)]
            )
            log(f"vdirsyncer's first sync, {label}")
            results[label]["vdirsyncer_first_sync_s"] = statistics.median(
                vdirsyncer_first_sync(port, user, passwords[user]) for _ in range(VDIRSYNCER_RUNS)
            )
    finally:
        stop_server(server)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "carddav.json").write_text(json.dumps(results, indent=2) + "\n")
    for label, row in results.items():
        print(
            f"{label:>5}: {row['cards']:>5} cards · sync-collection {row['sync_collection_s']:.2f} s"
            f" + multiget {row['multiget_s']:.2f} s = {row['first_round_s']:.2f} s;"
            f" unchanged sync {row['unchanged_sync_s'] * 1000:.0f} ms;"
            f" vdirsyncer's first sync {row['vdirsyncer_first_sync_s']:.1f} s"
        )


if __name__ == "__main__":
    main()
