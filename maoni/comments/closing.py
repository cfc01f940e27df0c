"""When a thread takes comments, and when every new one waits: the closing rules. Pure.

A thread closes by hand (a moderator's button), with its site, or by itself
a number of days after its page was published. During quiet hours (say
23:00 to 06:00, on the site's clock) every new comment waits for a
moderator, for the night when nobody watches. ``state`` says what holds at
a moment and when that changes by itself next, so that a page kept for
readers is rendered again at that moment.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

_UTC = ZoneInfo("UTC")


class Closed(enum.Enum):
    """Why a thread takes no new comments."""

    BY_HAND = "by_hand"
    SITE = "site"
    AGE = "age"


@dataclass(frozen=True)
class QuietHours:
    """From ``start`` to ``end`` on the clock, past midnight when ``end`` comes first."""

    start: time
    end: time

    def __str__(self) -> str:
        return f"{self.start:%H:%M}–{self.end:%H:%M}"

    def covers(self, clock: time) -> bool:
        if self.start == self.end:
            return False
        if self.start < self.end:
            return self.start <= clock < self.end
        return clock >= self.start or clock < self.end


@dataclass(frozen=True)
class Rules:
    """A thread's closing rules, as its site's settings and its own give them."""

    # Days after publication the thread closes by itself; 0: never.
    close_after_days: int = 0
    quiet: QuietHours | None = None
    zone: ZoneInfo = _UTC


@dataclass(frozen=True)
class State:
    closed: Closed | None
    # The quiet hours in force at the moment, or None.
    quiet: QuietHours | None
    # When the thread closes by itself, if it will.
    closes_at: datetime | None
    # The next moment either of the above changes by itself; None: never.
    changes_at: datetime | None


def state(
    rules: Rules, *, opened: datetime | None, by_hand: bool, site_closed: bool, now: datetime
) -> State:
    """What holds for a thread published at ``opened`` at the moment ``now`` (aware)."""
    closes_at = None
    if rules.close_after_days > 0 and opened is not None:
        closes_at = opened + timedelta(days=rules.close_after_days)
    closed = None
    if by_hand:
        closed = Closed.BY_HAND
    elif site_closed:
        closed = Closed.SITE
    elif closes_at is not None and now >= closes_at:
        closed = Closed.AGE
    if closed is not None:
        # Nothing changes by itself once closed: a moderator reopens.
        return State(closed=closed, quiet=None, closes_at=closes_at, changes_at=None)
    quiet = rules.quiet
    in_force = quiet if quiet is not None and quiet.covers(_clock(now, rules.zone)) else None
    changes = [closes_at] if closes_at is not None else []
    if quiet is not None and quiet.start != quiet.end:
        changes.append(_next_turn(quiet, now, rules.zone))
    return State(
        closed=None, quiet=in_force, closes_at=closes_at, changes_at=min(changes, default=None)
    )


def _clock(moment: datetime, zone: ZoneInfo) -> time:
    return moment.astimezone(zone).time()


def _next_turn(quiet: QuietHours, now: datetime, zone: ZoneInfo) -> datetime:
    """The first moment after ``now`` when the quiet hours begin or end."""
    today = now.astimezone(zone).date()
    turns = [
        datetime.combine(today + timedelta(days=days), clock, tzinfo=zone).astimezone(UTC)
        for days in (0, 1, 2)
        for clock in (quiet.start, quiet.end)
    ]
    return min(turn for turn in turns if turn > now)
