"""The file ``manage.py export`` writes and ``manage.py import`` reads.

One JSON value a line, UTF-8, gzip-compressed when the file's name ends in
``.gz`` (reading recognises gzip by its first bytes, whatever the name)::

    {"format": "maoni-export", "version": 1, "migrations": {...}, "tables": [...], ...}
    {"table": "auth.group"}
    [1, "Moderators"]
    [2, "Editors"]
    {"table": "auth.group_permissions"}
    ...
    {"end": 1234}

The header names each table with its columns and its number of rows; then
come the tables in that order, each a line naming it and one array a row,
values in the header's column order; the last line gives the number of rows
in the file, so that a file cut short is told from a whole one. Rows are
read and written one at a time: a file of any size passes through in a
little memory.

Pure: nothing here knows Django. Values are JSON's own, except that times
and dates are ISO 8601 strings, decimals and UUIDs strings, durations as
``str(timedelta)`` writes them and bytes base64.
"""

from __future__ import annotations

import base64
import gzip
import io
import json
import os
import sys
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import IO, Any, Protocol
from uuid import UUID

FORMAT = "maoni-export"
VERSION = 1
STANDARD_STREAM = "-"
_GZIP_MAGIC = b"\x1f\x8b"


class Sink(Protocol):
    def write(self, text: str, /) -> object: ...


class FileError(ValueError):
    """A file that cannot be imported; the message says why, in words an operator reads."""


@dataclass(frozen=True)
class Section:
    """One table as the header describes it."""

    name: str
    columns: tuple[str, ...]
    rows: int


@dataclass(frozen=True)
class Header:
    version: int
    migrations: dict[str, list[str]]
    sections: tuple[Section, ...]
    exported: str

    @property
    def rows(self) -> int:
        return sum(section.rows for section in self.sections)


def _plain(value: object) -> object:
    if isinstance(value, date | time):  # datetime is a date
        return value.isoformat()
    if isinstance(value, Decimal | UUID | timedelta):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    raise TypeError(f"a value of type {type(value).__name__} cannot be written")


def line(value: object) -> str:
    """``value`` as one line of the file, newline included."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=_plain) + "\n"


def header_line(
    *,
    exported: str,
    database: str,
    migrations: dict[str, list[str]],
    sections: list[Section],
    left_out: dict[str, str],
) -> str:
    return line(
        {
            "format": FORMAT,
            "version": VERSION,
            "exported": exported,
            "database": database,
            "migrations": migrations,
            "tables": [
                {"name": section.name, "columns": list(section.columns), "rows": section.rows}
                for section in sections
            ],
            "left_out": left_out,
        }
    )


def section_line(section: Section) -> str:
    return line({"table": section.name})


def end_line(rows: int) -> str:
    return line({"end": rows})


class Reader:
    """Reads a file line by line, checking it against its header as it goes.

    Every problem is raised as a ``FileError`` naming the line.
    """

    def __init__(self, stream: IO[str]) -> None:
        self._lines = iter(stream)
        self.line_number = 0
        self._header: Header | None = None

    def _text_line(self) -> str | None:
        """The next line's text, or None at the end of the file."""
        try:
            text = next(self._lines, None)
        except (OSError, EOFError, zlib.error, UnicodeDecodeError) as error:
            raise FileError(
                f"The file cannot be read after line {self.line_number}: {error}. It is damaged "
                "or cut short."
            ) from error
        if text is not None:
            self.line_number += 1
        return text

    def _next(self, what: str) -> Any:
        text = self._text_line()
        if text is None:
            raise FileError(
                f"The file ends after line {self.line_number}, before {what}: it was cut short "
                "(a copy made while it was being written, a full disk, a download that stopped)."
            )
        try:
            return json.loads(text)
        except ValueError:
            raise FileError(
                f"Line {self.line_number} of the file is not what an export holds: the file is "
                "damaged or cut short."
            ) from None

    def header(self) -> Header:
        """The header, checked to be a Maoni export of the version this code reads."""
        if self._header is not None:
            return self._header
        not_an_export = FileError(
            "This is not a file written by `manage.py export`: its first line is not an "
            "export header."
        )
        try:
            text = self._text_line()
        except FileError:
            raise not_an_export from None
        if text is None:
            raise FileError("The file is empty.")
        try:
            first = json.loads(text)
        except ValueError:
            raise not_an_export from None
        if not isinstance(first, dict) or first.get("format") != FORMAT:
            raise not_an_export
        version = first.get("version")
        if version != VERSION:
            raise FileError(
                f"The file is in export format version {version}; this Maoni reads version "
                f"{VERSION}. Import it with the Maoni version that wrote it."
            )
        self._header = _parse_header(first)
        return self._header

    def rows(self, section: Section) -> Iterator[list[Any]]:
        """The rows of ``section``, the next table in the file."""
        found = self._next(f"the rows of {section.name}")
        if found != {"table": section.name}:
            raise FileError(
                f"Line {self.line_number} should start the rows of {section.name}, as the header "
                "says: the file is damaged."
            )
        width = len(section.columns)
        for number in range(section.rows):
            row = self._next(f"row {number + 1} of {section.rows} of {section.name}")
            if not isinstance(row, list) or len(row) != width:
                raise FileError(
                    f"Line {self.line_number} should be a row of {section.name} with {width} "
                    "values, as the header says: the file is damaged."
                )
            yield row

    def finish(self) -> None:
        """Checks that the file ends where the header says, and nothing follows."""
        header = self.header()
        found = self._next("its last line")
        if found != {"end": header.rows}:
            raise FileError(
                f"Line {self.line_number} should end the file after {header.rows} rows, as the "
                "header says: the file is damaged."
            )
        extra = self._text_line()
        if extra is not None:
            raise FileError(f"The file goes on after its last line ({self.line_number - 1}).")


