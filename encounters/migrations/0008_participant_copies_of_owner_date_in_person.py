"""Participant rows get copies of their encounter's owner, date and in_person, filled here, and a
covering index for one user's per-contact aggregates (gone quiet, the digest, the network); the
encounters' owner-and-date index covers kind and planned for the counts per period."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def fill(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        # One pass with a join: a million rows in seconds, where a subquery per column takes minutes.
        schema_editor.execute(
            "UPDATE encounters_encounterparticipant AS p"
            " SET owner_id = e.owner_id, occurred_on = e.occurred_on, in_person = e.in_person"
            " FROM encounters_encounter AS e WHERE e.id = p.encounter_id"
        )
        return
    Encounter = apps.get_model("encounters", "Encounter")
    EncounterParticipant = apps.get_model("encounters", "EncounterParticipant")
    encounter = Encounter.objects.filter(pk=OuterRef("encounter_id"))
    EncounterParticipant.objects.update(
        owner_id=Subquery(encounter.values("owner_id")),
        occurred_on=Subquery(encounter.values("occurred_on")),
        in_person=Subquery(encounter.values("in_person")),
    )


class Migration(migrations.Migration):
    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("encounters", "0007_digest_leases_and_retries"),
    ]

    operations = [
        migrations.AddField(
            model_name="encounterparticipant",
            name="owner",
            field=models.ForeignKey(
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="encounterparticipant",
            name="occurred_on",
            field=models.DateField(null=True, verbose_name="date"),
        ),
        migrations.AddField(
            model_name="encounterparticipant",
            name="in_person",
            field=models.BooleanField(null=True, verbose_name="in person"),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=True),
        migrations.AlterField(
            model_name="encounterparticipant",
            name="owner",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AlterField(
            model_name="encounterparticipant",
            name="occurred_on",
            field=models.DateField(verbose_name="date"),
        ),
        migrations.AlterField(
            model_name="encounterparticipant",
            name="in_person",
            field=models.BooleanField(verbose_name="in person"),
        ),
        migrations.RemoveIndex(model_name="encounter", name="encounter_owner_date"),
        migrations.AddIndex(
            model_name="encounter",
            index=models.Index(
                fields=["owner", "occurred_on"],
                include=("kind", "planned"),
                name="encounter_owner_date_kind",
            ),
        ),
        migrations.AddIndex(
            model_name="encounterparticipant",
            index=models.Index(
                fields=["owner", "contact", "occurred_on", "in_person"],
                name="participant_owner_contact",
            ),
        ),
    ]
