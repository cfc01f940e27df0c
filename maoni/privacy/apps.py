from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "maoni.privacy"
    label = "privacy"
    verbose_name = "Readers' data"
