from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "maoni.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        from maoni.comments import events
        from maoni.comments.models import Comment

        events.reply_published.connect(_reply_published, dispatch_uid="maoni-reply-notices")
        events.comments_held.connect(_comments_held, dispatch_uid="maoni-held-digests")
        # A comment asking for reply notices is stored in its reader's request:
        # the one moment the language they read in is known.
        post_save.connect(_comment_saved, sender=Comment, dispatch_uid="maoni-reply-languages")


def _reply_published(*, reply_id: int, **_kwargs: Any) -> None:
    from maoni.notifications import services

    services.reply_published(reply_id=reply_id)


def _comments_held(*, comment_ids: list[int], **_kwargs: Any) -> None:
    from maoni.notifications import services

    services.comments_held(comment_ids=comment_ids)


def _comment_saved(*, instance: Any, created: bool, raw: bool = False, **_kwargs: Any) -> None:
    if created and not raw:
        from maoni.notifications import subscriptions

        subscriptions.subscription_record(comment=instance)
