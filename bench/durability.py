"""No acknowledged comment lost: posting through app servers that are killed.

    make bench-durability
    BENCH_SECONDS=10 BENCH_ROUNDS=2 BENCH_WRITERS=50 BENCH_DOCS=0 make bench-durability

On each engine, two Maoni app servers (granian, separate processes and
ports, as behind a load balancer) share one database:

- SQLite: one file in a fresh MAONI_VAR_DIR, as `make run` keeps it;
- PostgreSQL + Redis: a private PostgreSQL 15 cluster made with initdb in a
  temporary directory (fsync and synchronous_commit on, as shipped) and a
  private redis-server, both on free loopback ports, so stopping them
  disturbs no other database on the machine;
- PostgreSQL alone: the same without Redis, so the database also keeps the
  page counters, rate limits and CAPTCHA questions.

BENCH_WRITERS (200) client threads post comments through the real form
(GET /comments/state/ for the token, question and idempotency key, then
POST) for BENCH_SECONDS (30) a round, BENCH_ROUNDS (5) rounds. In every
round each app server is killed with SIGKILL (main process and workers) at
BENCH_KILLS (3) random moments and started again; in one round of each
PostgreSQL set-up the database itself is stopped with ``pg_ctl stop -m
immediate`` (a crash: no checkpoint) and started a few seconds later.

A writer that gets no answer, or a 503, sends the same form again (same
fields, same idempotency key) to whichever server answers, after the
Retry-After the server gave; a 302 is an acknowledgement. After the rounds
every acknowledged comment is looked for in the database by the token in its
text. The figures: acknowledged, stored, lost (acknowledged but missing:
must be 0), duplicates (a token stored twice: must be 0), 5xx answers other
than 503-with-Retry-After (must be 0), "database is locked" in answers or
server logs (must be 0), and the database's own check (SQLite
``PRAGMA integrity_check`` and ``foreign_key_check``; PostgreSQL
``pg_amcheck``), plus each thread's comment count against its rows.

Then, on PostgreSQL + Redis, the Redis outage: rate limits are set to a
burst of RATE_BURST posts from one address, writers post while Redis runs,
while it is stopped, and after it is started again (empty). Posting must
give no 5xx, accept at most one burst in each phase (the limits fall back to
the database, never to no limit) and recover: after Redis returns, a comment
posted through one server appears at once on the page served by the other.

Figures go to the terminal and into docs/benchmarks.md (BENCH_DOCS=0 skips
that). BENCH_ENGINES picks the set-ups (sqlite,postgres,postgres-alone: all
three by default). BENCH_KEYS=0 is the control run: forms go without their
idempotency key, to show what the key prevents. BENCH_KEEP=1 keeps the
working directory (logs, the SQLite file). Only loopback addresses are
used; every loop is bounded in time and count, and every process started is
stopped at the end.
"""

from __future__ import annotations

import functools
import http.client
import json
import os
import random
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import Counter
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path

from pages import (
    GRANIAN,
    PYTHON,
    ROOT,
    Client,
    Server,
    alert_text,
    solve,
    state_url,
    wait_until_up,
    write_docs,
)
from processes import free_port

SECONDS = float(os.environ.get("BENCH_SECONDS", "30"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "5"))
WRITERS = int(os.environ.get("BENCH_WRITERS", "200"))
ENGINES = os.environ.get("BENCH_ENGINES", "sqlite,postgres,postgres-alone").split(",")
WRITE_DOCS = os.environ.get("BENCH_DOCS", "1") != "0"
# BENCH_KEYS=0 sends forms without their idempotency key: the control run,
# showing the duplicates that resending a form makes without one.
SEND_KEYS = os.environ.get("BENCH_KEYS", "1") != "0"
HEADING = "## `make bench-durability`"
PG_BIN = Path(os.environ.get("BENCH_PG_BIN", "/usr/lib/postgresql/15/bin"))

