"""Rate-limit buckets in Redis count like the database's, and fall back to it."""

from __future__ import annotations

import pytest
from django.conf import settings

from maoni.moderation import buckets, ratelimit
from maoni.moderation.models import RateBucket
from maoni.moderation.ratelimit import Limit


@pytest.fixture
def clock(monkeypatch) -> list[float]:
    now = [1_800_000_000.0]
    monkeypatch.setattr(buckets, "_now", lambda: now[0])
    return now


@pytest.fixture
def redis_url() -> str:
    if not settings.MAONI_REDIS_URL:
        pytest.skip("REDIS_URL is not set")
    return settings.MAONI_REDIS_URL


def run(take, clock: list[float], name: str) -> list[int]:
    """A burst, a refusal, waiting, and two keys at once: what each step answers."""
    client = (f"client:{name}", Limit(per_hour=60, burst=3))
    thread = (f"thread:{name}", Limit(per_hour=3600, burst=100))
    answers = []
    for step in range(5):
        clock[0] += 0.5 if step else 0
        answers.append(take([client, thread]))
    clock[0] += 30  # half a token back, not enough
    answers.append(take([client, thread]))
    clock[0] += 31
    answers.append(take([client, thread]))
    return answers


def test_redis_counts_as_the_database_does(db, clock, redis_url):
    from maoni.redis_connections import redis_client

    name = f"same-{clock[0]}-{id(clock)}"
    redis_client(redis_url).delete(f"maoni:bucket:client:{name}", f"maoni:bucket:thread:{name}")
    in_redis = run(buckets.take, clock, name)
    in_database = run(buckets._in_database, clock, f"db-{name}")
    assert in_redis == in_database
    assert in_redis[:3] == [0, 0, 0]  # the burst
    assert in_redis[3] == in_redis[4] == 59  # then a token a minute
    assert 0 < in_redis[5] < 59
    assert in_redis[6] == 0
    # Redis held them: the database wrote nothing for those.
    assert not RateBucket.objects.filter(key__endswith=name).exclude(key__contains="db-").exists()


def test_without_redis_the_limits_fall_back_to_the_database(db, clock, settings):
    settings.MAONI_REDIS_URL = "redis://127.0.0.1:1/0"
    answers = run(buckets.take, clock, "away")
    assert answers[:3] == [0, 0, 0]
    assert answers[3] == 59
    assert RateBucket.objects.filter(key="client:away").exists()


def test_two_servers_cannot_both_take_a_buckets_last_token(db, clock, monkeypatch):
    # Both read a full bucket of one token; the other server writes first.
    limit = Limit(per_hour=1, burst=1)
    real_take = ratelimit.take
    raced: list[int] = []

    def take_while_another_server_takes(bucket, *, now, limit):
        if not raced:
            raced.append(-1)
            raced[0] = buckets._in_database([("client:racer", limit)])
        return real_take(bucket, now=now, limit=limit)

    monkeypatch.setattr(ratelimit, "take", take_while_another_server_takes)
    assert buckets._in_database([("client:racer", limit)]) == 1
    assert raced == [0]
    assert RateBucket.objects.get(key="client:racer").tokens == 0


def test_a_race_lost_on_one_key_takes_no_token_from_the_others(db, clock, monkeypatch):
    client = ("client:both", Limit(per_hour=60, burst=5))
    thread = ("thread:both", Limit(per_hour=1, burst=1))
    real_take = ratelimit.take
    raced: list[int] = []

    def take_while_another_server_takes(bucket, *, now, limit):
        if not raced:
            raced.append(-1)
            raced[0] = buckets._in_database([thread])
        return real_take(bucket, now=now, limit=limit)

    monkeypatch.setattr(ratelimit, "take", take_while_another_server_takes)
    assert buckets._in_database([client, thread]) == 1
    # The client's bucket was not written: the refusal took nothing.
    assert not RateBucket.objects.filter(key="client:both").exists() or (
        RateBucket.objects.get(key="client:both").tokens == 5
    )
