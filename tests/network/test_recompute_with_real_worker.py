"""The circles recompute by themselves, in a real Celery worker over the configured broker (Redis
in CI): once after a burst of changes, and once on the first visit of the page."""

import time

import pytest
from django.urls import reverse

from contacts.models import NetworkSnapshot
from contacts.network import freshness
from contacts.network.tasks import compute_network_snapshot
from tests.factories import make_attribute, make_contact, make_tie


def _wait_for(condition, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def _circle(owner, prefix, size=5):
    people = [make_contact(owner, f"{prefix} {i}") for i in range(size)]
    for i, a in enumerate(people):
        for b in people[i + 1 :]:
            make_tie(owner, a, b)
    return people


@pytest.mark.django_db(transaction=True)
def test_a_burst_of_changes_is_analysed_once_after_it_settles(celery_worker, user, monkeypatch):
    monkeypatch.setattr(freshness, "DEBOUNCE_SECONDS", 2)
    team = _circle(user, "Team")  # these writes schedule a recompute already
    compute_network_snapshot(NetworkSnapshot.objects.create(owner=user).pk)
    before = NetworkSnapshot.objects.get(owner=user)

    # Nine more writes, each its own transaction, well within the debounce of each other.
    for i in range(3):
        newcomer = make_contact(user, f"Newcomer {i}")
        make_attribute(newcomer, "Industry", "Energy")
        make_tie(user, newcomer, team[0])
    changed_at = freshness.data_changed_at(user.pk)
    assert changed_at > before.requested_at

    assert _wait_for(
        lambda: NetworkSnapshot.objects.filter(owner=user, status="done", contact_count=8).exists()
    ), "the worker did not recompute the circles"
    time.sleep(freshness.DEBOUNCE_SECONDS + 1)  # any second task would have run by now
    assert NetworkSnapshot.objects.filter(owner=user).count() == 2
    newest = NetworkSnapshot.objects.filter(owner=user).order_by("-requested_at").first()
    assert newest.requested_at >= changed_at
    assert not freshness.is_older_than_data(newest, freshness.data_changed_at(user.pk))


@pytest.mark.django_db(transaction=True)
def test_the_first_visit_asks_the_worker_and_the_page_shows_the_circles_when_done(
    celery_worker, user, client
):
    _circle(user, "Team")
    client.force_login(user)

    page = client.get(reverse("circles")).content.decode()
    snapshot = NetworkSnapshot.objects.filter(owner=user).latest("requested_at")
    if snapshot.status != "done":
        assert "being worked out for the first time" in page
        assert reverse("circles_progress", args=[snapshot.pk]) in page
    assert _wait_for(lambda: NetworkSnapshot.objects.filter(owner=user, status="done").exists())
    poll = client.get(reverse("circles_progress", args=[snapshot.pk]), HTTP_HX_REQUEST="true")
    assert poll.headers.get("HX-Refresh") == "true"
    assert "Team 0" in client.get(reverse("circles")).content.decode()
