"""``manage.py import_comments <format> <file or DSN>``: comments from another system."""

from __future__ import annotations

import sys
import time
from typing import Any, Protocol, runtime_checkable

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError

from maoni.comments.models import Site
from maoni.comments.services import CommentRejected
from maoni.imports import writing
from maoni.imports.formats import FORMATS, reader_for
from maoni.imports.records import SourceError

# Plain progress lines, when not on a terminal, at most this often (seconds).
PLAIN_EVERY = 10.0


@runtime_checkable
class Noting(Protocol):
    """A reader that can say what it left out of the source (pingbacks, say)."""

    def notes(self) -> list[str]: ...


class Command(BaseCommand):
    help = (
        "Imports the comments of another comment system: "
        + "; ".join(f"{name}: {what}" for name, (_reader, what) in FORMATS.items())
        + ". Running it again adds only what is missing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("format", choices=sorted(FORMATS))
        parser.add_argument("source", help="The export file, or the database's DSN or file.")
        where = parser.add_mutually_exclusive_group(required=True)
        where.add_argument(
            "--site", help="The registered site (short name) whose pages the comments are under."
        )
        where.add_argument(
            "--as-articles",
            action="store_true",
            help="Make a Maoni article of each post or node, with its title, date and text.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Say what would be imported; store nothing."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        site = None
        if options["site"]:
            site = Site.objects.filter(slug=options["site"]).first()
            if site is None:
                raise CommandError(
                    f"No site is called {options['site']!r}: register it in the admin first "
                    "(Comments → Sites)."
                )
        reader = reader_for(options["format"], options["source"])
        try:
            found = writing.check(reader)
        except (SourceError, OSError) as error:
            raise CommandError(f"{error} Nothing was imported.") from error
        self._report("Found", found)
        for note in reader.notes() if isinstance(reader, Noting) else []:
            self.stdout.write(note)
        if options["dry_run"]:
            self.stdout.write("A dry run: nothing was stored.")
            return
        destination = writing.Destination(site=site, as_articles=options["as_articles"])
        try:
            stored = self._store(reader, options["format"], destination, found.total)
        except (SourceError, OSError, CommentRejected, DatabaseError) as error:
            raise CommandError(
                f"{error} The batches stored before this stay; run the same import again "
                "to finish it."
            ) from error
        self._report("Imported", stored)

    def _store(
        self, reader: Any, source: str, to: writing.Destination, total: int
    ) -> writing.Summary:
        if sys.stdout.isatty() and self.stdout._out is sys.stdout:
            from rich.progress import Progress

            with Progress() as bar:
                task = bar.add_task("Importing comments", total=total)
                return writing.store(
                    reader,
                    source=source,
                    to=to,
                    progress=lambda done: bar.update(task, completed=done),
                )
        started = last = time.monotonic()

        def plain(done: int) -> None:
            nonlocal last
            now = time.monotonic()
            if now - last >= PLAIN_EVERY or done == total:
                last = now
                rate = done / max(now - started, 1e-9)
                self.stdout.write(f"{done:,} of {total:,} comments, {rate:,.0f} a second")

        return writing.store(reader, source=source, to=to, progress=plain)

    def _report(self, verb: str, summary: writing.Summary) -> None:
        statuses = ", ".join(
            f"{count:,} {status}" for status, count in sorted(summary.comments.items())
        )
        self.stdout.write(
            f"{verb}: {summary.pages:,} pages, {summary.total:,} comments ({statuses or 'none'}); "
            f"{summary.users_matched:,} registered users matched."
        )
        if verb == "Imported":
            self.stdout.write(
                f"Stored {summary.stored:,} new comments; {summary.already_there:,} were there "
                f"from an earlier run; {summary.orphans:,} replies whose parent the source lacks "
                "stand at the top level."
            )