def _parse_header(raw: dict[str, Any]) -> Header:
    damaged = FileError("The file's header is damaged.")
    migrations = raw.get("migrations")
    tables = raw.get("tables")
    if not isinstance(migrations, dict) or not isinstance(tables, list):
        raise damaged
    for names in migrations.values():
        if not isinstance(names, list) or not all(isinstance(name, str) for name in names):
            raise damaged
    sections = []
    for table in tables:
        if not isinstance(table, dict):
            raise damaged
        name, columns, rows = table.get("name"), table.get("columns"), table.get("rows")
        if (
            not isinstance(name, str)
            or not isinstance(columns, list)
            or not all(isinstance(column, str) for column in columns)
            or not isinstance(rows, int)
            or isinstance(rows, bool)
            or rows < 0
        ):
            raise damaged
        sections.append(Section(name, tuple(columns), rows))
    return Header(
        version=VERSION,
        migrations=migrations,
        sections=tuple(sections),
        exported=str(raw.get("exported", "")),
    )


@contextmanager
def writing(path: str, stdout: Sink) -> Iterator[Sink]:
    """A stream to write the file to: ``stdout`` for ``-``, else ``path``, gzipped for ``.gz``.

    A file is written beside ``path`` and takes its name only once whole, so
    that a failed export never leaves something that looks like a file.
    """
    if path == STANDARD_STREAM:
        yield stdout
        return
    target = Path(path)
    partial = target.with_name(f".{target.name}.partial")
    stream: IO[str]
    # Closed by the with below.
    if target.name.endswith(".gz"):
        stream = gzip.open(partial, "wt", encoding="utf-8", compresslevel=6)  # noqa: SIM115
    else:
        stream = open(partial, "w", encoding="utf-8")  # noqa: SIM115
    try:
        with stream:
            yield stream
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)


@contextmanager
def reading(path: str, stdin: IO[str] | None = None) -> Iterator[IO[str]]:
    """The file's text, from ``stdin`` for ``-``, uncompressed if it was gzipped."""
    if path == STANDARD_STREAM:
        stdin = stdin if stdin is not None else sys.stdin
        raw = getattr(stdin, "buffer", None)
        if not isinstance(raw, io.BufferedReader):
            yield stdin  # already text: nothing to uncompress
            return
        yield _text(raw)
        return
    try:
        binary = open(path, "rb")  # noqa: SIM115 (closed below)
    except OSError as error:
        raise FileError(f"{path} cannot be opened: {error.strerror or error}.") from error
    with binary:
        yield _text(binary)


def _text(binary: io.BufferedReader) -> IO[str]:
    if binary.peek(2)[:2] == _GZIP_MAGIC:
        return gzip.open(binary, "rt", encoding="utf-8")
    return io.TextIOWrapper(binary, encoding="utf-8")
