"""Reading the engines Maoni runs on from the environment.

Pure: each function takes the environment's strings and returns Django
settings, so the rules are easy to test. ``DATABASE_URL`` picks the
database (SQLite, the default, or PostgreSQL), ``DATABASE_REPLICA_URLS`` adds
PostgreSQL read replicas; ``REDIS_URL`` adds Redis for what several app
servers must share.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

SQLITE_SYNCHRONOUS = {"OFF", "NORMAL", "FULL", "EXTRA"}
POSTGRES_SCHEMES = {"postgres", "postgresql", "pgsql"}
POSTGRES_ENGINE = "django.db.backends.postgresql"


class ConfigurationError(ValueError):
    """A setting in the environment that Maoni cannot use; the message says why."""


def sqlite_database(path: str, *, synchronous: str = "NORMAL") -> dict[str, Any]:
    """The embedded database: one file, several workers on one machine.

    WAL lets readers work while one writer writes; IMMEDIATE transactions take
    the write lock up front, so two writers queue on the busy timeout instead
    of failing with "database is locked" mid-transaction. synchronous=NORMAL
    survives a crash of the process; FULL survives a power loss as well.
    """
    synchronous = synchronous.upper()
    if synchronous not in SQLITE_SYNCHRONOUS:
        raise ConfigurationError("MAONI_SQLITE_SYNCHRONOUS must be OFF, NORMAL, FULL or EXTRA.")
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": path,
        "OPTIONS": {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": f"PRAGMA journal_mode=WAL; PRAGMA synchronous={synchronous};",
        },
        # Each worker thread keeps its connection: opening one costs more than
        # rendering a page (the schema is read afresh on every new connection).
        "CONN_MAX_AGE": None,
    }


def database_from_url(
    url: str, *, pool_size: int = 4, synchronous: str = "NORMAL", variable: str = "DATABASE_URL"
) -> dict[str, Any]:
    """Django's settings for the database ``url`` names.

    ``sqlite:///relative/path`` or ``sqlite:////absolute/path``;
    ``postgres://user:password@host:port/name?sslmode=require`` (query
    parameters go to psycopg as connection options). PostgreSQL connections
    come from Django's pool, ``pool_size`` at most per process. Errors name
    ``variable``, the environment variable the URL came from.
    """
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    if scheme == "sqlite":
        path = unquote(parts.path)[1:]
        if not path:
            raise ConfigurationError(f"{variable} names no file: write sqlite:///path/to/file.")
        return sqlite_database(path, synchronous=synchronous)
    if scheme in POSTGRES_SCHEMES:
        name = unquote(parts.path.lstrip("/"))
        if not name:
            raise ConfigurationError(
                f"{variable} names no database: write postgres://user@host:5432/name."
            )
        if pool_size < 1:
            raise ConfigurationError("MAONI_DB_POOL_SIZE must be 1 or more.")
        options: dict[str, Any] = dict(parse_qsl(parts.query))
        options["pool"] = {"min_size": 1, "max_size": pool_size, "timeout": 10}
        try:
            port = str(parts.port or "")
        except ValueError as error:
            raise ConfigurationError(
                f"{variable} has a port that is not a number: {error}"
            ) from error
        return {
            "ENGINE": POSTGRES_ENGINE,
            "NAME": name,
            "USER": unquote(parts.username or ""),
            "PASSWORD": unquote(parts.password or ""),
            "HOST": parts.hostname or "",
            "PORT": port,
            "OPTIONS": options,
            # The pool keeps connections; Django must not close them itself.
            "CONN_MAX_AGE": 0,
        }
    raise ConfigurationError(
        f"{variable} must start with sqlite:// or postgres://, not {scheme or 'nothing'}://."
    )


def whole_number(environ: dict[str, str], name: str, default: int, *, minimum: int = 0) -> int:
    """The whole number in ``environ[name]`` (``default`` when unset), at least ``minimum``."""
    text = environ.get(name, "").strip()
    if not text:
        return default
    if not text.isdigit() or int(text) < minimum:
        raise ConfigurationError(f"{name} must be a whole number, {minimum} or more.")
    return int(text)


def language(environ: dict[str, str], name: str, languages: list[tuple[str, str]]) -> str:
    """The site's language code in ``environ[name]`` ("en" when unset), one of ``languages``."""
    code = environ.get(name, "").strip().lower() or "en"
    known = [known for known, _name in languages]
    if code not in known:
        raise ConfigurationError(f"{name} must be one of {', '.join(known)}, not {code!r}.")
    return code