SERVERS = 2
# Each app server is killed this many times a round, at random moments.
KILLS_PER_ROUND = int(os.environ.get("BENCH_KILLS", "3"))
# Bounds on every loop, whatever the time allows.
MAX_POSTS_PER_WRITER = 5000
MAX_SENDS_PER_COMMENT = 40
# How long a writer goes on sending one comment after its round ended.
GRACE_SECONDS = 60.0
# How long the PostgreSQL crash lasts.
DATABASE_DOWN_SECONDS = 4.0
# The Redis outage: a burst of this many posts from one address, no refill to speak of.
RATE_BURST = 20
OUTAGE_SECONDS = 8.0
OUTAGE_WRITERS = 20

# Writers post under all but the last; the last stays short (one page).
THREADS = 5
ARTICLE_COMMENTS = 25
WORDS = (
    "The ferry timetable changed again without notice",
    "Our ward has waited three years for that borehole",
    "Good reporting, though the council figures look off",
    "I was at the market that evening and saw it myself",
    "Someone should ask where the road levy money went",
    "The school fees story deserves a follow-up",
)


# --- the servers -----------------------------------------------------------------


def run(command: list[str], env: dict[str, str] | None = None) -> None:
    subprocess.run(command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, check=True)


def manage(env: dict[str, str], *args: str) -> None:
    run([str(PYTHON), "manage.py", *args], env)


def as_postgres() -> list[str]:
    """initdb and pg_ctl refuse to run as root: as root they run as postgres."""
    return ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []


