"""A referral accepted with 202 is delivered exactly once, even if the worker is killed
mid-render or Redis is down when it is requested (spec §7).

The sweeper runs in the test process (as beat would run it), with short deadlines
both here and in the worker's environment.
"""

from __future__ import annotations

import time

import pytest

from tests.conftest import WorkerProcess
from tests.integration.referral_support import (
    SLOW_RENDER_APP,
    RedisServer,
    celery_broker,
    referral_status,
    signed_referral,
    wait_for,
)
from workup import demo_cases
from workup.models import Referral
from workup.referrals import pipeline

pytestmark = pytest.mark.integration
Status = Referral.Status
STALE_SECONDS = 2
SHORT_DEADLINES = {
    "REFERRAL_QUEUED_STALE_SECONDS": str(STALE_SECONDS),
    "REFERRAL_RENDER_STALE_SECONDS": str(STALE_SECONDS),
    "REFERRAL_READY_STALE_SECONDS": str(STALE_SECONDS),
}


@pytest.fixture
def short_deadlines(settings):
    for name, value in SHORT_DEADLINES.items():
        setattr(settings, name, int(value))


@pytest.fixture
def environment(worker_environment, smtp_sink, short_deadlines) -> dict[str, str]:
    return {**worker_environment, **smtp_sink.worker_environment(), **SHORT_DEADLINES}


def sweep_until_settled(referral, *, seconds: float) -> Referral:
    """Run the sweeper every second, as beat would, until the referral is sent or failed."""

    def settled() -> bool:
        pipeline.sweep()
        return referral_status(referral) in (Status.SENT, Status.FAILED)

    wait_for(settled, seconds=seconds, every=1, what="the sweeper to get the referral delivered")
    referral.refresh_from_db()
    return referral


def test_a_worker_killed_mid_render_is_taken_over_and_the_referral_delivered_once(
    environment, smtp_sink, tmp_path, forget_unacknowledged_messages, gp_a, patient_a, services
):
    doomed = WorkerProcess(
        {**environment, "WORKUP_TEST_RENDER_DELAY_SECONDS": "60"},
        tmp_path / "doomed-worker.log",
        name="referral-doomed",
        app=SLOW_RENDER_APP,
    )
    doomed.start()
    referral = signed_referral(clinician=gp_a, patient=patient_a, answers=demo_cases.L5_FOOT_DROP.answers)
    wait_for(lambda: referral_status(referral) == Status.RENDERING, seconds=30, what="the render to start")
    doomed.kill()
    assert referral_status(referral) == Status.RENDERING

    replacement = WorkerProcess(environment, tmp_path / "replacement-worker.log", name="referral-replacement")
    replacement.start()
    try:
        referral = sweep_until_settled(referral, seconds=60)
    finally:
        replacement.stop()

    assert referral.status == Status.SENT
    assert referral.attempts == 2
    assert len(smtp_sink.accepted) == 1


def test_a_referral_requested_while_redis_is_down_is_delivered_once_redis_is_back(
    environment, smtp_sink, tmp_path, settings, gp_a, patient_a, services
):
    own_redis = RedisServer(tmp_path / "redis.log")
    own_redis.start()
    settings.CACHES = {"default": {**settings.CACHES["default"], "LOCATION": own_redis.url}}
    worker = WorkerProcess({**environment, "REDIS_URL": own_redis.url}, tmp_path / "worker.log", "outage")
    try:
        with celery_broker(own_redis.url):
            worker.start()
            own_redis.stop()

            started = time.monotonic()
            referral = signed_referral(
                clinician=gp_a, patient=patient_a, answers=demo_cases.L5_FOOT_DROP.answers
            )
            request_seconds = time.monotonic() - started
            assert referral_status(referral) == Status.QUEUED

            own_redis.start()
            referral = sweep_until_settled(referral, seconds=90)
            worker.stop()
    finally:
        worker.stop()
        own_redis.stop()

    assert request_seconds < 3
    assert referral.status == Status.SENT
    assert referral.attempts == 1
    assert len(smtp_sink.accepted) == 1
