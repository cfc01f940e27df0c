from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommentsConfig(AppConfig):
    name = "maoni.comments"
    label = "comments"
    verbose_name = _("Comments")

    def ready(self) -> None:
        from maoni.comments import ownership
        from maoni.comments.models import Comment, CommentSettings, Site, Thread
        from maoni.pagecache import signals, store

        signals.watch_thread_rows(Comment, lambda comment: comment.thread_id)
        signals.watch_thread_rows(Thread, lambda thread: thread.pk)
        signals.watch_site_rows(CommentSettings)
        signals.watch_site_rows(Site)
        # A browser holding the right to change a comment it posted sees its own page.
        store.add_personal_cookie(ownership.COOKIE)
