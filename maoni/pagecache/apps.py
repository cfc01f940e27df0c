from django.apps import AppConfig


class PageCacheConfig(AppConfig):
    name = "maoni.pagecache"
    verbose_name = "Page cache"

    def ready(self) -> None:
        from maoni.pagecache import signals

        signals.connect()
