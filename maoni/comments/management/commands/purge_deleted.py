"""Purges comments deleted more than 30 days ago (run daily, e.g. from cron)."""

from typing import Any

from django.core.management.base import BaseCommand

from maoni.comments.services import comments_purge_deleted


class Command(BaseCommand):
    help = "Removes comments that were deleted more than 30 days ago."

    def handle(self, *args: Any, **options: Any) -> None:
        count = comments_purge_deleted()
        self.stdout.write(f"Purged {count} deleted comment{'s' if count != 1 else ''}.")
