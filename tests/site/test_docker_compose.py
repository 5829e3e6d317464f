"""The production stack as written in docker-compose.yml and the Dockerfile, read without Docker."""

import fnmatch
import shlex
from pathlib import Path

import pytest
import yaml

REPO_ROOT = Path(__file__).resolve().parents[2]
APP_SERVICES = ("web", "worker", "beat")


@pytest.fixture(scope="module")
def services() -> dict:
    return yaml.safe_load((REPO_ROOT / "docker-compose.yml").read_text())["services"]


@pytest.fixture(scope="module")
def dockerfile() -> list[str]:
    """The Dockerfile's instructions, one string each, continuation lines joined."""
    instructions, current = [], ""
    for line in (REPO_ROOT / "Dockerfile").read_text().splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        current += " " + stripped.removesuffix("\\").strip()
        if not stripped.endswith("\\"):
            instructions.append(current.strip())
            current = ""
    return instructions


def command_of(service: dict) -> str:
    command = service["command"]
    return command if isinstance(command, str) else " ".join(command)


def test_it_defines_the_five_services(services):
    assert {"web", "worker", "beat", "postgres", "redis"} <= set(services)


def test_web_serves_gunicorn_on_all_interfaces_with_several_workers(services):
    command = command_of(services["web"])

    assert "gunicorn crm.wsgi" in command
    assert "--bind 0.0.0.0:8000" in command
    assert "--workers" in command


def test_web_collects_static_files_before_gunicorn_starts(services):
    command = command_of(services["web"])

    assert command.index("collectstatic --noinput") < command.index("gunicorn")


def test_the_migrations_run_once_before_the_app_starts(services):
    assert command_of(services["migrate"]) == "python manage.py migrate --noinput"
    assert services["migrate"]["restart"] == "no"
    for name in APP_SERVICES:
        assert services[name]["depends_on"]["migrate"] == {
            "condition": "service_completed_successfully"
        }


def test_worker_and_beat_run_celery(services):
    assert command_of(services["worker"]).startswith("celery -A crm worker")
    assert command_of(services["beat"]).startswith("celery -A crm beat")


def test_beat_keeps_its_schedule_where_the_app_user_may_write(services):
    assert "--schedule /tmp/" in command_of(services["beat"])


@pytest.mark.parametrize("name", [*APP_SERVICES, "migrate"])
def test_the_app_waits_for_healthy_postgres_and_redis(services, name):
    depends_on = services[name]["depends_on"]

    assert depends_on["postgres"] == {"condition": "service_healthy"}
    assert depends_on["redis"] == {"condition": "service_healthy"}


def test_postgres_is_version_16_with_a_volume_and_a_health_check(services):
    postgres = services["postgres"]

    assert postgres["image"] == "postgres:16"
    assert any(volume.endswith(":/var/lib/postgresql/data") for volume in postgres["volumes"])
    assert "pg_isready" in " ".join(postgres["healthcheck"]["test"])


def test_redis_is_version_7_with_a_health_check(services):
    assert services["redis"]["image"] == "redis:7"
    assert services["redis"]["healthcheck"]["test"][-2:] == ["redis-cli", "ping"]


def test_web_checks_its_own_health_through_the_login_page(services):
    check = " ".join(services["web"]["healthcheck"]["test"])

    assert "http://127.0.0.1:8000/accounts/login/" in check
    # With DEBUG off, plain http is redirected to https; the check claims https like the proxy.
    assert "X-Forwarded-Proto': 'https'" in check
    assert "127.0.0.1" in services["web"]["environment"]["ALLOWED_HOSTS"].split(",")


@pytest.mark.parametrize("name", [*APP_SERVICES, "migrate"])
def test_the_app_runs_with_production_settings(services, name):
    environment = services[name]["environment"]

    assert environment["DJANGO_DEBUG"] == "0"
    assert environment["SECRET_KEY"].startswith("${SECRET_KEY:?")
    assert environment["DATABASE_URL"] == "postgres://weitblick:weitblick@postgres:5432/weitblick"
    assert environment["REDIS_URL"] == "redis://redis:6379/0"
    assert "ALLOWED_HOSTS" in environment
    for name in ("EMAIL_HOST", "EMAIL_PORT", "EMAIL_HOST_USER", "EMAIL_HOST_PASSWORD"):
        assert environment[name] == f"${{{name}:-}}"


def test_postgres_credentials_match_the_database_url(services):
    environment = services["postgres"]["environment"]

    assert (environment["POSTGRES_USER"], environment["POSTGRES_PASSWORD"]) == (
        "weitblick",
        "weitblick",
    )
    assert environment["POSTGRES_DB"] == "weitblick"


def test_the_image_starts_from_python_3_11_slim(dockerfile):
    assert dockerfile[0] == "FROM python:3.11-slim"


def test_the_image_installs_the_locked_dependencies_without_dev_tools(dockerfile):
    assert any(line.startswith("RUN pip install") and "uv" in line for line in dockerfile)
    sync = next(line for line in dockerfile if "uv sync" in line)
    assert "uv sync --frozen" in sync
    assert "--no-dev" in sync


def test_the_image_collects_static_files_with_a_build_only_secret(dockerfile):
    collect = next(line for line in dockerfile if "collectstatic" in line)

    assert "SECRET_KEY=" in collect
    assert "DJANGO_DEBUG=0" in collect
    assert not any(line.startswith(("ENV SECRET_KEY", "ARG SECRET_KEY")) for line in dockerfile)


def test_the_image_runs_as_an_unprivileged_user(dockerfile):
    users = [line.split()[1] for line in dockerfile if line.startswith("USER ")]

    assert users
    assert users[-1] not in {"root", "0"}


def test_every_file_the_image_copies_exists(dockerfile):
    copies = [shlex.split(line)[1:] for line in dockerfile if line.startswith("COPY ")]
    assert copies
    ignored = [
        pattern
        for pattern in (REPO_ROOT / ".dockerignore").read_text().splitlines()
        if pattern.strip() and not pattern.startswith("#")
    ]

    for arguments in copies:
        *sources, _destination = [
            argument for argument in arguments if not argument.startswith("--")
        ]
        for source in sources:
            assert (REPO_ROOT / source).exists(), f"COPY {source}: not in the repository"
            assert not any(fnmatch.fnmatch(source, pattern) for pattern in ignored), (
                f"COPY {source}: excluded by .dockerignore"
            )


def test_the_build_context_leaves_out_local_state():
    ignored = (REPO_ROOT / ".dockerignore").read_text().splitlines()

    for local_state in (".git", ".venv", "db.sqlite3", "staticfiles", ".env"):
        assert local_state in ignored
