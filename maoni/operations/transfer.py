"""The whole site out of one database and into another: ``manage.py export`` and ``import``.

Which tables make up the site is said in ``inventory``, the file's format
in ``exportfile``. An export reads one snapshot of the database and writes
it table by table, a chunk of rows at a time; an import loads a file into
a database that holds no site yet, in one transaction, and checks it
against the file's header before it commits.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.management.color import no_style
from django.db import DatabaseError, connections, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.executor import MigrationExecutor
from django.db.models import Field, Model

from maoni.comments.models import Thread
from maoni.moderation.roles import ROLES
from maoni.operations.exportfile import (
    FileError,
    Header,
    Reader,
    Section,
    Sink,
    end_line,
    header_line,
    line,
    section_line,
)
from maoni.operations.inventory import (
    ALIAS,
    LEFT_OUT,
    NATURAL_KEYS,
    Table,
    migration_mismatch,
    migration_state,
    named_by_key,
    natural_keys,
    site_tables,
)
from maoni.pagecache import changes

# Rows read or written at a time.
_CHUNK = 2000


class TransferError(Exception):
    """An export or import that cannot go on; the message says why and what to do."""


# Export


@contextmanager
def _snapshot(connection: BaseDatabaseWrapper) -> Iterator[None]:
    """One moment of the database for everything read inside, writers carrying on meanwhile."""
    if connection.in_atomic_block:
        yield  # already one transaction (a test): it is the snapshot
        return
    if connection.vendor == "sqlite":
        # Not transaction.atomic: Maoni's SQLite transactions take the write
        # lock at once (IMMEDIATE), and an export only reads. A deferred
        # transaction in WAL mode reads one snapshot and blocks no writer.
        with connection.cursor() as cursor:
            cursor.execute("BEGIN DEFERRED")
            try:
                yield
            finally:
                cursor.execute("ROLLBACK")
        return
    with transaction.atomic(using=connection.alias):
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        yield


def site_export(*, out: Sink, now: datetime) -> list[tuple[str, int]]:
    """Writes the whole site to ``out``; returns each table's name and number of rows."""
    connection = connections[ALIAS]
    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        raise TransferError(
            "This database lacks migrations this Maoni has: run `manage.py migrate` first."
        )
    tables = site_tables()
    with _snapshot(connection):
        sections = [Section(table.name, table.columns, table.count()) for table in tables]
        out.write(
            header_line(
                exported=now.isoformat(),
                database=connection.vendor,
                migrations=migration_state(),
                sections=sections,
                left_out=LEFT_OUT,
            )
        )
        natural = _natural_keys_by_id()
        for table, section in zip(tables, sections, strict=True):
            out.write(section_line(section))
            written = _write_rows(out, table, natural)
            if written != section.rows:  # cannot happen in a snapshot; checked all the same
                raise TransferError(f"{table.name} changed while it was being written.")
        out.write(end_line(sum(section.rows for section in sections)))
    return [(section.name, section.rows) for section in sections]


def _natural_keys_by_id() -> dict[type[Model], dict[int, list[str]]]:
    found: dict[type[Model], dict[int, list[str]]] = {model: {} for model in NATURAL_KEYS}
    for model, pk, key in natural_keys():
        found[model][pk] = list(key)
    return found


def _write_rows(out: Sink, table: Table, natural: dict[type[Model], dict[int, list[str]]]) -> int:
    named = [
        (index, natural[target])
        for index, field in enumerate(table.fields)
        if (target := named_by_key(field)) is not None
    ]
    written = 0
    rows = (
        table.model._base_manager.using(ALIAS)
        .order_by("pk")
        .values_list(*table.columns)
        .iterator(chunk_size=_CHUNK)
    )
    for row in rows:
        values = list(row)
        for index, keys in named:
            if values[index] is not None:
                values[index] = keys[values[index]]
        out.write(line(values))
        written += 1
    return written


# Import


