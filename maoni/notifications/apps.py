from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "maoni.notifications"
    label = "notifications"
    verbose_name = "Notifications"
