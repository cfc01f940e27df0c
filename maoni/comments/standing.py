"""Comments that stood published teach the spam filter "not spam": the daily job.

Moderators decide mostly on held comments, and few ordinary comments are
held: without these lessons the filter would learn spam alone and could
never judge. ``manage.py learn_from_published`` runs ``filter_refresh`` daily.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils import timezone

from maoni.comments.models import Comment
from maoni.moderation import learning
from maoni.moderation.models import Training

# A published comment no moderator removed in this time teaches "not spam";
# comments written longer ago than the window before that are not looked at.
STOOD_FOR = timedelta(days=2)
STOOD_WINDOW = timedelta(days=30)
# Comments are read this many at a time.
_BATCH = 500


def comments_stood_learn(*, now: datetime | None = None) -> int:
    """Teaches "not spam" from comments published for ``STOOD_FOR`` that no moderator
    removed and the filter has not learnt; returns how many.

    Moderators decide mostly on held comments, and few ordinary comments are
    held: without these lessons the filter would learn spam alone and could
    never judge. A moderator who later marks one as spam replaces its lesson.
    Only comments written in the ``STOOD_WINDOW`` before that are looked at,
    so a daily run reads a month of comments, however old the site.
    """
    cutoff = (now or timezone.now()) - STOOD_FOR
    published = Comment.objects.filter(status=Comment.Status.PUBLISHED)
    waiting = list(
        published.filter(
            created__gte=cutoff - STOOD_WINDOW,
            created__lt=cutoff,
            status_changed__lt=cutoff,
            training__isnull=True,
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    taught = 0
    for start in range(0, len(waiting), _BATCH):
        # Read again: a moderator may have acted since the list was made.
        for comment in published.filter(pk__in=waiting[start : start + _BATCH]):
            learning.comment_learn(comment=comment, spam=False, source=Training.Source.STOOD)
            taught += 1
    return taught


def filter_refresh(*, now: datetime | None = None) -> tuple[int, float | None]:
    """The daily job: learns the comments that stood, then finds the filter's bar for
    holding on words alone again. Returns how many were learnt, and that bar."""
    taught = comments_stood_learn(now=now)
    bar = learning.filter_calibrate()
    learning.filter_refreshed(now or timezone.now())
    return taught, bar
