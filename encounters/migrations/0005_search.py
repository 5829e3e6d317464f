"""Search: PostgreSQL's text search configurations and indexes, or SQLite's FTS5 tables and
triggers (encounters/search/schema.py has both)."""

from django.db import migrations

from encounters.search import schema


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema.run(schema_editor, schema.postgresql_create)
    elif schema_editor.connection.vendor == "sqlite":
        schema.run(schema_editor, schema.sqlite_create)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema.run(schema_editor, schema.postgresql_drop)
    elif schema_editor.connection.vendor == "sqlite":
        schema.run(schema_editor, schema.sqlite_drop)


class Migration(migrations.Migration):
    dependencies = [
        ("crm", "0001_initial"),
        ("contacts", "0008_introduction_ask_first_and_about"),
        ("encounters", "0004_snooze_and_plan"),
    ]

    operations = [migrations.RunPython(create, drop)]
