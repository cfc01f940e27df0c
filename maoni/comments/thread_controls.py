"""A moderator's hand on a whole thread: close it now, or hold every new comment.

For the story that is getting out of hand: either takes effect with the next
comment sent, shows on the page at once (kept copies are rendered again)
and is written to the audit log with the moderator's note. Reopening and
letting comments through again are the same buttons the other way.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from maoni.comments.choices import Premoderation
from maoni.comments.models import Thread
from maoni.comments.threads import thread_changed
from maoni.moderation.models import AuditEntry

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def thread_close(*, thread: Thread, closed: bool, actor: User, note: str = "") -> bool:
    """Closes a thread to new comments (or opens it again); False when it already was so."""
    with transaction.atomic():
        locked = Thread.objects.select_for_update().get(pk=thread.pk)
        if locked.comments_closed == closed:
            return False
        Thread.objects.filter(pk=thread.pk).update(comments_closed=closed)
        thread.comments_closed = closed
        action = AuditEntry.Action.COMMENTS_CLOSE if closed else AuditEntry.Action.COMMENTS_OPEN
        _audit(thread, action, actor, note, ("open", "closed") if closed else ("closed", "open"))
    return True


def thread_hold_all(*, thread: Thread, held: bool, actor: User, note: str = "") -> bool:
    """Holds every new comment of a thread for a moderator (or stops); False if no change.

    Stopping returns the thread to its site's pre-moderation setting.
    """
    wanted = Premoderation.EVERYONE if held else ""
    with transaction.atomic():
        locked = Thread.objects.select_for_update().get(pk=thread.pk)
        if locked.premoderation == wanted:
            return False
        Thread.objects.filter(pk=thread.pk).update(premoderation=wanted)
        before = locked.premoderation or "site"
        thread.premoderation = wanted
        action = AuditEntry.Action.HOLD_ALL if held else AuditEntry.Action.HOLD_END
        _audit(thread, action, actor, note, (before, wanted or "site"))
    return True


# What each of the desk's and the API's thread buttons does: (closed, held), None: unchanged.
CONTROLS = {
    "close": (True, None),
    "reopen": (False, None),
    "hold": (None, True),
    "release": (None, False),
}


def thread_control(*, thread: Thread, do: str, actor: User, note: str = "") -> bool:
    """One of the thread buttons (``CONTROLS``); False when it was so already."""
    closed, held = CONTROLS[do]
    if closed is not None:
        return thread_close(thread=thread, closed=closed, actor=actor, note=note)
    assert held is not None
    return thread_hold_all(thread=thread, held=held, actor=actor, note=note)


def _audit(
    thread: Thread, action: AuditEntry.Action, actor: User, note: str, change: tuple[str, str]
) -> None:
    # The page changes (the form comes or goes), so kept copies must too.
    thread_changed(thread.pk)
    AuditEntry.objects.create(
        created=timezone.now(),
        actor=actor,
        action=action,
        thread_id=thread.pk,
        from_status=change[0][:10],
        to_status=change[1][:10],
        note=note,
    )
