"""Per-contact summaries for gone quiet (ContactSummary), kept by PostgreSQL triggers on the
participant rows and filled here for every contact (encounters/summaries.py)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from encounters import summaries


def create(apps, schema_editor):
    summaries.create(schema_editor)


def drop(apps, schema_editor):
    summaries.drop(schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("contacts", "0011_merge_dimension_value_spellings"),
        ("encounters", "0008_participant_copies_of_owner_date_in_person"),
    ]

    operations = [
        migrations.CreateModel(
            name="ContactSummary",
            fields=[
                (
                    "contact",
                    models.OneToOneField(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        primary_key=True,
                        related_name="quiet_summary",
                        serialize=False,
                        to="contacts.contact",
                    ),
                ),
                (
                    "owner",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                ("day_count", models.PositiveIntegerField()),
                ("last_day", models.DateField()),
                ("last_in_person", models.DateField(null=True)),
                ("last_remote", models.DateField(null=True)),
                ("median_gap", models.FloatField(null=True)),
                ("in_person_decayed", models.FloatField()),
                ("remote_decayed", models.FloatField()),
            ],
            options={
                "verbose_name": "contact summary",
                "verbose_name_plural": "contact summaries",
            },
        ),
        migrations.RunPython(create, drop),
    ]
