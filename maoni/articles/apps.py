from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "maoni.articles"
    label = "articles"
    verbose_name = "Articles"
