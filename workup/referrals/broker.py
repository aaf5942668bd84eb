"""The one door from referrals to Celery: publish a step's task for a referral id, trying once.

Tasks are addressed by their registered names, so this module needs no import of the task module
(which imports the pipeline, which publishes through here): the names below are the contract with
workup/referrals/tasks.py and config/settings.py's beat schedule.
"""

from __future__ import annotations

import functools
import logging

from celery import Task
from django.conf import settings

from config.celery import app

logger = logging.getLogger(__name__)

RENDER_TASK = "workup.render_referral"
DELIVER_TASK = "workup.deliver_referral"
SWEEP_TASK = "workup.sweep_referrals"

# A request must not wait on a dead or hung broker: one connection attempt, and every reply,
# bounded by REDIS_CONNECT_TIMEOUT_SECONDS and REDIS_TIMEOUT_SECONDS. kombu's default is to retry
# for broker_connection_timeout and more (about 6 s against a refused port, minutes against an
# unreachable host) and to wait for ever on a Redis that accepted the connection and hangs.


@functools.cache
def registered_task(name: str) -> Task:
    """The task registered under name, loading the task modules as a worker would."""
    if name not in app.tasks:
        app.loader.import_default_modules()
    return app.tasks[name]


def publish(task_name: str, referral_id: int) -> bool:
    """Send task_name(referral_id) to the broker, trying once; False if the broker is unreachable.

    Losing the message is safe: the row is the source of truth and the sweeper re-sends.
    """
    if app.conf.task_always_eager:
        registered_task(task_name).apply_async(args=[referral_id])
        return True
    connect_timeout = settings.REDIS_CONNECT_TIMEOUT_SECONDS
    try:
        with app.connection_for_write(
            connect_timeout=connect_timeout,
            transport_options={
                "socket_connect_timeout": connect_timeout,
                "socket_timeout": settings.REDIS_TIMEOUT_SECONDS,
                "retry_on_timeout": False,
            },
        ) as connection:
            connection.ensure_connection(max_retries=0, timeout=connect_timeout)
            # No result is kept for these tasks: without ignore_result the Redis result backend would
            # subscribe this process to a result channel per message.
            app.send_task(
                task_name, args=[referral_id], connection=connection, retry=False, ignore_result=True
            )
    except Exception:  # any broker failure: the row stays put and the sweeper re-sends it
        logger.warning("could not enqueue %s for referral %s", task_name, referral_id, exc_info=True)
        return False
    return True


def enqueue_render(referral_id: int) -> bool:
    """Send the render task; if the broker is down the sweeper re-sends it later."""
    return publish(RENDER_TASK, referral_id)


def enqueue_delivery(referral_id: int) -> bool:
    """Send the delivery task; if the broker is down the sweeper re-sends it later."""
    return publish(DELIVER_TASK, referral_id)
