"""What a large import upload costs the web process: the request's time and the worker's peak memory.

    uv run --frozen python bench/import_upload.py                    # this checkout (~3 minutes)
    uv run --frozen python bench/import_upload.py --code /tmp/before # another checkout, same venv

It (re)creates its own PostgreSQL database (BENCH_UPLOAD_DATABASE_URL, default
weitblick_bench_upload), makes the bench user and, for each run, starts gunicorn in production mode
with one sync worker, signs in, and uploads a vCard of 100,000 small cards (8 MB) through the
import form over HTTP. Measured: the upload request's time, and the gunicorn worker's resident
memory before it and its peak (VmHWM) when the response has arrived and, without a broker, once the
thread of the web process has read the file. Two ways: with a broker (BENCH_UPLOAD_REDIS_URL,
default database 15 of the local Redis; no worker runs, so the web process's own part is measured
alone, and its Celery queue is emptied afterwards: do not point it at a database in use) and without one (the thread fallback). Medians of --runs runs,
each with a fresh server. With --warm the measured upload is the process's second: a fresh
process's first publish to the broker imports every task module (about 2 s and 20 MB, once).
The results go to bench/results/import_upload.json (import_upload_warm.json) and are printed.
"""

import argparse
import json
import os
import re
import secrets
import statistics
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run import (  # noqa: E402  (needs ROOT on the path)
    BENCH_PASSWORD,
    BENCH_USER,
    RESULTS,
    answering,
    free_port,
    log,
    log_in,
    recreate_database,
    request,
    stop_server,
)

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/weitblick_bench_upload"
BOUNDARY = "----weitblick-bench-upload"


def small_cards(count: int) -> bytes:
    """`count` cards of a name and an email: 100,000 of them are 8 MB, as in the report."""
    return b"".join(
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person {i:06d}\r\nEMAIL:p{i:06d}@example.org\r\n"
        "END:VCARD\r\n".encode()
        for i in range(count)
    )


def multipart(data: bytes, csrf: str) -> bytes:
    parts = [
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="csrfmiddlewaretoken"\r\n\r\n'
        f"{csrf}\r\n".encode(),
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="format"\r\n\r\nauto\r\n'.encode(),
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="big.vcf"\r\n'
        "Content-Type: text/vcard\r\n\r\n".encode(),
        data,
        f"\r\n--{BOUNDARY}--\r\n".encode(),
    ]
    return b"".join(parts)


def memory_mb(pid: int) -> dict[str, float]:
    """The process's resident memory now and at its peak, in MB (from /proc)."""
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            fields[name] = int(value.split()[0]) / 1024
    return {"rss": round(fields["VmRSS"], 1), "peak": round(fields["VmHWM"], 1)}


def worker_pid(master: int) -> int:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
        if children:
            return int(children[0])
        time.sleep(0.1)
    raise SystemExit("gunicorn started no worker")


def start_gunicorn(code: Path, env: dict, port: int) -> subprocess.Popen:
    server = subprocess.Popen(
        [
            sys.executable, "-m", "gunicorn", "crm.wsgi:application",
            "--bind", f"127.0.0.1:{port}", "--workers", "1", "--timeout", "600",
            "--error-logfile", str(RESULTS / "gunicorn-upload.log"), "--log-level", "warning",
        ],
        cwd=code, env=env, start_new_session=True,
    )  # fmt: skip
    return answering(server, port, 60, "gunicorn-upload.log")


def upload_once(code: Path, env: dict, data: bytes, *, broker: bool, warm: bool) -> dict:
    port = free_port()
    server = start_gunicorn(code, env, port)
    try:
        pid = worker_pid(server.pid)
        cookie, csrf = log_in(port)
        request(port, "GET", "/exchange/", headers={"Cookie": cookie})  # warm: templates, queries

        def post(data: bytes):
            body = multipart(data, csrf)
            headers = {
                "Cookie": cookie,
                "Content-Type": f"multipart/form-data; boundary={BOUNDARY}",
                "Content-Length": str(len(body)),
            }
            return request(port, "POST", "/exchange/import/", body, headers)

        if warm:
            # A first upload of 1,000 cards: a fresh process's first publish imports every task
            # module (the network analysis too), once per process, whatever the file.
            post(small_cards(1_000))
            time.sleep(3)
        before = memory_mb(pid)
        started = time.perf_counter()
        status, response_headers, _page = post(data)
        seconds = time.perf_counter() - started
        after = memory_mb(pid)
        location = dict(response_headers).get("Location", "")
        result = {
            "status": status,
            "request_s": round(seconds, 2),
            "rss_before_mb": before["rss"],
            "peak_at_response_mb": after["peak"],
        }
        if not broker and not warm and re.fullmatch(r"/exchange/import/\d+/", location):
            # The thread of the web process reads the file after the response: its cost, too.
            started = time.perf_counter()
            while time.perf_counter() - started < 600:
                page = request(port, "GET", location, headers={"Cookie": cookie})[2]
                if "Reading the file" not in page:
                    break
                time.sleep(0.5)
            result["read_after_response_s"] = round(time.perf_counter() - started, 1)
            result["peak_after_reading_mb"] = memory_mb(pid)["peak"]
        return result
    finally:
        stop_server(server)


