from django.db import migrations, models

# Frozen here: the statuses the constraint covers when this migration was written.
ACTIVE = ["queued", "ready", "rendering", "sent"]
PROGRESS = {"sent": 0, "ready": 1, "rendering": 2, "queued": 3}


def fail_duplicate_referrals(apps, schema_editor):
    """Before the constraint: keep one active referral per encounter and service, fail the others.

    The one kept is the furthest along (a sent one first), then the oldest. The others are marked
    failed with a reason naming the one kept, so nothing is deleted and a person can see them.
    """
    Referral = apps.get_model("workup", "Referral")
    groups: dict[tuple[int, int], list] = {}
    for referral in Referral.objects.filter(status__in=ACTIVE).order_by("created_at", "id"):
        groups.setdefault((referral.encounter_id, referral.service_id), []).append(referral)
    for referrals in groups.values():
        if len(referrals) < 2:
            continue
        kept = min(referrals, key=lambda referral: (PROGRESS[referral.status], referral.created_at, referral.id))
        for duplicate in referrals:
            if duplicate.pk == kept.pk:
                continue
            Referral.objects.filter(pk=duplicate.pk).update(
                status="failed",
                failed_at=models.functions.Now(),
                error=(
                    f"A duplicate of referral {kept.public_id} (it was {duplicate.status}): one active "
                    "referral per encounter and service."
                ),
            )


class Migration(migrations.Migration):
    dependencies = [
        ("clinic", "0001_initial"),
        ("workup", "0004_auditevent_moves_to_core"),
    ]

    operations = [
        migrations.AddField(
            model_name="referral",
            name="delivery_started_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="referral",
            name="uncertain_deliveries",
            field=models.PositiveIntegerField(default=0),
        ),
        migrations.RunPython(fail_duplicate_referrals, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="referral",
            constraint=models.UniqueConstraint(
                condition=models.Q(status__in=ACTIVE),
                fields=("encounter", "service"),
                name="one_active_referral_per_encounter_and_service",
            ),
        ),
    ]
