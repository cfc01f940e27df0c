"""The same text posted again: how the spam checks count copies of a comment."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from maoni.comments.models import Comment


def counter(*, leaving_out: int | None = None) -> Callable[[str, datetime], int]:
    """Counts comments with a fingerprint posted since a moment (for ``screening.screen``).

    ``leaving_out``: the comment being edited, which is no copy of its own new text.
    """

    def count(fingerprint: str, since: datetime) -> int:
        same = Comment.objects.filter(fingerprint=fingerprint, created__gte=since)
        if leaving_out is not None:
            same = same.exclude(pk=leaving_out)
        return same.count()

    return count
