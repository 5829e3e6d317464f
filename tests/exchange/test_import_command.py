"""The import_contacts command on files larger than one batch."""

import io

import pytest
from django.core.management import call_command

from contacts.models import Contact
from tests.exchange.helpers import generated_vcards

pytestmark = pytest.mark.django_db


def test_it_imports_more_than_a_thousand_records_and_reports_progress(tmp_path, user):
    path = tmp_path / "many.vcf"
    path.write_bytes(generated_vcards(1500))
    err = io.StringIO()
    call_command(
        "import_contacts", str(path), "--user", user.username, stdout=io.StringIO(), stderr=err
    )
    assert Contact.objects.for_user(user).count() == 1500
    assert "1000 of 1500 records imported" in err.getvalue()


def test_it_reports_no_progress_when_asked_to_be_quiet(tmp_path, user):
    path = tmp_path / "many.vcf"
    path.write_bytes(generated_vcards(1200))
    err = io.StringIO()
    call_command(
        "import_contacts", str(path), "--user", user.username, "--verbosity", "0",
        stdout=io.StringIO(), stderr=err,
    )  # fmt: skip
    assert Contact.objects.for_user(user).count() == 1200
    assert err.getvalue() == ""
