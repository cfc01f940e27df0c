from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "maoni.imports"
    label = "imports"
    verbose_name = "Imports from other comment systems"
