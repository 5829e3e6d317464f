"""The benchmarks behind `make bench`: the pages under load, and the heavy computations in-process.

    uv run --frozen python bench/run.py            # what `make bench` runs (~15 minutes)
    uv run --frozen python bench/run.py --quick    # a small smoke run of the whole pipeline

It (re)creates a PostgreSQL database (BENCH_DATABASE_URL, default weitblick_bench on 127.0.0.1),
migrates it, generates the data (`generate_network`), collects the static files and starts gunicorn
in production mode (DEBUG off, whitenoise, WEITBLICK_BENCH=1 for the bare view). wrk then loads each
page at several concurrencies next to the bare view, the ceiling; the Django test client counts
each page's queries; the quiet contacts, the digest and the network analysis are timed in-process.
The report goes to bench/results/latest.md and latest.json, and after a full run to
docs/benchmarks.md, the copy kept in git (above its history of before-and-after figures, which stays).
"""

import argparse
import datetime
import http.client
import json
import os
import random
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import tracemalloc
import urllib.parse
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import report  # noqa: E402  (needs ROOT on the path)

RESULTS = ROOT / "bench" / "results"
WRK_SCRIPTS = ROOT / "bench" / "wrk"
PUBLISHED = ROOT / "docs" / "benchmarks.md"
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/weitblick_bench"
BENCH_USER, BENCH_PASSWORD = "bench", "bench-password-not-secret"

FULL = {
    "contacts": 5_000, "encounters": 50_000, "ties": 50_000,
    "digest_users": 2_000, "digest_contacts": 100, "digest_encounters": 300, "digest_ties": 100,
    "duration": 8, "repeats": 3, "concurrency": [1, 8, 32],
    "quiet_runs": 5, "network_runs": 3, "dispatch_runs": 3, "search_runs": 3,
}  # fmt: skip
QUICK = {
    "contacts": 500, "encounters": 5_000, "ties": 5_000,
    "digest_users": 50, "digest_contacts": 100, "digest_encounters": 300, "digest_ties": 100,
    "duration": 2, "repeats": 1, "concurrency": [1, 8],
    "quiet_runs": 3, "network_runs": 1, "dispatch_runs": 1, "search_runs": 1,
}  # fmt: skip


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


# --- The database, the data and the server ---------------------------------------------------------


