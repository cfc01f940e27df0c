from django.apps import AppConfig


class DeskConfig(AppConfig):
    name = "maoni.desk"
    label = "desk"
    verbose_name = "Moderators' desk"
