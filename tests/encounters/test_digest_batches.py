"""Digests in batches: built for many users with the queries of a few, each the digest the user
would get alone, sent over one SMTP connection per batch, each row marked once."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone

from contacts.dates import Birthday
from contacts.models import NetworkSnapshot
from encounters.delivery import attempt_deliveries, enqueue_due_digests
from encounters.digest import build_digest, build_digests, digest_message, render_digest
from encounters.models import DigestDelivery, Plan, Snooze
from tests.factories import (
    make_contact,
    make_encounter,
    make_important_date,
    make_introduction,
    make_user,
)

# The day the digests go out (the users are in UTC), so that every part of the data is in them.
AS_OF = timezone.now().astimezone(datetime.UTC).date()
Status = DigestDelivery.Status


def days(n: int) -> datetime.timedelta:
    return datetime.timedelta(days=n)


def person_with_a_week(number: int, *, time_zone: str = "UTC"):
    """A user whose digest has every part: quiet people with topics, a birthday, a date, a due
    introduction, a week of encounters with something learned, a plan, a snooze, a bubble."""
    now = timezone.now()
    user = make_user(
        f"batch{number}",
        time_zone=time_zone,
        digest_weekday=now.astimezone(datetime.UTC).weekday(),
        digest_hour=0,
    )
    quiet = [make_contact(user, f"Quiet {number}-{i}", cadence_days=30) for i in range(5)]
    for i, contact in enumerate(quiet):
        make_encounter(user, [contact], occurred_on=AS_OF - days(60 + i), learned=f"Topic {i}")
    friend = make_contact(user, f"Friend {number}")
    birthday, anniversary = AS_OF + days(5), AS_OF + days(8)
    friend.birthday = Birthday(month=birthday.month, day=birthday.day, year=1970 + number)
    friend.save()
    make_important_date(
        friend, label="Anniversary", date=anniversary.replace(year=anniversary.year - 10)
    )
    make_encounter(user, [friend], occurred_on=AS_OF - days(2), learned=f"Learned by {number}")
    make_encounter(user, [friend, quiet[0]], kind="video_call", occurred_on=AS_OF - days(1))
    newcomer = make_contact(user, f"Newcomer {number}")
    make_encounter(user, [newcomer], occurred_on=AS_OF - days(3), planned=False)
    make_introduction(user, friend, newcomer, follow_up_on=AS_OF - days(1), status="made")
    Plan.objects.create(owner=user, contact=quiet[1], on=AS_OF + days(3), kind="coffee")
    Snooze.objects.create(owner=user, contact=quiet[2], until=AS_OF + days(10))
    NetworkSnapshot.objects.create(
        owner=user,
        status=NetworkSnapshot.Status.DONE,
        computed_at=now,
        report={"clusters": [bubble(number, friend.pk)]},
    )
    return user


def bubble(number: int, contact_id: int) -> dict:
    return {
        "homogeneous": True,
        "size": 12 + number,
        "reason_details": [],
        "suggestions": [{"name": f"Outside {number}", "contact_id": contact_id}],
        "members": [],
        "label": f"Circle {number}",
    }


def rendered(user, digest) -> list[str]:
    """The digest's subject, text and HTML, with the signing times of its links taken out."""
    return [
        re.sub(r":[0-9A-Za-z]{6}:[\w-]{43}/", ":…/", part) for part in render_digest(user, digest)
    ]


def test_a_batch_gives_each_user_the_digest_they_would_get_alone(db):
    users = [person_with_a_week(n) for n in range(4)]
    users.append(person_with_a_week(9, time_zone="Pacific/Kiritimati"))
    as_of = {user.pk: AS_OF + days(1 if user.time_zone != "UTC" else 0) for user in users}

    batch = build_digests(users, as_of)

    for user in users:
        alone = build_digest(user, as_of[user.pk])
        together = batch[user.pk]
        assert together.quiet and together.celebrations and together.follow_ups
        assert together.learned and together.plans and together.bubbles
        assert together.week.total and together.new_people
        assert together.quiet == alone.quiet
        assert together.celebrations == alone.celebrations
        assert together.follow_ups == alone.follow_ups
        assert (together.week, together.new_people) == (alone.week, alone.new_people)
        assert together.learned == alone.learned and together.plans == alone.plans
        assert rendered(user, together) == rendered(user, alone)
        # Nobody else's people in it.
        assert {item.name.split()[1].split("-")[0] for item in together.quiet} == {
            user.username.removeprefix("batch")
        }


