"""A form sent twice posts one comment: its idempotency key says which.

Each comment form carries a random key; the comment it posts is stored with
it (unique), so a retry after a lost answer, or Back and Save, finds that
comment instead of posting another. ``comment_post`` raises ``Duplicate``.
"""

from __future__ import annotations

import re
import secrets

from maoni.comments.models import Comment


class Duplicate(Exception):
    """The form was sent before and its comment stored: ``comment`` is that one."""

    def __init__(self, comment: Comment) -> None:
        super().__init__(f"comment {comment.pk} was stored with this key")
        self.comment = comment


# What a form's idempotency key is made of (new_idempotency_key).
_IDEMPOTENCY_KEY = re.compile(r"[A-Za-z0-9_-]{16,64}")


def new_idempotency_key() -> str:
    """A key for one comment form: sending the form again never posts twice."""
    return secrets.token_urlsafe(18)


def idempotency_key_of(sent: str) -> str | None:
    """The key a form was sent with, or None when it has none that could be one."""
    return sent if _IDEMPOTENCY_KEY.fullmatch(sent) else None


def comment_sent_before(idempotency_key: str) -> Comment | None:
    """The comment a form with this idempotency key already posted, if any."""
    return Comment.objects.select_related("thread").filter(idempotency_key=idempotency_key).first()
