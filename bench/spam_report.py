"""Figures from judged comments: rates with intervals, what each check did, what went wrong.

Pure: ``Judged`` rows in, lines of text out.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from bench.spam_site import HELD, PUBLISHED, REJECTED, Judged

# Targets for a fresh site (issue 11), and for one after 200 decisions.
TARGET_HAM_HELD = 0.01
TARGET_STOPPED = 0.90
TARGET_STOPPED_TAUGHT = 0.95
TAUGHT = 200
Z95 = 1.959964
SHOWN_CHARACTERS = 100
_NUMBER = re.compile(r"\d")


def wilson(part: int, whole: int) -> tuple[float, float]:
    """The 95 % Wilson score interval of the share ``part / whole``."""
    if whole == 0:
        return 0.0, 1.0
    share = part / whole
    denominator = 1 + Z95**2 / whole
    centre = (share + Z95**2 / (2 * whole)) / denominator
    spread = Z95 * math.sqrt(share * (1 - share) / whole + Z95**2 / (4 * whole**2)) / denominator
    return max(0.0, centre - spread), min(1.0, centre + spread)


def rate(part: int, whole: int) -> str:
    if whole == 0:
        return "    -  (none)"
    low, high = wilson(part, whole)
    return f"{part:>4}/{whole:<4} {part / whole:6.1%}  [{low:5.1%}, {high:5.1%}]"


def reason_kind(reason: str) -> str:
    """The check a reason names, without its figures: "3 links" -> "links",
    "filter score 0.97: ..." -> "filter score", "matched block list: x" -> "matched block list".
    """
    kept: list[str] = []
    for word in reason.split(":")[0].split():
        if _NUMBER.search(word):
            if kept:
                break
            continue
        kept.append(word)
    return " ".join(kept) or reason


@dataclass(frozen=True)
class Tally:
    spam: int
    spam_stopped: int
    ham: int
    ham_held: int
    ham_rejected: int

    @property
    def stopped_share(self) -> float:
        return self.spam_stopped / self.spam if self.spam else 1.0

    @property
    def held_share(self) -> float:
        return self.ham_held / self.ham if self.ham else 0.0


def tally(judged: Sequence[Judged]) -> Tally:
    spam = [j for j in judged if j.item.spam]
    ham = [j for j in judged if not j.item.spam]
    return Tally(
        spam=len(spam),
        spam_stopped=sum(j.outcome != PUBLISHED for j in spam),
        ham=len(ham),
        ham_held=sum(j.outcome == HELD for j in ham),
        ham_rejected=sum(j.outcome == REJECTED for j in ham),
    )


def rate_lines(judged: Sequence[Judged]) -> list[str]:
    counted = tally(judged)
    lines = []
    if counted.spam:
        lines.append(
            f"    spam stopped (held + rejected) {rate(counted.spam_stopped, counted.spam)}"
        )
        rejected = sum(j.outcome == REJECTED for j in judged if j.item.spam)
        lines.append(f"      of which rejected            {rate(rejected, counted.spam)}")
    lines.append(f"    ham held                       {rate(counted.ham_held, counted.ham)}")
    lines.append(f"    ham rejected                   {rate(counted.ham_rejected, counted.ham)}")
    return lines


def contribution_lines(judged: Sequence[Judged]) -> list[str]:
    """For each check: the spam and ham it fired on, and the spam it alone stopped."""
    fired: dict[str, Counter[str]] = defaultdict(Counter)
    for row in judged:
        kinds = {reason_kind(reason) for reason in row.reasons}
        stopped = row.outcome != PUBLISHED
        for kind in kinds:
            fired[kind]["spam" if row.item.spam else "ham"] += 1
            if row.item.spam and stopped and len(kinds) == 1:
                fired[kind]["alone"] += 1
    if not fired:
        return ["    (no check fired)"]
    lines = [f"    {'spam':>5} {'ham':>5} {'alone':>5}  check (alone: the spam it alone stopped)"]
    for kind, counts in sorted(fired.items(), key=lambda pair: (-pair[1]["spam"], pair[0])):
        lines.append(f"    {counts['spam']:>5} {counts['ham']:>5} {counts['alone']:>5}  {kind}")
    return lines


def wrong_ham_lines(judged: Sequence[Judged], *, show_text: bool) -> list[str]:
    wrong = [row for row in judged if not row.item.spam and row.outcome != PUBLISHED]
    if not wrong:
        return ["    (none)"]
    lines = []
    for row in wrong:
        lines.append(f"    {row.item.id} [{row.outcome}] {'; '.join(row.reasons) or '(no reason)'}")
        if show_text:
            text = " ".join(row.item.body.split())
            lines.append(f"      {text[:SHOWN_CHARACTERS]!r}")
    return lines


def kind_lines(judged: Sequence[Judged]) -> list[str]:
    by_kind: dict[str, list[bool]] = defaultdict(list)
    for row in judged:
        if row.item.spam:
            by_kind[row.item.kind].append(row.outcome != PUBLISHED)
    return [
        f"    {kind:<24} {rate(sum(flags), len(flags))}" for kind, flags in sorted(by_kind.items())
    ]


def target_line(name: str, fresh: Tally, taught: Tally | None, has_spam: bool) -> str:
    """Fresh: ham held <= 1 %, ham rejected 0, spam stopped >= 90 %; taught: >= 95 %, with
    ham held still <= 1 % and none rejected."""

    def verdict(ok: bool) -> str:
        return "met" if ok else "NOT met"

    parts = [
        f"fresh ham held {fresh.held_share:.1%} <= {TARGET_HAM_HELD:.0%}: "
        f"{verdict(fresh.held_share <= TARGET_HAM_HELD)}",
        f"ham rejected {fresh.ham_rejected} = 0: {verdict(fresh.ham_rejected == 0)}",
    ]
    if has_spam:
        parts.append(
            f"fresh spam stopped {fresh.stopped_share:.1%} >= {TARGET_STOPPED:.0%}: "
            f"{verdict(fresh.stopped_share >= TARGET_STOPPED)}"
        )
        if taught is None:
            parts.append(f"after {TAUGHT} decisions: not measured")
        else:
            parts.append(
                f"after {TAUGHT} decisions {taught.stopped_share:.1%} >= "
                f"{TARGET_STOPPED_TAUGHT:.0%}: "
                f"{verdict(taught.stopped_share >= TARGET_STOPPED_TAUGHT)}, "
                f"ham held {taught.held_share:.1%} <= {TARGET_HAM_HELD:.0%}: "
                f"{verdict(taught.held_share <= TARGET_HAM_HELD and not taught.ham_rejected)}"
            )
    return f"  {name:<8} " + "; ".join(parts)