def due_rows(users) -> list[int]:
    ids = enqueue_due_digests()
    return list(
        DigestDelivery.objects.filter(pk__in=ids, owner__in=users).values_list("pk", flat=True)
    )


def test_a_batch_of_twice_the_users_costs_the_same_queries(
    db, settings, django_assert_max_num_queries
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    few = due_rows([person_with_a_week(n) for n in range(3)])
    with django_assert_max_num_queries(1000) as captured:
        assert len(attempt_deliveries(few, "first-batch").sent) == 3
    twice = due_rows([person_with_a_week(n) for n in range(10, 16)])
    with django_assert_max_num_queries(len(captured)):
        assert len(attempt_deliveries(twice, "second-batch").sent) == 6
    assert len(mail.outbox) == 9
    assert DigestDelivery.objects.filter(status=Status.SENT).count() == 9


def test_a_batch_goes_out_over_one_smtp_connection_one_mail_each(db, smtp_server):
    users = [person_with_a_week(n) for n in range(5)]
    peers = []  # the client's address and port: one per connection
    accept = smtp_server.handle_DATA

    async def note_the_connection(server, session, envelope):
        peers.append(session.peer)
        return await accept(server, session, envelope)

    smtp_server.handle_DATA = note_the_connection
    ids = enqueue_due_digests()

    outcomes = attempt_deliveries(ids, "batch-claim")

    assert sorted(outcomes.sent) == sorted(ids)
    assert len(peers) == len(users) and len(set(peers)) == 1
    assert sorted(to for _sender, (to,) in smtp_server.envelopes) == sorted(u.email for u in users)
    by_recipient = {message["To"]: message for message in smtp_server.messages}
    for user in users:
        message = by_recipient[user.email]
        expected = digest_message(user, build_digest(user, timezone.now().date()))
        assert message["Subject"] == expected.subject
        text = message.get_payload()[0].get_payload(decode=True).decode()
        assert f"Friend {user.username.removeprefix('batch')}" in text
    # One update marked them all; a second try of the same batch sends nothing more.
    assert set(DigestDelivery.objects.values_list("status", flat=True)) == {Status.SENT}
    again = attempt_deliveries(ids, "batch-claim-again")
    assert again.sent == [] and sorted(again.skipped) == sorted(ids)
    assert len(smtp_server.messages) == len(users)


def test_a_refused_address_fails_alone_and_the_rest_of_the_batch_goes_out(db, smtp_server):
    users = [person_with_a_week(n) for n in range(3)]
    refused = users[1]

    async def refuse_one(server, session, envelope, address, rcpt_options):
        if address == refused.email:
            return "550 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    smtp_server.handle_RCPT = refuse_one
    ids = enqueue_due_digests()

    outcomes = attempt_deliveries(ids, "batch-claim")

    assert len(outcomes.sent) == 2 and sum(len(i) for i in outcomes.retry.values()) == 1
    row = DigestDelivery.objects.get(owner=refused)
    assert row.status == Status.PENDING and row.retry_at is not None and row.attempts == 1
    assert sorted(to for _sender, (to,) in smtp_server.envelopes) == sorted(
        u.email for u in users if u != refused
    )


@pytest.mark.parametrize("size", [1, 2, 50])
def test_the_dispatcher_publishes_every_row_once_in_batches(db, settings, size):
    settings.DIGEST_BATCH_SIZE = size
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    users = [person_with_a_week(n) for n in range(5)]
    from encounters.tasks import dispatch_digests

    assert dispatch_digests() == 5
    assert sorted(m.to[0] for m in mail.outbox) == sorted(u.email for u in users)
    assert DigestDelivery.objects.filter(status=Status.SENT).count() == 5
