"""Fixtures shared by the whole suite."""

import socket
import threading
import uuid
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import Message

import pytest
from aiosmtpd.controller import Controller

from tests.factories import make_user


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    """On SQLite, the test database is a file rather than shared memory: threads then wait for
    each other's write locks (shared memory fails at once, "table is locked"), and a worker
    process started by a fault test can open it."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        test_name = tmp_path_factory.mktemp("database") / "test.sqlite3"
        database.setdefault("TEST", {})["NAME"] = str(test_name)


@pytest.fixture(scope="session", autouse=True)
def upload_folder(tmp_path_factory):
    """Uploaded files wait in a folder of the test run, shared with the worker processes that the
    fault tests start (tests/faults/conftest.py passes it on)."""
    from django.conf import settings

    settings.IMPORT_UPLOAD_DIR = tmp_path_factory.mktemp("imports")
    return settings.IMPORT_UPLOAD_DIR


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Real hashing costs most of a second per user; the tests are not about its strength."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def fresh_cache_namespace(settings):
    """Each test sees an empty cache (throttle counters above all), in Redis as in memory.

    A new key prefix rather than a flush: the Redis database also carries Celery's queues.
    """
    caches = {name: dict(config) for name, config in settings.CACHES.items()}
    for config in caches.values():
        config["KEY_PREFIX"] = f"test-{uuid.uuid4().hex}"
    settings.CACHES = caches


@pytest.fixture
def user(db):
    return make_user("alice", first_name="Alice")


@pytest.fixture
def other_user(db):
    return make_user("mallory")


@pytest.fixture
def user_client(client, user):
    client.force_login(user)
    return client


@dataclass
class SmtpInbox:
    """What a real SMTP server, started for the test, has received."""

    host: str
    port: int
    messages: list[Message] = field(default_factory=list)
    envelopes: list[tuple[str, list[str]]] = field(default_factory=list)
    arrived: threading.Event = field(default_factory=threading.Event)

    async def handle_DATA(self, server, session, envelope):  # aiosmtpd handler hook
        self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        self.messages.append(message_from_bytes(envelope.original_content or envelope.content))
        self.arrived.set()
        return "250 Message accepted for delivery"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp_server(settings):
    """An aiosmtpd server on a free local port, with Django's SMTP backend pointed at it."""
    inbox = SmtpInbox(host="127.0.0.1", port=_free_port())
    controller = Controller(inbox, hostname=inbox.host, port=inbox.port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = inbox.host
    settings.EMAIL_PORT = inbox.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    try:
        yield inbox
    finally:
        controller.stop()


@pytest.fixture(autouse=True)
def imports_read_in_the_task_path(settings):
    """Large imports go to the (in-process) task, as with a broker, whether or not REDIS_URL is set;
    the test of the broker-less thread turns it on for itself."""
    settings.IMPORT_READS_IN_THREAD = False


@pytest.fixture(autouse=True)
def celery_runs_tasks_in_process(request):
    """Tasks run in-process unless a test asks for the real worker (the `celery_worker` fixture)."""
    from crm.celery import app

    if "celery_worker" in request.fixturenames:
        yield
        return
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous


@pytest.fixture
def celery_worker(transactional_db):
    """A real Celery worker in a thread, on the configured broker (Redis in CI)."""
    from celery.contrib.testing.worker import start_worker

    from crm.celery import app

    previous = app.conf.task_always_eager
    app.conf.task_always_eager = False
    try:
        with start_worker(
            app, pool="solo", perform_ping_check=False, shutdown_timeout=10
        ) as worker:
            yield worker
    finally:
        app.conf.task_always_eager = previous