def databases(environ: dict[str, str], var_dir: Path) -> dict[str, dict[str, Any]]:
    """``DATABASES`` for this environment: SQLite under ``var_dir`` unless told otherwise.

    The primary is ``default``; each URL in ``DATABASE_REPLICA_URLS`` (comma
    separated, PostgreSQL only) adds a read replica, ``replica1``,
    ``replica2``, ... in the order given (see ``maoni/routers.py``).
    """
    synchronous = environ.get("MAONI_SQLITE_SYNCHRONOUS", "NORMAL")
    url = environ.get("DATABASE_URL", "").strip()
    pool_size = whole_number(environ, "MAONI_DB_POOL_SIZE", 4, minimum=1)
    if url:
        default = database_from_url(url, pool_size=pool_size, synchronous=synchronous)
    else:
        path = environ.get("MAONI_SQLITE_PATH", str(var_dir / "maoni.sqlite3"))
        default = sqlite_database(path, synchronous=synchronous)
    if default["ENGINE"].endswith("sqlite3"):
        # Tests run on a file, not in memory, so that several threads (the
        # CAPTCHA race test, the browser test's live server) share one database.
        default["TEST"] = {"NAME": str(var_dir / "test.sqlite3")}
    found = {"default": default}
    replica_urls = [
        each.strip() for each in environ.get("DATABASE_REPLICA_URLS", "").split(",") if each.strip()
    ]
    if replica_urls and default["ENGINE"] != POSTGRES_ENGINE:
        raise ConfigurationError(
            "DATABASE_REPLICA_URLS needs a PostgreSQL primary: set DATABASE_URL to a "
            "postgres:// URL, or leave DATABASE_REPLICA_URLS unset."
        )
    for number, replica_url in enumerate(replica_urls, start=1):
        variable = f"DATABASE_REPLICA_URLS (replica {number})"
        replica = database_from_url(replica_url, pool_size=pool_size, variable=variable)
        if replica["ENGINE"] != POSTGRES_ENGINE:
            raise ConfigurationError(f"{variable} must be a postgres:// URL.")
        # Tests have no replica: each alias reads the test database itself.
        replica["TEST"] = {"MIRROR": "default"}
        found[f"replica{number}"] = replica
    return found


PAGE_COUNTERS = ("file", "database", "redis")


def page_counters(environ: dict[str, str], *, engine: str, redis: str) -> str:
    """Where the page counters live: ``MAONI_PAGE_COUNTERS``, or what the engines call for.

    Redis when there is one; else the database when it is PostgreSQL (app
    servers on several machines share it); else ``var/page-versions``, a file
    the workers of one machine share.
    """
    chosen = environ.get("MAONI_PAGE_COUNTERS", "").strip().lower()
    if not chosen:
        return "redis" if redis else "database" if engine == POSTGRES_ENGINE else "file"
    if chosen not in PAGE_COUNTERS:
        raise ConfigurationError("MAONI_PAGE_COUNTERS must be file, database or redis.")
    if chosen == "redis" and not redis:
        raise ConfigurationError("MAONI_PAGE_COUNTERS=redis needs REDIS_URL.")
    return chosen


def redis_url(environ: dict[str, str]) -> str:
    """``REDIS_URL`` if set (``redis://host:6379/0``, ``rediss://`` for TLS), else ""."""
    url = environ.get("REDIS_URL", "").strip()
    if url and urlsplit(url).scheme.lower() not in {"redis", "rediss", "unix"}:
        raise ConfigurationError("REDIS_URL must start with redis://, rediss:// or unix://.")
    return url
