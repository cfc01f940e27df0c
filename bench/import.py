"""What importing a large site costs: time, comments a second and peak memory.

    python bench/import.py [--comments 1000000] [--sizes 5000,20000,100000]
                           [--engines sqlite,postgresql] [--postgres DSN]

First reads WordPress exports (WXR) of each of ``--sizes`` comments, 100 to
a post, a third of them replies, under tracemalloc: the reader's peak should
not grow with the file. Then writes a WXR and an Isso database of
``--comments`` comments each (100 to a page) and imports each with
``manage.py import_comments`` into a new database of each engine (PostgreSQL:
a database made and dropped on the server ``--postgres`` names), in a process
of its own, and prints a table of wall time, comments a second and peak
resident memory. Targets (docs/benchmarks.md): 150 MB, 3,000 a second into SQLite.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from processes import run  # noqa: E402

from maoni.imports.wordpress import WordPressReader  # noqa: E402
from tests.imports import wxr  # noqa: E402


def read(path: Path) -> tuple[int, float, int]:
    """Reads the export; returns its records, the seconds it took and the peak in bytes."""
    tracemalloc.start()
    started = time.monotonic()
    records = sum(1 for _record in WordPressReader(str(path)).records())
    seconds = time.monotonic() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return records, seconds, peak


def isso_database(path: Path, comments: int, *, per_thread: int = 100) -> Path:
    """An Isso database of ``comments`` comments, ``per_thread`` a page, a third of them
    replies, made with the real file's own schema."""
    real = ROOT / "tests" / "data" / "isso-comments.db"
    with sqlite3.connect(f"file:{real}?mode=ro", uri=True) as source:
        schema = [
            row[0] for row in source.execute("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL")
        ]
    with sqlite3.connect(path) as target:
        for statement in schema:
            target.execute(statement)
        start = 1_700_000_000.0
        for number in range(comments):
            thread = number // per_thread + 1
            if number % per_thread == 0:
                target.execute(
                    "INSERT INTO threads (id, uri, title) VALUES (?, ?, ?)",
                    (thread, f"/news/story-{thread}/", f"Story number {thread}"),
                )
            first_of_thread = (thread - 1) * per_thread + 1
            parent = first_of_thread if number % 3 == 2 and number + 1 != first_of_thread else None
            target.execute(
                "INSERT INTO comments (tid, id, parent, created, modified, mode, remote_addr, "
                "text, author, email, website, likes, dislikes, voters, notification) "
                "VALUES (?, ?, ?, ?, NULL, 1, '198.51.100.0', ?, ?, ?, NULL, 0, 0, ?, 0)",
                (
                    thread, number + 1, parent, start + number,
                    f"Comment **number** {number} about the story, with a [link](https://example.org/{number}).",
                    f"Reader {number % 500}", f"reader{number % 500}@example.org", b"\0" * 256,
                ),
            )  # fmt: skip
    return path


def imported(environ: dict[str, str], kind: str, path: Path, comments: int, engine: str) -> str:
    """Imports one file into a new database; returns the row of the table for it."""
    run(environ, "manage.py", "migrate", "--noinput", "--verbosity", "0")
    where = ["--as-articles"] if kind == "wordpress" else ["--site", "bench"]
    if kind == "isso":
        run(
            environ, "manage.py", "shell", "-c",
            "from maoni.comments.models import Site; "
            "Site.objects.create(name='Bench', slug='bench', origins='https://bench.example')",
        )  # fmt: skip
    seconds, memory, output = run(environ, "manage.py", "import_comments", kind, str(path), *where)
    print(output.strip().splitlines()[-1])
    rate = comments / seconds
    row = f"| {kind} | {engine} | {comments:,} | {seconds:,.0f} s | {rate:,.0f} | {memory} MB |"
    print(row, flush=True)
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--comments", type=int, default=1_000_000)
    parser.add_argument("--sizes", default="5000,20000,100000")
    parser.add_argument("--engines", default="sqlite,postgresql")
    parser.add_argument("--kinds", default="wordpress,isso")
    parser.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432/postgres")
    options = parser.parse_args()
    environ = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE"}
    }
    environ["DJANGO_SETTINGS_MODULE"] = "maoni.settings"
    environ["SECRET_KEY"] = os.urandom(32).hex()
    with tempfile.TemporaryDirectory(prefix="maoni-import-") as scratch:
        read(wxr.write_many(Path(scratch) / "warm.xml", 200))
        for size in [int(size) for size in options.sizes.split(",")]:
            path = wxr.write_many(Path(scratch) / f"{size}.xml", size)
            records, seconds, peak = read(path)
            megabytes = path.stat().st_size / 1e6
            print(
                f"read {size:>7,} comments ({megabytes:6.1f} MB): {records:>7,} records "
                f"{seconds:6.1f} s (under tracemalloc), peak {peak / 1024:7.0f} KiB"
            )
        makers = {
            "wordpress": lambda: wxr.write_many(Path(scratch) / "import.xml", options.comments),
            "isso": lambda: isso_database(Path(scratch) / "isso.db", options.comments),
        }
        files = {kind: makers[kind]() for kind in options.kinds.split(",")}
        rows = []
        for engine in options.engines.split(","):
            for kind, path in files.items():
                site = dict(environ, MAONI_VAR_DIR=f"{scratch}/{engine}-{kind}")
                if engine == "postgresql":
                    site["DATABASE_URL"] = fresh_postgres(options.postgres, f"{kind}")
                rows.append(imported(site, kind, path, options.comments, engine))
        print("\n| source | database | comments | time | comments/s | peak memory (RSS) |")
        print("| --- | --- | ---: | ---: | ---: | ---: |")
        print("\n".join(rows), flush=True)


def fresh_postgres(server: str, name: str) -> str:
    """A new, empty PostgreSQL database for one run; its DSN."""
    import psycopg

    database = f"maoni_bench_import_{name}"
    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {database}")
        connection.execute(f"CREATE DATABASE {database}")
    return server.rsplit("/", 1)[0] + "/" + database


if __name__ == "__main__":
    main()
