"""A Redis cache that degrades to "always a miss" while Redis is unreachable.

The cache backs throttling and other conveniences; none of them may turn a Redis
outage into a failed request (spec §7: a referral requested while Redis is down is
still accepted and saved).
"""

from __future__ import annotations

import functools
import logging
from typing import Any

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)
_OUTAGE = (RedisConnectionError, RedisTimeoutError)


def _tolerate_outage(fallback: Any):
    def decorate(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            try:
                return method(self, *args, **kwargs)
            except _OUTAGE:
                logger.warning("cache unavailable during %s; continuing without it", method.__name__)
                return fallback(*args, **kwargs) if callable(fallback) else fallback

        return wrapper

    return decorate


def _default_argument(key: str, default: Any = None, *args: Any, **kwargs: Any) -> Any:
    return kwargs.get("default", default)


class ResilientRedisCache(RedisCache):
    get = _tolerate_outage(_default_argument)(RedisCache.get)
    set = _tolerate_outage(None)(RedisCache.set)
    add = _tolerate_outage(False)(RedisCache.add)
    touch = _tolerate_outage(False)(RedisCache.touch)
    delete = _tolerate_outage(False)(RedisCache.delete)
    get_many = _tolerate_outage({})(RedisCache.get_many)
    set_many = _tolerate_outage([])(RedisCache.set_many)
    delete_many = _tolerate_outage(None)(RedisCache.delete_many)
    has_key = _tolerate_outage(False)(RedisCache.has_key)
    incr = _tolerate_outage(_default_argument)(RedisCache.incr)
    clear = _tolerate_outage(False)(RedisCache.clear)