def site_occupied() -> list[tuple[str, int]]:
    """The site tables that hold rows, with their numbers of rows.

    The role groups that ``migrate`` makes in every database do not count:
    the file brings its own.
    """
    occupied = []
    roles = Group.objects.using(ALIAS).filter(name__in=ROLES)
    for table in site_tables():
        rows = table.model._base_manager.using(ALIAS)
        if table.model is Group:
            rows = rows.exclude(pk__in=roles)
        elif table.model is Group.permissions.through:
            rows = rows.exclude(group__in=roles)
        count = rows.count()
        if count:
            occupied.append((table.name, count))
    return occupied


@dataclass(frozen=True)
class Imported:
    counts: list[tuple[str, int]]
    # False when the page counters could not be moved on (Redis unreachable):
    # app servers still running may serve pages from before the import.
    pages_forgotten: bool
    # False when PostgreSQL's ANALYZE failed after the commit (the rows are in).
    analyzed: bool = True


def site_import(*, source: Reader, replace: bool = False) -> Imported:
    """Loads the file ``source`` reads into this database, in one transaction.

    The database must be at the file's migration state and hold no site
    unless ``replace``: then the site it holds is deleted first, in the same
    transaction. A ``TransferError`` says why an import failed; the
    database is then as it was. Returns each
    table's name and number of rows, as counted in the database afterwards.
    Kept pages are forgotten and, on PostgreSQL, the planner's statistics
    brought up to date.
    """
    header = source.header()
    problem = migration_mismatch(header.migrations)
    if problem is not None:
        raise TransferError(problem)
    pairs = _tables_of(header)
    connection = connections[ALIAS]
    try:
        with transaction.atomic(using=ALIAS):
            occupied = site_occupied()
            if occupied and not replace:
                raise TransferError(
                    f"This database already holds a site ({_listed(occupied)}). Import into a "
                    "database that `manage.py migrate` has just made, or add --replace to "
                    "delete what this one holds first."
                )
            threads = set(Thread.objects.using(ALIAS).values_list("pk", flat=True))
            _delete_site(connection, [table for table, _section in pairs])
            ids = _ids_by_natural_key()
            for table, section in pairs:
                _load(connection, table, section, source, ids)
            source.finish()
            connection.check_constraints()
            counts = [(table.name, table.count()) for table, _section in pairs]
            for (name, count), (_table, section) in zip(counts, pairs, strict=True):
                if count != section.rows:
                    raise TransferError(
                        f"{name} has {count} rows after the import, not {section.rows} as the "
                        "file says."
                    )
            _reset_sequences(connection, [table.model for table, _section in pairs])
            threads |= set(Thread.objects.using(ALIAS).values_list("pk", flat=True))
    except FileError as error:
        raise TransferError(str(error)) from error
    except DatabaseError as error:
        raise TransferError(
            f"The database refused the file's rows (near line {source.line_number}): {error}."
        ) from error
    # Committed: nothing after this may say the import failed.
    analyzed = connection.vendor != "postgresql" or _analyze(
        connection, [table for table, _section in pairs]
    )
    return Imported(
        counts=counts, pages_forgotten=changes.everything_changed(threads), analyzed=analyzed
    )


def _tables_of(header: Header) -> list[tuple[Table, Section]]:
    tables = {table.name: table for table in site_tables()}
    named = {section.name for section in header.sections}
    if named != set(tables) or len(named) != len(header.sections):
        different = sorted(named ^ set(tables))
        raise TransferError(
            "The file's tables are not this Maoni's, although their migrations match "
            f"({', '.join(different) or 'a table named twice'}): was it written by another "
            "program?"
        )
    pairs = []
    for section in header.sections:
        table = tables[section.name]
        if sorted(section.columns) != sorted(table.columns):
            raise TransferError(
                f"The file's columns of {section.name} are not this Maoni's, although their "
                "migrations match: was it written by another program?"
            )
        pairs.append((table, section))
    return pairs


def _listed(occupied: list[tuple[str, int]]) -> str:
    occupied = sorted(occupied, key=lambda pair: -pair[1])
    shown = ", ".join(
        f"{name}: {count} row{'' if count == 1 else 's'}" for name, count in occupied[:5]
    )
    return shown + (f" and {len(occupied) - 5} more tables" if len(occupied) > 5 else "")


