"""``manage.py export FILE``: the whole site in one file, for moving it or keeping it."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser, OutputWrapper
from django.db import DatabaseError
from django.utils import timezone

from maoni.operations.exportfile import STANDARD_STREAM, writing
from maoni.operations.transfer import TransferError, site_export

PERSONAL_DATA = (
    "This file holds personal data: commenters' e-mail addresses and network hashes, "
    "accounts with their password hashes, reports and their senders' addresses. Keep it "
    "as you keep the database: encrypted, where only the newsroom can read it, and delete "
    "it when it is no longer needed."
)


class Command(BaseCommand):
    help = (
        "Writes the whole site (articles, comments, accounts and roles, the moderation log, "
        "block lists, settings, the spam filter's counts, notices) to FILE, gzip-compressed "
        "when FILE ends in .gz. `-` writes to standard output. `manage.py import` reads it. "
        "The file holds personal data (addresses, accounts): keep it as the database."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="Where to write, e.g. site.jsonl.gz; - for stdout.")

    def handle(self, *args: Any, **options: Any) -> None:
        path: str = options["file"]
        # The file may be standard output: what is said goes to standard error then.
        report = self.stderr if path == STANDARD_STREAM else self.stdout
        started = time.monotonic()
        try:
            with writing(path, self.stdout) as out:
                counts = site_export(out=out, now=timezone.now())
        except TransferError as error:
            raise CommandError(str(error)) from error
        except OSError as error:
            raise CommandError(f"{path} cannot be written: {error.strerror or error}.") from error
        except DatabaseError as error:
            raise CommandError(f"The database cannot be read: {error}".strip()) from error
        print_counts(report, counts)
        where = "standard output" if path == STANDARD_STREAM else path
        report.write(
            f"Wrote {sum(count for _name, count in counts)} rows of {len(counts)} tables to "
            f"{where} in {time.monotonic() - started:.1f} s."
        )
        report.write(PERSONAL_DATA)


def print_counts(report: OutputWrapper, counts: list[tuple[str, int]]) -> None:
    width = max(len(name) for name, _count in counts)
    for name, count in counts:
        report.write(f"  {name:<{width}} {count:>10}")
