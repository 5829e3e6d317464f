# ImportJob now belongs to the exchange app (exchange 0001 takes it over with the same table);
# contacts only forgets it. No table is dropped and no row moves.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("contacts", "0006_importjob_owner"),
        ("exchange", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="ImportJob")],
            database_operations=[],
        ),
    ]
