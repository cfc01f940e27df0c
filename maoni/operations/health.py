"""What ``manage.py doctor`` looks at, each check saying in plain words what is wrong.

Each check returns findings: a line that is fine, or a problem with what to
do about it. Nothing here changes anything.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta

import redis
from django.conf import settings
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.executor import MigrationExecutor
from django.db.utils import Error as DatabaseError
from django.utils import timezone

from maoni.comments import standing
from maoni.comments.models import Comment
from maoni.moderation import learning
from maoni.operations import findings
from maoni.operations.findings import Finding
from maoni.operations.privacy_checks import browser_policies, languages, personal_data_purged
from maoni.redis_connections import redis_client

# The daily job is late when it has not run for this long.
JOB_LATE = timedelta(days=2)


_ok, _problem = findings.ok, findings.problem


def _where(connection: BaseDatabaseWrapper) -> str:
    """The file, or the database and server, a connection goes to."""
    where = str(connection.settings_dict["NAME"])
    if connection.vendor != "sqlite":
        host = connection.settings_dict.get("HOST") or "localhost"
        where = f"{where} on {host}:{connection.settings_dict.get('PORT') or 5432}"
    return where


def database_reachable() -> Iterator[Finding]:
    connection = connections[DEFAULT_DB_ALIAS]
    engine = "SQLite" if connection.vendor == "sqlite" else "PostgreSQL"
    where = _where(connection)
    try:
        connection.ensure_connection()
    except DatabaseError as error:
        yield _problem(f"The database ({engine}, {where}) cannot be reached: {error}".strip())
        return
    yield _ok(f"The database ({engine}, {where}) answers.")


def migrations_applied() -> Iterator[Finding]:
    connection = connections[DEFAULT_DB_ALIAS]
    try:
        executor = MigrationExecutor(connection)
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except DatabaseError:
        return  # said by database_reachable
    if plan:
        names = ", ".join(f"{migration.app_label}.{migration.name}" for migration, _ in plan[:5])
        more = f" and {len(plan) - 5} more" if len(plan) > 5 else ""
        yield _problem(
            f"{len(plan)} database migration(s) are not applied ({names}{more}): "
            "run `manage.py migrate`."
        )
    else:
        yield _ok("Every database migration is applied.")


def _setting(cursor: object, query: str) -> str:
    cursor.execute(query)  # type: ignore[attr-defined]
    return str(cursor.fetchone()[0]).lower()  # type: ignore[attr-defined]


def durability() -> Iterator[Finding]:
    """SQLite's journal and sync settings, or PostgreSQL's, as they stand on the connection."""
    connection = connections[DEFAULT_DB_ALIAS]
    try:
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                yield from _sqlite_durability(cursor)
            else:
                yield from _postgres_durability(cursor)
    except DatabaseError:
        return  # said by database_reachable


def _sqlite_durability(cursor: object) -> Iterator[Finding]:
    journal = _setting(cursor, "PRAGMA journal_mode")
    if journal == "wal":
        yield _ok("SQLite writes ahead (journal_mode=WAL): readers never wait for a writer.")
    else:
        yield _problem(
            f"SQLite's journal_mode is {journal}, not WAL: readers and writers block each "
            "other. Maoni sets WAL on every connection; is the file on a network disk?"
        )
    synchronous = {"0": "OFF", "1": "NORMAL", "2": "FULL", "3": "EXTRA"}.get(
        _setting(cursor, "PRAGMA synchronous"), "unknown"
    )
    if synchronous == "OFF":
        yield _problem(
            "SQLite's synchronous=OFF: a crash of the machine can lose acknowledged comments. "
            "Unset MAONI_SQLITE_SYNCHRONOUS (NORMAL) or set it to FULL."
        )
    elif synchronous == "NORMAL":
        yield _ok(
            "SQLite's synchronous=NORMAL: nothing is lost when Maoni crashes; the last "
            "comments before a power cut may be. MAONI_SQLITE_SYNCHRONOUS=FULL guards that too."
        )
    else:
        yield _ok(f"SQLite's synchronous={synchronous}: comments survive a power cut.")
    timeout = int(_setting(cursor, "PRAGMA busy_timeout"))
    if timeout < 1000:
        yield _problem(
            f"SQLite's busy_timeout is {timeout} ms: writers will fail with 'database is "
            "locked' instead of waiting their turn."
        )
    else:
        yield _ok(f"SQLite writers wait up to {timeout / 1000:g} s for their turn.")


def _postgres_durability(cursor: object) -> Iterator[Finding]:
    wanted = {
        "fsync": (
            "on",
            "fsync is off: PostgreSQL does not make sure what it writes reaches the disk; "
            "a crash can corrupt the database. Set fsync = on in postgresql.conf.",
        ),
        "full_page_writes": (
            "on",
            "full_page_writes is off: a crash in the middle of writing a page can leave it "
            "torn. Set full_page_writes = on in postgresql.conf.",
        ),
    }
    for name, (value, problem) in wanted.items():
        found = _setting(cursor, f"SHOW {name}")
        yield _ok(f"PostgreSQL {name} = {found}.") if found == value else _problem(problem)
    commit = _setting(cursor, "SHOW synchronous_commit")
    if commit == "off":
        yield _problem(
            "synchronous_commit is off: PostgreSQL acknowledges a commit before it is on "
            "disk, so a crash can lose comments readers were told were posted. Set "
            "synchronous_commit = on (or remote_apply with a standby)."
        )
    else:
        yield _ok(f"PostgreSQL synchronous_commit = {commit}: acknowledged comments are on disk.")


@dataclass(frozen=True)
class Standby:
    """What a read replica says of itself."""

    in_recovery: bool
    # How far into the primary's write-ahead log it has replayed (None: unknown).
    replayed: int | None
    # Seconds since the last transaction it replayed was committed on the primary.
    replay_age: float | None
    # Replay stopped by hand (pg_wal_replay_pause()).
    paused: bool = False


def wal_position(lsn: str | None) -> int | None:
    """A PostgreSQL log position (``16/B374D848``) as a number of bytes."""
    if not lsn or "/" not in lsn:
        return None
    high, low = lsn.split("/", 1)
    try:
        return (int(high, 16) << 32) + int(low, 16)
    except ValueError:
        return None


def replica_finding(
    alias: str, where: str, standby: Standby, *, primary_at: int | None, limit: int
) -> Finding:
    """Whether a read replica is a standby and keeps up, in plain words.

    ``primary_at``: the primary's log position, read just before; ``limit``:
    ``MAONI_REPLICA_LAG_SECONDS``, how long a reader who wrote reads from the
    primary.
    """
    name = f"Read replica {alias} ({where})"
    if not standby.in_recovery:
        return _problem(
            f"{name} is not in recovery: it takes writes, so it is no standby. It is "
            "probably the primary named again in DATABASE_REPLICA_URLS: name only standbys "
            "there, or reads will not show what was written elsewhere."
        )
    if standby.paused:
        return _problem(
            f"{name} has stopped replaying the primary's changes (pg_wal_replay_pause()): "
            "it falls further behind with every write. Run SELECT pg_wal_replay_resume() "
            "on it."
        )
    if primary_at is not None and standby.replayed is not None:
        behind = primary_at - standby.replayed
        if behind <= 0:
            return _ok(f"{name} answers and has replayed everything the primary had written.")
        if standby.replay_age is not None and standby.replay_age > limit:
            return _problem(
                f"{name} is {behind} bytes behind the primary, and the last change it "
                f"replayed was committed {standby.replay_age:.0f} s ago, longer than "
                f"MAONI_REPLICA_LAG_SECONDS ({limit}): readers may not find what they have "
                "just written once that has passed. Find out why it lags "
                "(pg_stat_replication on the primary), or raise MAONI_REPLICA_LAG_SECONDS."
            )
        return _ok(f"{name} answers, {behind} bytes behind the primary.")
    if standby.replay_age is None:
        return _ok(f"{name} answers and is a standby; it has replayed no transaction yet.")
    return _ok(
        f"{name} answers and is a standby; the last change it replayed was committed "
        f"{standby.replay_age:.1f} s ago."
    )


def _standby(connection: BaseDatabaseWrapper) -> Standby:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_is_in_recovery(), pg_last_wal_replay_lsn()::text,"
            " EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp())::float,"
            # Asking a primary whether its replay is paused is an error.
            " CASE WHEN pg_is_in_recovery() THEN pg_is_wal_replay_paused() ELSE false END"
        )
        in_recovery, replayed, age, paused = cursor.fetchone()
    return Standby(bool(in_recovery), wal_position(replayed), age, bool(paused))


def _primary_wal_position() -> int | None:
    try:
        with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
            cursor.execute("SELECT pg_current_wal_lsn()::text")
            return wal_position(cursor.fetchone()[0])
    except DatabaseError:
        return None  # unreachable (said above), or itself a standby


def read_replicas() -> Iterator[Finding]:
    """Each read replica (``DATABASE_REPLICA_URLS``) answers, is a standby, keeps up."""
    aliases = [alias for alias in connections if alias != DEFAULT_DB_ALIAS]
    if not aliases:
        return
    primary = connections[DEFAULT_DB_ALIAS]
    primary_at = _primary_wal_position()
    for alias in aliases:
        connection = connections[alias]
        where = _where(connection)
        same = all(
            connection.settings_dict.get(part) == primary.settings_dict.get(part)
            for part in ("NAME", "HOST", "PORT")
        )
        if same:
            # As tests have it too (each replica mirrors the test database).
            yield _problem(
                f"Read replica {alias} ({where}) is the primary's database named again: "
                "DATABASE_REPLICA_URLS must name standbys that replay the primary."
            )
            continue
        try:
            standby = _standby(connection)
        except DatabaseError as error:
            said = str(error).strip().rstrip(".")
            yield _problem(
                f"Read replica {alias} ({where}) cannot be reached: {said}. Its reads go "
                "to the other replicas or the primary meanwhile; bring it back or take it "
                "out of DATABASE_REPLICA_URLS."
            )
            continue
        limit = settings.MAONI_REPLICA_LAG_SECONDS
        yield replica_finding(alias, where, standby, primary_at=primary_at, limit=limit)


def redis_reachable() -> Iterator[Finding]:
    url = settings.MAONI_REDIS_URL
    if not url:
        yield _ok(
            "No Redis (REDIS_URL is not set): the database keeps rate limits, the CAPTCHA "
            "questions tried and sessions."
        )
        return
    try:
        redis_client(url).ping()
    except redis.RedisError as error:
        yield _problem(
            f"Redis ({_without_password(url)}) cannot be reached: {error}. Pages are "
            "rendered fresh and limits fall back to the database until it is back."
        )
        return
    yield _ok(f"Redis ({_without_password(url)}) answers.")


# Where the page counters are (settings.MAONI_PAGE_COUNTERS), and who shares them.
_COUNTERS_SHARED_BY = {
    "redis": "in Redis: every app server using it sees a change at once",
    "database": "in the database: every app server using it sees a change at once",
    "file": "in var/page-versions: every app server must run on this machine",
}


def page_counters() -> Iterator[Finding]:
    """Where the counters that tell current pages from stale ones are (never a problem)."""
    yield _ok(f"Page counters are {_COUNTERS_SHARED_BY[settings.MAONI_PAGE_COUNTERS]}.")


def spam_filter() -> Iterator[Finding]:
    """What the spam filter has learnt, and whether its daily job runs."""
    state = learning.filter_state()
    if state.outdated:
        yield _problem(
            "The spam filter's counts were stored by an older version and are not used: "
            "run `manage.py train_filter` (make run does it)."
        )
        return
    bar = (
        f"it holds a comment with no link or contact from a score of {state.quiet_hold:.3f}"
        if state.quiet_hold is not None
        else "it holds no comment on its words alone yet"
    )
    yield _ok(f"The spam filter has learnt {state.decisions} moderators' decisions; {bar}.")
    now = timezone.now()
    waiting = Comment.objects.filter(
        status=Comment.Status.PUBLISHED, created__lt=now - standing.STOOD_FOR - JOB_LATE
    )
    late = state.refreshed is None or state.refreshed < now - JOB_LATE
    if late and waiting.exists():
        when = "never" if state.refreshed is None else f"last on {state.refreshed:%Y-%m-%d %H:%M}"
        yield _problem(
            f"`manage.py learn_from_published` ran {when}: run it daily from cron, so that "
            "the filter learns what readers write (docs/deploy.md)."
        )


def _without_password(url: str) -> str:
    head, at, tail = url.rpartition("@")
    return f"{head.split('://')[0]}://…@{tail}" if at else url


def deployment() -> Iterator[Finding]:
    """Django's own deployment checks (``check --deploy``)."""
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("check", deploy=True, stdout=out, stderr=err)
    except Exception as error:
        report = str(error).strip() or err.getvalue().strip()
        yield _problem("Django's deployment checks found problems:\n" + report)
        return
    report = (out.getvalue() + err.getvalue()).strip()
    if "WARNINGS" in report or "ERRORS" in report:
        yield _problem("Django's deployment checks have warnings:\n" + report)
    else:
        yield _ok("Django's deployment checks pass.")


CHECKS: list[Callable[[], Iterator[Finding]]] = [
    database_reachable,
    migrations_applied,
    durability,
    read_replicas,
    redis_reachable,
    page_counters,
    spam_filter,
    personal_data_purged,
    browser_policies,
    languages,
    deployment,
]


def examine() -> list[Finding]:
    return [finding for check in CHECKS for finding in check()]
