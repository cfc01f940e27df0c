"""Mail that comment events cause: moderators' digests and readers' reply notices.

The comment services call these after their transaction commits.
"""

from __future__ import annotations


def comments_held(*, comment_ids: list[int]) -> None:
    """Comments were held for review (posted into the queue, or unpublished)."""


def reply_published(*, reply_id: int) -> None:
    """A reply became public (posted published, or published by a moderator)."""
