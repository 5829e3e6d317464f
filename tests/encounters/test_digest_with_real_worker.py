"""The digest end to end: beat's dispatcher task and the send task in a real Celery worker,
over the configured broker (Redis in CI), delivered to a real SMTP server."""

import datetime
import time

import pytest
from django.utils import timezone

from encounters.models import DigestDelivery
from encounters.tasks import dispatch_digests
from tests.factories import make_contact, make_encounter, make_user


def _wait_for(condition, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


@pytest.mark.django_db(transaction=True)
def test_the_worker_dispatches_and_delivers_one_multipart_digest(celery_worker, smtp_server):
    now = timezone.now().astimezone(datetime.UTC)
    person = make_user(
        "berta", first_name="Berta", time_zone="UTC", digest_weekday=now.weekday(), digest_hour=0
    )
    anna = make_contact(person, "Anna Ångström", cadence_days=14)
    make_encounter(
        person,
        [anna],
        occurred_on=now.date() - datetime.timedelta(days=60),
        learned="Offshore wind in Bergen",
    )

    dispatch_digests.delay()
    assert smtp_server.arrived.wait(30), "no digest reached the SMTP server"
    assert _wait_for(lambda: DigestDelivery.objects.filter(status="sent").exists())

    mail_from, recipients = smtp_server.envelopes[0]
    assert recipients == [person.email]
    message = smtp_server.messages[0]
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "/digest/unsubscribe/" in message["List-Unsubscribe"]
    assert message.is_multipart()
    parts = {
        part.get_content_type(): part.get_payload(decode=True).decode()
        for part in message.walk()
        if not part.is_multipart()
    }
    assert set(parts) == {"text/plain", "text/html"}
    assert (
        "Anna Ångström" in parts["text/plain"] and "Offshore wind in Bergen" in parts["text/plain"]
    )
    assert "Anna Ångström" in parts["text/html"]

    # Beat runs the dispatcher again within the week: nothing more is sent.
    dispatch_digests.delay()
    time.sleep(3)
    assert len(smtp_server.messages) == 1
    assert DigestDelivery.objects.count() == 1
