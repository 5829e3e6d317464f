"""SQLite keeps searching after a migration rebuilds a searched table.

SQLite cannot add a column in place: Django copies the table into a new one and drops the old,
and the full-text triggers go with it. The post_migrate hook puts them back and refills the rows.
"""

import pytest
from django.core.management import call_command
from django.db import connection

from encounters.search.engine import search
from encounters.search.schema import sqlite_trigger_names
from tests.factories import make_contact, make_encounter


def _triggers() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        return {name for (name,) in cursor.fetchall()}


@pytest.mark.django_db(transaction=True)
def test_a_rebuilt_table_gets_its_triggers_and_rows_back(user):
    if connection.vendor != "sqlite":  # PostgreSQL alters tables in place; nothing to restore
        assert not set(sqlite_trigger_names()) & _pg_trigger_names()
        return
    anna = make_contact(user, "Anna")
    with connection.cursor() as cursor:  # what a table rebuild does to the triggers
        for name in sqlite_trigger_names():
            cursor.execute(f"DROP TRIGGER {name}")
    make_encounter(user, [anna], notes="Talked about welding robots")  # written meanwhile
    assert not search(user, "welding").encounters

    call_command("migrate", verbosity=0)

    assert set(sqlite_trigger_names()) <= _triggers()
    assert [hit.encounter.notes for hit in search(user, "welding").encounters] == [
        "Talked about welding robots"
    ]
    make_encounter(user, [anna], notes="More welding")  # and the triggers work again
    assert len(search(user, "welding").encounters) == 2


def _pg_trigger_names() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT tgname FROM pg_trigger")
        return {name for (name,) in cursor.fetchall()}
