"""What the comment service announces, for the apps that act on it.

Sent after the change is committed (a rolled-back change announces nothing),
so a receiver sees the comment as stored. The notifications app receives
them (reply notices, moderators' digests); the comment service imports no
receiver.
"""

from __future__ import annotations

from functools import partial

from django.db import transaction
from django.dispatch import Signal

# A reply became public (posted published, or published later): ``reply_id``.
reply_published = Signal()
# Comments began waiting for a moderator (posted held, unpublished, held by an edit):
# ``comment_ids``.
comments_held = Signal()
# A moderator, an author or Maoni changed comments' status: ``comment_ids``,
# ``action`` (AuditEntry.Action), ``actor_id`` (None: Maoni or an anonymous
# author), ``by_author`` and ``note``.
comments_moderated = Signal()


def announce_reply_published(reply_id: int) -> None:
    transaction.on_commit(partial(reply_published.send, sender=None, reply_id=reply_id))


def announce_comments_held(comment_ids: list[int]) -> None:
    if comment_ids:
        transaction.on_commit(partial(comments_held.send, sender=None, comment_ids=comment_ids))


def announce_comments_moderated(
    comment_ids: list[int], *, action: str, actor_id: int | None, by_author: bool, note: str
) -> None:
    if comment_ids:
        transaction.on_commit(
            partial(
                comments_moderated.send,
                sender=None,
                comment_ids=comment_ids,
                action=action,
                actor_id=actor_id,
                by_author=by_author,
                note=note,
            )
        )
