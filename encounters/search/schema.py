"""What is searched, and the database objects that make it fast, for PostgreSQL and for SQLite.

PostgreSQL: one GIN expression index per table and language over the same to_tsvector()
expression the search uses (text search configurations weitblick_english and weitblick_german:
the Snowball stemmers behind unaccent), and a trigram index on folded names (pg_trgm) for
names that contain what was typed or come near it.
SQLite: one FTS5 table per searched table holding each row's stems (folded and stemmed in Python,
see text.py), kept in step by triggers, so every way of writing a row (the forms, an import, the
API, a bulk insert) is searched at once.

Changing a document below changes what the indexes must hold: do it in a new migration that
drops and recreates them (encounters/migrations/0005_search.py shows how).
"""

from collections.abc import Callable
from typing import Any

# Searched table -> its text columns (all NOT NULL), in the order they are indexed.
DOCUMENTS: dict[str, tuple[str, ...]] = {
    "contacts_contact": (
        "name",
        "organisation",
        "role",
        "email",
        "city",
        "country",
        "notes",
        "how_we_met",
    ),
    "contacts_contactattribute": ("value",),
    "encounters_encounter": ("location", "notes", "learned"),
    "contacts_introduction": ("reason", "outcome_note"),
}
# PostgreSQL's configuration per language of the account ("en", "de").
CONFIGS = {"en": "weitblick_english", "de": "weitblick_german"}
SNOWBALL = {"weitblick_english": "english", "weitblick_german": "german"}
# SQLite's full-text table per searched table (attribute values go into their contact's row).
FTS_TABLES = {
    "contacts_contact": "search_contact",
    "encounters_encounter": "search_encounter",
    "contacts_introduction": "search_introduction",
}


def pg_document(table: str, config: str, alias: str = "") -> str:
    """The to_tsvector() expression of a table's row, the same in the index and in the query."""
    prefix = f"{alias}." if alias else ""
    text = " || ' ' || ".join(f'{prefix}"{column}"' for column in DOCUMENTS[table])
    return f"to_tsvector('{config}'::regconfig, {text})"


def postgresql_create() -> list[str]:
    statements = [
        "CREATE EXTENSION IF NOT EXISTS unaccent",
        "CREATE EXTENSION IF NOT EXISTS pg_trgm",
        # Immutable, so that an index may use it (unaccent() itself is only stable).
        "CREATE OR REPLACE FUNCTION weitblick_fold(text) RETURNS text "
        "LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT "
        "AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, $1)) $$",
    ]
    for config, language in SNOWBALL.items():
        # A Snowball dictionary without stop words, as SQLite's index has none either: the same
        # query then finds the same rows on both.
        statements += [
            f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {config}",
            f"DROP TEXT SEARCH DICTIONARY IF EXISTS {config}_stem",
            f"CREATE TEXT SEARCH DICTIONARY {config}_stem "
            f"(TEMPLATE = snowball, Language = {language})",
            f"CREATE TEXT SEARCH CONFIGURATION {config} (COPY = simple)",
            f"ALTER TEXT SEARCH CONFIGURATION {config} ALTER MAPPING FOR "
            "asciiword, asciihword, hword_asciipart, word, hword, hword_part, numword, "
            f"numhword, hword_numpart WITH unaccent, {config}_stem",
        ]
    for table in DOCUMENTS:
        for config in SNOWBALL:
            statements.append(
                f"CREATE INDEX {table}_{config} ON {table} USING gin ({pg_document(table, config)})"
            )
    # Names by trigrams: serves LIKE '%…%' on folded names and the near-miss operator <<%.
    statements.append(
        "CREATE INDEX contacts_contact_name_trgm ON contacts_contact "
        "USING gin (weitblick_fold(name) gin_trgm_ops)"
    )
    return statements


def postgresql_drop() -> list[str]:
    statements = ["DROP INDEX IF EXISTS contacts_contact_name_trgm"]
    for table in DOCUMENTS:
        statements += [f"DROP INDEX IF EXISTS {table}_{config}" for config in SNOWBALL]
    for config in SNOWBALL:
        statements += [
            f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {config}",
            f"DROP TEXT SEARCH DICTIONARY IF EXISTS {config}_stem",
        ]
    statements.append("DROP FUNCTION IF EXISTS weitblick_fold(text)")
    return statements


def _language(owner: str) -> str:
    return f"(SELECT language FROM crm_user WHERE id = {owner})"


def _contact_row(contact_id: str) -> str:
    """INSERT of one contact's full-text row: its columns and its attribute values."""
    columns = ", ".join(f"c.{column}" for column in DOCUMENTS["contacts_contact"])
    return (
        "INSERT INTO search_contact(rowid, owner_id, body) "
        f"SELECT c.id, c.owner_id, weitblick_index({_language('c.owner_id')}, {columns}, "
        "(SELECT group_concat(value, ' ') FROM contacts_contactattribute a "
        "WHERE a.contact_id = c.id)) "
        f"FROM contacts_contact c WHERE c.id = {contact_id};"
    )


def _row(table: str, row: str) -> str:
    """INSERT of one encounter's or introduction's full-text row."""
    columns = ", ".join(f"{row}.{column}" for column in DOCUMENTS[table])
    return (
        f"INSERT INTO {FTS_TABLES[table]}(rowid, owner_id, body) "
        f"VALUES ({row}.id, {row}.owner_id, "
        f"weitblick_index({_language(f'{row}.owner_id')}, {columns}));"
    )