class PrivatePostgres:
    """A PostgreSQL cluster of our own in a temporary directory, on a free port."""

    def __init__(self, home: Path) -> None:
        self.data = home / "pgdata"
        self.log = home / "postgres.log"
        self.port = free_port()
        home.chmod(0o755)
        self.data.mkdir()
        if os.geteuid() == 0:
            shutil.chown(self.data, "postgres", "postgres")
            self.log.touch()
            shutil.chown(self.log, "postgres", "postgres")
        subprocess.run(
            [*as_postgres(), str(PG_BIN / "initdb"), "-D", str(self.data), "-U", "postgres",
             "--auth=trust", "--no-instructions"],
            stdout=subprocess.DEVNULL, check=True,
        )  # fmt: skip

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/postgres"

    def ctl(self, *args: str) -> None:
        subprocess.run(
            [*as_postgres(), str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-l", str(self.log),
             "-w", "-t", "60", *args],
            stdout=subprocess.DEVNULL, check=True,
        )  # fmt: skip

    def start(self) -> None:
        options = f"-p {self.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=''"
        self.ctl("-o", options, "start")

    def crash(self) -> None:
        self.ctl("-m", "immediate", "stop")

    def stop(self) -> None:
        with suppress(subprocess.CalledProcessError):
            self.ctl("-m", "fast", "stop")

    def query(self, sql: str, params: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
        import psycopg

        with psycopg.connect(self.url, autocommit=True) as connection:
            cursor = connection.execute(sql, params)
            return list(cursor.fetchall()) if cursor.description else []

    def amcheck(self) -> Check:
        result = subprocess.run(
            [str(PG_BIN / "pg_amcheck"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres",
             "--install-missing", "--heapallindexed", "postgres"],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        if result.returncode == 0:
            return Check("pg_amcheck: no corruption in tables or indexes", True)
        said = (result.stdout + result.stderr)[:300]
        return Check(f"pg_amcheck exit {result.returncode}: {said}", False)


class PrivateRedis:
    def __init__(self, home: Path) -> None:
        self.port = free_port()
        self.server = Server(
            "Redis",
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no"],
            log=home / "redis.log", stop_signal=signal.SIGKILL,
        )  # fmt: skip

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.server.start()
        for _attempt in range(100):
            with suppress(OSError), socket.create_connection(("127.0.0.1", self.port), timeout=1):
                return
            time.sleep(0.1)
        raise RuntimeError("redis-server did not start")

    def stop(self) -> None:
        self.server.stop()


@dataclass
class AppServer:
    server: Server
    port: int
    up: threading.Event = field(default_factory=threading.Event)

    def start(self) -> None:
        self.server.start()
        wait_until_up(self.server, self.port, "/comments/state/")
        self.up.set()

    def kill(self) -> None:
        self.up.clear()
        with suppress(ProcessLookupError, PermissionError):
            os.killpg(self.server.pid, signal.SIGKILL)
        assert self.server.process is not None
        self.server.process.wait(timeout=30)


# --- the engines -----------------------------------------------------------------


class Engine:
    """One database set-up: its environment, its app servers and its checks."""

    name = ""

    def __init__(self, home: Path) -> None:
        self.home = home
        self.var = home / "var"
        self.var.mkdir()
        self.env = {
            **os.environ,
            "MAONI_VAR_DIR": str(self.var),
            "SECRET_KEY": os.urandom(32).hex(),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "MAONI_LOG_LEVEL": "ERROR",
        }
        for name in ("DATABASE_URL", "REDIS_URL", "DATABASE_REPLICA_URLS"):
            self.env.pop(name, None)
        self.servers: list[AppServer] = []

    def prepare(self, threads: list[dict[str, object]]) -> list[str]:
        """Migrates and seeds the database; returns the articles' slugs."""
        manage(self.env, "migrate", "--noinput")
        manage(self.env, "collectstatic", "--noinput", "--verbosity", "0")
        manage(self.env, "train_filter", "--if-empty")
        data = self.home / "threads.json"
        data.write_text(json.dumps({"threads": threads}))
        seeded = subprocess.run(
            [str(PYTHON), str(ROOT / "bench" / "pages_seed.py"), str(data)],
            env=self.env, cwd=ROOT, capture_output=True, text=True, check=True,
        )  # fmt: skip
        return list(json.loads(seeded.stdout))

    def start_servers(self) -> None:
        self.servers.clear()
        for number in range(SERVERS):
            port = free_port()
            server = Server(
                f"Maoni {number + 1}",
                [str(GRANIAN), "--interface", "wsgi", "--host", "127.0.0.1", "--port", str(port),
                 "--workers", "1", "--blocking-threads", "2", "maoni.wsgi:application"],
                log=self.home / f"granian-{number + 1}.log", env=self.env,
                stop_signal=signal.SIGINT,
            )  # fmt: skip
            app = AppServer(server, port)
            app.start()
            self.servers.append(app)

    def stop_servers(self) -> None:
        for app in self.servers:
            app.up.clear()
            app.server.stop()

    def server_log(self) -> str:
        return "".join(
            path.read_text(errors="replace") for path in sorted(self.home.glob("granian-*.log"))
        )

    def stored(self, marker: str) -> list[tuple[str, str]]:
        """(text, status) of every comment whose text holds ``marker``."""
        raise NotImplementedError

    def checks(self) -> list[Check]:
        raise NotImplementedError

    def crash_database(self) -> str:
        """Crashes the database and starts it again; says what it did."""
        raise NotImplementedError

    def stop(self) -> None:
        self.stop_servers()


# Each thread's count of public comments beside the rows it counts.
COUNTS_SQL = """
    SELECT t.id, t.public_count, (
        SELECT COUNT(*) FROM comments_comment c
        WHERE c.thread_id = t.id AND c.status = 'published'
    )
    FROM comments_thread t
"""
PATHS_SQL = """
    SELECT COUNT(*) FROM (
        SELECT thread_id, path FROM comments_comment GROUP BY thread_id, path HAVING COUNT(*) > 1
    ) AS twice
"""


@dataclass(frozen=True)
class Check:
    text: str
    ok: bool


def consistency(rows: list[tuple[object, ...]], paths_shared: int) -> list[Check]:
    off = [f"thread {tid} says {said}, holds {held}" for tid, said, held in rows if said != held]
    return [
        Check("every thread's count matches its rows" if not off else "; ".join(off[:5]), not off),
        Check(f"{paths_shared} places in a thread taken twice", paths_shared == 0),
    ]


class SQLiteEngine(Engine):
    name = "SQLite"

    @property
    def database(self) -> Path:
        return self.var / "maoni.sqlite3"

    def sql(self, query: str, *args: object) -> list[tuple[object, ...]]:
        with sqlite3.connect(self.database, timeout=60) as connection:
            return list(connection.execute(query, args).fetchall())

    def stored(self, marker: str) -> list[tuple[str, str]]:
        rows = self.sql(
            "SELECT body, status FROM comments_comment WHERE body LIKE ?", f"%{marker}%"
        )
        return [(str(body), str(status)) for body, status in rows]

    def checks(self) -> list[Check]:
        integrity = ", ".join(str(row[0]) for row in self.sql("PRAGMA integrity_check"))
        foreign = self.sql("PRAGMA foreign_key_check")
        return [
            Check(f"PRAGMA integrity_check: {integrity}", integrity == "ok"),
            Check(f"PRAGMA foreign_key_check: {len(foreign)} rows", not foreign),
            *consistency(self.sql(COUNTS_SQL), int(str(self.sql(PATHS_SQL)[0][0]))),
        ]


class PostgresEngine(Engine):
    """PostgreSQL alone: the database keeps page counters, limits and questions too."""

    name = "PostgreSQL alone"

    def __init__(self, home: Path) -> None:
        super().__init__(home)
        self.postgres = PrivatePostgres(home)
        self.postgres.start()
        self.env["DATABASE_URL"] = self.postgres.url

    def stored(self, marker: str) -> list[tuple[str, str]]:
        rows = self.postgres.query(
            "SELECT body, status FROM comments_comment WHERE body LIKE %s", (f"%{marker}%",)
        )
        return [(str(body), str(status)) for body, status in rows]

    def checks(self) -> list[Check]:
        counts = self.postgres.query(COUNTS_SQL)
        paths_shared = int(str(self.postgres.query(PATHS_SQL)[0][0]))
        return [self.postgres.amcheck(), *consistency(counts, paths_shared)]

    def crash_database(self) -> str:
        self.postgres.crash()
        time.sleep(DATABASE_DOWN_SECONDS)
        self.postgres.start()
        return f"PostgreSQL stopped with -m immediate for {DATABASE_DOWN_SECONDS:.0f} s"

    def stop(self) -> None:
        super().stop()
        self.postgres.stop()


class PostgresRedisEngine(PostgresEngine):
    name = "PostgreSQL + Redis"

    def __init__(self, home: Path) -> None:
        super().__init__(home)
        self.redis = PrivateRedis(home)
        self.redis.start()
        self.env["REDIS_URL"] = self.redis.url

    def stop(self) -> None:
        super().stop()
        self.redis.stop()


ENGINE_KINDS: dict[str, Callable[[Path], Engine]] = {
    "sqlite": SQLiteEngine,
    "postgres": PostgresRedisEngine,
    "postgres-alone": PostgresEngine,
}


# --- the writers -----------------------------------------------------------------


@dataclass
class Tally:
    """What the writers saw, shared between their threads."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    acknowledged: set[str] = field(default_factory=set)
    # Comments a writer gave up on: no acknowledgement, maybe stored.
    abandoned: set[str] = field(default_factory=set)
    answers: Counter[str] = field(default_factory=Counter)
    refusals: Counter[str] = field(default_factory=Counter)
    # Acknowledged, but held for a moderator (the 302 goes to the article).
    held: set[str] = field(default_factory=set)
    resent: int = 0
    locked: int = 0

    def answer(self, what: str) -> None:
        with self.lock:
            self.answers[what] += 1


class Cluster:
    """The app servers as a load balancer sees them: any live one will do."""

    def __init__(self, servers: list[AppServer], rng: random.Random) -> None:
        self.servers = servers
        self.rng = rng

    def pick(self) -> AppServer:
        live = [app for app in self.servers if app.up.is_set()]
        return self.rng.choice(live or self.servers)


def fresh_form(client: Client, slug: str) -> dict[str, str]:
    reply = client.get(state_url(client, slug))
    if reply.status != 200:
        raise ValueError(f"state {reply.status}")
    state = json.loads(reply.body)
    fields = {
        "csrfmiddlewaretoken": state["csrf_token"],
        "form_stamp": state["form_stamp"],
        "idempotency_key": state["idempotency_key"] if SEND_KEYS else "",
    }
    if captcha := state.get("captcha"):
        fields["captcha_id"] = captcha["id"]
        fields["captcha_answer"] = solve(captcha["prompt"])
    return fields


CONNECTION_ERRORS = (OSError, http.client.HTTPException, ValueError, KeyError)


def post_one(
    cluster: Cluster, client: Client, slug: str, token: str, tally: Tally, give_up_at: float
) -> Client:
    """Sends one comment until it is acknowledged or refused; returns the client to go on with.

    The same fields (and idempotency key) go out on every send, as a browser's
    form sent again would; a send that got no answer goes to any live server.
    """
    # The token spelled in letters: texts that differ only in their digits
    # would look like one text posted again, which the spam checks hold.
    body = f"{random.choice(WORDS)} ({spelled(token)})"
    fields: dict[str, str] | None = None
    for _send in range(MAX_SENDS_PER_COMMENT):
        if time.monotonic() > give_up_at:
            break
        try:
            if fields is None:
                fields = fresh_form(client, slug)
                fields.update(
                    name=f"Writer {number_of(token)}", mail="", body=body, website="", op="save"
                )
            reply = client.post(
                f"/news/{slug}/comment/",
                urllib.parse.urlencode(fields).encode(),
                "application/x-www-form-urlencoded",
            )
        except CONNECTION_ERRORS:
            tally.answer("no answer")
            client.close()
            time.sleep(random.uniform(0.2, 1.0))
            client = rejoin(cluster, client)
            with tally.lock:
                tally.resent += fields is not None
            continue
        if b"database is locked" in reply.body:
            with tally.lock:
                tally.locked += 1
        if reply.status == 302:
            tally.answer("302")
            with tally.lock:
                tally.acknowledged.add(token)
                if "#comment-" not in reply.header("Location"):
                    tally.held.add(token)
            return client
        retry_after = reply.header("Retry-After")
        if reply.status == 503 and retry_after:
            tally.answer("503 with Retry-After")
            time.sleep(min(float(retry_after), 5.0) * random.uniform(0.5, 1.0))
            with tally.lock:
                tally.resent += 1
            continue
        if reply.status >= 500:
            tally.answer(f"{reply.status} (a 5xx)")
            time.sleep(0.5)
            continue
        tally.answer(str(reply.status))
        with tally.lock:
            tally.refusals[f"{reply.status}: {alert_text(reply.body) or '?'}"] += 1
        return client
    with tally.lock:
        tally.abandoned.add(token)
    return client


SPELLING = str.maketrans("0123456789", "abcdefghij")


def spelled(token: str) -> str:
    return token.translate(SPELLING)


def number_of(token: str) -> str:
    return token[-6:]


def rejoin(cluster: Cluster, client: Client) -> Client:
    """A new connection to a live server, keeping the client's cookies (the CSRF cookie)."""
    fresh = Client(cluster.pick().port)
    fresh.cookies = client.cookies
    return fresh


def writers(
    cluster: Cluster,
    slugs: list[str],
    marker: str,
    count: int,
    seconds: float,
    tally: Tally,
    *,
    posts_per_writer: int = MAX_POSTS_PER_WRITER,
) -> float:
    """Runs ``count`` writer threads for ``seconds``; returns the time they took."""
    deadline = time.monotonic() + seconds

    def loop(number: int) -> None:
        client = Client(cluster.pick().port)
        for sequence in range(posts_per_writer):
            if time.monotonic() >= deadline:
                break
            token = f"{marker}w{number}n{sequence}"
            slug = slugs[(number + sequence) % len(slugs)]
            client = post_one(cluster, client, slug, token, tally, deadline + GRACE_SECONDS)
        client.close()

    started = time.monotonic()
    threads = [threading.Thread(target=loop, args=(number,)) for number in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + GRACE_SECONDS + 120)
    return time.monotonic() - started


# --- the rounds ------------------------------------------------------------------


def chaos(
    engine: Engine, rng: random.Random, seconds: float, crash_database: bool, done: list[str]
) -> None:
    """Kills each app server at random moments of the round (and maybe the database).

    What it did, and when, goes into ``done``.
    """
    events: list[tuple[float, Callable[[], str]]] = [
        (rng.uniform(0.05, 0.9) * seconds, functools.partial(kill_and_restart, app, rng))
        for app in engine.servers
        for _kill in range(KILLS_PER_ROUND)
    ]
    if crash_database:
        events.append((rng.uniform(0.3, 0.6) * seconds, engine.crash_database))
    started = time.monotonic()
    for moment, action in sorted(events, key=lambda event: event[0]):
        time.sleep(max(0.0, started + moment - time.monotonic()))
        done.append(f"{time.monotonic() - started:.1f} s: {action()}")


def kill_and_restart(app: AppServer, rng: random.Random) -> str:
    app.kill()
    down = rng.uniform(0.2, 2.0)
    time.sleep(down)
    app.start()
    return f"{app.server.name} killed, started again after {down:.1f} s"


@dataclass
class Outcome:
    engine: str
    acknowledged: int
    stored: int
    statuses: Counter[str]
    lost: int
    duplicates: int
    stored_unacknowledged: int
    server_errors: int
    locked: int
    answers: Counter[str]
    refusals: Counter[str]
    resent: int
    abandoned: int
    seconds: float
    checks: list[Check]
    events: list[str]
    tracebacks: int


def durability(engine: Engine, slugs: list[str], rng: random.Random) -> Outcome:
    marker = f"dur{rng.randrange(10**8):08d}"
    tally = Tally()
    cluster = Cluster(engine.servers, rng)
    events: list[str] = []
    elapsed = 0.0
    crash_round = ROUNDS // 2 if isinstance(engine, PostgresEngine) else None
    for round_number in range(ROUNDS):
        chaos_events: list[str] = []
        killer = threading.Thread(
            target=chaos, args=(engine, rng, SECONDS, round_number == crash_round, chaos_events)
        )
        killer.start()
        took = writers(cluster, slugs[:-1], f"{marker}r{round_number}", WRITERS, SECONDS, tally)
        killer.join()
        elapsed += took
        events.append(f"round {round_number + 1}: " + "; ".join(chaos_events))
        print(
            f"  round {round_number + 1}/{ROUNDS}: {len(tally.acknowledged)} acknowledged so far; "
            + "; ".join(chaos_events),
            flush=True,
        )
    rows = engine.stored(spelled(marker))
    found = re.compile(rf"\(({spelled(marker)}r[a-j]+w[a-j]+n[a-j]+)\)")
    stored_tokens: Counter[str] = Counter()
    statuses: Counter[str] = Counter()
    for body, status in rows:
        if match := found.search(body):
            stored_tokens[match.group(1)] += 1
            statuses[status] += 1
    acknowledged = {spelled(token) for token in tally.acknowledged}
    engine.stop_servers()
    log = engine.server_log()
    server_errors = sum(count for what, count in tally.answers.items() if what.endswith("(a 5xx)"))
    return Outcome(
        engine=engine.name,
        acknowledged=len(tally.acknowledged),
        stored=len(stored_tokens),
        statuses=statuses,
        lost=len(acknowledged - set(stored_tokens)),
        duplicates=sum(count - 1 for count in stored_tokens.values()),
        stored_unacknowledged=len(set(stored_tokens) - acknowledged),
        server_errors=server_errors,
        locked=tally.locked + log.count("database is locked"),
        answers=tally.answers,
        refusals=tally.refusals,
        resent=tally.resent,
        abandoned=len(tally.abandoned),
        seconds=elapsed,
        checks=engine.checks(),
        events=events,
        tracebacks=log.count("Traceback"),
    )


# --- the Redis outage ------------------------------------------------------------


def set_client_limit(engine: Engine, burst: int, per_hour: int = 1) -> None:
    """Limits posts from one address to ``burst`` at once and ``per_hour`` an hour."""
    code = (
        "from maoni.moderation.models import SpamSettings\n"
        "row = SpamSettings.load()\n"
        f"row.client_burst = {burst}\n"
        f"row.client_per_hour = {per_hour}\n"
        "row.save()\n"
    )
    manage(engine.env, "shell", "--no-imports", "-c", code)


@dataclass
class Phase:
    name: str
    accepted: int
    answers: Counter[str]


def redis_outage(engine: PostgresRedisEngine, slugs: list[str], rng: random.Random) -> list[str]:
    engine.start_servers()
    cluster = Cluster(engine.servers, rng)
    phases: list[Phase] = []
    set_client_limit(engine, RATE_BURST)

    def phase(name: str) -> None:
        tally = Tally()
        marker = f"out{rng.randrange(10**8):08d}"
        writers(
            cluster, slugs[:-1], marker, OUTAGE_WRITERS, OUTAGE_SECONDS, tally, posts_per_writer=50
        )
        phases.append(Phase(name, len(tally.acknowledged), tally.answers))

    phase("Redis up")
    engine.redis.stop()
    phase("Redis stopped")
    engine.redis.start()
    phase("Redis started again, empty")
    # An article the writers left alone: its comments fit on one page.
    seen = appears_across(engine, slugs[-1])
    engine.stop_servers()
    log = engine.server_log()
    lines = []
    for result in phases:
        answers = ", ".join(f"{n} × {what}" for what, n in sorted(result.answers.items()))
        lines.append(
            f"{result.name}: {result.accepted} accepted (a burst is {RATE_BURST}); {answers}"
        )
    lines.append(seen)
    lines.append(f"tracebacks in the server logs: {log.count('Traceback')}")
    return lines


def appears_across(engine: Engine, slug: str) -> str:
    """Posts through the first server (limits opened) and reads the page from the second."""
    set_client_limit(engine, 30_000, per_hour=100_000_000)
    first, second = engine.servers
    reader = Client(second.port, keep_cookies=False)
    reader.get(f"/news/{slug}/")  # kept by the second server
    token = f"across{random.randrange(10**8):08d}"
    tally = Tally()
    post_one(Cluster([first], random.Random()), Client(first.port), slug, token, tally,
             time.monotonic() + 30)  # fmt: skip
    page = reader.get(f"/news/{slug}/").body.decode(errors="replace")
    if token not in tally.acknowledged:
        return (
            f"after Redis returned, the post through server 1 was not acknowledged: {tally.answers}"
        )
    if token in tally.held:
        return "after Redis returned, the post through server 1 was held for review: not shown"
    if spelled(token) in page:
        return (
            "after Redis returned, a comment posted through server 1 was on server 2's page at once"
        )
    return "after Redis returned, server 2 still served its page from before the comment (stale)"


# --- the report ------------------------------------------------------------------


def report(outcome: Outcome) -> list[str]:
    answers = ", ".join(f"{n} × {what}" for what, n in sorted(outcome.answers.items()))
    lines = [
        f"### {outcome.engine}",
        "",
        "| figure | value | target |",
        "| --- | ---: | --- |",
        f"| acknowledged (302) | {outcome.acknowledged:,} | |",
        f"| stored (tokens found in the database) | {outcome.stored:,} | |",
        f"| of which held for review | {outcome.statuses['pending']:,} | |",
        f"| **lost** (acknowledged, not stored) | **{outcome.lost}** | 0 |",
        f"| **duplicates** (a token stored twice) | **{outcome.duplicates}** | 0 |",
        f"| **5xx** other than 503 with Retry-After | **{outcome.server_errors}** | 0 |",
        f'| **"database is locked"** | **{outcome.locked}** | 0 |',
        f"| stored, never acknowledged (writer gave up) | {outcome.stored_unacknowledged} | |",
        f"| comments a writer gave up on | {outcome.abandoned} | |",
        f"| forms sent again | {outcome.resent:,} | |",
        f"| acknowledged a second | {outcome.acknowledged / outcome.seconds:.0f} | |",
        f"| tracebacks in the server logs | {outcome.tracebacks} | |",
        "",
        f"Answers: {answers}.",
    ]
    if outcome.refusals:
        lines.append(
            "Refused: "
            + "; ".join(f"{n} × {why}" for why, n in outcome.refusals.most_common(5))
            + "."
        )
    checks = "; ".join(check.text + ("" if check.ok else " (FAILED)") for check in outcome.checks)
    lines += ["", f"Checks: {checks}.", "", "What happened:", ""]
    lines += [f"- {event}" for event in outcome.events]
    return lines


def passed(outcome: Outcome) -> bool:
    return (
        outcome.lost == 0
        and outcome.duplicates == 0
        and outcome.server_errors == 0
        and outcome.locked == 0
        and all(check.ok for check in outcome.checks)
    )


def article_threads(rng: random.Random) -> list[dict[str, object]]:
    now = time.time()
    threads: list[dict[str, object]] = []
    for number in range(THREADS):
        comments = [
            [now - 3600 + index, -1, f"Reader {index}", "", f"{rng.choice(WORDS)}, {index}."]
            for index in range(ARTICLE_COMMENTS)
        ]
        threads.append(
            {
                "title": f"Durability desk, story {number + 1}",
                "slug": f"durability-story-{number + 1}",
                "byline": "Maoni benchmark",
                "body": "A story for readers to argue under while servers fall over.",
                "published": now - 86400,
                "comments": comments,
            }
        )
    return threads


def main() -> int:
    if not GRANIAN.exists():
        print("Run `make install` first: .venv has no granian.")
        return 1
    if any(name.startswith("postgres") for name in ENGINES) and not (PG_BIN / "initdb").exists():
        print(
            f"PostgreSQL's initdb is not in {PG_BIN}: apt-get install postgresql-15, set "
            "BENCH_PG_BIN, or run BENCH_ENGINES=sqlite."
        )
        return 1
    rng = random.Random(int(os.environ.get("BENCH_SEED", "20261129")))
    tmp = Path(tempfile.mkdtemp(prefix="maoni-bench-durability-"))
    tmp.chmod(0o755)  # PostgreSQL's own user works in a folder of it
    sections: list[str] = []
    verdicts: list[str] = []
    print(
        f"{WRITERS} writers, {ROUNDS} rounds of {SECONDS:.0f} s, {SERVERS} app servers "
        f"(granian, 1 worker, 2 threads each); work in {tmp}",
        flush=True,
    )
    try:
        for name in ENGINES:
            home = tmp / name
            home.mkdir()
            engine = ENGINE_KINDS[name](home)
            try:
                slugs = engine.prepare(article_threads(rng))
                engine.start_servers()
                print(f"{engine.name}: posting …", flush=True)
                outcome = durability(engine, slugs, rng)
                lines = report(outcome)
                verdicts.append(f"{engine.name}: {'PASS' if passed(outcome) else 'FAIL'}")
                if isinstance(engine, PostgresRedisEngine):
                    print("Redis outage …", flush=True)
                    lines += ["", "#### Redis outage", ""]
                    lines += [f"- {line}" for line in redis_outage(engine, slugs, rng)]
            finally:
                engine.stop()
            print("\n".join(lines) + "\n", flush=True)
            sections.append("\n".join(lines))
    finally:
        if os.environ.get("BENCH_KEEP") != "1":
            shutil.rmtree(tmp, ignore_errors=True)
    print("\n".join(verdicts))
    if WRITE_DOCS:
        intro = (
            f"{HEADING}\n\n"
            f"{WRITERS} writers posting through the form for {ROUNDS} rounds of "
            f"{SECONDS:.0f} s, two app servers each killed with SIGKILL {KILLS_PER_ROUND} times "
            "a round "
            "(see bench/durability.py). " + "; ".join(verdicts) + ".\n\n"
        )
        write_docs(intro + "\n\n".join(sections), heading=HEADING)
        print("Wrote the figures into docs/benchmarks.md.")
    return 0 if all(verdict.endswith("PASS") for verdict in verdicts) else 1


if __name__ == "__main__":
    sys.exit(main())
