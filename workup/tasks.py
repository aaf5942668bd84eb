"""Celery tasks: they take opaque ids, call a service, and are safe to run twice."""

from __future__ import annotations

import uuid

from celery import shared_task

from workup import pipeline_check, referral_pipeline


@shared_task(name="workup.pipeline_check")
def pipeline_check_task(check_id: str) -> dict:
    """Render the pipeline self-check PDF for check_id into private storage."""
    return pipeline_check.render_check_pdf(check_id=uuid.UUID(check_id))


@shared_task(name="workup.render_referral", ignore_result=True)
def render_referral(referral_id: int) -> None:
    """Render a referral's PDF; a message for a referral already claimed does nothing."""
    referral_pipeline.render(referral_id=referral_id)


@shared_task(
    name="workup.deliver_referral",
    ignore_result=True,
    autoretry_for=(referral_pipeline.TransientDeliveryError,),
    retry_backoff=5,
    retry_backoff_max=600,
    retry_jitter=True,
    max_retries=20,
)
def deliver_referral(referral_id: int) -> None:
    """Email a ready referral; transient mail errors retry with backoff, never re-rendering."""
    referral_pipeline.deliver(referral_id=referral_id)


@shared_task(name="workup.sweep_referrals", ignore_result=True)
def sweep_referrals() -> dict:
    """Re-send referrals stuck past their deadline (lost message, dead worker, Redis outage)."""
    return referral_pipeline.sweep()
