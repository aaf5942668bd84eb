"""Encounters: the urgency tiers and the one presentation of checklist answers (no views here)."""
