from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "maoni.articles"
    label = "articles"
    verbose_name = "Articles"

    def ready(self) -> None:
        from maoni.articles.models import Article
        from maoni.pagecache import signals

        signals.watch_thread_rows(Article, lambda article: article.thread_id)
