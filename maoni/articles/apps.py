from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "maoni.articles"
    label = "articles"
    verbose_name = _("Articles")

    def ready(self) -> None:
        from maoni.articles.models import Article
        from maoni.pagecache import signals

        signals.watch_thread_rows(Article, lambda article: article.thread_id)
