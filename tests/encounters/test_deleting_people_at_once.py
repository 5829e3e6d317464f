"""Two people who shared an encounter, deleted at the same moment: the encounter never stays
behind without anyone in it. Real threads, each on its own connection (PostgreSQL in CI)."""

import pytest
from django.test import Client
from django.urls import reverse

from contacts.models import Contact
from encounters.models import Encounter, EncounterParticipant
from exchange.backup import export_backup
from tests.concurrency import at_once
from tests.factories import make_contact, make_encounter

PAIRS = 20


@pytest.mark.django_db(transaction=True)
def test_two_people_deleted_at_once_take_their_shared_encounter_with_them(user):
    clients = []
    for _ in range(2):
        client = Client()
        client.force_login(user)
        clients.append(client)
    keeper = make_contact(user, "Kept")
    kept = make_encounter(user, [keeper])

    for pair in range(PAIRS):
        anna, ben = make_contact(user, f"Anna {pair}"), make_contact(user, f"Ben {pair}")
        make_encounter(user, [anna, ben])
        responses = at_once(
            2,
            lambda i, people=(anna, ben): clients[i].post(
                reverse("contacts:delete", args=[people[i].pk])
            ),
        )
        assert [r.status_code for r in responses] == [302, 302]

    assert list(Contact.objects.for_user(user)) == [keeper]
    assert list(Encounter.objects.for_user(user)) == [kept]
    assert not Encounter.objects.filter(participants__isnull=True).exists()
    assert EncounterParticipant.objects.count() == 1
    assert all(e["participants"] for e in export_backup(user)["encounters"])
