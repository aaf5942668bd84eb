"""The urgency tiers as model choices, shared by encounters and the referrals made from them."""

from django.db import models


class Urgency(models.TextChoices):
    EMERGENCY = "emergency", "Emergency — same day"
    URGENT = "urgent", "Urgent — within 2 weeks"
    ROUTINE = "routine", "Routine"
    CONSERVATIVE = "conservative", "Conservative — manage in primary care"
