"""What a thread keeps of its comments, moved in one place for every change.

``Thread.version`` and ``public_count`` are what paging and the page store
trust (see ``maoni.comments.paging``): every change that adds, removes or
alters a thread's comments, or what its page shows, calls ``thread_changed``,
so they cannot drift apart from the rows.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from maoni.comments.models import Thread
from maoni.pagecache import changes


def thread_changed(thread_id: int, *, comments: int = 1, public: int = 0) -> None:
    """Moves the thread's version on and its public count by ``public``; tells the pages.

    ``comments`` is how many comments changed: the version moves one per
    comment, not per batch, since a thread whose version, count and newest
    comments all moved by the same number only gained comments (which a
    batch that also changed others could otherwise mimic). A change to the
    page around the comments (closing them, say) moves it by one.
    """
    Thread.objects.filter(pk=thread_id).update(
        version=F("version") + comments, public_count=F("public_count") + public
    )
    changes.threads_changed([thread_id])


def thread_stored(thread: Thread) -> Thread:
    """Stores the thread of a page whose first comment is being posted.

    Made only then, never by reading the page: of two first comments racing,
    one stores it and the other finds it.
    """
    if thread.opened is None:
        # Closing after a number of days counts from the page's first comment.
        thread.opened = timezone.now()
    try:
        with transaction.atomic():
            thread.save(force_insert=True)
    except IntegrityError:
        return Thread.objects.get(key=thread.key)
    return thread
