"""Reads from PostgreSQL read replicas, and a reader's own writes from the primary.

Used only when ``DATABASE_REPLICA_URLS`` names replicas (see ``settings``):
``ReplicaRouter`` is then in ``DATABASE_ROUTERS`` and ``ReadYourWrites`` in
``MIDDLEWARE``. The primary is the ``default`` alias; every other alias is a
replica. A read goes to a replica only while a request is being answered and
nothing in it calls for the primary:

- the request is a ``POST`` or another unsafe method (it is about to write,
  and its reads decide what);
- it has changed rows already (any statement but a read, seen on the
  primary's connection), or is inside ``transaction.atomic`` on the primary;
- the reader wrote within the last ``MAONI_REPLICA_LAG_SECONDS`` (the
  ``maoni_primary`` cookie, set after a request that wrote): the page a
  reader is sent to after posting shows their comment, however far the
  replica lags;
- what is read will be kept for others (a page for the page store, a memo
  under a counter; see ``primary_reads``): the counters already count
  changes a replica may not have replayed yet, and a copy kept under them
  would be served, stale, until the next change.

Commands, cron jobs and the shell read from the primary: no request, no
replica. One request reads from one replica, so what it shows is one
moment of the site; requests take the replicas in turn, leaving out for a
while one that cannot be reached.
"""

from __future__ import annotations

import itertools
import logging
import math
import time
from collections.abc import Callable, Sequence
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.models import Model
from django.http import HttpRequest, HttpResponseBase

logger = logging.getLogger(__name__)

COOKIE = "maoni_primary"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
# How long a replica that could not be reached is left out before it is tried again.
RETRY_SECONDS = 30
# Statements that change no rows; any other one sent to the primary is a write.
READS = ("SELECT", "SHOW", "SET", "SAVEPOINT", "RELEASE", "ROLLBACK", "EXPLAIN")


@dataclass
class _Reading:
    """Where the request being answered reads from."""

    primary: bool
    wrote: bool = False
    replica: str | None = None


_request: ContextVar[_Reading | None] = ContextVar("maoni_reading", default=None)
_pinned: ContextVar[bool] = ContextVar("maoni_primary_reads", default=False)


class primary_reads:  # lower case: used as a function, "with primary_reads():"
    """Reads made inside go to the primary: for values kept beyond this request.

    A class rather than a generator: it is entered on every render of a kept
    page, with or without replicas, and costs well under a microsecond.
    """

    __slots__ = ("_token",)

    def __enter__(self) -> None:
        self._token = _pinned.set(True)

    def __exit__(self, *exception: object) -> None:
        _pinned.reset(self._token)


def reads_may_lag() -> bool:
    """True when a read made now would go to a replica, which may be behind the primary.

    Always False without replicas: the request state is then never set.
    """
    return _may_lag(_request.get())


def _may_lag(reading: _Reading | None) -> bool:
    return (
        reading is not None
        and not reading.primary
        and not _pinned.get()
        and not connections[DEFAULT_DB_ALIAS].in_atomic_block
    )


def lag_cookie_holds(value: str | None, *, now: float) -> bool:
    """Whether a ``maoni_primary`` cookie's value (the time it lapses) is still ahead of ``now``."""
    if not value:
        return False
    try:
        return float(value) > now
    except ValueError:
        return False


def _answers(alias: str) -> bool:
    """Whether the database ``alias`` names can be reached (its connection is kept for use)."""
    try:
        connections[alias].ensure_connection()
    except DatabaseError as error:
        logger.warning(
            "Read replica %s cannot be reached (%s); its reads go elsewhere for %d s.",
            alias,
            error,
            RETRY_SECONDS,
        )
        return False
    return True


class ReplicaRouter:
    """Sends reads to a replica when they may lag (see above), everything else to the primary.

    A replica that cannot be reached is left out for ``RETRY_SECONDS``: its
    readers go to the next one, or to the primary when none answers.
    """

    def __init__(
        self,
        replicas: Sequence[str] | None = None,
        *,
        answers: Callable[[str], bool] = _answers,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if replicas is None:
            replicas = [alias for alias in connections if alias != DEFAULT_DB_ALIAS]
        self.replicas = list(replicas)
        self._answers = answers
        self._clock = clock
        self._turns = itertools.count()
        self._left_out: dict[str, float] = {}

    def _next_replica(self) -> str:
        """The next replica in turn that answers, or the primary when none does."""
        now = self._clock()
        for _ in self.replicas:
            alias = self.replicas[next(self._turns) % len(self.replicas)]
            if self._left_out.get(alias, now) > now:
                continue
            if self._answers(alias):
                return alias
            self._left_out[alias] = now + RETRY_SECONDS
        return DEFAULT_DB_ALIAS

    def db_for_read(self, model: type[Model], **hints: Any) -> str:
        reading = _request.get()
        if reading is None or not self.replicas or not _may_lag(reading):
            return DEFAULT_DB_ALIAS
        instance = hints.get("instance")
        if instance is not None and instance._state.db == DEFAULT_DB_ALIAS:
            # Rows related to one read from the primary are read where it was.
            return DEFAULT_DB_ALIAS
        if reading.replica is None:
            reading.replica = self._next_replica()
        return reading.replica

    def db_for_write(self, model: type[Model], **hints: Any) -> str:
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1: Model, obj2: Model, **hints: Any) -> bool:
        # Every alias holds the same rows: the replicas copy the primary.
        return True

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        # Replicas replay the primary's schema; they cannot be written to.
        return db == DEFAULT_DB_ALIAS


class ReadYourWrites:
    """Decides where each request reads from, and remembers a reader who wrote.

    Comes right after ``PageCacheMiddleware``, so that every read made while
    a request is answered is routed as its own.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        reading = _Reading(
            primary=request.method not in SAFE_METHODS
            or lag_cookie_holds(request.COOKIES.get(COOKIE), now=time.time())
        )
        token = _request.set(reading)
        try:
            with connections[DEFAULT_DB_ALIAS].execute_wrapper(_NoteWrites(reading)):
                response = self.get_response(request)
        finally:
            _request.reset(token)
        if reading.wrote:
            lag = settings.MAONI_REPLICA_LAG_SECONDS
            response.set_cookie(
                COOKIE,
                str(math.ceil(time.time() + lag)),
                max_age=lag,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response


def changes_rows(sql: object) -> bool:
    """Whether a statement may change rows: any but a read (``SELECT ... FOR UPDATE`` reads)."""
    if not isinstance(sql, str):
        return True  # composed by hand: assumed to write
    return not sql.lstrip(" \t\n(")[:9].upper().startswith(READS)


class _NoteWrites:
    """Sees every statement sent to the primary while a request is answered.

    A write switches the rest of the request to the primary, and earns its
    reader the cookie. Statements are looked at rather than the router's
    ``db_for_write`` calls: ``get_or_create`` asks for a writing connection
    to read a row that is nearly always there, and raw SQL asks for none.
    """

    def __init__(self, reading: _Reading) -> None:
        self.reading = reading

    def __call__(
        self,
        execute: Callable[..., Any],
        sql: str,
        params: Any,
        many: bool,
        context: dict[str, Any],
    ) -> Any:
        if not self.reading.wrote and changes_rows(sql):
            self.reading.primary = self.reading.wrote = True
        return execute(sql, params, many, context)
