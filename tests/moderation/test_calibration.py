"""The filter holds a comment on words alone only above what this site's readers write."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from maoni.comments.models import Comment
from maoni.moderation import calibration
from maoni.moderation.calibration import Lesson, quiet_threshold
from maoni.moderation.classifier import Model
from maoni.moderation.learning import (
    DECISIONS_BEFORE_REJECTING,
    comment_learn,
    filter_calibrate,
    quiet_hold,
)
from maoni.moderation.models import FilterTotals, SpamSettings
from maoni.moderation.rules import BlockLists, Candidate, Ruling, Thresholds, judge
from maoni.moderation.screening import thresholds
from tests.moderation.test_learning import decided


def _ham(thread: int, *words: str) -> Lesson:
    return Lesson(frozenset({f"w:reader{thread}", *(f"w:{word}" for word in words)}), spam=False)


def _spam(number: int) -> Lesson:
    return Lesson(frozenset({"w:jackpot", "w:bonus", f"w:promo{number}"}), spam=True)


def _calibrate(threads: list[list[Lesson]]) -> float | None:
    model = Model(counts={})
    for thread in threads:
        for lesson in thread:
            model.add(lesson.features, spam=lesson.spam)
    return quiet_threshold(
        threads,
        model.counts,
        spam_documents=model.spam_documents,
        ham_documents=model.ham_documents,
    )


def _site(ham_threads: int, *, jackpot_readers: int = 0) -> list[list[Lesson]]:
    threads = [[_ham(n, "habari", "county"), _spam(n)] for n in range(ham_threads)]
    # A few readers under their own stories talk of jackpots too.
    for n in range(jackpot_readers):
        threads[n].append(Lesson(frozenset({f"w:reader{n}", "w:jackpot", "w:bonus"}), spam=False))
    return threads


def test_too_few_lessons_of_this_sites_readers_give_no_bar():
    assert _calibrate(_site(calibration.MIN_HAM_LESSONS - 1)) is None


def test_ordinary_readers_leave_the_bar_at_the_floor():
    assert _calibrate(_site(calibration.MIN_HAM_LESSONS)) == calibration.FLOOR


def test_the_bar_rises_above_all_but_a_few_of_this_sites_readers():
    threads = _site(400, jackpot_readers=6)
    bar = _calibrate(threads)
    assert bar is not None
    assert bar > calibration.FLOOR
    model = Model(counts={})
    for thread in threads:
        for lesson in thread:
            model.add(lesson.features, spam=lesson.spam)
    scores = [
        score
        for thread in threads
        for score in calibration._left_out_scores(
            thread, model.counts, model.spam_documents, model.ham_documents
        )
    ]
    # 406 readers' comments: at most 0.5 % of them (2) reach the bar.
    assert sum(score >= bar for score in scores) <= len(scores) * calibration.SHARE


@pytest.mark.parametrize(
    ("score", "quiet", "held"),
    [(0.97, 0.95, True), (0.94, 0.95, False), (0.999, None, False)],
)
def test_rules_hold_a_comment_with_no_link_only_above_the_bar(score, quiet, held):
    result = judge(
        Candidate(body="Jackpot bonus tonight", seconds_to_post=40.0, filter_score=score),
        BlockLists(),
        Thresholds(filter_quiet_hold=quiet),
    )
    assert (result.ruling is Ruling.HOLD) is held
    if held:
        assert result.reasons[-1].endswith("(above what this site's readers write)")


def test_the_bar_is_never_below_the_sites_own_hold_score_nor_used_before_rejecting(db):
    row = SpamSettings(filter_hold=0.97)
    assert thresholds(row, quiet_hold=0.93).filter_quiet_hold == 0.97
    assert thresholds(row, quiet_hold=0.99).filter_quiet_hold == 0.99
    assert thresholds(row, filter_may_reject=False, quiet_hold=0.99).filter_quiet_hold is None
    assert thresholds(SpamSettings(filter_hold=None), quiet_hold=0.99).filter_quiet_hold is None


def test_the_daily_job_finds_the_bar_once_moderators_have_decided_enough(make_comment):
    for n in range(calibration.MIN_HAM_LESSONS):
        comment = make_comment(body=f"The county of reader{n} has no water, habari gani")
        comment_learn(comment=comment, spam=False)
    assert filter_calibrate() is None  # Fewer decisions than the filter needs to reject.
    decided(DECISIONS_BEFORE_REJECTING)
    out = StringIO()
    call_command("learn_from_published", stdout=out)
    assert FilterTotals.objects.get().quiet_hold == calibration.FLOOR
    assert quiet_hold() == calibration.FLOOR
    assert "holds a comment with no link or contact from a score of 0.9000" in out.getvalue()
    assert Comment.objects.count() == calibration.MIN_HAM_LESSONS
