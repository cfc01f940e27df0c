"""The language each reader asked for reply notices in.

A reply notice goes out long after its reader asked for it, set off by
someone else's reply, so the language the reader was answered in when they
posted the comment is recorded with it (``ReplySubscription``) and the
notice is written in that.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import DatabaseError, transaction
from django.utils import translation

from maoni.comments.models import Comment
from maoni.notifications.models import ReplySubscription

logger = logging.getLogger(__name__)


def subscription_record(*, comment: Comment) -> None:
    """Records the active language as the one ``comment``'s reply notices are written in.

    Called as the comment is stored, in the request of the reader who wrote
    it; comments that ask for no notices, and imported ones, need nothing.
    Never raises: a comment is not lost over the language of its notices.
    """
    if not comment.notify_replies or comment.source:
        return
    language = (translation.get_language() or "")[: ReplySubscription.LANGUAGE_MAX_LENGTH]
    try:
        # A savepoint: the transaction storing the comment goes on whatever happens here.
        with transaction.atomic():
            ReplySubscription.objects.update_or_create(
                comment=comment, defaults={"language": language}
            )
    except DatabaseError:
        logger.exception(
            "The language of the reply notices of comment %s was not kept.", comment.pk
        )


def subscription_language(*, comment: Comment) -> str:
    """The language notices of replies to ``comment`` are written in."""
    found = ReplySubscription.objects.filter(comment=comment).values_list("language", flat=True)
    return found.first() or str(settings.LANGUAGE_CODE)
