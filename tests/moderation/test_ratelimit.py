"""Token buckets, with the clock injected."""

import pytest

from maoni.moderation.ratelimit import Bucket, Limit, take

LIMIT = Limit(per_hour=60, burst=3)  # one a minute, three at once


def run(times: list[float], limit: Limit = LIMIT) -> list[bool]:
    bucket = None
    allowed = []
    for now in times:
        decision = take(bucket, now=now, limit=limit)
        allowed.append(decision.allowed)
        if decision.bucket is not None:
            bucket = decision.bucket
    return allowed


@pytest.mark.parametrize(
    ("times", "allowed"),
    [
        ([0, 1, 2], [True, True, True]),
        ([0, 1, 2, 3], [True, True, True, False]),
        ([0, 1, 2, 3, 62], [True, True, True, False, True]),
        ([0, 0, 0, 0, 0, 0], [True, True, True, False, False, False]),
        ([0, 60, 120, 180, 240], [True] * 5),
        # Saving up never exceeds the burst.
        ([0, 10_000, 10_001, 10_002, 10_003], [True, True, True, True, False]),
    ],
)
def test_a_steady_rate_with_a_burst(times, allowed):
    assert run(times) == allowed


def test_a_refusal_says_when_to_come_back_and_changes_nothing():
    decision = take(Bucket(tokens=0.25, updated=100.0), now=100.0, limit=LIMIT)
    assert not decision.allowed
    assert decision.bucket is None
    assert decision.retry_after == 45


def test_a_zero_limit_is_off():
    assert run([0] * 50, Limit(per_hour=0, burst=3)) == [True] * 50


def test_a_clock_that_goes_back_does_not_mint_tokens():
    decision = take(Bucket(tokens=0.0, updated=100.0), now=50.0, limit=LIMIT)
    assert not decision.allowed
