"""Real parts a fault test can break: its own Redis server, its own Celery worker process (with
beat embedded, sweeping every second) and an SMTP server that can hold a mail mid-way.

Each runs as a process of its own, so a test can SIGKILL it or stop it and start it again.
Short leases and retry pauses come through the environment, as in production.
"""

import asyncio
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import Message
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
# Seconds, for the worker (environment) and this process (settings) alike.
FAST = {
    "WEITBLICK_SWEEP_SECONDS": 1,
    "DIGEST_LEASE_SECONDS": 3,
    "IMPORT_LEASE_SECONDS": 3,
    "DIGEST_RETRY_BASE_SECONDS": 1,
    "DIGEST_RETRY_MAX_SECONDS": 4,
    "EMAIL_TIMEOUT": 2,
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(condition: Callable[[], bool], seconds: float = 30, every: float = 0.1) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(every)
    return False


@dataclass
class RedisServer:
    port: int
    process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
        )
        assert wait_for(self._answers, 10), "redis-server did not start"

    def _answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def kill(self) -> None:
        """SIGKILL: what the broker held and had not handed out is gone (no persistence)."""
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait()


@dataclass
class Worker:
    """`celery worker -B` in a process group of its own, on the test database."""

    env: dict[str, str]
    log: Path
    process: subprocess.Popen | None = None
    offset: int = 0  # where this run of the process starts in the log
    since: int = 0  # where the current test starts in the log

    def spawn(self) -> None:
        self.offset = self.since = self._size()
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "crm",
                "worker",
                "-B",
                "--pool=solo",
                "--loglevel=INFO",
                "-s",
                str(self.log.with_suffix(".beat")),
                "--without-mingle",
                "--without-gossip",
                "--without-heartbeat",
                "-n",
                f"{self.log.stem}@%h",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=self.log.open("ab"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    @property
    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def ready(self) -> bool:
        return b"ready." in self.output()

    def output(self) -> bytes:
        return self.log.read_bytes()[self.offset :] if self.log.exists() else b""

    def _size(self) -> int:
        return self.log.stat().st_size if self.log.exists() else 0

    def begin_test(self) -> None:
        self.since = self._size()

    def received(self, needle: str) -> bool:
        """Whether the log shows `needle` (a task id or name) since the test began."""
        return needle.encode() in self.log.read_bytes()[self.since :]

    def kill(self) -> None:
        """SIGKILL the worker and its embedded beat: no goodbye, no message handed back."""
        if self.alive:
            assert self.process is not None
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def tail(self) -> str:
        return self.output().decode(errors="replace")[-3000:]


@dataclass
class Workers:
    """The module's worker processes; dead ones are started again (in parallel) on demand."""

    members: list[Worker]

    def ensure(self, count: int) -> list[Worker]:
        """Exactly `count` live workers: the missing ones started, the others killed."""
        wanted = self.members[:count]
        for worker in self.members[count:]:
            worker.kill()
        for worker in wanted:
            if not worker.alive:
                worker.spawn()
        assert wait_for(lambda: all(w.ready() for w in wanted), 90), self.tail()
        return wanted

    def holding(self, needle: str) -> Worker:
        """The live worker whose log shows it received `needle` (a task id or name)."""
        (worker,) = [w for w in self.members if w.alive and w.received(needle)]
        return worker

    def kill_all(self) -> None:
        for worker in self.members:
            worker.kill()

    def tail(self) -> str:
        return "\n---\n".join(w.tail() for w in self.members)


@dataclass
class Inbox:
    """A real SMTP server (aiosmtpd) that records each mail and can hold a session at RCPT."""

    port: int
    messages: list[Message] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    hold: threading.Event = field(default_factory=threading.Event)
    held: threading.Event = field(default_factory=threading.Event)
    holding: object = None
    held_for: str = ""
    controller: Controller | None = None

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        # With `hold` set, the first mail stops half-way, as when its worker dies mid-send.
        if self.hold.is_set() and self.holding is None:
            self.holding, self.held_for = session, address
            self.held.set()
        while self.holding is session and self.hold.is_set():
            await asyncio.sleep(0.05)
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.recipients.extend(envelope.rcpt_tos)
        self.messages.append(message_from_bytes(envelope.original_content or envelope.content))
        return "250 Message accepted for delivery"

    def start(self) -> None:
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


@dataclass
class Parts:
    redis: RedisServer
    inbox_port: int
    workers: Workers


@pytest.fixture(scope="module")
def parts(django_db_setup, django_db_blocker, tmp_path_factory, upload_folder) -> Iterator[Parts]:
    """One Redis and two worker processes for the module (a worker takes seconds to start);
    the tests kill them, and the next test starts what it needs again."""
    redis = RedisServer(port=free_port())
    redis.start()
    inbox_port = free_port()
    with django_db_blocker.unblock():
        database = connection.settings_dict
        vendor = connection.vendor
    assert vendor == "postgresql" or not str(database["NAME"]).startswith(":memory"), (
        "a worker process needs a database it can open: PostgreSQL, or SQLite in a file"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "crm.settings",
        "REDIS_URL": redis.url,
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(inbox_port),
        "IMPORT_UPLOAD_DIR": str(upload_folder),
        **{name: str(value) for name, value in FAST.items()},
    }
    if vendor == "postgresql":
        env["DATABASE_URL"] = (
            f"postgres://{database['USER']}:{database['PASSWORD'] or ''}@{database['HOST']}:"
            f"{database['PORT'] or 5432}/{database['NAME']}"
        )
    else:
        env["DATABASE_URL"] = f"sqlite:///{database['NAME']}"
    logs = tmp_path_factory.mktemp("workers")
    workers = Workers([Worker(env=env, log=logs / f"worker{i}.log") for i in range(2)])
    try:
        yield Parts(redis=redis, inbox_port=inbox_port, workers=workers)
    finally:
        workers.kill_all()
        redis.kill()


def _flush(redis: RedisServer) -> None:
    with socket.create_connection(("127.0.0.1", redis.port), timeout=2) as sock:
        sock.sendall(b"FLUSHALL\r\n")
        assert sock.recv(16).startswith(b"+OK")


@pytest.fixture
def broker(parts, settings) -> Iterator[RedisServer]:
    """This process publishes to the module's Redis (emptied, and started if a test killed it),
    with the short leases."""
    from kombu import pools

    from crm.celery import app

    if not parts.redis._answers():
        parts.redis.start()
    _flush(parts.redis)
    for name, value in FAST.items():
        setattr(settings, name, value)

    def fresh_connections() -> None:
        pools.reset()
        app._pool = None
        app.amqp._producer_pool = None

    previous = app.conf.task_always_eager, app.conf.broker_url
    app.conf.task_always_eager = False
    app.conf.broker_url = parts.redis.url
    fresh_connections()
    try:
        yield parts.redis
    finally:
        app.conf.task_always_eager, app.conf.broker_url = previous
        fresh_connections()


@pytest.fixture
def inbox(parts) -> Iterator[Inbox]:
    box = Inbox(port=parts.inbox_port)
    try:
        yield box
    finally:
        box.hold.clear()
        box.stop()


@pytest.fixture
def workers(transactional_db, broker, inbox, parts) -> Workers:
    """The module's worker processes, on the test database, the test's Redis and inbox."""
    for worker in parts.workers.members:
        worker.begin_test()
    return parts.workers
