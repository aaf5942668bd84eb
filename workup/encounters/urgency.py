"""The urgency tiers as model choices, shared by encounters and the referrals made from them."""

from django.db import models

from workup.pathways import vocabulary

# Highest first, the order a clinician reads them in; codes and words from the one vocabulary.
Urgency = models.TextChoices("Urgency", vocabulary.enum_members(dict(vocabulary.tier_choices())))
