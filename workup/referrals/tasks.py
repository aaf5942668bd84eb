"""Celery tasks of the referral pipeline: they take ids, call one pipeline step, and are safe to run twice.

Published only through workup.referrals.broker, by the names it holds; beat runs the sweeper by name too.
"""

from __future__ import annotations

from celery import shared_task

from workup.idempotency import forget_expired_keys
from workup.referrals import broker, pipeline
from workup.referrals.transports import TransientDeliveryError


@shared_task(name=broker.RENDER_TASK, ignore_result=True)
def render_referral(referral_id: int) -> None:
    """Render a referral's PDF; a message for a referral already claimed does nothing."""
    pipeline.render(referral_id=referral_id)


@shared_task(
    name=broker.DELIVER_TASK,
    ignore_result=True,
    autoretry_for=(TransientDeliveryError,),
    retry_backoff=5,
    retry_backoff_max=600,
    retry_jitter=True,
    max_retries=20,
)
def deliver_referral(referral_id: int) -> None:
    """Deliver a ready referral; transient errors retry with backoff (up to the cap), never re-rendering."""
    pipeline.deliver(referral_id=referral_id)


@shared_task(name=broker.SWEEP_TASK, ignore_result=True)
def sweep_referrals() -> dict:
    """Re-send referrals stuck past their deadline (lost message, dead worker, Redis down); drop old keys."""
    return {**pipeline.sweep(), "expired_idempotency_keys": forget_expired_keys()}
