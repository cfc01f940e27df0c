"""Telling the page store that something shown on pages has changed.

A change moves the counters on twice: at once, and again after the
transaction commits. The second is the one that matters: a page rendered
between the two may hold the old rows, and only a change after the commit
is sure to come after every such page. The first makes the change visible
within the transaction that made it.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from maoni.pagecache.counters import FRONT, NAMES, RESERVED, SITE, SPAM, UNKNOWN, thread_slot
from maoni.pagecache.store import counters


def threads_changed(thread_ids: Iterable[int]) -> None:
    """The pages of these threads, and the front page (it shows their counts), change."""
    _bump({FRONT, *(thread_slot(thread_id) for thread_id in thread_ids)})


def site_changed() -> None:
    """Something every page shows has changed."""
    _bump({SITE})


def spam_checks_changed() -> None:
    """A block list or the spam filter's counts have changed."""
    _bump({SPAM})


def names_changed() -> None:
    """A registered user's name may have changed (or an account came or went)."""
    _bump({NAMES})


def everything_changed(thread_ids: Iterable[int]) -> bool:
    """Every page and kept value may have changed (a whole site loaded in place).

    Moves on every site-wide counter and each thread's, now: for after a
    commit. False when the counters could not be reached (Redis down).
    """
    store = counters()
    slots = sorted({*range(RESERVED), *(thread_slot(thread_id) for thread_id in thread_ids)})
    for start in range(0, len(slots), 4096):
        store.bump(slots[start : start + 4096])
    return store.read(SITE) != UNKNOWN


def _bump(slots: set[int]) -> None:
    store = counters()
    if transaction.get_connection().in_atomic_block:
        store.bump(slots)
    transaction.on_commit(lambda: store.bump(slots))
