from django.apps import AppConfig


class ExportsConfig(AppConfig):
    name = "maoni.exports"
    label = "exports"
    verbose_name = "Exports to other comment systems"
