"""AuditEvent, moved here from workup (workup/migrations/0004): the existing table is adopted as is.

Only Django's model state is created; the table workup_auditevent, its rows and its append-only
trigger stay. The content type follows the model, so the permissions already granted
(view_auditevent for practice staff) and the admin's history keep pointing at it.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def content_type_to_core(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.using(schema_editor.connection.alias).filter(
        app_label="workup", model="auditevent"
    ).update(app_label="core")


def content_type_to_workup(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.using(schema_editor.connection.alias).filter(
        app_label="core", model="auditevent"
    ).update(app_label="workup")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("clinic", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("workup", "0004_auditevent_moves_to_core"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="AuditEvent",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("at", models.DateTimeField(auto_now_add=True, db_index=True)),
                        ("action", models.CharField(max_length=40)),
                        ("object_type", models.CharField(max_length=40)),
                        ("object_id", models.CharField(max_length=64)),
                        ("remote_address", models.GenericIPAddressField(blank=True, null=True)),
                        ("channel", models.CharField(blank=True, max_length=20)),
                        ("actor", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, to=settings.AUTH_USER_MODEL)),
                        ("practice", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, to="clinic.practice")),
                    ],
                    options={
                        "ordering": ["-at", "-id"],
                        "db_table": "workup_auditevent",
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(content_type_to_core, content_type_to_workup),
    ]