def sqlite_create() -> list[str]:
    statements = [
        f"CREATE VIRTUAL TABLE {fts} USING fts5(owner_id UNINDEXED, body)"
        for fts in FTS_TABLES.values()
    ]
    return statements + sqlite_triggers() + sqlite_fill()


def sqlite_triggers() -> list[str]:
    """The triggers that keep the full-text rows in step; safe to run when some already exist.

    SQLite cannot alter a table in place: a migration that adds or changes a column of a searched
    table copies it into a new one and drops the old, and its triggers go with it.
    ensure_sqlite_triggers() puts them back after every migrate.
    """
    # Contacts, with their attribute values.
    statements = [
        "CREATE TRIGGER search_contact_insert AFTER INSERT ON contacts_contact BEGIN "
        + _contact_row("NEW.id")
        + " END",
        "CREATE TRIGGER search_contact_update AFTER UPDATE ON contacts_contact BEGIN "
        "DELETE FROM search_contact WHERE rowid = OLD.id; " + _contact_row("NEW.id") + " END",
        "CREATE TRIGGER search_contact_delete AFTER DELETE ON contacts_contact BEGIN "
        "DELETE FROM search_contact WHERE rowid = OLD.id; END",
    ]
    for event, ref in (("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD")):
        refresh = f"DELETE FROM search_contact WHERE rowid = {ref}.contact_id; " + _contact_row(
            f"{ref}.contact_id"
        )
        if event == "UPDATE":
            refresh = (
                "DELETE FROM search_contact WHERE rowid = OLD.contact_id; "
                + _contact_row("OLD.contact_id")
                + " "
                + refresh
            )
        statements.append(
            f"CREATE TRIGGER search_attribute_{event.lower()} AFTER {event} "
            f"ON contacts_contactattribute BEGIN {refresh} END"
        )
    for table in ("encounters_encounter", "contacts_introduction"):
        fts = FTS_TABLES[table]
        statements += [
            f"CREATE TRIGGER {fts}_insert AFTER INSERT ON {table} BEGIN {_row(table, 'NEW')} END",
            f"CREATE TRIGGER {fts}_update AFTER UPDATE ON {table} BEGIN "
            f"DELETE FROM {fts} WHERE rowid = OLD.id; {_row(table, 'NEW')} END",
            f"CREATE TRIGGER {fts}_delete AFTER DELETE ON {table} BEGIN "
            f"DELETE FROM {fts} WHERE rowid = OLD.id; END",
        ]
    return [
        statement.replace("CREATE TRIGGER ", "CREATE TRIGGER IF NOT EXISTS ", 1)
        for statement in statements
    ]


def sqlite_trigger_names() -> list[str]:
    return [
        "search_contact_insert",
        "search_contact_update",
        "search_contact_delete",
        "search_attribute_insert",
        "search_attribute_update",
        "search_attribute_delete",
    ] + [
        f"{fts}_{event}"
        for fts in ("search_encounter", "search_introduction")
        for event in ("insert", "update", "delete")
    ]


def ensure_sqlite_triggers(connection: Any) -> bool:
    """Recreate the search triggers a migration dropped, and refill the full-text rows it missed.

    Returns whether anything was missing. Does nothing before the search migration has run.
    """
    with connection.cursor() as cursor:
        cursor.execute("SELECT type, name FROM sqlite_master WHERE type IN ('table', 'trigger')")
        present = {(kind, name) for kind, name in cursor.fetchall()}
        if not all(("table", fts) in present for fts in FTS_TABLES.values()):
            return False
        if all(("trigger", name) in present for name in sqlite_trigger_names()):
            return False
        for statement in sqlite_triggers() + sqlite_fill():
            cursor.execute(statement)
    return True


def sqlite_fill(owner_id: int | None = None) -> list[str]:
    """(Re)fill the full-text tables, for everyone or for one account (after a language change)."""
    where = "" if owner_id is None else f" WHERE owner_id = {int(owner_id)}"
    statements = [f"DELETE FROM {fts}{where}" for fts in FTS_TABLES.values()]
    contact_columns = ", ".join(f"c.{column}" for column in DOCUMENTS["contacts_contact"])
    statements.append(
        "INSERT INTO search_contact(rowid, owner_id, body) "
        f"SELECT c.id, c.owner_id, weitblick_index({_language('c.owner_id')}, {contact_columns}, "
        "(SELECT group_concat(value, ' ') FROM contacts_contactattribute a "
        "WHERE a.contact_id = c.id)) "
        f"FROM contacts_contact c{where.replace('owner_id', 'c.owner_id')}"
    )
    for table in ("encounters_encounter", "contacts_introduction"):
        columns = ", ".join(f"t.{column}" for column in DOCUMENTS[table])
        statements.append(
            f"INSERT INTO {FTS_TABLES[table]}(rowid, owner_id, body) "
            f"SELECT t.id, t.owner_id, weitblick_index({_language('t.owner_id')}, {columns}) "
            f"FROM {table} t{where.replace('owner_id', 't.owner_id')}"
        )
    return statements


def sqlite_drop() -> list[str]:
    return [f"DROP TRIGGER IF EXISTS {name}" for name in sqlite_trigger_names()] + [
        f"DROP TABLE IF EXISTS {fts}" for fts in FTS_TABLES.values()
    ]


def run(schema_editor: Any, statements: Callable[[], list[str]]) -> None:
    for statement in statements():
        schema_editor.execute(statement)
