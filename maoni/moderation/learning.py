"""The spam filter's memory in the database: scoring, and learning from moderators.

``classifier`` is pure; this module keeps its counts in ``FilterFeature`` and
``FilterTotals``. Publishing a held comment teaches "not spam", marking one as
spam teaches "spam"; a reversed decision, or one on a text edited since, takes
the earlier lesson back.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import F
from django.db.models.functions import Greatest

from maoni.moderation import calibration, classifier
from maoni.moderation.models import FilterFeature, FilterTotals, Training
from maoni.moderation.rules import links_in
from maoni.pagecache import changes
from maoni.pagecache.counters import SPAM
from maoni.pagecache.memos import Memo

if TYPE_CHECKING:
    from maoni.comments.models import Comment

# Features are read from the database this many at a time.
_BATCH = 500
# The filter's bar for holding on words alone is found from this many of the
# most recent "not spam" lessons.
CALIBRATION_LESSONS = 2_000
# Until it has learnt this many of each, the filter's score is not acted on.
MIN_DOCUMENTS = 20
# Until moderators have decided this many comments, the filter holds nothing:
# what it knows is too little of this site's readers, and a held reader waits.
DECISIONS_BEFORE_HOLDING = 50
# Until moderators have decided this many comments, it holds rather than rejects.
DECISIONS_BEFORE_REJECTING = 200


def _totals() -> FilterTotals:
    row, _created = FilterTotals.objects.get_or_create(pk=1)
    return row


def features_of(comment: Comment) -> frozenset[str]:
    return classifier.features(
        comment.body, author_name=comment.author_name, links=links_in(comment.body)
    )


# The filter's counts as last read in this process, while they stand unchanged
# (learning moves the SPAM counter on): the totals, and each feature looked
# up, known or not (most of a new comment's words are in no count).
_KEPT_FEATURES = 50_000
_NONE = classifier.Counts(spam=0, ham=0)


@dataclass(frozen=True)
class _Totals:
    """The one row of totals as screening needs it; read once per change of the counts."""

    spam_documents: int
    ham_documents: int
    quiet_hold: float | None


@functools.cache
def _kept_totals() -> Memo[str, _Totals]:
    return Memo(SPAM)


def _kept() -> _Totals:
    """The totals as they stand; none while they were stored by an older version."""

    def read() -> _Totals:
        totals = _totals()
        if totals.feature_version != classifier.FEATURE_VERSION:
            return _Totals(0, 0, None)
        return _Totals(totals.spam_documents, totals.ham_documents, totals.quiet_hold)

    return _kept_totals().get_or_make("totals", read)


@functools.cache
def _kept_decisions() -> Memo[str, int]:
    return Memo(SPAM)


@functools.cache
def _kept_counts() -> Memo[str, classifier.Counts]:
    return Memo(SPAM, limit=_KEPT_FEATURES)


def decisions_learnt() -> int:
    """How many moderators' decisions the filter has learnt from (comments that stood aside)."""
    return _kept_decisions().get_or_make(
        "decisions", Training.objects.filter(source=Training.Source.MODERATOR).count
    )


def quiet_hold() -> float | None:
    """The score at which the filter holds a comment with no link or contact; None: never."""
    return _kept().quiet_hold


def _counts_of(found: frozenset[str]) -> dict[str, classifier.Counts]:
    kept = _kept_counts()
    mark = kept.mark()
    counts = {}
    missing = []
    for feature in found:
        known = kept.get(feature)
        if known is None:
            missing.append(feature)
        elif known[0] is not _NONE:
            counts[feature] = known[0]
    if missing:
        read = {
            row.feature: classifier.Counts(spam=row.spam, ham=row.ham)
            for row in FilterFeature.objects.filter(feature__in=missing)
        }
        counts.update(read)
        for feature in missing:
            kept.put(feature, read.get(feature, _NONE), mark=mark)
    return counts


def filter_score(*, body: str, author_name: str) -> classifier.Score | None:
    """The filter's score for a text, or None while it knows too little to judge."""
    kept = _kept()
    spam_documents, ham_documents = kept.spam_documents, kept.ham_documents
    if min(spam_documents, ham_documents) < MIN_DOCUMENTS:
        return None
    found = classifier.features(body, author_name=author_name, links=links_in(body))
    return classifier.score(
        found,
        _counts_of(found),
        spam_documents=spam_documents,
        ham_documents=ham_documents,
    )


def _add(found: Iterable[str], *, spam: bool, sign: int) -> None:
    found = list(found)
    column = "spam" if spam else "ham"
    if sign > 0:
        FilterFeature.objects.bulk_create(
            [FilterFeature(feature=feature) for feature in found], ignore_conflicts=True
        )
        FilterFeature.objects.filter(feature__in=found).update(**{column: F(column) + 1})
    else:
        FilterFeature.objects.filter(feature__in=found).update(
            **{column: Greatest(F(column) - 1, 0)}
        )
    documents = f"{column}_documents"
    _totals()
    FilterTotals.objects.filter(pk=1).update(**{documents: Greatest(F(documents) + sign, 0)})
    changes.spam_checks_changed()


