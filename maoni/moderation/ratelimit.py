"""Token buckets: a steady rate with room for a short burst.

Pure: the caller passes the bucket as it was stored, the clock and the limit,
and stores what comes back. A refused request changes nothing, so a flood
costs one read per request and no write.
"""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Limit:
    """``per_hour`` requests an hour on average, and up to ``burst`` at once."""

    per_hour: int
    burst: int

    @property
    def per_second(self) -> float:
        return self.per_hour / 3600


@dataclass(frozen=True)
class Bucket:
    tokens: float
    updated: float


@dataclass(frozen=True)
class Decision:
    allowed: bool
    # The bucket to store; None when nothing changed (a refusal).
    bucket: Bucket | None
    # Whole seconds until one more request would be allowed.
    retry_after: int


def take(bucket: Bucket | None, *, now: float, limit: Limit) -> Decision:
    """Takes one token from the bucket if it has one; a new bucket starts full."""
    if limit.per_hour <= 0 or limit.burst <= 0:
        return Decision(True, None, 0)
    if bucket is None:
        tokens = float(limit.burst)
    else:
        elapsed = max(0.0, now - bucket.updated)
        tokens = min(float(limit.burst), bucket.tokens + elapsed * limit.per_second)
    if tokens >= 1.0:
        return Decision(True, Bucket(tokens - 1.0, now), 0)
    wait = (1.0 - tokens) / limit.per_second
    return Decision(False, None, max(1, math.ceil(wait)))
