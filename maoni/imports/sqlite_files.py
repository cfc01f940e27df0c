"""Other systems' SQLite files, opened read-only: an import never writes to its source."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from maoni.imports.records import SourceError


def open_read_only(path: str) -> sqlite3.Connection:
    """A read-only connection to the SQLite file at ``path``.

    Raises SourceError when there is no such file or it is not SQLite:
    SQLite opens any file lazily and finds out only at the first read,
    so the file's schema is read here once.
    """
    file = Path(path).expanduser()
    if not file.is_file():
        raise SourceError(f"{path} is not a file.")
    # A URI, so that mode=ro applies; as_uri() quotes a '?' or '#' in the path.
    connection = sqlite3.connect(f"{file.resolve().as_uri()}?mode=ro", uri=True)
    try:
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as error:
        connection.close()
        raise SourceError(f"{path} is not an SQLite database.") from error
    return connection


def table_columns(connection: sqlite3.Connection, table: str) -> set[str]:
    """The names of ``table``'s columns; empty when there is no such table."""
    rows = connection.execute("SELECT name FROM pragma_table_info(?)", (table,)).fetchall()
    return {str(name) for (name,) in rows}
