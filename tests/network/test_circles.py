"""The circles: a snapshot computed by the task, the page that reads it, recompute with progress,
the map's data, the report command, and the nightly fan-out."""

import datetime
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from contacts.models import NetworkSnapshot
from contacts.network.snapshots import analyse_user_network, network_inputs
from contacts.network.tasks import compute_network_snapshot, nightly_network_snapshots
from tests.factories import make_attribute, make_contact, make_encounter, make_tie, make_user

pytestmark = pytest.mark.django_db


def _bubble(owner, prefix, industry="Banking", country="Germany", size=6):
    people = [make_contact(owner, f"{prefix} {i}") for i in range(size)]
    for person in people:
        make_attribute(person, "Industry", industry)
        make_attribute(person, "Country/Culture", country)
        make_attribute(person, "Generation", "Gen X")
    for i, a in enumerate(people):
        for b in people[i + 1 :]:
            make_tie(owner, a, b)
    return people


@pytest.fixture
def network(user):
    # Eight: with six, a clique of German bankers among a dozen contacts is not yet beyond chance
    # on Country (7 of the 12 are German; a random six are all German one time in 130).
    bankers = _bubble(user, "Banker", size=8)
    mixed = [make_contact(user, f"Mixed {i}") for i in range(6)]
    for i, (person, industry, country, generation) in enumerate(
        zip(
            mixed,
            ["Arts", "Energy", "Health", "Crafts", "Education", "Retail"],
            ["Ghana", "Brazil", "Japan", "Germany", "India", "France"],
            ["Gen Z", "Boomer", "Millennial", "Gen X", "Gen Z", "Boomer"],
            strict=True,
        )
    ):
        make_attribute(person, "Industry", industry)
        make_attribute(person, "Country/Culture", country)
        make_attribute(person, "Generation", generation)
        for other in mixed[i + 1 :]:
            make_tie(user, person, other)
    make_encounter(user, [mixed[0], mixed[1], mixed[2]], kind="meal")
    make_tie(user, bankers[0], mixed[0])
    make_contact(user, "Loner")
    return bankers, mixed


def test_the_inputs_come_with_shared_encounters_marked_in_person(user, network):
    bankers, mixed = network
    contacts, ties, shared, introductions, dimensions = network_inputs(
        user, datetime.date(2026, 11, 1)
    )
    assert len(contacts) == 15
    assert [(sorted(people), in_person) for people, in_person in shared] == [
        (sorted(c.pk for c in mixed[:3]), True)
    ]
    assert len(ties) == 28 + 15 + 1
    assert dimensions[:3] == ["Industry", "Country/Culture", "Generation"]


def test_the_bubble_is_flagged_with_reasons_and_the_mixed_circle_is_not(user, network):
    report, graph = analyse_user_network(user)
    by_size_and_flag = {(c["size"], c["homogeneous"]) for c in report["clusters"]}
    assert (8, True) in by_size_and_flag and (6, False) in by_size_and_flag
    bubble = next(c for c in report["clusters"] if c["homogeneous"])
    assert set(bubble["homogeneous_on"]) >= {"Industry", "Country/Culture"}
    assert any("Banking" in r for r in bubble["reasons"])
    assert [i["name"] for i in report["isolated"]] == ["Loner"]
    assert {n[1] for n in graph["nodes"]} >= {"Banker 0", "Mixed 0"}


def test_the_task_stores_a_snapshot_and_running_it_twice_is_harmless(user, network):
    snapshot = NetworkSnapshot.objects.create(owner=user)
    assert compute_network_snapshot(snapshot.pk) == "done"
    assert compute_network_snapshot(snapshot.pk) == "skipped"
    snapshot.refresh_from_db()
    assert snapshot.status == "done" and snapshot.flagged_count == 1 and snapshot.cluster_count == 2
    assert snapshot.report["clusters"]


def test_the_page_reads_the_latest_snapshot(user_client, user, network):
    compute_network_snapshot(NetworkSnapshot.objects.create(owner=user).pk)
    response = user_client.get(reverse("circles"))
    content = response.content.decode()
    assert "Banking" in content and "bubble" in content
    assert "Mixed 0" in content


def test_the_page_explains_a_bubble_against_the_whole_network(user_client, user, network):
    compute_network_snapshot(NetworkSnapshot.objects.create(owner=user).pk)
    content = user_client.get(reverse("circles")).content.decode()
    # 8 bankers among the 14 contacts with a known industry.
    assert "All 8 work in Banking, live in Germany and are Gen X." in content
    assert "In your whole network: Banking 57%" in content
    assert "If you picked 8 of your contacts at random, they would almost never be this alike." in (
        content
    )
    assert "Found inside a larger circle" not in content


