"""The search tests pass on SQLite, the embedded default, even when the suite runs on PostgreSQL.

CI runs the suite on PostgreSQL; the search has a second implementation for SQLite (FTS5 and the
Python stems), so its tests run once more there, in a child pytest on a fresh SQLite database.
"""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_search_tests_pass_on_sqlite_as_well():
    env = {key: value for key, value in os.environ.items() if key not in ("DATABASE_URL",)}
    env["REDIS_URL"] = ""
    result = subprocess.run(
        [
            sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-x",
            "tests/encounters/test_search.py", "tests/encounters/test_encounter_filters.py",
        ],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600,
    )  # fmt: skip

    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert " passed" in result.stdout and "skipped" not in result.stdout
