"""Every cell of a CSV we write is guarded against formula injection, the header row included:
a dimension named like a formula (typed, or arriving in a backup) is text in the spreadsheet."""

import csv
import io
import json

import pytest

from contacts.models import Dimension
from exchange.imports import jobs
from tests.factories import make_attribute, make_contact

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://evil.example","click")'


def _header(user_client) -> list[str]:
    response = user_client.get("/exchange/export/contacts.csv", {"status": "all"})
    return next(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_a_dimension_named_like_a_formula_is_text_in_the_header(user_client, user):
    make_attribute(make_contact(user, "Anna"), FORMULA, "x")

    header = _header(user_client)

    assert FORMULA not in header
    assert "'" + FORMULA in header


def test_a_formula_dimension_from_a_backup_is_text_in_the_header(user_client, user):
    document = {
        "format": "weitblick-backup",
        "version": 1,
        "dimensions": ["@SUM(1+1)"],
        "contacts": [{"ref": "c1", "name": "Anna", "attributes": {"@SUM(1+1)": "x"}}],
    }

    job = jobs.start_import(user, json.dumps(document).encode(), filename="b.json")
    jobs.import_payload(user, job.format, job.payload)
    assert Dimension.objects.for_user(user).filter(name="@SUM(1+1)").exists()

    assert "'@SUM(1+1)" in _header(user_client)
