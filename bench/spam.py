"""How well Maoni's spam checks do, measured through the real comment pipeline.

    make bench-spam

Each comment is posted to a throwaway site through ``comment_post``, the
function the comment form calls, so it is judged by ``screening.screen`` as a
reader's comment is: default spam settings, no block lists, a filter that has
learnt nothing (a fresh site: Maoni ships no built-in set), a form filled in
8 to 120 seconds.
Nothing here re-implements a check.

The sets (bench/spam_sets.py, bench/spam_outside.py) each keep what a site
learns from apart from what it is measured on, and the overlap between them is
printed so that a leak shows. For each set: spam stopped (held or rejected),
ham held and ham rejected with 95 % intervals, on a fresh site and after 50,
200 and 1,000 moderators' decisions on that site's own traffic; what each
check fired on; and every ham comment held or rejected, with its reasons.
A benchmark, not a test: it exits 0 unless no set could be read.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import spam_report, spam_site  # noqa: E402
from bench.spam_outside import YOUTUBE_CREDIT, exports_set, youtube_set  # noqa: E402
from bench.spam_sets import (  # noqa: E402
    EvalSet,
    Item,
    Page,
    heldout_set,
    overlap,
    own_set,
    tuning_set,
)
from bench.spam_site import Judged  # noqa: E402

DECISIONS = [50, spam_report.TAUGHT, 1000]
RNG_SEED = 11


def overlap_lines(chosen: EvalSet, traffic: Sequence[Item]) -> list[str]:
    """What the measured part shares with the site's traffic."""
    learnt = [item.body for item in traffic]
    lines = []
    for spam, label in ((False, "ham"), (True, "spam")):
        measured = [item.body for item in chosen.test if item.spam is spam]
        if learnt and measured:
            shared = overlap(learnt, measured)
            lines.append(f"  overlap with the traffic      {label:<4} {shared.line()}")
    return lines


def describe(chosen: EvalSet, traffic: Sequence[Item]) -> None:
    spam = sum(item.spam for item in chosen.test)
    print(f"\n=== {chosen.name}: {chosen.source}")
    print(f"  measured: {len(chosen.test)} comments ({spam} spam, {len(chosen.test) - spam} ham)")
    if traffic:
        taught = sum(item.spam for item in traffic)
        print(f"  traffic to learn from: {len(traffic)} comments ({taught} spam)")
    for note in chosen.notes:
        print(f"  note: {note}")
    for line in overlap_lines(chosen, traffic):
        print(line)


@dataclass(frozen=True)
class Point:
    judged: list[Judged]
    # Comments posted to reach this point: the traffic, then the measured set.
    posted: int
    lessons: str


def measure_point(
    folder: Path,
    chosen: EvalSet,
    traffic: Sequence[Item],
    traffic_pages: dict[str, Page],
    decisions: int,
) -> Point | str:
    """Judges the set on a fresh site after ``decisions`` lessons; or says why it cannot."""
    spam_site.fresh_site(folder)
    posted = 0
    if decisions:
        teacher = spam_site.Site(traffic_pages, seed=RNG_SEED + decisions, prefix="t")
        given, posted = spam_site.teach(teacher, traffic, decisions)
        if given < decisions:
            return f"not reachable: all {posted} comments of the traffic gave {given} decisions"
    spam, ham, stood = spam_site.lessons_by_label()
    lessons = (
        f"{spam} spam and {ham} ham lessons from {posted} comments of traffic,"
        f" and {stood} published comments that stood; {spam_site.quiet_hold_line()}"
    )
    site = spam_site.Site(chosen.pages, seed=RNG_SEED)
    judged = site.judge(chosen.test)
    return Point(judged=judged, posted=posted + len(judged), lessons=lessons)


