"""One spelling per dimension value: "Banking", "banking" and "Banking " stored before become one."""

from django.db import migrations

from contacts.values import merge_spellings


def merge(apps, schema_editor):
    merge_spellings(apps.get_model("contacts", "ContactAttribute").objects.all())


class Migration(migrations.Migration):
    dependencies = [("contacts", "0010_network_change")]

    operations = [migrations.RunPython(merge, migrations.RunPython.noop)]
