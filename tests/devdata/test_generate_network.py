"""The synthetic networks of `generate_network`: deterministic, the sizes asked for, shaped like a
real network (circles, bubbles, rhythms), and written with bulk inserts."""

import datetime
from collections import Counter

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db.models import Count, F

from contacts.models import Contact, ContactAttribute, Dimension, Tie
from contacts.network.snapshots import analyse_user_network
from devdata import synthetic
from encounters.models import IN_PERSON_KINDS, Encounter, EncounterParticipant
from encounters.quiet import quiet_contacts

pytestmark = pytest.mark.django_db

AS_OF = datetime.date(2026, 6, 1)
SMALL = {"contacts": 120, "encounters": 600, "ties": 500}


def _network(username: str, seed: int = 7, **sizes):
    user, _plan = synthetic.generate_network(username, seed=seed, as_of=AS_OF, **(sizes or SMALL))
    return user


def _as_stored(user) -> dict:
    """The network with contacts as positions in insertion order, so that two users compare."""
    position = {
        pk: i
        for i, pk in enumerate(
            Contact.objects.for_user(user).order_by("pk").values_list("pk", flat=True)
        )
    }
    return {
        "contacts": list(
            Contact.objects.for_user(user)
            .order_by("pk")
            .values_list(
                "name",
                "organisation",
                "city",
                "birthday_month",
                "cadence_days",
                "archived",
                "created_at",
            )
        ),
        "attributes": sorted(
            (position[c], d, v)
            for c, d, v in ContactAttribute.objects.for_user(user).values_list(
                "contact_id", "dimension__name", "value"
            )
        ),
        "ties": sorted(
            (position[a], position[b], kind)
            for a, b, kind in Tie.objects.for_user(user).values_list("a_id", "b_id", "kind")
        ),
        "encounters": list(
            Encounter.objects.for_user(user)
            .order_by("pk")
            .values_list("occurred_on", "kind", "planned", "notes")
        ),
        "participants": sorted(
            (e, position[c])
            for e, c in EncounterParticipant.objects.filter(encounter__owner=user)
            .annotate(e=F("encounter__occurred_on"))
            .values_list("e", "contact_id")
        ),
    }


def test_it_is_deterministic_for_a_seed():
    first, second = _network("first"), _network("second")
    assert _as_stored(first) == _as_stored(second)


def test_another_seed_gives_another_network():
    assert _as_stored(_network("first", seed=7)) != _as_stored(_network("second", seed=8))


def test_it_creates_the_counts_asked_for():
    user = _network("counted")
    assert Contact.objects.for_user(user).count() == SMALL["contacts"]
    assert Encounter.objects.for_user(user).count() == SMALL["encounters"]
    assert Tie.objects.for_user(user).count() == SMALL["ties"]
    # Every encounter has someone in it, and some have several people.
    people = Counter(
        Encounter.objects.for_user(user)
        .annotate(n=Count("participants"))
        .values_list("n", flat=True)
    )
    assert 0 not in people
    assert sum(count for size, count in people.items() if size > 1) > 0


def test_ties_and_participants_stay_within_the_owner():
    user, other = _network("owner"), _network("neighbour", seed=9)
    for owner in (user, other):
        ties = Tie.objects.for_user(owner)
        assert not ties.exclude(a__owner=owner).exists()
        assert not ties.exclude(b__owner=owner).exists()
        assert not ties.filter(a_id__gte=F("b_id")).exists()
        participants = EncounterParticipant.objects.filter(encounter__owner=owner)
        assert not participants.exclude(contact__owner=owner).exists()
        assert (
            not Contact.objects.for_user(owner)
            .exclude(met_through=None)
            .exclude(met_through__owner=owner)
            .exists()
        )
        assert not ContactAttribute.objects.for_user(owner).exclude(contact__owner=owner).exists()
        assert not ContactAttribute.objects.for_user(owner).exclude(dimension__owner=owner).exists()


def test_ties_fall_mostly_within_circles():
    plan = synthetic.plan_network(contacts=600, encounters=3_000, ties=3_000, seed=3, as_of=AS_OF)
    circle = {i: person.circle for i, person in enumerate(plan.contacts)}
    inside = sum(1 for a, b, _kind in plan.ties if circle[a] == circle[b])
    assert inside / len(plan.ties) > 0.75


