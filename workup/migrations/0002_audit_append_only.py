"""Make the audit trail append-only in PostgreSQL: UPDATE and DELETE raise."""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION workup_audit_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'the audit trail is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER workup_auditevent_append_only
    BEFORE UPDATE OR DELETE ON workup_auditevent
    FOR EACH ROW EXECUTE FUNCTION workup_audit_append_only();
"""
DROP = """
DROP TRIGGER IF EXISTS workup_auditevent_append_only ON workup_auditevent;
DROP FUNCTION IF EXISTS workup_audit_append_only();
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("workup", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
