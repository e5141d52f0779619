"""On PostgreSQL the database itself refuses to change or delete a row of the evidence trail;
on SQLite the model layer is the guard (AppendOnlyModel), as for the processing log."""

from django.db import migrations

TABLE = "isms_evidenceevent"

FUNCTION = """
CREATE OR REPLACE FUNCTION regie_isms_evidence_trail_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'the evidence trail is append-only: % on % is refused', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END
$$ LANGUAGE plpgsql;
"""


def create_trigger(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(FUNCTION, params=None)
    schema_editor.execute(
        f"CREATE TRIGGER {TABLE}_append_only BEFORE UPDATE OR DELETE ON {TABLE} "
        "FOR EACH ROW EXECUTE FUNCTION regie_isms_evidence_trail_append_only()"
    )


def drop_trigger(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP TRIGGER IF EXISTS {TABLE}_append_only ON {TABLE}")
    schema_editor.execute("DROP FUNCTION IF EXISTS regie_isms_evidence_trail_append_only()")


class Migration(migrations.Migration):
    dependencies = [("isms", "0002_evidence_files")]

    operations = [migrations.RunPython(create_trigger, drop_trigger)]
