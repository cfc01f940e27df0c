"""Page counters in Redis, shared by app servers on several machines (make test-postgres)."""

from __future__ import annotations

import pytest
import redis
from django.conf import settings

from maoni.pagecache.counters import SITE, UNKNOWN, RedisCounters

pytestmark = pytest.mark.postgres_only


@pytest.fixture
def url() -> str:
    if not settings.MAONI_REDIS_URL:
        pytest.skip("REDIS_URL is not set")
    return settings.MAONI_REDIS_URL


def test_a_change_on_one_server_is_seen_by_another_at_once(url: str):
    one, other = RedisCounters(url), RedisCounters(url)
    before = other.read(SITE)
    one.bump([SITE])
    after = other.read(SITE)
    assert after > before
    assert other.read_many([SITE, SITE + 1])[0] == after


def test_an_unreachable_redis_reads_as_unknown():
    counters = RedisCounters("redis://127.0.0.1:1/0")
    assert counters.read_many([SITE, 9]) == [UNKNOWN, UNKNOWN]
    counters.bump([SITE])  # logged, kept for later; never an error to the reader


def test_a_change_made_while_redis_was_away_is_made_when_it_is_back(url: str, monkeypatch):
    counters, other_server = RedisCounters(url), RedisCounters(url)
    before = other_server.read(SITE)
    real = counters._bump

    def away(**_kwargs: object) -> None:
        raise redis.ConnectionError("gone")

    monkeypatch.setattr(counters, "_bump", away)
    counters.bump([SITE])
    assert counters.read(SITE) == UNKNOWN
    assert other_server.read(SITE) == before
    monkeypatch.setattr(counters, "_bump", real)
    # The next call that reaches Redis makes the change first.
    counters.read(SITE)
    assert other_server.read(SITE) > before
