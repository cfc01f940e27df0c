"""Rebuilds the spam filter from the built-in training set and every moderator decision."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from maoni.moderation.learning import filter_is_empty, filter_rebuild


class Command(BaseCommand):
    help = (
        "Forgets the spam filter's counts and learns again from every decision "
        "moderators have made and every comment that stood published."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help=(
                "Only when the filter has learnt nothing yet (a new install), or its "
                "counts were stored by an older version that read features another way."
            ),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["if_empty"] and not filter_is_empty():
            return
        spam, ham = filter_rebuild()
        self.stdout.write(f"The spam filter knows {spam} spam and {ham} ham comments.")
