"""schemathesis fuzzes every API operation from the OpenAPI schema against a live server: no 5xx,
every status documented, every response matching its schema, no answer without the token."""

import datetime
import subprocess
import sys

import pytest

from exchange.keys import create_key
from tests.factories import make_contact, make_encounter, make_introduction

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_api_holds_to_its_schema_under_generated_requests(
    live_server, user, settings, tmp_path
):
    # schemathesis also sends requests without the token or with a wrong one (the ignored_auth
    # check); counted as failures, they would lock the test's own address out of the API.
    settings.AXES_FAILURE_LIMIT = 1_000_000
    anna, ben = make_contact(user, "Anna"), make_contact(user, "Ben", email="ben@example.org")
    make_encounter(
        user, [anna, ben], occurred_on=datetime.date(2026, 1, 5), time=datetime.time(8, 30)
    )
    make_introduction(user, anna, ben)
    token = create_key(user, name="schemathesis", kind="api_write")[1]
    done = subprocess.run(
        [
            sys.executable, "-m", "schemathesis.cli", "run",
            f"{live_server.url}/api/v1/openapi.json",
            "--header", f"Authorization: Bearer {token}",
            "--checks", "all",
            # A valid id of someone else's (or nobody's) contact is rightly refused with a 4xx.
            "--exclude-checks", "positive_data_acceptance",
            "--max-examples", "10",
            "--seed", "17",
            "--workers", "1",
            "--no-color",
        ],
        capture_output=True,
        text=True,
        timeout=540,
        cwd=tmp_path,  # schemathesis keeps its cache of failures in the working directory
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-2000:]
    assert "passed" in done.stdout
