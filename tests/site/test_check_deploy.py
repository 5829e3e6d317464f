"""Django's deployment checklist passes under the settings production runs with."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]


def production_environment() -> dict[str, str]:
    env = {
        name: value
        for name, value in os.environ.items()
        # Start from a clean slate: nothing from the developer's shell decides the result.
        if not name.startswith(("DJANGO_", "SECURE_", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_"))
    }
    env.update(
        {
            "DJANGO_DEBUG": "0",
            "SECRET_KEY": secrets.token_urlsafe(64),
            "ALLOWED_HOSTS": "weitblick.example.org",
            "DJANGO_SETTINGS_MODULE": "crm.settings",
        }
    )
    if os.environ.get("DATABASE_URL"):
        env["DATABASE_URL"] = os.environ["DATABASE_URL"]
    return env


def check_deploy(env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_it_passes_the_deployment_checklist():
    result = check_deploy(production_environment())

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNING" not in result.stderr
    assert "?: (security." not in result.stdout + result.stderr


def test_it_refuses_to_start_without_a_secret_key():
    env = production_environment()
    del env["SECRET_KEY"]

    result = check_deploy(env)

    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_it_flags_a_debug_deployment():
    env = production_environment()
    env["DJANGO_DEBUG"] = "1"

    result = check_deploy(env)

    # The same check catches the mistake it exists for, so the clean run above means something.
    assert result.returncode != 0
    assert "security.W018" in result.stdout + result.stderr
