"""Teaches the spam filter "not spam" from comments that stood published."""

from typing import Any

from django.core.management.base import BaseCommand

from maoni.moderation.learning import STOOD_FOR, comments_stood_learn


class Command(BaseCommand):
    help = (
        "Teaches the spam filter 'not spam' from comments published for "
        f"{STOOD_FOR.days} days that no moderator removed. Run it daily from cron."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        total = comments_stood_learn()
        if total:
            self.stdout.write(f"The spam filter learnt {total} published comments.")