def purge(redis_url: str) -> None:
    import redis

    redis.Redis.from_url(redis_url).delete("celery")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--code", type=Path, default=ROOT, help="the checkout whose server is run")
    parser.add_argument("--cards", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--warm", action="store_true", help="measure a second upload of the process, not its first"
    )
    parser.add_argument("--modes", choices=["both", "broker", "no-broker"], default="both")
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_UPLOAD_DATABASE_URL", DEFAULT_DATABASE_URL),
    )
    parser.add_argument(
        "--redis-url",
        default=os.environ.get("BENCH_UPLOAD_REDIS_URL", "redis://127.0.0.1:6379/15"),
    )
    options = parser.parse_args()
    RESULTS.mkdir(parents=True, exist_ok=True)
    uploads = RESULTS / "upload-files"
    env = {
        **os.environ,
        "DATABASE_URL": options.database_url,
        "DJANGO_SETTINGS_MODULE": "crm.settings",
        "DJANGO_DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(40),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "EMAIL_HOST": "",
        "LOG_LEVEL": "WARNING",
        "IMPORT_UPLOAD_DIR": str(uploads),
        "PYTHONPATH": str(options.code),
    }
    log(f"recreating {urllib.parse.urlsplit(options.database_url).path.lstrip('/')}")
    recreate_database(options.database_url)
    manage = [sys.executable, "manage.py"]
    subprocess.run(
        [*manage, "migrate", "--noinput", "-v", "0"], cwd=options.code, env=env, check=True
    )
    subprocess.run(
        [*manage, "collectstatic", "--noinput", "-v", "0"], cwd=options.code, env=env, check=True
    )
    make_user = (
        "from django.contrib.auth import get_user_model; "
        f"get_user_model().objects.create_user({BENCH_USER!r}, password={BENCH_PASSWORD!r})"
    )
    subprocess.run([*manage, "shell", "-c", make_user], cwd=options.code, env=env, check=True)
    data = small_cards(options.cards)
    log(f"{options.cards:,} cards, {len(data) / 1e6:.1f} MB; code from {options.code}")
    report: dict = {
        "code": str(options.code),
        "cards": options.cards,
        "megabytes": round(len(data) / 1e6, 1),
        "load_at_start": [round(x, 2) for x in os.getloadavg()],
        "cpus": os.cpu_count(),
    }
    modes = [("without broker", ""), ("with broker", options.redis_url)]
    if options.modes != "both":
        modes = [modes[options.modes == "broker"]]
    report["warm"] = options.warm
    for mode, redis_url in modes:
        runs = []
        for number in range(options.runs):
            run = upload_once(
                options.code,
                {**env, "REDIS_URL": redis_url},
                data,
                broker=bool(redis_url),
                warm=options.warm,
            )
            log(f"{mode}, run {number + 1}: {run}")
            runs.append(run)
        if redis_url:
            purge(redis_url)
        report[mode] = {
            "runs": runs,
            "median": {
                key: statistics.median(run[key] for run in runs)
                for key in runs[0]
                if key != "status"
            },
        }
    report["load_at_end"] = [round(x, 2) for x in os.getloadavg()]
    name = "import_upload_warm.json" if options.warm else "import_upload.json"
    (RESULTS / name).write_text(json.dumps(report, indent=2) + "\n")
    print(
        json.dumps(
            {k: v["median"] if isinstance(v, dict) else v for k, v in report.items()}, indent=2
        )
    )


if __name__ == "__main__":
    main()