def test_the_page_says_when_a_bubble_was_found_inside_a_larger_circle(user_client, user):
    reason = {"dimension": "Industry", "value": "Banking", "count": 5, "size": 6, "known": 6,
              "network_count": 20, "network_known": 200, "network_percent": 10}  # fmt: skip
    cluster = {"index": 0, "label": "Banking", "label_parts": ["Banking"], "label_around": None,
               "size": 6, "members": ["A"], "member_ids": [1], "homogeneous": True,
               "homogeneous_on": ["Industry"], "found_inside": True, "homogeneity": 0.8,
               "ei_index": 0.1, "dimensions": {}, "reasons": [], "reason_details": [reason],
               "suggestions": []}  # fmt: skip
    NetworkSnapshot.objects.create(
        owner=user, status="done", computed_at=timezone.now(), report={"clusters": [cluster]}
    )
    content = user_client.get(reverse("circles")).content.decode()
    assert "Five of the 6 work in Banking." in content
    assert "In your whole network: Banking 10%." in content
    assert "Found inside a larger circle" in content


def test_an_old_snapshot_without_the_network_comparison_still_reads(user_client, user):
    reason = {"dimension": "Industry", "value": "Banking", "count": 5, "size": 6, "known": 6}
    cluster = {"index": 0, "label": "Banking", "label_parts": ["Banking"], "size": 6,
               "members": ["A"], "member_ids": [1], "homogeneous": True,
               "homogeneous_on": ["Industry"], "dimensions": {}, "reason_details": [reason],
               "suggestions": []}  # fmt: skip
    NetworkSnapshot.objects.create(
        owner=user, status="done", computed_at=timezone.now(), report={"clusters": [cluster]}
    )
    content = user_client.get(reverse("circles")).content.decode()
    assert "Five of the 6 work in Banking." in content
    assert "in your whole network" not in content and "Why a bubble" not in content


def test_recompute_enqueues_a_snapshot_and_the_progress_poll_refreshes_when_done(
    user_client, user, network, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = user_client.post(reverse("circles_recompute"), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    snapshot = NetworkSnapshot.objects.get()
    assert snapshot.status == "done"
    poll = user_client.get(reverse("circles_progress", args=[snapshot.pk]), HTTP_HX_REQUEST="true")
    assert poll.headers.get("HX-Refresh") == "true"


def test_while_computing_the_page_polls_for_progress(user_client, user):
    pending = NetworkSnapshot.objects.create(owner=user)
    response = user_client.get(reverse("circles"))
    assert reverse("circles_progress", args=[pending.pk]) in response.content.decode()
    assert 'hx-trigger="every 1s"' in response.content.decode()


def test_the_map_data_is_the_users_own(user_client, user, other_user, network):
    compute_network_snapshot(NetworkSnapshot.objects.create(owner=user).pk)
    _bubble(other_user, "Secret")
    compute_network_snapshot(NetworkSnapshot.objects.create(owner=other_user).pk)
    data = user_client.get(reverse("network_map_data")).json()
    names = {n[1] for n in data["nodes"]}
    assert "Banker 0" in names and not any(name.startswith("Secret") for name in names)
    assert any(c["homogeneous"] for c in data["clusters"])
    assert user_client.get(reverse("network_map")).status_code == 200


def test_the_report_command_prints_json_with_the_agreed_fields(user, network):
    out = StringIO()
    call_command("network_report", "--user", "alice", "--format", "json", stdout=out)
    report = json.loads(out.getvalue())
    assert {"computed_at", "contacts", "clusters", "network"} <= set(report)
    cluster = report["clusters"][0]
    assert {
        "label",
        "size",
        "members",
        "homogeneous",
        "homogeneous_on",
        "homogeneity",
        "ei_index",
        "dimensions",
        "reasons",
    } <= set(cluster)
    for stats in cluster["dimensions"].values():
        assert {"coverage", "dominant", "share", "iqv"} <= set(stats)


def test_the_report_command_prints_text(user, network):
    out = StringIO()
    call_command("network_report", "--user", "alice", stdout=out)
    assert "BUBBLE" in out.getvalue()


def test_the_nightly_task_fans_out_one_snapshot_per_person_with_contacts(
    user, network, django_capture_on_commit_callbacks
):
    make_user("empty")
    with_contacts = make_user("bob")
    make_contact(with_contacts, "Bob's friend")
    with django_capture_on_commit_callbacks(execute=True):
        assert nightly_network_snapshots() == 2
    assert set(NetworkSnapshot.objects.values_list("owner__username", flat=True)) == {
        "alice",
        "bob",
    }
    assert set(NetworkSnapshot.objects.values_list("status", flat=True)) == {"done"}


def test_the_digest_names_each_bubble_with_one_suggestion(user, network):
    from encounters.digest import build_digest, render_digest

    compute_network_snapshot(NetworkSnapshot.objects.create(owner=user).pk)
    digest = build_digest(user, datetime.date(2026, 11, 23))
    assert len(digest.bubbles) == 1
    assert "Banking" in digest.bubbles[0]["label"]
    _, text, _ = render_digest(user, digest)
    assert "Circles that have become a bubble" in text and "Banking" in text
