from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "maoni.accounts"
    label = "accounts"
    verbose_name = "Accounts"
