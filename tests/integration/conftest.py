"""Fixtures of the integration tests that kill workers."""

from __future__ import annotations

import pytest
import redis


@pytest.fixture
def forget_unacknowledged_messages(settings):
    """A killed worker's message stays unacknowledged in Redis; drop it afterwards."""
    yield
    client = redis.Redis.from_url(settings.CELERY_BROKER_URL)
    client.delete("unacked", "unacked_index")
    client.close()
