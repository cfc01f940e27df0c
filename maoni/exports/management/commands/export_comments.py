"""``manage.py export_comments <format> <file>``: every comment, for another system."""

from __future__ import annotations

from contextlib import AbstractContextManager, nullcontext
from typing import Any, TextIO
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser, OutputWrapper
from django.utils import timezone

from maoni.exports.formats import FORMATS, writer_for
from maoni.exports.reading import StoredPages
from maoni.exports.records import Channel, Written


class Command(BaseCommand):
    help = (
        "Writes every page that has comments, and its comments, as "
        + "; ".join(f"{name}: {what}" for name, (_writer, what) in FORMATS.items())
        + "."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("format", choices=sorted(FORMATS))
        parser.add_argument("file", help="The file to write, or - for the standard output.")

    def handle(self, *args: Any, **options: Any) -> None:
        channel = Channel(
            title=settings.MAONI_SITE_NAME,
            base_url=settings.MAONI_BASE_URL,
            zone=ZoneInfo(settings.TIME_ZONE),
            now=timezone.now(),
        )
        write = writer_for(options["format"])
        to_stdout = options["file"] == "-"
        try:
            # The standard output is Django's wrapper's stream: the wrapper would end
            # every piece written with a newline.
            # (django-stubs type the wrapped stream as a callable.)
            stream: TextIO = self.stdout._out  # type: ignore[assignment]
            target: AbstractContextManager[TextIO] = (
                nullcontext(stream) if to_stdout else open(options["file"], "w", encoding="utf-8")  # noqa: SIM115
            )
            with target as out:
                written = write(out, StoredPages(), channel=channel)
        except OSError as error:
            raise CommandError(f"{error}. The export was not finished.") from error
        # The file itself may be the standard output: the report goes to the error stream.
        self._report(written, self.stderr if to_stdout else self.stdout)

    def _report(self, written: Written, out: OutputWrapper) -> None:
        kept = ", ".join(f"{n:,} {status}" for status, n in sorted(written.comments.items()))
        out.write(
            f"Exported {written.pages:,} pages, {sum(written.comments.values()):,} comments "
            f"({kept or 'none'})."
        )
        for status, count in sorted(written.left_out.items()):
            out.write(
                f"Left out {count:,} {status} comments: the format has no such state, and "
                "they were not public here. Publish or delete them first, or export WXR."
            )
