# ImportJob moved here from contacts/ (contacts 0005 and 0006 created its table). Only Django's
# picture of the models changes: the table contacts_importjob and its rows stay where they are.

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("contacts", "0006_importjob_owner"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ImportJob",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("status", models.CharField(choices=[("preview", "waiting for confirmation"), ("queued", "queued"), ("running", "importing"), ("done", "done"), ("failed", "failed"), ("cancelled", "cancelled")], default="preview", max_length=16, verbose_name="status")),
                        ("format", models.CharField(max_length=16, verbose_name="format")),
                        ("filename", models.CharField(blank=True, max_length=255, verbose_name="file")),
                        ("created_at", models.DateTimeField(default=django.utils.timezone.now, verbose_name="created")),
                        ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated")),
                        ("total", models.PositiveIntegerField(default=0, verbose_name="records")),
                        ("processed", models.PositiveIntegerField(default=0, verbose_name="processed")),
                        ("payload", models.JSONField(blank=True, default=list, verbose_name="parsed records")),
                        ("summary", models.JSONField(blank=True, default=dict, verbose_name="summary")),
                        ("error", models.TextField(blank=True, verbose_name="error")),
                        ("owner", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+", to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        "verbose_name": "import",
                        "verbose_name_plural": "imports",
                        "ordering": ["-created_at", "-id"],
                        "db_table": "contacts_importjob",
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
