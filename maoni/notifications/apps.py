from typing import Any

from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "maoni.notifications"
    label = "notifications"
    verbose_name = "Notifications"

    def ready(self) -> None:
        from maoni.comments import events

        events.reply_published.connect(_reply_published, dispatch_uid="maoni-reply-notices")
        events.comments_held.connect(_comments_held, dispatch_uid="maoni-held-digests")


def _reply_published(*, reply_id: int, **_kwargs: Any) -> None:
    from maoni.notifications import services

    services.reply_published(reply_id=reply_id)


def _comments_held(*, comment_ids: list[int], **_kwargs: Any) -> None:
    from maoni.notifications import services

    services.comments_held(comment_ids=comment_ids)
