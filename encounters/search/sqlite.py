"""The Python functions SQLite's search needs, registered on every SQLite connection.

PostgreSQL has unaccent, Snowball stemmers and pg_trgm; SQLite gets the same steps from text.py:
weitblick_fold() (accents and case), weitblick_index() (the stems a full-text row holds; the
triggers in schema.py call it) and weitblick_name_similarity() (trigrams, for near misses).
"""

from typing import Any

from django.db import connections
from django.db.backends.signals import connection_created

from . import schema
from .text import fold, indexed_text, name_similarity


def _fold(text: str | None) -> str | None:
    return None if text is None else fold(text)


def _index(language: str | None, *parts: str | None) -> str:
    return indexed_text(language or "en", *parts)


def register_functions(sender: Any, connection: Any, **kwargs: Any) -> None:
    """connection_created receiver: teach a new SQLite connection the search functions."""
    if connection.vendor != "sqlite":
        return
    raw = connection.connection
    raw.create_function("weitblick_fold", 1, _fold, deterministic=True)
    raw.create_function("weitblick_index", -1, _index, deterministic=True)
    raw.create_function("weitblick_name_similarity", 2, name_similarity, deterministic=True)


def connect() -> None:
    connection_created.connect(register_functions, dispatch_uid="weitblick-search-functions")
    # A connection opened before the app was ready (the first one of a management command) too.
    for connection in connections.all(initialized_only=True):
        if connection.connection is not None:
            register_functions(None, connection)


def reindex_account(owner_id: int, using: str = "default") -> None:
    """Fill one account's full-text rows again: on SQLite their stems follow the account's
    language, so a change of language re-stems them. PostgreSQL needs nothing: it keeps an
    index per language."""
    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        for statement in schema.sqlite_fill(owner_id):
            cursor.execute(statement)


def remember_language(sender: Any, instance: Any, **kwargs: Any) -> None:
    """pre_save of the account: note the language it had, to re-stem its rows if it changes."""
    if instance.pk is None or connections["default"].vendor != "sqlite":
        return
    update_fields = kwargs.get("update_fields")
    if update_fields is not None and "language" not in update_fields:
        return
    instance._language_before = (
        sender.objects.filter(pk=instance.pk).values_list("language", flat=True).first()
    )


def language_changed(sender: Any, instance: Any, created: bool, **kwargs: Any) -> None:
    """post_save of the account: a new language re-stems its full-text rows on SQLite."""
    before = getattr(instance, "_language_before", None)
    if not created and before is not None and before != instance.language:
        reindex_account(instance.pk)
    instance._language_before = None


def restore_triggers(sender: Any, using: str = "default", **kwargs: Any) -> None:
    """post_migrate receiver: a migration that rebuilt a searched table on SQLite dropped its
    search triggers; put them back and refill what was written meanwhile."""
    connection = connections[using]
    if connection.vendor == "sqlite":
        # The connection's functions (weitblick_index …) are registered when it opens.
        schema.ensure_sqlite_triggers(connection)
