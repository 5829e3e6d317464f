"""The "who haven't I seen" page and the quiet_contacts and send_digests commands."""

import datetime
import json
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.urls import reverse

from tests.factories import make_contact, make_encounter

pytestmark = pytest.mark.django_db

AS_OF = datetime.date(2026, 11, 20)


@pytest.fixture
def quiet_network(user, other_user):
    weekly = make_contact(user, "Wendy Weekly", cadence_days=7)
    make_encounter(
        user, [weekly], occurred_on=AS_OF - datetime.timedelta(days=40), learned="Her new bakery"
    )
    yearly = make_contact(user, "Yannick Yearly", cadence_days=365)
    make_encounter(user, [yearly], occurred_on=AS_OF - datetime.timedelta(days=40))
    archived = make_contact(user, "Archie Archived", cadence_days=7, archived=True)
    make_encounter(user, [archived], occurred_on=AS_OF - datetime.timedelta(days=40))
    make_contact(other_user, "Mallory's Friend", cadence_days=1)
    return weekly


def test_the_command_prints_json_ordered_by_priority(quiet_network):
    out = StringIO()
    call_command(
        "quiet_contacts",
        "--user",
        "alice",
        "--as-of",
        AS_OF.isoformat(),
        "--format",
        "json",
        stdout=out,
    )
    rows = json.loads(out.getvalue())
    assert [r["name"] for r in rows] == ["Wendy Weekly"]
    row = rows[0]
    assert row["last_seen"] == "2026-10-11"
    assert (row["days_since"], row["expected_days"], row["overdue_days"], row["reason"]) == (
        40,
        7,
        33,
        "cadence",
    )


def test_the_command_prints_a_table(quiet_network):
    out = StringIO()
    call_command("quiet_contacts", "--user", "alice", "--as-of", AS_OF.isoformat(), stdout=out)
    assert "Wendy Weekly" in out.getvalue() and "cadence" in out.getvalue()


def test_the_command_refuses_an_unknown_user_and_a_bad_date(quiet_network):
    with pytest.raises(CommandError):
        call_command("quiet_contacts", "--user", "nobody")
    with pytest.raises(CommandError):
        call_command("quiet_contacts", "--user", "alice", "--as-of", "20.11.2026")


def test_the_page_lists_the_quiet_with_their_last_topic_and_a_log_button(
    user_client, quiet_network
):
    response = user_client.get(reverse("quiet"))
    content = response.content.decode()
    assert "Wendy Weekly" in content and "Her new bakery" in content
    assert reverse("contacts:detail", args=[quiet_network.pk]) + "#log-heading" in content
    assert "Archie Archived" not in content and "Mallory" not in content


def test_send_digests_sends_once_per_week_for_a_user(user, quiet_network):
    call_command("send_digests", "--user", "alice", stdout=StringIO())
    call_command("send_digests", "--user", "alice", stdout=StringIO())
    assert len(mail.outbox) == 1
    assert "Wendy Weekly" in mail.outbox[0].body


def test_send_digests_sends_what_is_due_for_everyone(user, quiet_network):
    user.digest_weekday, user.digest_hour = 0, 0
    user.save()
    out = StringIO()
    call_command("send_digests", "--as-of", "2026-11-23", stdout=out)
    call_command("send_digests", "--as-of", "2026-11-23", stdout=StringIO())
    assert len(mail.outbox) == 2  # alice and mallory, once each
    assert "2 digest(s) sent" in out.getvalue()
