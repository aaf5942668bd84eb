"""The audit trail names the patient and the user agent; actions are an enum; indexes for browsing
by practice, patient and user over time (each starts with its key, so the keys lose their own index)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('clinic', '0001_initial'),
        ('core', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='auditevent',
            name='patient',
            field=models.ForeignKey(blank=True, db_index=False, help_text='The patient whose data was read or changed.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='audit_events', to='clinic.patient'),
        ),
        migrations.AddField(
            model_name='auditevent',
            name='user_agent',
            field=models.CharField(blank=True, max_length=300),
        ),
        migrations.AlterField(
            model_name='auditevent',
            name='action',
            field=models.CharField(choices=[('view', 'Viewed'), ('list', 'Listed'), ('download', 'Downloaded the PDF'), ('create', 'Created'), ('update', 'Changed'), ('sign', 'Signed'), ('addendum', 'Added an addendum'), ('refer', 'Referred'), ('send', 'Sent to the service'), ('retry', 'Retried')], max_length=40),
        ),
        migrations.AlterField(
            model_name='auditevent',
            name='actor',
            field=models.ForeignKey(blank=True, db_index=False, null=True, on_delete=django.db.models.deletion.PROTECT, to=settings.AUTH_USER_MODEL),
        ),
        migrations.AlterField(
            model_name='auditevent',
            name='practice',
            field=models.ForeignKey(blank=True, db_index=False, null=True, on_delete=django.db.models.deletion.PROTECT, to='clinic.practice'),
        ),
        migrations.AddIndex(
            model_name='auditevent',
            index=models.Index(fields=['practice', '-at'], name='audit_by_practice_idx'),
        ),
        migrations.AddIndex(
            model_name='auditevent',
            index=models.Index(fields=['patient', '-at'], name='audit_by_patient_idx'),
        ),
        migrations.AddIndex(
            model_name='auditevent',
            index=models.Index(fields=['actor', '-at'], name='audit_by_actor_idx'),
        ),
    ]
