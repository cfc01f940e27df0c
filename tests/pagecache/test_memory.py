"""The budgeted memory that kept pages and fragments live in."""

from __future__ import annotations

from maoni.pagecache.memory import Kept


def test_the_least_recently_used_go_first_when_over_budget():
    kept: Kept[str, str] = Kept(40, len)
    for key in "abcd":
        kept.put(key, key * 10)
    assert kept.get("a") == "a" * 10  # now the most recently used
    kept.put("e", "e" * 10)
    assert kept.get("b") is None
    assert [kept.get(key) is not None for key in "acde"] == [True] * 4
    assert kept.used == 40


def test_a_value_too_big_for_a_quarter_of_the_budget_is_not_kept():
    kept: Kept[str, str] = Kept(40, len)
    kept.put("big", "x" * 11)
    assert kept.get("big") is None
    assert len(kept) == 0


def test_replacing_and_discarding_keep_the_count_right():
    kept: Kept[str, str] = Kept(100, len)
    kept.put("a", "x" * 10)
    kept.put("a", "y" * 5)
    assert kept.used == 5
    kept.discard("a")
    assert kept.used == 0
    kept.discard("missing")
