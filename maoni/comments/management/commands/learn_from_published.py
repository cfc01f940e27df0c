"""Teaches the spam filter "not spam" from comments that stood published."""

from typing import Any

from django.core.management.base import BaseCommand

from maoni.comments.standing import STOOD_FOR, filter_refresh


class Command(BaseCommand):
    help = (
        "Teaches the spam filter 'not spam' from comments published for "
        f"{STOOD_FOR.days} days that no moderator removed, then finds again the score at "
        "which it holds a comment on words alone. Run it daily from cron."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        total, quiet_hold = filter_refresh()
        if total:
            self.stdout.write(f"The spam filter learnt {total} published comments.")
        if quiet_hold is not None:
            self.stdout.write(
                f"It holds a comment with no link or contact from a score of {quiet_hold:.4f}."
            )
