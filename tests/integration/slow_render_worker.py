"""The project's Celery app with every referral render slowed down, for integration tests.

A test starts a worker with `-A tests.integration.slow_render_worker` and
WORKUP_TEST_RENDER_DELAY_SECONDS set, so that it can kill the worker while a render
is certainly in progress. Production code carries no test hook for this.
"""

from __future__ import annotations

import os
import time

from celery.signals import worker_process_init

from config.celery import app

__all__ = ["app"]


@worker_process_init.connect
def _slow_down_rendering(**kwargs) -> None:
    from workup.referrals import pipeline

    delay = float(os.environ.get("WORKUP_TEST_RENDER_DELAY_SECONDS", "0"))
    render_pdf = pipeline.render_pdf

    def slow_render_pdf(html: str, **options):
        time.sleep(delay)
        return render_pdf(html, **options)

    pipeline.render_pdf = slow_render_pdf