def test_the_planted_bubbles_share_their_values():
    plan = synthetic.plan_network(contacts=600, encounters=3_000, ties=3_000, seed=3, as_of=AS_OF)
    assert plan.bubbles
    for bubble in plan.bubbles:
        shared = [
            (position, value) for position, value in enumerate(bubble.shared) if value is not None
        ]
        assert len(shared) >= 3
        for position, value in shared:
            known = [plan.contacts[i].attributes[position] for i in bubble.members]
            known = [v for v in known if v is not None]
            assert Counter(known)[value] / len(known) > 0.6


def test_the_network_analysis_finds_homogeneous_circles():
    user = _network("bubbly", contacts=300, encounters=1_500, ties=1_500)
    report, _graph = analyse_user_network(user, AS_OF)
    flagged = [cluster for cluster in report["clusters"] if cluster["homogeneous"]]
    assert flagged
    assert len(flagged) < len(report["clusters"])  # and not every circle is a bubble


def test_encounters_have_rhythms_and_some_contacts_have_gone_quiet():
    user = _network("rhythmic", contacts=200, encounters=2_000, ties=400)
    days = Encounter.objects.for_user(user).values_list("occurred_on", flat=True)
    assert max(days) <= AS_OF
    assert (AS_OF - min(days)).days > 2 * 365  # over years
    kinds = Counter(Encounter.objects.for_user(user).values_list("kind", flat=True))
    assert (
        sum(kinds[k] for k in IN_PERSON_KINDS) > sum(kinds.values()) / 2
    )  # face to face dominates
    quiet = quiet_contacts(user, AS_OF)
    active = Contact.objects.for_user(user).active().count()
    assert 0 < len(quiet) < active


def test_it_uses_bulk_inserts(django_assert_max_num_queries):
    # Row by row this would be well over 3,000 statements; in bulk it is a few per table.
    plan = synthetic.plan_network(contacts=300, encounters=1_500, ties=1_200, seed=5, as_of=AS_OF)
    user = get_user_model().objects.create_user("bulky")
    with django_assert_max_num_queries(60):
        synthetic.write_networks([(user, plan)])
    assert Encounter.objects.for_user(user).count() == 1_500


def test_many_users_get_a_network_and_a_digest_time_each():
    users = synthetic.generate_users(
        3, contacts_per_user=20, encounters_per_user=60, ties_per_user=20, seed=4, as_of=AS_OF
    )
    assert [u.username for u in users] == ["bench-user-0001", "bench-user-0002", "bench-user-0003"]
    for user in users:
        assert Contact.objects.for_user(user).count() == 20
        assert Encounter.objects.for_user(user).count() == 60
        assert Dimension.objects.for_user(user).count() == 5
        assert user.email and user.digest_enabled and user.digest_weekday <= 5


def test_the_command_refuses_an_existing_user_unless_replace():
    args = [
        "--user",
        "again",
        "--contacts",
        "30",
        "--encounters",
        "60",
        "--ties",
        "40",
        "--as-of",
        "2026-06-01",
    ]
    call_command("generate_network", *args)
    with pytest.raises(CommandError, match="--replace"):
        call_command("generate_network", *args)
    call_command("generate_network", *args, "--replace", "--seed", "2")
    user = get_user_model().objects.get(username="again")
    assert Contact.objects.for_user(user).count() == 30
    assert Contact.objects.count() == 30  # the first network is gone


def test_the_command_creates_many_users():
    call_command(
        "generate_network", "--users", "2", "--contacts-per-user", "10", "--as-of", "2026-06-01"
    )
    assert Contact.objects.filter(owner__username="bench-user-0002").count() == 10
    assert Encounter.objects.filter(owner__username="bench-user-0002").count() == 30


def test_the_command_refuses_impossible_sizes():
    with pytest.raises(CommandError, match="at most"):
        call_command(
            "generate_network",
            "--user",
            "dense",
            "--contacts",
            "5",
            "--ties",
            "11",
            "--encounters",
            "3",
        )