def recreate_database(url: str) -> None:
    import psycopg

    parts = urllib.parse.urlsplit(url)
    name = parts.path.lstrip("/")
    if (
        not name
        or name in {"postgres", "template0", "template1"}
        or name == "test"
        or name.startswith("test_")
    ):
        raise SystemExit(f"refusing to recreate the database {name!r}: choose a name of your own")
    admin = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def vacuum_analyze(url: str) -> None:
    """Fresh statistics, as autovacuum would have them on a database that has been in use."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute("VACUUM ANALYZE")


def manage(env: dict, *args: str) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)
    return time.perf_counter() - started


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(env: dict, port: int, workers: int) -> subprocess.Popen:
    RESULTS.mkdir(parents=True, exist_ok=True)
    server = subprocess.Popen(
        [
            sys.executable, "-m", "gunicorn", "crm.wsgi:application",
            "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
            # Sync workers as in docker-compose.yml; no access log, so that disk writes don't count.
            "--error-logfile", str(RESULTS / "gunicorn.log"), "--log-level", "warning",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )  # fmt: skip
    # Five workers importing Django on a shared, loaded machine have taken over a minute.
    return answering(server, port, 240, "gunicorn.log")


def answering(server: subprocess.Popen, port: int, seconds: int, log_name: str) -> subprocess.Popen:
    """The started server once it answers the login page; stopped, and the bench ended, if it does
    not within `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if request(port, "GET", "/accounts/login/")[0] == 200:
                return server
        except OSError:
            time.sleep(0.3)
    stop_server(server)
    raise SystemExit(f"gunicorn did not answer within {seconds} s; see bench/results/{log_name}")


def stop_server(server: subprocess.Popen) -> None:
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)


def request(
    port: int, method: str, path: str, body: str | bytes | None = None, headers: dict | None = None
):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.getheaders(), response.read().decode("utf-8", "replace")
    finally:
        connection.close()


def cookies_from(headers) -> dict[str, str]:
    found = {}
    for name, value in headers:
        if name.lower() == "set-cookie":
            key, _sep, rest = value.partition("=")
            found[key.strip()] = rest.split(";", 1)[0]
    return found


def log_in(port: int) -> tuple[str, str]:
    """Sign in through the login form, as a browser would; returns the Cookie header and the CSRF token."""
    status, headers, page = request(port, "GET", "/accounts/login/")
    csrf = cookies_from(headers)["csrftoken"]
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    if match is None:
        raise RuntimeError(f"the login page ({status}) has no CSRF token")
    token = match.group(1)
    body = urllib.parse.urlencode(
        {"username": BENCH_USER, "password": BENCH_PASSWORD, "csrfmiddlewaretoken": token}
    )
    status, headers, _page = request(
        port, "POST", "/accounts/login/", body,
        {"Cookie": f"csrftoken={csrf}", "Content-Type": "application/x-www-form-urlencoded"},
    )  # fmt: skip
    cookies = cookies_from(headers)
    if status != 302 or "sessionid" not in cookies:
        raise SystemExit(f"login failed: HTTP {status}")
    csrf = cookies.get("csrftoken", csrf)
    return f"sessionid={cookies['sessionid']}; csrftoken={csrf}", csrf


# --- The pages under load --------------------------------------------------------------------------


def endpoints(user, today: datetime.date) -> list[dict]:
    """What wrk requests: each page as a user would, spread over realistic contacts and queries."""
    from contacts.models import Contact

    rng = random.Random(7)
    active = list(
        Contact.objects.for_user(user)
        .active()
        .order_by("pk")
        .values_list("pk", "name", "organisation")
    )
    rng.shuffle(active)
    # Different contacts for the page and the quick log, so that logging doesn't grow the pages read.
    pages = [pk for pk, _name, _org in active[:200]]
    logged = [str(pk) for pk, _name, _org in active[200:400]]
    words = [name.split()[-1][:4] for _pk, name, _org in active[400:440]]
    words += [name.split()[0][:3] for _pk, name, _org in active[440:470]]
    words += [org.split()[0][:5] for _pk, _name, org in active[470:500] if org]
    queries = [
        f"/encounters/picker/?who={urllib.parse.quote(word.lower())}" for word in words if word
    ]
    searches = [f"/search/?q={urllib.parse.quote(query)}" for query in search_queries(user)]
    return [
        {"name": "bare view (ceiling)", "key": "bare", "script": "get.lua", "args": ["page", "/bench/bare/"]},
        {"name": "dashboard", "key": "dashboard", "script": "get.lua", "args": ["page", "/"]},
        {"name": "contact list", "key": "contact_list", "script": "get.lua", "args": ["page", "/contacts/"]},
        {"name": "contact page", "key": "contact_page", "script": "get.lua", "args": ["page", *[f"/contacts/{pk}/" for pk in pages]]},
        {"name": "encounter list", "key": "encounter_list", "script": "get.lua", "args": ["page", "/encounters/"]},
        {"name": "gone quiet", "key": "quiet_page", "script": "get.lua", "args": ["page", "/quiet/"]},
        {"name": "circles", "key": "circles", "script": "get.lua", "args": ["page", "/circles/"]},
        {"name": "search as you type", "key": "picker", "script": "get.lua", "args": ["htmx", *queries]},
        {"name": "search (header)", "key": "search", "script": "get.lua", "args": ["htmx", *searches]},
        {"name": "quick log (POST)", "key": "quick_log", "script": "log.lua", "args": [today.isoformat(), *logged]},
    ]  # fmt: skip


def search_queries(user) -> list[str]:
    """What people type into the header's search: names (whole, in part, misspelt), places,
    organisations and words from their notes, as typed (a word and its first letters)."""
    from contacts.models import Contact
    from encounters.models import Encounter

    rng = random.Random(11)
    contacts = list(
        Contact.objects.for_user(user).order_by("pk").values_list("name", "city", "organisation")
    )
    notes = list(
        Encounter.objects.for_user(user)
        .exclude(notes="")
        .order_by("pk")
        .values_list("notes", flat=True)[:2000]
    )
    rng.shuffle(contacts)
    rng.shuffle(notes)
    found: list[str] = []
    for name, city, organisation in contacts[:20]:
        family = name.split()[-1]
        found += [
            name,
            family[:4],
            family[:-1] + "e" + family[-1:],
            city,
            organisation.split()[0] if organisation else "",
        ]
    for text in notes[:40]:
        word = max(text.split(), key=len).strip(".,;:!?")
        found += [word, word[:5]]
    return [query for query in found if query]


def bench_search(user, runs: int) -> dict:
    """search() in-process over many queries: the median and p95 of one search each."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from encounters.search.engine import search

    queries = search_queries(user)
    search(user, queries[0])  # warm-up
    with CaptureQueriesContext(connection) as captured:
        search(user, "a")
    times = []
    for _ in range(runs):
        for query in queries:
            started = time.perf_counter()
            search(user, query)
            times.append(time.perf_counter() - started)
    times.sort()
    return {
        "median_s": statistics.median(times),
        "p95_s": times[int(len(times) * 0.95)],
        "runs": times,
        "queries_run": len(queries),
        "db_queries": len(captured),
    }


def wrk(
    port: int, endpoint: dict, cookie: str, csrf: str, *, connections: int, seconds: int
) -> dict:
    args = (
        [cookie, csrf, *endpoint["args"]]
        if endpoint["script"] == "log.lua"
        else [cookie, *endpoint["args"]]
    )
    command = [
        "wrk", "--latency", "--timeout", "30s", "-t", str(min(2, connections)), "-c", str(connections),
        "-d", f"{seconds}s", "-s", endpoint["script"], f"http://127.0.0.1:{port}", "--", *args,
    ]  # fmt: skip
    output = subprocess.run(
        command, cwd=WRK_SCRIPTS, capture_output=True, text=True, check=True
    ).stdout
    line = next(line for line in output.splitlines() if line.startswith("WRK_JSON "))
    data = json.loads(line.removeprefix("WRK_JSON "))
    seconds_run = data["duration_us"] / 1e6
    errors = sum(data["errors"].values()) + data["unexpected_status"]
    return {
        "rps": data["requests"] / seconds_run,
        "requests": data["requests"],
        "failed": errors,
        **{key: value / 1000 for key, value in data["latency_us"].items()},
    }


def check_endpoint(port: int, endpoint: dict, cookie: str, csrf: str) -> None:
    """One request of each kind before the load: a wrong cookie would otherwise measure the login redirect."""
    if endpoint["script"] == "log.lua":
        date, contact = endpoint["args"][0], endpoint["args"][1]
        body = f"csrfmiddlewaretoken={csrf}&occurred_on={date}&planned=1&next=%2F&kind=coffee&participants={contact}"
        headers = {
            "Cookie": cookie,
            "Content-Type": "application/x-www-form-urlencoded",
            "HX-Request": "true",
        }
        status, _headers, text = request(port, "POST", "/encounters/log/", body, headers)
    else:
        headers = {
            "Cookie": cookie,
            **({"HX-Request": "true"} if endpoint["args"][0] == "htmx" else {}),
        }
        status, _headers, text = request(port, "GET", endpoint["args"][1], headers=headers)
    if status != 200 or (endpoint["key"] == "bare" and text != "ok"):
        raise SystemExit(
            f"{endpoint['name']}: HTTP {status} before the load; see bench/results/gunicorn.log"
        )


def drain(port: int, cookie: str, workers: int) -> None:
    """Wait until every worker is free: sync workers finish the requests of connections wrk has
    already closed, which would otherwise slow down the next page's run."""
    from concurrent.futures import ThreadPoolExecutor

    def probe(_number: int) -> float:
        started = time.perf_counter()
        request(port, "GET", "/bench/bare/", headers={"Cookie": cookie})
        return time.perf_counter() - started

    deadline = time.monotonic() + 120
    with ThreadPoolExecutor(workers) as pool:
        while time.monotonic() < deadline and max(pool.map(probe, range(workers))) > 0.25:
            pass


def load_pages(port: int, points: list[dict], cookie: str, csrf: str, settings: dict) -> dict:
    for endpoint in points:
        check_endpoint(port, endpoint, cookie, csrf)
        wrk(port, endpoint, cookie, csrf, connections=4, seconds=2)  # warm every worker
        drain(port, cookie, settings["workers"])
    runs: dict[str, dict[int, list[dict]]] = {
        e["key"]: {c: [] for c in settings["concurrency"]} for e in points
    }
    for connections in settings["concurrency"]:
        for repeat in range(settings["repeats"]):
            # The bare view first in every round, the POST last (it adds encounters); the pages rotate.
            middle = points[1:-1]
            if middle:
                middle = middle[repeat % len(middle) :] + middle[: repeat % len(middle)]
            for endpoint in [points[0], *middle, points[-1]]:
                drain(port, cookie, settings["workers"])
                result = wrk(
                    port,
                    endpoint,
                    cookie,
                    csrf,
                    connections=connections,
                    seconds=settings["duration"],
                )
                runs[endpoint["key"]][connections].append(result)
                log(
                    f"c={connections:<3} {endpoint['name']:<22} {result['rps']:7.1f} req/s  p95 {result['p95']:7.1f} ms"
                )
    return runs


def summarise_load(points: list[dict], runs: dict) -> list[dict]:
    rows = []
    for endpoint in points:
        for connections, results in runs[endpoint["key"]].items():
            # Each round's page against the same round's bare view (a minute apart at most), so
            # that the shared machine's changing load cancels out as far as it can.
            bare = runs["bare"][connections]
            ratios = [r["rps"] / b["rps"] for r, b in zip(results, bare, strict=True) if b["rps"]]
            rows.append(
                {
                    "key": endpoint["key"],
                    "name": endpoint["name"],
                    "concurrency": connections,
                    "rps": statistics.median(r["rps"] for r in results),
                    "ratio": statistics.median(ratios) if ratios else 0.0,
                    "ratios": ratios,
                    **{
                        p: statistics.median(r[p] for r in results)
                        for p in ("p50", "p90", "p95", "p99")
                    },
                    "max": max(r["max"] for r in results),
                    "requests": sum(r["requests"] for r in results),
                    "failed": sum(r["failed"] for r in results),
                    "runs": results,
                }
            )
    return rows


# --- In-process: queries per request, and the computations -----------------------------------------


def page_queries(user, points: list[dict], post: dict) -> dict:
    """Per page: the queries of one request (after one to warm up), the slowest of them, and the
    median time of nine requests in-process (no network, no load: the page's own cost)."""
    from django.db import connection
    from django.test import Client

    # Counted with an execute wrapper: the query log is reset at every request_started.
    queries: list[tuple[str, float]] = []

    def record(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            queries.append((sql, time.perf_counter() - started))

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    found = {}
    for endpoint in points:
        htmx = endpoint["key"] == "quick_log" or endpoint["args"][0] == "htmx"
        headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
        if endpoint["key"] == "quick_log":

            def call(contact=endpoint["args"][1], headers=headers):
                return client.post("/encounters/log/", {**post, "participants": contact}, **headers)
        else:

            def call(path=endpoint["args"][1], headers=headers):
                return client.get(path, **headers)

        call()
        queries.clear()
        with connection.execute_wrapper(record):
            response = call()
        assert response.status_code == 200, (endpoint["name"], response.status_code)
        captured = list(queries)
        times = []
        for _ in range(9):
            started = time.perf_counter()
            call()
            times.append((time.perf_counter() - started) * 1000)
        slowest = sorted(captured, key=lambda q: -q[1])[:3]
        found[endpoint["key"]] = {
            "name": endpoint["name"],
            "queries": len(captured),
            "sql_ms": sum(seconds for _sql, seconds in captured) * 1000,
            "in_process_ms": statistics.median(times),
            "slowest_queries": [
                {"ms": seconds * 1000, "sql": sql[:600]} for sql, seconds in slowest
            ],
        }
        log(
            f"{endpoint['name']:<22} {len(captured)} queries "
            f"({found[endpoint['key']]['sql_ms']:.1f} ms), {statistics.median(times):.1f} ms in-process"
        )
    return found


def page_misses(user, points: list[dict]) -> dict[str, float]:
    """Per page read: the median time in-process when the page cache (crm/page_cache.py) misses,
    as after a write: the account's versions (the contact pages' too) move on before each request.
    The figures of page_queries() are mostly pages served from the cache."""
    from django.test import Client

    from crm.page_cache import bump_data_versions

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    client.get("/bench/bare/")
    found = {}
    for endpoint in points:
        if endpoint["key"] in ("bare", "quick_log"):
            continue
        headers: dict[str, Any] = (
            {"HTTP_HX_REQUEST": "true"} if endpoint["args"][0] == "htmx" else {}
        )
        path = endpoint["args"][1]
        client.get(path, **headers)
        times = []
        for _ in range(9):
            bump_data_versions([user.pk])  # every version, the contact pages' too
            started = time.perf_counter()
            client.get(path, **headers)
            times.append((time.perf_counter() - started) * 1000)
        found[endpoint["key"]] = statistics.median(times)
        log(f"{endpoint['name']:<22} {found[endpoint['key']]:.1f} ms in-process, cache missed")
    return found


def ensure_snapshot(user) -> None:
    """The circles page shows the latest analysis: compute one when the data has none yet."""
    from contacts.models import NetworkSnapshot
    from contacts.network.snapshots import compute_snapshot, latest_snapshot

    if latest_snapshot(user) is None:
        log("computing a network snapshot for the circles page")
        compute_snapshot(NetworkSnapshot.objects.create(owner=user))


def timed(function, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return times


def bench_quiet(user, runs: int) -> dict:
    """Gone quiet as the page computes it (the ranking, and the topics of the rows it shows), and
    the whole list with every topic as the command's JSON prints it."""
    from encounters.quiet import quiet_contacts
    from encounters.quiet_views import QUIET_PAGE_LIMIT

    found = len(quiet_contacts(user))  # warm-up
    times = timed(lambda: quiet_contacts(user, limit=QUIET_PAGE_LIMIT), runs)
    every = timed(lambda: quiet_contacts(user), runs)
    return {
        "median_s": statistics.median(times),
        "runs": times,
        "quiet_found": found,
        "shown": QUIET_PAGE_LIMIT,
        "all_with_topics_median_s": statistics.median(every),
    }


def bench_network(user, runs: int) -> dict:
    from contacts.network.analysis import analyse_network
    from contacts.network.snapshots import analyse_user_network, network_inputs

    times = timed(lambda: analyse_user_network(user), runs)
    peaks = []
    for _ in range(runs):
        tracemalloc.start()
        data, _graph = analyse_user_network(user)
        peaks.append(tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
    # Where the time goes, once each: loading from the database, and the analysis on plain data.
    [load] = timed(lambda: network_inputs(user, datetime.date.today()), 1)
    contacts, ties, shared, introductions, dimensions = network_inputs(user, datetime.date.today())
    [analysis] = timed(
        lambda: analyse_network(contacts, ties, shared, introductions, dimensions=dimensions), 1
    )
    return {
        "median_s": statistics.median(times),
        "runs": times,
        "load_s": load,
        "analyse_s": analysis,
        "peak_mib": statistics.median(peaks) / 2**20,
        "peaks_mib": [p / 2**20 for p in peaks],
        "contacts": len(contacts),
        "ties": len(ties),
        "shared_encounters": len(shared),
        "clusters": len(data["clusters"]),
        "bubbles": sum(1 for c in data["clusters"] if c["homogeneous"]),
    }


def send_in_batches(ids: list[int]) -> tuple[list[str], int]:
    """One worker's work: the batches the dispatcher publishes, one after the other, as the Celery
    task runs them; each delivery's outcome, and the queries of the first batch."""
    from django.conf import settings
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from encounters.tasks import batched, send_digest_batch

    outcomes: list[str] = []
    queries = 0
    for batch in batched(ids, settings.DIGEST_BATCH_SIZE):
        with CaptureQueriesContext(connection) as captured:
            counts = send_digest_batch.apply(args=[batch]).get()
        queries = queries or len(captured)
        outcomes += [outcome for outcome, count in counts.items() for _ in range(count)]
    return outcomes, queries


def bench_digest(dispatch_runs: int, prefix: str, limit: int | None = None) -> dict:
    from django.conf import settings
    from django.core import mail
    from django.test.utils import override_settings

    from crm.models import User
    from encounters.delivery import enqueue_due_digests
    from encounters.digest import build_digest, render_digest
    from encounters.models import DigestDelivery

    # A Sunday noon (UTC): every generated user (digest days Monday to Saturday) is due.
    today = datetime.datetime.now(datetime.UTC)
    now = (today - datetime.timedelta(days=(today.weekday() + 1) % 7)).replace(
        hour=12, minute=0, second=0, microsecond=0
    )
    dispatch_times, due = [], 0
    for _ in range(dispatch_runs):
        DigestDelivery.objects.all().delete()
        started = time.perf_counter()
        due = len(enqueue_due_digests(now))
        dispatch_times.append(time.perf_counter() - started)
    ids = list(
        DigestDelivery.objects.filter(owner__username__startswith=f"{prefix}-")
        .order_by("pk")
        .values_list("pk", flat=True)
    )[:limit]
    users = list(User.objects.filter(username__startswith=f"{prefix}-").order_by("pk")[:200])
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        mail.outbox = []
        started = time.perf_counter()
        # One worker's work, one delivery after the other, as the Celery task runs it.
        outcomes, queries_per_batch = send_in_batches(ids)
        send_seconds = time.perf_counter() - started
        queries_per_digest = queries_per_batch / min(len(ids), settings.DIGEST_BATCH_SIZE)
        sent = len(mail.outbox)
        build, render = [], []
        for user in users:
            as_of = datetime.date.today()
            started = time.perf_counter()
            digest = build_digest(user, as_of)
            build.append(time.perf_counter() - started)
            started = time.perf_counter()
            render_digest(user, digest)
            render.append(time.perf_counter() - started)
    return {
        "users": len(ids),
        "dispatch_median_s": statistics.median(dispatch_times),
        "dispatch_runs": dispatch_times,
        "dispatched": due,
        "send_total_s": send_seconds,
        "sent": sent,
        "not_sent": sum(1 for outcome in outcomes if outcome != "sent"),
        "queries_per_digest": queries_per_digest,
        "batch_size": settings.DIGEST_BATCH_SIZE,
        "build_median_ms": statistics.median(build) * 1000,
        "render_median_ms": statistics.median(render) * 1000,
        "sampled_users": len(users),
    }


# --- The machine ------------------------------------------------------------------------------------


def machine(database_url: str) -> dict:
    import django
    import psycopg

    cpu = ""
    for line in (
        Path("/proc/cpuinfo").read_text().splitlines() if Path("/proc/cpuinfo").exists() else []
    ):
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    memory = 0
    if Path("/proc/meminfo").exists():
        memory = int(Path("/proc/meminfo").read_text().split("MemTotal:", 1)[1].split()[0]) * 1024
    with psycopg.connect(database_url) as connection:
        row = connection.execute("SHOW server_version").fetchone()
    if row is None:
        raise RuntimeError("SHOW server_version returned no row")
    postgres = row[0]
    wrk_version = subprocess.run(["wrk", "--version"], capture_output=True, text=True).stdout.split(
        " ["
    )[0]
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    dirty = bool(
        subprocess.run(
            ["git", "status", "--porcelain"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
    )
    return {
        "cores": os.cpu_count(),
        "usable_cores": len(os.sched_getaffinity(0))
        if hasattr(os, "sched_getaffinity")
        else os.cpu_count(),
        "cpu": cpu,
        "memory_gib": memory / 2**30,
        "kernel": " ".join(os.uname()[2:3]),
        "python": sys.version.split()[0],
        "django": django.get_version(),
        "postgres": postgres,
        "wrk": wrk_version,
        "commit": commit + (" with uncommitted changes" if dirty else ""),
    }


# --- Putting it together ----------------------------------------------------------------------------


# docs/benchmarks.md: the latest full report above this line, the before-and-after of each change
# (written by hand) below it, kept when a new report replaces the one above.
HISTORY_MARKER = "<!-- Below: the before-and-after of each change, kept by bench/run.py. -->"


def published(report_text: str) -> str:
    """The new report, followed by the history kept in docs/benchmarks.md."""
    old = PUBLISHED.read_text() if PUBLISHED.exists() else ""
    _above, marker, history = old.partition(HISTORY_MARKER)
    return report_text.rstrip("\n") + "\n\n" + HISTORY_MARKER + (history if marker else "\n")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--quick", action="store_true", help="small data and short runs: checks the pipeline"
    )
    parser.add_argument(
        "--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL)
    )
    parser.add_argument(
        "--reuse-data", action="store_true", help="keep the database from the last run"
    )
    parser.add_argument("--workers", type=int, help="gunicorn workers (default: 2 x cores + 1)")
    parser.add_argument("--duration", type=int, help="seconds per wrk run")
    parser.add_argument("--repeats", type=int, help="wrk runs per page and concurrency")
    parser.add_argument("--concurrency", help="comma-separated, e.g. 1,8,32")
    parser.add_argument("--skip-load", action="store_true", help="only the in-process measurements")
    parser.add_argument(
        "--skip",
        default="",
        help="comma-separated parts to leave out while working on others: quiet,search,network,digest",
    )
    parser.add_argument(
        "--pages",
        default="",
        help="comma-separated page keys to load (e.g. contact_page); the bare view and the quick "
        "log (whose POST ends each round, as in the full run) are always loaded",
    )
    parser.add_argument(
        "--digest-users", type=int, help="send only this many of the due digests (a quicker look)"
    )
    parser.add_argument("--no-publish", action="store_true", help="don't update docs/benchmarks.md")
    parser.add_argument(
        "--redis-url",
        default="",
        help="Redis for the cache and the broker, as in production (default: none, so each "
        "gunicorn worker keeps its own cache, and the cached pages are cold in each one)",
    )
    options = parser.parse_args()
    if shutil.which("wrk") is None and not options.skip_load:
        raise SystemExit(
            "wrk is not installed: apt-get install wrk (make bench does it when run as root)"
        )

    settings: dict[str, Any] = dict(QUICK if options.quick else FULL)
    for key in ("duration", "repeats"):
        if getattr(options, key):
            settings[key] = getattr(options, key)
    if options.concurrency:
        settings["concurrency"] = [int(c) for c in options.concurrency.split(",")]
    cores = (
        len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    )
    settings["workers"] = options.workers or 2 * cores + 1
    started = time.perf_counter()
    load_at_start = os.getloadavg()

    env = {
        **os.environ,
        "DATABASE_URL": options.database_url,
        "DJANGO_SETTINGS_MODULE": "crm.settings",
        "DJANGO_DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(40),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "WEITBLICK_BENCH": "1",
        "REDIS_URL": options.redis_url,
        "EMAIL_HOST": "",
        "LOG_LEVEL": "WARNING",
    }
    os.environ.update(env)
    generation = {}
    if not options.reuse_data:
        log(f"recreating {urllib.parse.urlsplit(options.database_url).path.lstrip('/')}")
        recreate_database(options.database_url)
        manage(env, "migrate", "--noinput", "-v", "0")
        log("generating the data")
        generation["one_user_s"] = manage(
            env, "generate_network", "--user", BENCH_USER, "--password", BENCH_PASSWORD, "--seed", "1",
            "--contacts", str(settings["contacts"]), "--encounters", str(settings["encounters"]),
            "--ties", str(settings["ties"]),
        )  # fmt: skip
        generation["many_users_s"] = manage(
            env, "generate_network", "--users", str(settings["digest_users"]), "--seed", "2",
            "--contacts-per-user", str(settings["digest_contacts"]),
            "--encounters-per-user", str(settings["digest_encounters"]),
            "--ties-per-user", str(settings["digest_ties"]),
        )  # fmt: skip
        vacuum_analyze(options.database_url)
    else:
        # The kept data under the code of today: new migrations (a filled column, an index) apply.
        manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "collectstatic", "--noinput", "-v", "0")

    import django

    django.setup()
    from django.utils import timezone

    from crm.models import User

    user = User.objects.get(username=BENCH_USER)
    today = timezone.now().astimezone(user.zone).date()
    ensure_snapshot(user)
    skipped = {part.strip() for part in options.skip.split(",") if part.strip()}
    points = endpoints(user, today)
    if options.pages:
        wanted = {"bare", "quick_log", *(key.strip() for key in options.pages.split(","))}
        unknown = wanted - {point["key"] for point in points}
        if unknown:
            raise SystemExit(f"--pages: no such page {', '.join(sorted(unknown))}")
        points = [point for point in points if point["key"] in wanted]
    results: dict[str, Any] = {
        "settings": settings,
        "machine": {**machine(options.database_url), "load_average_at_start": load_at_start},
        "generation": generation,
        "data": {
            "contacts": settings["contacts"], "encounters": settings["encounters"], "ties": settings["ties"],
            **{key: settings[key] for key in ("digest_users", "digest_contacts", "digest_encounters", "digest_ties")},
        },
        "started_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "command": " ".join(["uv run --frozen python bench/run.py", *sys.argv[1:]]),
    }  # fmt: skip

    log("queries per request (Django test client, in-process)")
    post = {"occurred_on": today.isoformat(), "planned": "1", "next": "/", "kind": "coffee"}
    results["queries"] = page_queries(user, points, post)
    results["page_cache_misses_ms"] = page_misses(user, points)

    # The computations first, on the data as generated: the quick log under load adds encounters.
    if "quiet" not in skipped:
        log("quiet contacts")
        results["quiet"] = bench_quiet(user, settings["quiet_runs"])
        log(f"quiet contacts: {results['quiet']['median_s'] * 1000:.0f} ms")
    if "search" not in skipped:
        log("search")
        results["search"] = bench_search(user, settings["search_runs"])
        log(
            f"search: median {results['search']['median_s'] * 1000:.1f} ms, p95 {results['search']['p95_s'] * 1000:.1f} ms"
        )
    if "network" not in skipped:
        log("network analysis")
        results["network"] = bench_network(user, settings["network_runs"])
        log(
            f"network analysis: {results['network']['median_s']:.2f} s, peak {results['network']['peak_mib']:.0f} MiB"
        )
    if "digest" not in skipped:
        log("digest")
        results["digest"] = bench_digest(
            settings["dispatch_runs"], "bench-user", options.digest_users
        )
        log(
            f"digest: dispatch {results['digest']['dispatch_median_s']:.2f} s, send {results['digest']['send_total_s']:.1f} s"
        )
    if not options.skip_load:
        results["machine"]["load_average_before_load"] = os.getloadavg()
        port = free_port()
        log(f"gunicorn with {settings['workers']} workers on port {port}")
        server = start_server(env, port, settings["workers"])
        try:
            cookie, csrf = log_in(port)
            runs = load_pages(port, points, cookie, csrf, settings)
        finally:
            stop_server(server)
        results["pages"] = summarise_load(points, runs)

    results["total_minutes"] = (time.perf_counter() - started) / 60

    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "latest.json").write_text(json.dumps(results, indent=2, default=str) + "\n")
    markdown = report.markdown(results)
    (RESULTS / "latest.md").write_text(markdown)
    partial = options.quick or options.skip_load or skipped or options.digest_users or options.pages
    if not partial and not options.no_publish:
        PUBLISHED.write_text(published(markdown))
        log(f"wrote {PUBLISHED.relative_to(ROOT)}")
    log(f"wrote bench/results/latest.md and latest.json in {results['total_minutes']:.1f} minutes")
    print()
    print(markdown)


if __name__ == "__main__":
    main()
