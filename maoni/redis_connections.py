"""The Redis client a process uses for what app servers share (REDIS_URL).

Short timeouts: a Redis that does not answer at once is treated as away
(pages rendered fresh, limits counted in the database) rather than waited for.
"""

from __future__ import annotations

import functools

import redis


@functools.cache
def redis_client(url: str) -> redis.Redis:
    return redis.Redis.from_url(url, socket_timeout=0.5, socket_connect_timeout=0.5)
