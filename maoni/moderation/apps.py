from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ModerationConfig(AppConfig):
    name = "maoni.moderation"
    label = "moderation"
    verbose_name = _("Moderation")

    def ready(self) -> None:
        from maoni.moderation.models import BlockEntry, SpamSettings
        from maoni.moderation.roles import ensure_roles
        from maoni.pagecache import signals

        signals.watch_site_rows(SpamSettings)
        signals.watch_spam_rows(BlockEntry)

        # Runs after every migrate, once the permissions it hands out exist.
        post_migrate.connect(ensure_roles, sender=self)
