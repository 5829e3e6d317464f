"""The per-contact summaries gone quiet reads (ContactSummary), kept by PostgreSQL triggers.

Three statement triggers on the participant rows (insert, update, delete) recompute the summary of
every contact the statement touched, from all of that contact's rows, and a fourth empties the
summaries when the rows are truncated (the test database's flush). Recomputing instead of adding
and subtracting keeps the summary exact whatever the write: the quick log, an edit of the date or
kind (the copies move), a delete, a merge moving rows to another contact, an import, raw SQL.

Two writers of the same contact are serialised by the summary row's lock, taken before the
recompute reads the rows; READ COMMITTED gives the recompute a new snapshot, so the second writer
sees the first one's rows. SQLite has no triggers for this and reads the rows themselves.
"""

from typing import Any

from .constants import HALF_LIFE_DAYS, STRENGTH_EPOCH

# 2 ** (days / half-life), the exponent clamped so PostgreSQL never overflows or underflows
# (it raises where Python would give inf or 0): only dates centuries away reach the clamp, and a
# contact with a day after `as_of` is summarised from its rows anyway (encounters.quiet).
DECAYED = (
    f"power(2.0::float8, LEAST(900.0, GREATEST(-900.0, "
    f"(occurred_on - DATE '{STRENGTH_EPOCH.isoformat()}') / {float(HALF_LIFE_DAYS)!r})))"
)

# The summaries of the participant rows matching `{where}`, one row per contact: what
# encounters.quiet.summarise makes of the same rows (a zero gap is a second encounter on a day).
SUMMARY_SELECT = f"""
SELECT contact_id,
       max(owner_id),
       count(*) FILTER (WHERE gap IS DISTINCT FROM 0),
       max(occurred_on),
       max(occurred_on) FILTER (WHERE in_person),
       max(occurred_on) FILTER (WHERE NOT in_person),
       percentile_cont(0.5) WITHIN GROUP (ORDER BY NULLIF(gap, 0)),
       coalesce(sum({DECAYED} ORDER BY occurred_on) FILTER (WHERE in_person), 0),
       coalesce(sum({DECAYED} ORDER BY occurred_on) FILTER (WHERE NOT in_person), 0)
FROM (
    SELECT contact_id, owner_id, occurred_on, in_person,
           occurred_on - lag(occurred_on) OVER (PARTITION BY contact_id ORDER BY occurred_on) AS gap
    FROM encounters_encounterparticipant
    WHERE {{where}}
) AS participations
GROUP BY contact_id
"""

COLUMNS = (
    "contact_id, owner_id, day_count, last_day, last_in_person, last_remote, median_gap,"
    " in_person_decayed, remote_decayed"
)
UPDATES = ", ".join(
    f"{column} = EXCLUDED.{column}" for column in COLUMNS.replace(" ", "").split(",")[1:]
)

POSTGRESQL_CREATE = [
    f"""
CREATE FUNCTION encounters_summarise(contact_ids bigint[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    -- A row for each contact to lock (placeholders are overwritten below), then the locks in
    -- id order: a second writer of the same contact waits here for the first one to commit.
    INSERT INTO encounters_contactsummary ({COLUMNS})
    SELECT id, 0, 0, DATE '{STRENGTH_EPOCH.isoformat()}', NULL, NULL, NULL, 0, 0
    FROM unnest(contact_ids) AS id ORDER BY id
    ON CONFLICT (contact_id) DO NOTHING;
    PERFORM 1 FROM encounters_contactsummary
    WHERE contact_id = ANY(contact_ids) ORDER BY contact_id FOR UPDATE;
    INSERT INTO encounters_contactsummary ({COLUMNS})
    {SUMMARY_SELECT.format(where="contact_id = ANY(contact_ids)")}
    ON CONFLICT (contact_id) DO UPDATE SET {UPDATES};
    -- Contacts left without participations: no summary, as if never met.
    DELETE FROM encounters_contactsummary AS s
    WHERE s.contact_id = ANY(contact_ids)
      AND NOT EXISTS (
          SELECT 1 FROM encounters_encounterparticipant AS p WHERE p.contact_id = s.contact_id
      );
END $$
""",
    """
CREATE FUNCTION encounters_summarise_new() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM encounters_summarise(ARRAY(SELECT DISTINCT contact_id FROM new_rows));
    RETURN NULL;
END $$
""",
    """
CREATE FUNCTION encounters_summarise_old() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM encounters_summarise(ARRAY(SELECT DISTINCT contact_id FROM old_rows));
    RETURN NULL;
END $$
""",
    """
CREATE FUNCTION encounters_summarise_moved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM encounters_summarise(ARRAY(
        SELECT contact_id FROM old_rows UNION SELECT contact_id FROM new_rows
    ));
    RETURN NULL;
END $$
""",
    """
CREATE FUNCTION encounters_summarise_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM encounters_contactsummary;
    RETURN NULL;
END $$
""",
    """
CREATE TRIGGER participant_summary_insert AFTER INSERT ON encounters_encounterparticipant
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION encounters_summarise_new()
""",
    """
CREATE TRIGGER participant_summary_update AFTER UPDATE ON encounters_encounterparticipant
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION encounters_summarise_moved()
""",
    """
CREATE TRIGGER participant_summary_delete AFTER DELETE ON encounters_encounterparticipant
REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION encounters_summarise_old()
""",
    """
CREATE TRIGGER participant_summary_truncate AFTER TRUNCATE ON encounters_encounterparticipant
FOR EACH STATEMENT EXECUTE FUNCTION encounters_summarise_truncated()
""",
]

POSTGRESQL_DROP = [
    "DROP TRIGGER IF EXISTS participant_summary_insert ON encounters_encounterparticipant",
    "DROP TRIGGER IF EXISTS participant_summary_update ON encounters_encounterparticipant",
    "DROP TRIGGER IF EXISTS participant_summary_delete ON encounters_encounterparticipant",
    "DROP TRIGGER IF EXISTS participant_summary_truncate ON encounters_encounterparticipant",
    "DROP FUNCTION IF EXISTS encounters_summarise_new()",
    "DROP FUNCTION IF EXISTS encounters_summarise_old()",
    "DROP FUNCTION IF EXISTS encounters_summarise_moved()",
    "DROP FUNCTION IF EXISTS encounters_summarise_truncated()",
    "DROP FUNCTION IF EXISTS encounters_summarise(bigint[])",
]

# Every contact's summary at once, set-based (the migration that creates the table fills it so).
POSTGRESQL_FILL = [
    "DELETE FROM encounters_contactsummary",
    f"INSERT INTO encounters_contactsummary ({COLUMNS}) {SUMMARY_SELECT.format(where='TRUE')}",
]


def create(schema_editor: Any) -> None:
    """The triggers and a summary of every contact, on PostgreSQL (nothing elsewhere)."""
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in POSTGRESQL_CREATE + POSTGRESQL_FILL:
        schema_editor.execute(statement)


def drop(schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in POSTGRESQL_DROP:
        schema_editor.execute(statement)
