"""Where a new comment goes in its thread: its path and depth.

Paths sort a thread in reading order (see ``maoni.comments.models``); a
comment's is fixed when it is stored, by ``maoni.comments.services``.
"""

from __future__ import annotations

from datetime import datetime

from django.db.models.functions import Length

from maoni.comments.models import MAX_DEPTH, PATH_SEGMENT, ROOT_SEGMENT, Comment, Thread

# How many times a comment is placed before a clash with others is an error.
PLACING_ATTEMPTS = 5


def place(thread: Thread, parent: Comment | None, created: datetime) -> tuple[str, int]:
    """Returns the path and depth of a new comment.

    A top-level comment's segment is its time in microseconds, so threads
    read oldest first even when older comments are imported later; a reply's
    is one more than its last sibling's. A reply deeper than MAX_DEPTH is
    filed as the youngest child of its ancestor at that depth (its ``parent``
    still names what it answers), so paths stay short. Called inside the
    posting transaction; two comments placed at once on PostgreSQL may pick
    the same path, which the unique constraint refuses (the caller then
    places the comment again).
    """
    if parent is None:
        moment = int(created.timestamp() * 1_000_000)
        taken = set(
            Comment.objects.filter(thread=thread, path__gte=f"{moment:0{ROOT_SEGMENT}d}.", depth=0)
            .order_by("path")
            .values_list("path", flat=True)[:100]
        )
        while f"{moment:0{ROOT_SEGMENT}d}." in taken:
            moment += 1
        return f"{moment:0{ROOT_SEGMENT}d}.", 0
    depth = parent.depth + 1
    level = min(depth, MAX_DEPTH - 1)
    prefix = parent.path[: ROOT_SEGMENT + 1 + (PATH_SEGMENT + 1) * (level - 1)]
    # Paths are digits and dots; those starting with ``prefix`` sort below
    # ``prefix`` with its last dot raised to "/": a range the index serves.
    last = (
        Comment.objects.filter(thread=thread, path__gte=prefix, path__lt=f"{prefix[:-1]}/")
        .annotate(path_length=Length("path"))
        .filter(path_length=len(prefix) + PATH_SEGMENT + 1)
        .order_by("-path")
        .values_list("path", flat=True)
        .first()
    )
    number = int(last[-PATH_SEGMENT - 1 : -1]) + 1 if last else 1
    return f"{prefix}{number:0{PATH_SEGMENT}d}.", depth
