from django.apps import AppConfig


class CommentsConfig(AppConfig):
    name = "maoni.comments"
    label = "comments"
    verbose_name = "Comments"
