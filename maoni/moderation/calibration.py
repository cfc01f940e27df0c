"""How high the filter's score must be before it holds a comment on words alone.

Pure. The filter's score on a comment with no link and no way to reach its
writer is weak evidence: the words it learnt are this site's, and a reader's
ordinary words can look like spam to it. So it holds such a comment only at
a score that this site's own published comments almost never reach.

``quiet_threshold`` finds that score from the site's "not spam" lessons,
each scored as if it had not been learnt (its own counts taken out: a
comment the filter learnt from scores lower than a new one would), and
returns the lowest score that no more than ``SHARE`` of them reach. Too few
lessons, and there is no such score: the filter holds nothing on words alone.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from maoni.moderation import classifier


@dataclass(frozen=True)
class Lesson:
    """One comment the filter learnt from: its features, and whether it was spam."""

    features: frozenset[str]
    spam: bool


# At most this share of the site's own published comments would be held.
SHARE = 0.005
# Fewer "not spam" lessons than this say too little of the site's readers.
MIN_HAM_LESSONS = 100
# Never below the score at which the filter holds a comment that carries a link.
FLOOR = 0.9


def quiet_threshold(
    threads: Iterable[Sequence[Lesson]],
    counts: Mapping[str, classifier.Counts],
    *,
    spam_documents: int,
    ham_documents: int,
    floor: float = FLOOR,
) -> float | None:
    """The score the filter must reach to hold a comment on words alone, or None.

    ``threads`` hold the lessons learnt from each thread's comments; ``counts``
    hold at least their features, with those lessons counted in. Each "not
    spam" lesson is scored with its whole thread's lessons taken out: a new
    article brings words the filter has not seen in ham, and so does a reader
    under it, which a lesson scored with its neighbours still counted hides.
    """
    scores = sorted(
        (
            score
            for thread in threads
            for score in _left_out_scores(thread, counts, spam_documents, ham_documents)
        ),
        reverse=True,
    )
    if len(scores) < MIN_HAM_LESSONS:
        return None
    allowed = math.floor(len(scores) * SHARE)
    # Just above the highest score past the allowed few: those few reach it, no more.
    threshold = math.nextafter(scores[allowed], math.inf)
    return max(floor, threshold) if threshold <= 1.0 else None


def _left_out_scores(
    thread: Sequence[Lesson],
    counts: Mapping[str, classifier.Counts],
    spam_documents: int,
    ham_documents: int,
) -> list[float]:
    spam_seen: Counter[str] = Counter()
    ham_seen: Counter[str] = Counter()
    for lesson in thread:
        (spam_seen if lesson.spam else ham_seen).update(lesson.features)
    spam_left = spam_documents - sum(lesson.spam for lesson in thread)
    ham_left = ham_documents - sum(not lesson.spam for lesson in thread)
    scores = []
    for lesson in thread:
        if lesson.spam:
            continue
        without = {
            feature: classifier.Counts(
                spam=max(0, seen.spam - spam_seen[feature]),
                ham=max(0, seen.ham - ham_seen[feature]),
            )
            for feature in lesson.features
            if (seen := counts.get(feature)) is not None
        }
        result = classifier.score(
            lesson.features,
            without,
            spam_documents=max(0, spam_left),
            ham_documents=max(0, ham_left),
        )
        scores.append(result.probability)
    return scores
