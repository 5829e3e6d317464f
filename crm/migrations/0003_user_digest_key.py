"""The random key that names an account in the digest's unsubscribe link, one per existing account."""

import secrets

from django.db import migrations, models

import crm.models


def give_each_account_a_key(apps, schema_editor):
    User = apps.get_model("crm", "User")
    for user in User.objects.filter(digest_key__isnull=True).only("pk"):
        User.objects.filter(pk=user.pk).update(digest_key=secrets.token_urlsafe(16))


class Migration(migrations.Migration):
    dependencies = [
        ("crm", "0002_invitations_and_dimensions_chosen"),
    ]

    operations = [
        migrations.AddField(
            model_name="user",
            name="digest_key",
            field=models.CharField(editable=False, max_length=32, null=True),
        ),
        migrations.RunPython(give_each_account_a_key, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="user",
            name="digest_key",
            field=models.CharField(
                default=crm.models.new_digest_key,
                editable=False,
                max_length=32,
                unique=True,
                verbose_name="digest link key",
            ),
        ),
    ]
