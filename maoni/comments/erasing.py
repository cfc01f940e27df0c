"""A reader's comments, erased at their request: anonymised, or deleted as well.

Called through ``maoni.comments.services``. Works on every comment written
without an account under one e-mail address, or on every comment of one
account (its holder's request, or the account being deleted). Anonymised:
the name and address go, and reply notices stop; the text stays, under
"Anonymous". Deleted: anonymised too, and each comment deleted through the
moderation path (restorable for 30 days by the newsroom, then purged;
replies stay, under "In reply to a comment that is no longer shown").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from maoni.comments.models import Comment
from maoni.comments.moderating import comments_moderate
from maoni.comments.threads import thread_changed
from maoni.moderation.models import AuditEntry

if TYPE_CHECKING:
    from django.contrib.auth.models import User

ERASED = "erased at its author's request"


def _of_address(address: str) -> QuerySet[Comment]:
    return Comment.objects.filter(user__isnull=True, author_email__iexact=address.strip())


def comments_of_address(address: str) -> list[Comment]:
    """Every comment written without an account under ``address``, oldest first."""
    found = _of_address(address).select_related("thread", "thread__article")
    return list(found.order_by("created", "id"))


def address_wrote(address: str) -> bool:
    """Whether any comment was written without an account under ``address``."""
    return _of_address(address).exists()


def comments_of_account(user: User) -> list[Comment]:
    """Every comment an account wrote, oldest first."""
    found = Comment.objects.filter(user=user)
    return list(found.select_related("thread", "thread__article").order_by("created", "id"))


def comments_erase_author(*, address: str = "", user: User | None = None, delete: bool) -> int:
    """Erases the comments of ``address``, or of the account ``user`` (see the module);
    returns how many there were. An account's comments are left with no account."""
    comments = comments_of_account(user) if user is not None else comments_of_address(address)
    ids = [comment.pk for comment in comments]
    if not ids:
        return 0
    with transaction.atomic():
        if delete:
            comments_moderate(
                comment_ids=ids, action=AuditEntry.Action.DELETE, actor=None, note=ERASED
            )
        Comment.objects.filter(pk__in=ids).update(
            author_name="", author_email="", client_key="", notify_replies=False, user=None
        )
        for thread_id in {comment.thread_id for comment in comments}:
            thread_changed(thread_id)  # names on the page change
        AuditEntry.objects.create(
            created=timezone.now(), action=AuditEntry.Action.FORGET,
            details={"comments": len(ids), "deleted": delete}, note=ERASED,
        )  # fmt: skip
    return len(ids)
