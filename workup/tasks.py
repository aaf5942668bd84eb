"""Celery tasks outside the referral pipeline (that one is workup/referrals/tasks.py)."""

from __future__ import annotations

import uuid

from celery import shared_task

from workup import pipeline_check


@shared_task(name="workup.pipeline_check")
def pipeline_check_task(check_id: str) -> dict:
    """Render the pipeline self-check PDF for check_id into private storage."""
    return pipeline_check.render_check_pdf(check_id=uuid.UUID(check_id))
