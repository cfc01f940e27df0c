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


@runtime_checkable
class Checking(Protocol):
    """A reader that can refuse a malformed file quickly, before anything is stored."""

    def check(self) -> None: ...


class Command(BaseCommand):
    # Comments stored (or found stored) so far by this run.
    done = 0

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
            if options["dry_run"]:
                self._found(reader, writing.check(reader))
                self.stdout.write("A dry run: nothing was stored.")
                return
            if isinstance(reader, Checking):
                reader.check()
        except (SourceError, OSError) as error:
            raise CommandError(f"{error} Nothing was imported.") from error
        destination = writing.Destination(site=site, as_articles=options["as_articles"])
        try:
            stored = self._store(reader, options["format"], destination)
        except (SourceError, OSError, CommentRejected, DatabaseError) as error:
            if not self.done:
                raise CommandError(f"{error} Nothing was imported.") from error
            raise CommandError(
                f"{error} The {self.done:,} comments stored before this stay (the batch it "
                "broke in does not); run the same import again to finish it."
            ) from error
        self._found(reader, stored)
        self._report("Imported", stored)

    def _found(self, reader: Any, summary: writing.Summary) -> None:
        self._report("Found", summary)
        for note in reader.notes() if isinstance(reader, Noting) else []:
            self.stdout.write(note)

    def _store(self, reader: Any, source: str, to: writing.Destination) -> writing.Summary:
        """Stores it, showing progress: a bar on a terminal, else a line every 10 seconds."""
        self.done = 0
        if sys.stdout.isatty() and self.stdout._out is sys.stdout:
            from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

            columns = (SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn())
            with Progress(*columns) as bar:
                task = bar.add_task("Importing comments", total=None)
                started = time.monotonic()

                def shown(done: int) -> None:
                    self.done = done
                    rate = done / max(time.monotonic() - started, 1e-9)
                    bar.update(task, description=f"{done:,} comments, {rate:,.0f} a second")

                return writing.store(reader, source=source, to=to, progress=shown)
        started = last = time.monotonic()

        def plain(done: int) -> None:
            nonlocal last
            self.done = done
            now = time.monotonic()
            if now - last >= PLAIN_EVERY:
                last = now
                rate = done / max(now - started, 1e-9)
                self.stdout.write(f"{done:,} comments, {rate:,.0f} a second")

        summary = writing.store(reader, source=source, to=to, progress=plain)
        seconds = max(time.monotonic() - started, 1e-9)
        self.stdout.write(f"{summary.total:,} comments in {seconds:,.1f} s")
        return summary

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
