"""What sharing the page counters costs a kept article page, on each set-up.

    make bench-engines
    BENCH_SECONDS=3 make bench-engines     # a quick look

Starts Maoni as `make run` does (granian, one worker per core, the demo
content) three times, and measures the demo's first article page, kept in
memory, with wrk (-t 2 -c 32, BENCH_SECONDS long, 10 by default), after one
request has rendered it:

- embedded: SQLite, the counters in var/page-versions (read from memory);
- PostgreSQL + Redis: the counters in Redis (one MGET a request);
- PostgreSQL alone: the counters in a table (one SELECT a request).

PostgreSQL and Redis are private ones on free loopback ports, as in
bench/durability.py (initdb needs root or the postgres user). It prints
requests a second, latency and the ratio to the embedded set-up measured in
the same run.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from durability import PrivatePostgres, PrivateRedis, manage
from pages import (
    GRANIAN,
    WORKERS,
    Client,
    Figures,
    Server,
    describe,
    ensure_debian_tools,
    wait_until_up,
    wrk,
)
from processes import free_port

SECONDS = float(os.environ.get("BENCH_SECONDS", "10"))


def measure(name: str, home: Path, extra: dict[str, str]) -> tuple[Figures, str]:
    """Starts Maoni with ``extra`` in its environment and measures the kept page."""
    var = home / name.replace(" ", "-").replace("+", "and")
    var.mkdir()
    env = {
        **{
            key: value
            for key, value in os.environ.items()
            if key not in ("DATABASE_URL", "REDIS_URL")
        },
        "MAONI_VAR_DIR": str(var),
        "SECRET_KEY": os.urandom(32).hex(),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "MAONI_LOG_LEVEL": "ERROR",
        **extra,
    }
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")
    manage(env, "load_demo")
    port = free_port()
    server = Server(
        name,
        [str(GRANIAN), "--interface", "wsgi", "--host", "127.0.0.1", "--port", str(port),
         "--workers", str(WORKERS), "--blocking-threads", "2", "maoni.wsgi:application"],
        log=var / "granian.log", env=env, stop_signal=signal.SIGINT,
    )  # fmt: skip
    server.start()
    try:
        wait_until_up(server, port, "/")
        front = Client(port, keep_cookies=False).get("/").body.decode()
        found = re.search(r'href="(/news/[^"]+/)"', front)
        assert found, "no article on the front page"
        page = found.group(1)
        assert Client(port, keep_cookies=False).get(page).status == 200
        counters = subprocess.run(
            [sys.executable, "manage.py", "shell", "--no-imports", "-c",
             "from django.conf import settings; print(settings.MAONI_PAGE_COUNTERS)"],
            env=env, capture_output=True, text=True, check=True,
            cwd=Path(__file__).resolve().parent.parent,
        ).stdout.strip()  # fmt: skip
        return wrk(f"http://127.0.0.1:{port}{page}", SECONDS), counters
    finally:
        server.stop()


def main() -> int:
    if not GRANIAN.exists():
        print("Run `make install` first: .venv has no granian.")
        return 1
    ensure_debian_tools()
    tmp = Path(tempfile.mkdtemp(prefix="maoni-bench-engines-"))
    tmp.chmod(0o755)  # PostgreSQL's own user works in a folder of it
    postgres = PrivatePostgres(tmp)
    redis = PrivateRedis(tmp)
    results: list[tuple[str, Figures, str]] = []
    try:
        postgres.start()
        redis.start()
        results.append(("embedded (SQLite)", *measure("embedded", tmp, {})))
        postgres.query("CREATE DATABASE with_redis")
        postgres.query("CREATE DATABASE alone")
        base = postgres.url.rsplit("/", 1)[0]
        with_redis = {"DATABASE_URL": f"{base}/with_redis", "REDIS_URL": redis.url}
        results.append(("PostgreSQL + Redis", *measure("with redis", tmp, with_redis)))
        alone = {"DATABASE_URL": f"{base}/alone"}
        results.append(("PostgreSQL alone", *measure("alone", tmp, alone)))
    finally:
        redis.stop()
        postgres.stop()
        shutil.rmtree(tmp, ignore_errors=True)
    reference = results[0][1].rps
    print(f"\nA kept article page, wrk -t2 -c32 for {SECONDS:.0f} s, {WORKERS} workers:\n")
    print("| set-up | page counters | figures | against embedded |")
    print("| --- | --- | --- | ---: |")
    for name, figures, counters in results:
        print(f"| {name} | {counters} | {describe(figures)} | {figures.rps / reference:.0%} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
