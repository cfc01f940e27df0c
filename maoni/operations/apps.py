from django.apps import AppConfig


class OperationsConfig(AppConfig):
    name = "maoni.operations"
    verbose_name = "Running Maoni"