def comment_learn(*, comment: Comment, spam: bool, source: str = Training.Source.MODERATOR) -> None:
    """Teaches the filter a decision on the comment's text as it stands now.

    A reversed decision replaces the old lesson, and so does one on a text
    edited since it was learnt: the filter keeps one lesson per comment, on
    the text that was decided. ``source`` says whether a moderator decided or
    the comment stood published (``comments_stood_learn``).
    """
    label = Training.Label.SPAM if spam else Training.Label.HAM
    found = sorted(features_of(comment))
    with transaction.atomic():
        earlier = Training.objects.select_for_update().filter(comment=comment).first()
        if earlier is not None and earlier.label == label and earlier.features == found:
            if earlier.source != source and source == Training.Source.MODERATOR:
                earlier.source = source
                earlier.save(update_fields=["source"])
                changes.spam_checks_changed()
            return
        if earlier is not None:
            _add(earlier.features, spam=earlier.label == Training.Label.SPAM, sign=-1)
            earlier.delete()
        _add(found, spam=spam, sign=1)
        Training.objects.create(
            comment=comment,
            label=label,
            source=source,
            features=found,
            feature_version=classifier.FEATURE_VERSION,
        )


def filter_calibrate() -> float | None:
    """Finds, and keeps, the score at which the filter holds a comment with no link or
    contact: one this site's published comments almost never reach (``calibration``).
    None until moderators have decided enough for the filter to reject."""
    threshold = None
    totals = _totals()
    if decisions_learnt() >= DECISIONS_BEFORE_REJECTING:
        threads = _recent_lessons_by_thread()
        wanted = sorted(
            {feature for thread in threads for lesson in thread for feature in lesson.features}
        )
        counts = {}
        for start in range(0, len(wanted), _BATCH):
            for row in FilterFeature.objects.filter(feature__in=wanted[start : start + _BATCH]):
                counts[row.feature] = classifier.Counts(spam=row.spam, ham=row.ham)
        threshold = calibration.quiet_threshold(
            threads,
            counts,
            spam_documents=totals.spam_documents,
            ham_documents=totals.ham_documents,
        )
    if threshold != totals.quiet_hold:
        FilterTotals.objects.filter(pk=1).update(quiet_hold=threshold)
        changes.spam_checks_changed()
    return threshold


def _recent_lessons_by_thread() -> list[list[calibration.Lesson]]:
    """The most recent lessons, grouped by the thread their comment is in."""
    rows = (
        Training.objects.filter(feature_version=classifier.FEATURE_VERSION, comment__isnull=False)
        .order_by("-pk")
        .values_list("comment__thread_id", "label", "features")[:CALIBRATION_LESSONS]
    )
    threads: dict[int, list[calibration.Lesson]] = {}
    for thread_id, label, found in rows:
        lesson = calibration.Lesson(frozenset(found), spam=label == Training.Label.SPAM)
        threads.setdefault(thread_id, []).append(lesson)
    return list(threads.values())


def filter_rebuild(*, seed: Sequence[tuple[str, str, bool]] = ()) -> tuple[int, int]:
    """Forgets every count and learns again from every moderator's decision.

    ``seed`` (body, author name, is spam) is learnt first, for tests and
    benchmarks: Maoni ships no built-in set, since texts that are not this
    site's readers teach the filter the wrong words. Returns how many spam
    and ham documents the filter then knows.
    """
    model = classifier.Model(counts={})
    for body, author_name, spam in seed:
        model.learn(body, spam=spam, author_name=author_name, links=links_in(body))
    with transaction.atomic():
        for training in Training.objects.select_related("comment"):
            outdated = training.feature_version != classifier.FEATURE_VERSION
            if training.comment is not None and outdated:
                training.features = sorted(features_of(training.comment))
                training.feature_version = classifier.FEATURE_VERSION
                training.save(update_fields=["features", "feature_version"])
            model.add(training.features, spam=training.label == Training.Label.SPAM)
        FilterFeature.objects.all().delete()
        FilterFeature.objects.bulk_create(
            (
                FilterFeature(feature=feature, spam=counts.spam, ham=counts.ham)
                for feature, counts in model.counts.items()
            ),
            batch_size=1000,
        )
        FilterTotals.objects.update_or_create(
            pk=1,
            defaults={
                "spam_documents": model.spam_documents,
                "ham_documents": model.ham_documents,
                "feature_version": classifier.FEATURE_VERSION,
            },
        )
        changes.spam_checks_changed()
    filter_calibrate()
    return model.spam_documents, model.ham_documents


def filter_refreshed(at: datetime) -> None:
    """Notes that the daily job ran (``manage.py doctor`` reports when)."""
    _totals()
    FilterTotals.objects.filter(pk=1).update(refreshed=at)


@dataclass(frozen=True)
class FilterState:
    """What ``manage.py doctor`` says of the filter."""

    decisions: int
    outdated: bool
    quiet_hold: float | None
    refreshed: datetime | None


def filter_state() -> FilterState:
    totals = _totals()
    return FilterState(
        decisions=decisions_learnt(),
        outdated=totals.feature_version != classifier.FEATURE_VERSION,
        quiet_hold=totals.quiet_hold,
        refreshed=totals.refreshed,
    )


def filter_is_empty() -> bool:
    """True when the filter has no counts it can use: none yet, or read an older way."""
    totals = _totals()
    if totals.feature_version != classifier.FEATURE_VERSION:
        return True
    return totals.spam_documents == 0 and totals.ham_documents == 0
