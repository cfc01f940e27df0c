"""The closing rules at their boundary times, pure."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo

import pytest

from maoni.comments.closing import Closed, QuietHours, Rules, state

NAIROBI = ZoneInfo("Africa/Nairobi")  # UTC+3, no summer time
BERLIN = ZoneInfo("Europe/Berlin")
OPENED = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
NIGHT = QuietHours(time(23, 0), time(6, 0))


def at(day: int, hour: int, minute: int = 0, second: int = 0, zone: tzinfo = NAIROBI) -> datetime:
    return datetime(2026, 3, day, hour, minute, second, tzinfo=zone)


@pytest.mark.parametrize(
    ("now", "closed"),
    [
        (OPENED + timedelta(days=14) - timedelta(microseconds=1), None),
        (OPENED + timedelta(days=14), Closed.AGE),
        (OPENED + timedelta(days=400), Closed.AGE),
        (OPENED - timedelta(days=1), None),  # dated in the future: open
    ],
)
def test_a_thread_closes_by_itself_n_days_after_publication(now, closed) -> None:
    found = state(
        Rules(close_after_days=14), opened=OPENED, by_hand=False, site_closed=False, now=now
    )
    assert found.closed is closed
    assert found.closes_at == OPENED + timedelta(days=14)


def test_zero_days_or_no_publication_never_closes() -> None:
    far = OPENED + timedelta(days=10_000)
    assert state(Rules(), opened=OPENED, by_hand=False, site_closed=False, now=far).closed is None
    rules = Rules(close_after_days=1)
    assert state(rules, opened=None, by_hand=False, site_closed=False, now=far).closed is None


def test_closed_by_hand_or_with_the_site_comes_before_age() -> None:
    rules = Rules(close_after_days=1)
    late = OPENED + timedelta(days=5)
    assert (
        state(rules, opened=OPENED, by_hand=True, site_closed=True, now=late).closed
        is Closed.BY_HAND
    )
    assert (
        state(rules, opened=OPENED, by_hand=False, site_closed=True, now=late).closed is Closed.SITE
    )
    early = state(rules, opened=OPENED, by_hand=True, site_closed=False, now=OPENED)
    assert early.closed is Closed.BY_HAND
    assert early.changes_at is None


@pytest.mark.parametrize(
    ("clock", "quiet"),
    [
        (time(22, 59, 59), False),
        (time(23, 0), True),
        (time(0, 0), True),
        (time(5, 59, 59), True),
        (time(6, 0), False),
        (time(12, 0), False),
    ],
)
def test_quiet_hours_run_past_midnight(clock, quiet) -> None:
    assert NIGHT.covers(clock) is quiet


@pytest.mark.parametrize(
    ("clock", "quiet"),
    [(time(12, 59), False), (time(13, 0), True), (time(13, 59), True), (time(14, 0), False)],
)
def test_quiet_hours_within_a_day(clock, quiet) -> None:
    assert QuietHours(time(13, 0), time(14, 0)).covers(clock) is quiet


def test_equal_start_and_end_are_no_quiet_hours() -> None:
    same = QuietHours(time(23, 0), time(23, 0))
    assert not same.covers(time(23, 0))
    found = state(Rules(quiet=same), opened=OPENED, by_hand=False, site_closed=False, now=OPENED)
    assert found.changes_at is None


@pytest.mark.parametrize(
    ("now", "quiet", "changes_at"),
    [
        # On the site's clock (Nairobi, UTC+3), not the server's.
        (at(2, 22, 59, 59), None, at(2, 23)),
        (at(2, 23), NIGHT, at(3, 6)),
        (at(3, 2), NIGHT, at(3, 6)),
        (at(3, 6), None, at(3, 23)),
        (at(2, 20, zone=UTC), NIGHT, at(3, 6)),  # 20:00 UTC is 23:00 in Nairobi
    ],
)
def test_quiet_hours_follow_the_site_clock_and_say_when_they_turn(now, quiet, changes_at) -> None:
    rules = Rules(quiet=NIGHT, zone=NAIROBI)
    found = state(rules, opened=OPENED, by_hand=False, site_closed=False, now=now)
    assert found.closed is None
    assert found.quiet == quiet
    assert found.changes_at == changes_at


def test_the_next_change_is_the_sooner_of_closing_and_quiet_hours() -> None:
    rules = Rules(close_after_days=2, quiet=NIGHT, zone=NAIROBI)
    opened = at(1, 12)
    assert state(
        rules, opened=opened, by_hand=False, site_closed=False, now=at(2, 12)
    ).changes_at == at(2, 23)
    assert state(
        rules, opened=opened, by_hand=False, site_closed=False, now=at(3, 7)
    ).changes_at == at(3, 12)
    closed = state(rules, opened=opened, by_hand=False, site_closed=False, now=at(3, 12))
    assert closed.closed is Closed.AGE
    assert closed.quiet is None
    assert closed.changes_at is None


def test_quiet_hours_across_a_summer_time_change() -> None:
    # Berlin moves its clocks from 02:00 to 03:00 on 29 March 2026.
    rules = Rules(quiet=QuietHours(time(1, 0), time(6, 0)), zone=BERLIN)
    now = datetime(2026, 3, 29, 0, 30, tzinfo=BERLIN)
    found = state(rules, opened=OPENED, by_hand=False, site_closed=False, now=now)
    assert found.changes_at == datetime(2026, 3, 29, 1, 0, tzinfo=BERLIN)
    inside = state(
        rules,
        opened=OPENED,
        by_hand=False,
        site_closed=False,
        now=datetime(2026, 3, 29, 3, 30, tzinfo=BERLIN),
    )
    assert inside.quiet is not None
    # 06:00 summer time is 04:00 UTC, four hours of clock after 01:00 winter time (00:00 UTC).
    assert inside.changes_at == datetime(2026, 3, 29, 4, 0, tzinfo=UTC)


def test_quiet_hours_read_as_the_clock() -> None:
    assert str(NIGHT) == "23:00–06:00"
