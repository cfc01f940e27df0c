"""Another system's database, named by a DSN or a file, opened read-only and read in batches.

An import reads a source as a stream, so a query's rows come a batch at a
time: an SQLite cursor steps through them as they are fetched, and a
PostgreSQL one is a server-side (named) cursor, so that neither side holds
the whole table. Several queries may be read at once, interleaved.
"""

from __future__ import annotations

import itertools
import sqlite3
from collections.abc import Iterator
from typing import Any, Protocol
from urllib.parse import unquote, urlsplit, urlunsplit

import psycopg

from maoni.imports.records import SourceError
from maoni.imports.sqlite_files import open_read_only

BATCH = 1000
POSTGRES_SCHEMES = {"postgres", "postgresql"}
MYSQL_SCHEMES = {"mysql", "mariadb", "mysql2", "mysqli", "pdo_mysql"}
# A driver's row: its values have the types of the table's columns.
Row = tuple[Any, ...]


class Database(Protocol):
    """An open source database."""

    # Where it is, for messages: never with a password.
    shown: str
    # What follows a text in ORDER BY to compare it byte by byte.
    bytewise: str
    # What the driver raises when a query fails.
    errors: tuple[type[Exception], ...]

    def tables(self) -> set[str]:
        """The names of the tables a query can name without a schema."""

    def rows(self, query: str) -> Iterator[Row]:
        """The query's rows, fetched a batch at a time."""

    def close(self) -> None: ...


def shown(dsn: str) -> str:
    """The DSN without its password, to name the database in a message."""
    parts = urlsplit(dsn)
    if parts.password is None:
        return dsn
    netloc = parts.netloc.replace(f":{parts.password}@", ":…@", 1)
    return urlunsplit(parts._replace(netloc=netloc))


def connect(source: str, *, system: str) -> Database:
    """The database ``source`` names: a postgres:// or sqlite:/// DSN, or an SQLite file.

    Raises SourceError for a database that cannot be reached or opened, or
    that needs a driver Maoni does not have; ``system`` names its software.
    """
    if "://" not in source:
        return SQLiteDatabase(source)
    scheme = urlsplit(source).scheme.lower()
    if scheme == "sqlite":
        # As DATABASE_URL: sqlite:///relative/path, sqlite:////absolute/path.
        path = unquote(urlsplit(source).path)[1:]
        if not path:
            raise SourceError(f"{source} names no file: write sqlite:///path/to/file.")
        return SQLiteDatabase(path)
    if scheme in POSTGRES_SCHEMES:
        return PostgresDatabase(source)
    if scheme in MYSQL_SCHEMES:
        raise SourceError(
            f"{shown(source)} is a MySQL database, and no MySQL driver is installed: "
            f"copy the {system} database into PostgreSQL or SQLite and import from the copy."
        )
    raise SourceError(
        f"{shown(source)} is not a database Maoni can read: give a postgres:// or "
        "sqlite:/// DSN, or the path of an SQLite file."
    )


class SQLiteDatabase:
    bytewise = ""  # SQLite compares text byte by byte unless told otherwise.
    errors: tuple[type[Exception], ...] = (sqlite3.Error,)

    def __init__(self, path: str) -> None:
        self.shown = path
        self.connection = open_read_only(path)

    def tables(self) -> set[str]:
        rows = self.connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        return {str(name) for (name,) in rows}

    def rows(self, query: str) -> Iterator[Row]:
        cursor = self.connection.execute(query)
        while batch := cursor.fetchmany(BATCH):
            yield from batch

    def close(self) -> None:
        self.connection.close()


class PostgresDatabase:
    # The database's own collation may ignore punctuation; "C" compares bytes.
    bytewise = ' COLLATE "C"'
    errors: tuple[type[Exception], ...] = (psycopg.Error,)

    def __init__(self, dsn: str) -> None:
        self.shown = shown(dsn)
        try:
            self.connection = psycopg.connect(dsn, connect_timeout=10)
            self.connection.read_only = True
        except psycopg.Error as error:
            raise SourceError(
                f"{self.shown} could not be reached: {error}".rstrip() + "."
            ) from error
        self._names = (f"maoni_import_{number}" for number in itertools.count(1))

    def tables(self) -> set[str]:
        rows = self.connection.execute(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = ANY (current_schemas(false))"
        )
        return {str(name) for (name,) in rows}

    def rows(self, query: str) -> Iterator[Row]:
        with self.connection.cursor(name=next(self._names)) as cursor:
            cursor.execute(query)
            while batch := cursor.fetchmany(BATCH):
                yield from batch

    def close(self) -> None:
        self.connection.close()
