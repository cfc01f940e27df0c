"""``manage.py import FILE``: a site written by ``manage.py export`` into this database.

The module is named for the command; Python's keyword does not stop Django
from loading it by name.
"""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError

from maoni.operations.exportfile import STANDARD_STREAM, FileError, Reader, reading
from maoni.operations.inventory import migration_mismatch
from maoni.operations.management.commands.export import print_counts
from maoni.operations.transfer import TransferError, site_import, site_occupied


class Command(BaseCommand):
    help = (
        "Loads a site written by `manage.py export` into this database, which `manage.py "
        "migrate` has just made, in one transaction: a failed import changes nothing. "
        "`-` reads standard input."
    )
    # call_command("import", "-", stdin=...) in tests, as for loaddata.
    stealth_options = ("stdin",)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="The file `manage.py export` wrote; - for stdin.")
        parser.add_argument(
            "--replace",
            action="store_true",
            help=(
                "Delete the site this database holds (articles, comments, accounts, the "
                "moderation log, settings: everything the file brings) and load the file in "
                "its place. Asks first unless --no-input is given."
            ),
        )
        parser.add_argument(
            "--no-input",
            "--noinput",
            action="store_false",
            dest="interactive",
            help="Do not ask before --replace deletes the site this database holds.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: str = options["file"]
        replace: bool = options["replace"]
        if replace and options["interactive"] and path == STANDARD_STREAM:
            raise CommandError(
                "The file comes on standard input, so there is no asking before --replace "
                "deletes this database's site: add --no-input."
            )
        started = time.monotonic()
        try:
            with reading(path, options.get("stdin")) as stream:
                source = Reader(stream)
                problem = migration_mismatch(source.header().migrations)
                if problem is not None:
                    raise TransferError(problem)
                if replace and options["interactive"] and not self._confirmed():
                    raise TransferError("You did not answer yes.")
                imported = site_import(source=source, replace=replace)
        except (FileError, TransferError) as error:
            raise CommandError(f"{error} Nothing was imported.") from error
        except DatabaseError as error:
            raise CommandError(
                f"The database cannot be used: {str(error).strip()}. Nothing was imported."
            ) from error
        print_counts(self.stdout, imported.counts)
        self.stdout.write(
            f"Imported {sum(count for _name, count in imported.counts)} rows of "
            f"{len(imported.counts)} tables in {time.monotonic() - started:.1f} s; every count "
            "matches the file."
        )
        if not imported.analyzed:
            self.stderr.write(
                "The rows are in, but PostgreSQL's ANALYZE failed: run `ANALYZE;` in psql, "
                "or queries may be slow until autovacuum gets to the new tables."
            )
        if not imported.pages_forgotten:
            self.stderr.write(
                "Redis could not be reached to move the page counters on: restart the app "
                "servers, or pages kept from before the import may be served."
            )

    def _confirmed(self) -> bool:
        occupied = site_occupied()
        if not occupied:
            return True
        self.stdout.write("This database holds a site, which --replace deletes:")
        print_counts(self.stdout, occupied)
        answer = input("Type 'yes' to delete it and import the file in its place: ")
        return answer.strip().lower() == "yes"