def report_set(folder: Path, chosen: EvalSet, own: EvalSet | None) -> dict[int, Point]:
    if chosen.curve == "self":
        traffic, pages = chosen.train, chosen.pages
    elif chosen.curve == "own" and own is not None:
        traffic, pages = own.train, own.pages
    else:
        traffic, pages = [], {}
    describe(chosen, traffic)
    results: dict[int, Point] = {}
    for decisions in [0, *(DECISIONS if traffic else [])]:
        title = "fresh site" if decisions == 0 else f"after {decisions} decisions"
        if decisions > len(traffic):
            print(f"\n  {title}: not reachable: the traffic has only {len(traffic)} comments")
            continue
        point = measure_point(folder, chosen, traffic, pages, decisions)
        if isinstance(point, str):
            print(f"\n  {title}: {point}")
            continue
        results[decisions] = point
        print(f"\n  {title} ({point.lessons})" if decisions else f"\n  {title}")
        for line in spam_report.rate_lines(point.judged):
            print(line)
    if chosen.curve != "none" and not traffic:
        print("\n  learning curve: no traffic to learn from")
    details(chosen, {decisions: point.judged for decisions, point in results.items()})
    return results


def details(chosen: EvalSet, results: dict[int, list[Judged]]) -> None:
    shown = sorted({min(results), max(results)}) if results else []
    for decisions in shown:
        title = "fresh site" if decisions == 0 else f"after {decisions} decisions"
        judged = results[decisions]
        print(f"\n  what each check fired on ({title}; a comment may have several reasons)")
        for line in spam_report.contribution_lines(judged):
            print(line)
        if chosen.has_spam:
            print(f"\n  spam stopped, by kind ({title})")
            for line in spam_report.kind_lines(judged):
                print(line)
        what = "" if chosen.show_text else " (ids only: this set's text stays unread)"
        print(f"\n  ham held or rejected ({title}){what}")
        for line in spam_report.wrong_ham_lines(judged, show_text=chosen.show_text):
            print(line)


def preamble() -> None:
    from maoni.moderation import learning

    print(
        "Every comment goes through comment_post on a throwaway site: default spam "
        "settings, no block lists, a form filled in 8 to 120 seconds."
    )
    print("There is no built-in set: a fresh site's filter starts knowing nothing.")
    limits = [
        f"{name} = {getattr(learning, name)}"
        for name in ("MIN_DOCUMENTS", "DECISIONS_BEFORE_HOLDING", "DECISIONS_BEFORE_REJECTING")
        if hasattr(learning, name)
    ]
    print(f"maoni/moderation/learning.py: {', '.join(limits)}.")
    print(
        "A decision is a lesson the filter is given: a moderator publishes held ham or "
        "marks spam (held or published) as spam; published ham is left alone, no lesson."
    )
    print(
        "Each point starts from a fresh copy of the site; the traffic is posted and decided "
        "one comment at a time until that many lessons, then the measured part is posted."
    )


def main() -> int:
    read = [own_set(), heldout_set(), youtube_set(), exports_set(), tuning_set()]
    sets = [each for each in read if not isinstance(each, str)]
    for skipped in (each for each in read if isinstance(each, str)):
        print(f"Skipped: {skipped}")
    if not sets:
        print("No set could be read.")
        return 1
    own = next((each for each in sets if each.name == "own"), None)
    started = time.perf_counter()
    posted = 0
    targets = []
    with tempfile.TemporaryDirectory(prefix="maoni-bench-spam-") as scratch:
        folder = Path(scratch)
        spam_site.start(folder)
        preamble()
        for chosen in sets:
            results = report_set(folder, chosen, own)
            posted += sum(point.posted for point in results.values())
            if 0 in results:
                taught = results.get(spam_report.TAUGHT)
                targets.append(
                    spam_report.target_line(
                        chosen.name,
                        spam_report.tally(results[0].judged),
                        spam_report.tally(taught.judged) if taught is not None else None,
                        chosen.has_spam,
                    )
                )
    elapsed = time.perf_counter() - started
    print("\nTargets (issue 11)")
    for line in targets:
        print(line)
    print(
        f"\n{elapsed:.0f} s in all for {posted} comments posted: "
        f"{elapsed / max(posted, 1) * 1000:.1f} ms a comment (posting, screening, deciding)."
    )
    print(f"YouTube comments: {YOUTUBE_CREDIT}.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
