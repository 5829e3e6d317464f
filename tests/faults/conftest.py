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

    def start(self) -> None:
        offset = self.log.stat().st_size if self.log.exists() else 0
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
            ],
            cwd=ROOT,
            env=self.env,
            stdout=self.log.open("ab"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        assert wait_for(lambda: b"ready." in self.log.read_bytes()[offset:], 60), self.tail()

    def kill(self) -> None:
        """SIGKILL the worker and its embedded beat: no goodbye, no message handed back."""
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def tail(self) -> str:
        return self.log.read_text(errors="replace")[-3000:] if self.log.exists() else ""


@dataclass
class Inbox:
    """A real SMTP server (aiosmtpd) that records each mail and can hold a session at RCPT."""

    port: int
    messages: list[Message] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    hold: threading.Event = field(default_factory=threading.Event)
    held: threading.Event = field(default_factory=threading.Event)
    controller: Controller | None = None

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        while self.hold.is_set():  # a mail stuck half-way, as when a worker dies mid-send
            self.held.set()
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


@pytest.fixture
def redis_server() -> Iterator[RedisServer]:
    server = RedisServer(port=free_port())
    server.start()
    try:
        yield server
    finally:
        server.kill()


@pytest.fixture
def inbox() -> Iterator[Inbox]:
    box = Inbox(port=free_port())
    try:
        yield box
    finally:
        box.hold.clear()
        box.stop()


@pytest.fixture
def broker(redis_server, settings) -> Iterator[RedisServer]:
    """This process publishes to the test's own Redis, with the short leases."""
    from kombu import pools

    from crm.celery import app

    for name, value in FAST.items():
        setattr(settings, name, value)

    def fresh_connections() -> None:
        pools.reset()
        app._pool = None
        app.amqp._producer_pool = None

    previous = app.conf.task_always_eager, app.conf.broker_url
    app.conf.task_always_eager = False
    app.conf.broker_url = redis_server.url
    fresh_connections()
    try:
        yield redis_server
    finally:
        app.conf.task_always_eager, app.conf.broker_url = previous
        fresh_connections()


@pytest.fixture
def worker(transactional_db, broker, inbox, tmp_path) -> Iterator[Worker]:
    """A worker process (not started yet) on the test database, the test's Redis and inbox."""
    database = connection.settings_dict
    assert connection.vendor == "postgresql" or not database["NAME"].startswith(":memory"), (
        "a worker process needs a database it can open: PostgreSQL, or SQLite in a file"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "crm.settings",
        "REDIS_URL": broker.url,
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(inbox.port),
        **{name: str(value) for name, value in FAST.items()},
    }
    if connection.vendor == "postgresql":
        env["DATABASE_URL"] = (
            f"postgres://{database['USER']}:{database['PASSWORD'] or ''}@{database['HOST']}:"
            f"{database['PORT'] or 5432}/{database['NAME']}"
        )
    else:
        env["DATABASE_URL"] = f"sqlite:///{database['NAME']}"
    process = Worker(env=env, log=tmp_path / "worker.log")
    try:
        yield process
    finally:
        process.kill()
