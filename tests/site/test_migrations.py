"""Migrations keep every row: a database filled with the demo under the old layout migrates to today's.

The old layout is the one before ImportJob moved from contacts/ to exchange/ (contacts 0006,
encounters 0003, crm 0001, no exchange app). The demo network is written there with the models
as they were then, plus two import jobs; migrating to the latest state must keep every row.
"""

import datetime
import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from contacts.models import Contact, ContactAttribute, Introduction, Tie
from crm.models import User
from encounters.models import Encounter, EncounterParticipant
from exchange.models import ImportJob

DEMO = Path(settings.BASE_DIR) / "devdata" / "demo" / "demo_network.json"
OLD_LAYOUT = [
    ("crm", "0001_initial"),
    ("contacts", "0006_importjob_owner"),
    ("encounters", "0003_encounter_in_person"),
    ("exchange", None),
]


def _fill_with_the_demo(apps) -> dict[str, int]:
    """The demo document written with the historical models; returns what was written."""
    document = json.loads(DEMO.read_text(encoding="utf-8"))
    user = apps.get_model("crm", "User").objects.create(username="olddemo")
    Dimension = apps.get_model("contacts", "Dimension")
    dimensions = {
        name: Dimension.objects.create(owner=user, name=name, position=i).pk
        for i, name in enumerate(document["dimensions"])
    }
    Contact = apps.get_model("contacts", "Contact")
    ids = {}
    for row in document["contacts"]:
        contact = Contact.objects.create(
            owner=user,
            name=row["name"],
            organisation=row["organisation"] or "",
            notes=row["notes"] or "",
            trust=row["trust"],
            cadence_days=row["cadence_days"],
        )
        ids[row["ref"]] = contact.pk
        for dimension, value in row["attributes"].items():
            apps.get_model("contacts", "ContactAttribute").objects.create(
                owner=user, contact=contact, dimension_id=dimensions[dimension], value=value
            )
    Tie = apps.get_model("contacts", "Tie")
    for row in document["ties"]:
        a, b = sorted((ids[row["a"]], ids[row["b"]]))
        Tie.objects.create(owner=user, a_id=a, b_id=b, kind=row["kind"])
    Encounter = apps.get_model("encounters", "Encounter")
    Participant = apps.get_model("encounters", "EncounterParticipant")
    participants = 0
    for row in document["encounters"]:
        encounter = Encounter.objects.create(
            owner=user,
            occurred_on=datetime.date.fromisoformat(row["occurred_on"]),
            kind=row["kind"],
            planned=row["planned"],
            notes=row["notes"] or "",
            learned=row["learned"] or "",
        )
        for ref in row["participants"]:
            Participant.objects.create(encounter=encounter, contact_id=ids[ref])
            participants += 1
    Introduction = apps.get_model("contacts", "Introduction")
    for row in document["introductions"]:
        Introduction.objects.create(
            owner=user,
            a_id=ids[row["a"]],
            b_id=ids[row["b"]],
            made_on=datetime.date.fromisoformat(row["made_on"]),
            reason=row["reason"],
            status=row["status"],
            outcome=row["outcome"],
        )
    ImportJob = apps.get_model("contacts", "ImportJob")
    ImportJob.objects.create(owner=user, format="vcard", filename="phone.vcf", status="done")
    ImportJob.objects.create(owner=user, format="google", filename="g.csv", payload=[{"name": "X"}])
    return {
        "contacts": len(document["contacts"]),
        "attributes": sum(len(row["attributes"]) for row in document["contacts"]),
        "ties": len(document["ties"]),
        "encounters": len(document["encounters"]),
        "participants": participants,
        "introductions": len(document["introductions"]),
    }


@pytest.mark.django_db(transaction=True)
def test_a_demo_database_migrates_from_the_old_layout_without_losing_a_row():
    executor = MigrationExecutor(connection)
    executor.migrate(OLD_LAYOUT)
    old_apps = executor.loader.project_state(
        [target for target in OLD_LAYOUT if target[1] is not None]
    ).apps
    written = _fill_with_the_demo(old_apps)

    call_command("migrate", verbosity=0)

    user = User.objects.get(username="olddemo")
    assert Contact.objects.for_user(user).count() == written["contacts"]
    assert ContactAttribute.objects.for_user(user).count() == written["attributes"]
    assert Tie.objects.for_user(user).count() == written["ties"]
    assert Encounter.objects.for_user(user).count() == written["encounters"]
    assert EncounterParticipant.objects.for_user(user).count() == written["participants"]
    assert Introduction.objects.for_user(user).count() == written["introductions"]
    jobs = list(ImportJob.objects.for_user(user).order_by("pk"))
    assert [(job.filename, job.status) for job in jobs] == [
        ("phone.vcf", "done"),
        ("g.csv", "preview"),
    ]
    assert jobs[1].payload == [{"name": "X"}]
