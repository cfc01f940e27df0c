"""Changes to articles that more than the admin makes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from maoni.articles.models import Article
from maoni.comments.threads import thread_changed
from maoni.moderation.models import AuditEntry

if TYPE_CHECKING:
    from django.contrib.auth.models import User

_MODE_ACTIONS = {
    Article.CommentMode.OPEN: AuditEntry.Action.COMMENTS_OPEN,
    Article.CommentMode.CLOSED: AuditEntry.Action.COMMENTS_CLOSE,
    Article.CommentMode.HIDDEN: AuditEntry.Action.COMMENTS_HIDE,
}


def article_set_comment_mode(*, article: Article, mode: str, actor: User, note: str = "") -> bool:
    """Opens, closes or hides an article's comments; False when it already was so."""
    mode = Article.CommentMode(mode)
    with transaction.atomic():
        before = article.comments
        if before == mode:
            return False
        article.comments = mode
        article.save(update_fields=["comments"])
        # The page changes (form or comments appear or go), so cached copies must too.
        thread_changed(article.thread_id)
        AuditEntry.objects.create(
            created=timezone.now(),
            actor=actor,
            action=_MODE_ACTIONS[mode],
            thread_id=article.thread_id,
            from_status=before,
            to_status=mode,
            note=note,
        )
    return True
