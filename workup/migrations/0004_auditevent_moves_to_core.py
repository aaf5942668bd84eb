"""AuditEvent moves to the core app (core/migrations/0001): only Django's model state changes here.

The table, its rows and its append-only trigger (0002) stay exactly as they are.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("workup", "0003_referral_delivery_attempts")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="AuditEvent")],
            database_operations=[],
        ),
    ]