def _delete_site(connection: BaseDatabaseWrapper, tables: list[Table]) -> None:
    # Plain DELETEs, children first: Django's delete() would read every row
    # to follow relations in Python. Foreign keys are checked at commit.
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table in reversed(tables):
            cursor.execute(f"DELETE FROM {quote(table.model._meta.db_table)}")  # noqa: S608


def _ids_by_natural_key() -> dict[type[Model], dict[tuple[str, ...], int]]:
    found: dict[type[Model], dict[tuple[str, ...], int]] = {model: {} for model in NATURAL_KEYS}
    for model, pk, key in natural_keys():
        found[model][key] = pk
    return found


# Values JSON carries as strings, turned back into what the field holds.
_PARSED = {
    "DateTimeField",
    "DateField",
    "TimeField",
    "DurationField",
    "DecimalField",
    "UUIDField",
    "BinaryField",
}


def _converter(
    field: Field[Any, Any], ids: dict[type[Model], dict[tuple[str, ...], int]]
) -> Callable[[Any], Any]:
    target = named_by_key(field)
    if target is not None:
        known = ids[target]
        label = target._meta.verbose_name

        def identify(value: Any) -> Any:
            if value is None:
                return None
            try:
                return known[tuple(value)]
            except (KeyError, TypeError):
                raise TransferError(
                    f"The file names the {label} {value}, which this database does not have."
                ) from None

        return identify
    if field.get_internal_type() in _PARSED:
        return field.to_python
    return lambda value: value


def _load(
    connection: BaseDatabaseWrapper,
    table: Table,
    section: Section,
    source: Reader,
    ids: dict[type[Model], dict[tuple[str, ...], int]],
) -> None:
    """Inserts the section's rows in chunks, ids and all, as the file gives them.

    Plain INSERTs rather than ``save()`` or ``bulk_create()``: those would
    stamp ``auto_now_add`` fields with the time of the import.
    """
    fields = table.fields
    positions = [section.columns.index(column) for column in table.columns]
    plan = [
        (position, _converter(field, ids), field.get_db_prep_save)
        for field, position in zip(fields, positions, strict=True)
    ]
    quote = connection.ops.quote_name
    head = (
        f"INSERT INTO {quote(table.model._meta.db_table)} "  # noqa: S608 (names, not values)
        f"({', '.join(quote(field.column) for field in fields)}) VALUES "
    )
    one = "(" + ", ".join(["%s"] * len(fields)) + ")"
    size = max(1, min(_CHUNK, connection.ops.bulk_batch_size(fields, range(_CHUNK))))
    with connection.cursor() as cursor:
        for chunk in _chunks(source.rows(section), size):
            try:
                values = [
                    prepare(convert(row[position]), connection)
                    for row in chunk
                    for position, convert, prepare in plan
                ]
            except (ValidationError, ValueError, TypeError) as error:
                text = "; ".join(error.messages) if isinstance(error, ValidationError) else error
                raise TransferError(
                    f"A row of {table.name} near line {source.line_number} holds a value that "
                    f"does not fit its column ({text}): the file is damaged."
                ) from error
            cursor.execute(head + ", ".join([one] * len(chunk)), values)


def _chunks(rows: Iterable[list[Any]], size: int) -> Iterator[list[list[Any]]]:
    iterator = iter(rows)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def _reset_sequences(connection: BaseDatabaseWrapper, models: list[type[Model]]) -> None:
    """Moves id sequences past the loaded ids, so new rows get fresh ones (PostgreSQL)."""
    statements = connection.ops.sequence_reset_sql(no_style(), models)
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def _analyze(connection: BaseDatabaseWrapper, tables: list[Table]) -> bool:
    """Gives PostgreSQL's planner the new tables' statistics; False when it could not."""
    # Autovacuum would get there in a while; until then the planner guesses.
    quote = connection.ops.quote_name
    try:
        with connection.cursor() as cursor:
            for table in tables:
                cursor.execute(f"ANALYZE {quote(table.model._meta.db_table)}")
    except DatabaseError:
        return False
    return True
