"""Where the rate limits' token buckets live: Redis when configured, else the database.

Both take one token from every bucket a request counts against, or none if
any is empty, and say how long to wait. With Redis, every app server counts
in the same buckets without a database write; when Redis cannot be reached,
the database's buckets count instead, so an outage never means no limits.
"""

from __future__ import annotations

import functools
import logging
import time
from contextlib import nullcontext

import redis
from django.conf import settings
from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Greatest, Least
from django.db.models.lookups import GreaterThanOrEqual

from maoni.moderation import ratelimit
from maoni.moderation.models import RateBucket
from maoni.redis_connections import redis_client

logger = logging.getLogger(__name__)

Keys = list[tuple[str, ratelimit.Limit]]


def take(keys: Keys) -> int:
    """Takes a token from each key's bucket; returns 0, or seconds to wait if any is empty."""
    keys = [(key, limit) for key, limit in keys if limit.per_hour > 0 and limit.burst > 0]
    if not keys:
        return 0
    if settings.MAONI_REDIS_URL:
        try:
            return _in_redis(settings.MAONI_REDIS_URL, keys)
        except redis.RedisError as error:
            logger.warning("Redis unreachable (%s): rate limits counted in the database", error)
    return _in_database(keys)


def _now() -> float:
    return time.time()


class _LastTokenTaken(Exception):
    """Another request took a bucket's last token between our read and our write."""


def _in_database(keys: Keys) -> int:
    """Nothing is written when a request is refused, so a flood costs reads only."""
    now = _now()
    stored = {
        bucket.key: ratelimit.Bucket(bucket.tokens, bucket.updated)
        for bucket in RateBucket.objects.filter(key__in=[key for key, _limit in keys])
    }
    decisions = [
        (key, ratelimit.take(stored.get(key), now=now, limit=limit)) for key, limit in keys
    ]
    refused = [decision.retry_after for _key, decision in decisions if not decision.allowed]
    if refused:
        return max(refused)
    # The read said yes; the writes take the tokens only while they are still
    # there, so app servers (or threads) taking a bucket's last token at once
    # cannot all have it. One key's UPDATE is atomic by itself; several must
    # all be taken or none.
    together = transaction.atomic() if len(keys) > 1 else nullcontext()
    try:
        with together:
            for key, limit in keys:
                if key not in stored:
                    RateBucket.objects.bulk_create(
                        [RateBucket(key=key, tokens=limit.burst, updated=now)],
                        ignore_conflicts=True,
                    )
                if not _take_stored(key, limit, now):
                    raise _LastTokenTaken
    except _LastTokenTaken:
        return 1
    return 0


def _take_stored(key: str, limit: ratelimit.Limit, now: float) -> bool:
    """ratelimit.take in one UPDATE: False when the bucket holds no whole token."""
    refilled = Greatest(Value(0.0), Value(now) - F("updated")) * Value(limit.per_second)
    tokens = Least(Value(float(limit.burst)), F("tokens") + refilled)
    taken = RateBucket.objects.filter(GreaterThanOrEqual(tokens, 1.0), key=key).update(
        tokens=tokens - Value(1.0), updated=now
    )
    return taken == 1


# The same rule as ratelimit.take, in one step on the Redis server, so that two
# app servers taking from one bucket at once cannot both take its last token.
# KEYS: the buckets; ARGV: now, then per-second rate and burst for each.
_TAKE = """
local now = tonumber(ARGV[1])
local tokens = {}
local wait = 0
for i, key in ipairs(KEYS) do
  local rate, burst = tonumber(ARGV[2 * i]), tonumber(ARGV[2 * i + 1])
  local stored = redis.call('HMGET', key, 'tokens', 'updated')
  local have = burst
  if stored[1] then
    have = math.min(burst, tonumber(stored[1]) + math.max(0, now - tonumber(stored[2])) * rate)
  end
  if have < 1 then
    wait = math.max(wait, math.max(1, math.ceil((1 - have) / rate)))
  end
  tokens[i] = have
end
if wait > 0 then
  return wait
end
for i, key in ipairs(KEYS) do
  local rate, burst = tonumber(ARGV[2 * i]), tonumber(ARGV[2 * i + 1])
  redis.call('HSET', key, 'tokens', tostring(tokens[i] - 1), 'updated', ARGV[1])
  redis.call('EXPIRE', key, math.ceil(burst / rate) + 60)
end
return 0
"""


@functools.cache
def _script(url: str) -> redis.commands.core.Script:
    return redis_client(url).register_script(_TAKE)


def _in_redis(url: str, keys: Keys) -> int:
    arguments: list[float] = [_now()]
    for _key, limit in keys:
        arguments += [limit.per_second, limit.burst]
    wait = _script(url)(keys=[f"maoni:bucket:{key}" for key, _limit in keys], args=arguments)
    return int(wait)
