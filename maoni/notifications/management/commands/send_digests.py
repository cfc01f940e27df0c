"""Sends the moderators' digest of held comments when one is due (run every minute from cron)."""

from typing import Any

from django.core.management.base import BaseCommand

from maoni.notifications.services import digest_send


class Command(BaseCommand):
    help = "Mails moderators the comments held since the last digest, when a digest is due."

    def handle(self, *args: Any, **options: Any) -> None:
        sent = digest_send()
        if sent is None:
            # Silent by default: cron mails whatever a job prints, every minute.
            if options["verbosity"] >= 2:
                self.stdout.write("No digest was due.")
            return
        count = len(sent.comment_ids)
        self.stdout.write(
            f"Sent a digest of {count} comment{'s' if count != 1 else ''} "
            f"to {sent.recipients} moderator{'s' if sent.recipients != 1 else ''}."
        )
