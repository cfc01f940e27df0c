"""Removes personal data Maoni no longer needs (run daily, e.g. from cron)."""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from maoni.comments.models import PersonalDataPurge
from maoni.comments.services import comments_forget_addresses, comments_purge_deleted


class Command(BaseCommand):
    help = (
        "Removes the e-mail addresses of comments written without an account once they are "
        "MAONI_ADDRESS_RETENTION_DAYS old (unless reply notices go on), and comments deleted "
        "more than 30 days ago with the moderators' notes about them."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        addresses = comments_forget_addresses()
        purged = comments_purge_deleted()
        row = PersonalDataPurge.load()
        row.last_run = timezone.now()
        row.addresses_removed = addresses
        row.comments_purged = purged
        row.save()
        days = settings.MAONI_ADDRESS_RETENTION_DAYS
        self.stdout.write(
            f"Removed the e-mail address of {addresses} comment(s) older than {days} days; "
            f"purged {purged} deleted comment(s)."
        )
