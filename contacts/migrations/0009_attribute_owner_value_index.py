"""The contact list's filters read one owner's distinct attribute values from an index."""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('contacts', '0008_introduction_ask_first_and_about'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name='contactattribute',
            index=models.Index(fields=['owner', 'value', 'dimension'], name='attribute_owner_value'),
        ),
    ]
