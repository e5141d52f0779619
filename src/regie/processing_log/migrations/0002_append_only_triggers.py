"""On PostgreSQL the database itself refuses to change the processing log. The one
exception: retention may delete a record's row inside a transaction that first says so
(`SET LOCAL regie.retention = 'on'`) and journals the deletion in PrunedRecord.

SQLite has no session settings and Django's test flush deletes rows there, so on SQLite the
model layer is the guard (AppendOnlyModel)."""

from django.db import migrations

TABLES = [
    "processing_log_processingrecord",
    "processing_log_logleaf",
    "processing_log_treenode",
    "processing_log_checkpoint",
    "processing_log_prunedrecord",
]

FUNCTION = """
CREATE OR REPLACE FUNCTION regie_processing_log_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE'
       AND TG_TABLE_NAME = 'processing_log_processingrecord'
       AND current_setting('regie.retention', true) = 'on' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'the processing log is append-only: % on % is refused', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END
$$ LANGUAGE plpgsql;
"""


def create_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(FUNCTION, params=None)
    for table in TABLES:
        schema_editor.execute(
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION regie_processing_log_append_only()"
        )


def drop_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
    schema_editor.execute("DROP FUNCTION IF EXISTS regie_processing_log_append_only()")


class Migration(migrations.Migration):
    dependencies = [("processing_log", "0001_initial")]

    operations = [migrations.RunPython(create_triggers, drop_triggers)]
