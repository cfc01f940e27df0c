"""How long ``manage.py export`` and ``import`` take on a large site, and in how much memory.

    python bench/transfer.py [--comments 100000] [--postgres postgres://user@host/empty_db]

Makes an embedded site in a temporary directory (migrated, the filter
trained, ``--comments`` comments over 200 articles, a tenth of them replies),
exports it plain and gzipped, and imports the file into a new SQLite
database and, with ``--postgres``, into that PostgreSQL database, which must
exist and be empty (it is migrated here and left holding the site). Each
command runs in a process of its own; the figures are its wall time and its
peak memory (maximum resident set size).
"""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

from processes import run

ROOT = Path(__file__).resolve().parent.parent
SEED = """
import os, random, sys
from datetime import UTC, datetime, timedelta
import django
django.setup()
from django.db import transaction
from maoni.articles.models import Article
from maoni.comments.models import Comment, Thread
from maoni.comments.text import render_plain

count = int(sys.argv[1])
rng = random.Random(6)
words = ("habari maji soko bei serikali mvua barabara shule hospitali kazi "
         "the market water price county road school rain council report").split()
start = datetime(2024, 1, 1, tzinfo=UTC)
with transaction.atomic():
    articles = [
        Article.objects.create(
            title=f"Article {number}", slug=f"article-{number}", body="A paragraph.",
            status=Article.Status.PUBLISHED, published_at=start,
        )
        for number in range(200)
    ]
    threads = [article.thread_id for article in articles]
    batch, made = [], 0
    for number in range(count):
        body = " ".join(rng.choice(words) for _ in range(rng.randint(10, 80)))
        created = start + timedelta(seconds=number * 7)
        batch.append(Comment(
            id=number + 1, thread_id=threads[number % len(threads)],
            parent_id=number + 1 - len(threads) if number % 10 == 9 and number > 200 else None,
            author_name=f"Reader {rng.randint(1, 5000)}",
            author_email=f"reader{rng.randint(1, 5000)}@example.org",
            body=body, body_html=render_plain(body), created=created,
            client_key=f"{rng.getrandbits(64):016x}", reasons=[],
            path=f"{int(created.timestamp() * 1_000_000):017d}.",
        ))
        if len(batch) == 5000:
            Comment.objects.bulk_create(batch)
            made += len(batch)
            batch = []
    Comment.objects.bulk_create(batch)
    for thread in threads:
        Thread.objects.filter(pk=thread).update(
            public_count=Comment.objects.filter(thread_id=thread).count()
        )
print(Comment.objects.count())
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--comments", type=int, default=100_000)
    parser.add_argument("--postgres", help="an empty PostgreSQL database to import into")
    options = parser.parse_args()
    base = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE"}
    }
    base["DJANGO_SETTINGS_MODULE"] = "maoni.settings"
    with tempfile.TemporaryDirectory(prefix="maoni-transfer-") as scratch:
        source = base | {"MAONI_VAR_DIR": f"{scratch}/source"}
        run(source, "manage.py", "migrate", "--noinput", "--verbosity", "0")
        run(source, "manage.py", "train_filter", "--if-empty")
        seconds, _memory, made = run(source, "-c", SEED, str(options.comments))
        print(f"seeded {made.strip()} comments in {seconds:.1f} s")

        for name in ("site.jsonl", "site.jsonl.gz"):
            path = Path(scratch) / name
            seconds, memory, _output = run(source, "manage.py", "export", str(path))
            size = path.stat().st_size / 1e6
            print(f"export to {name:<14} {seconds:6.1f} s  {memory:5d} MB peak  {size:7.1f} MB")

        targets = [("SQLite", base | {"MAONI_VAR_DIR": f"{scratch}/target"})]
        if options.postgres:
            targets.append(
                (
                    "PostgreSQL",
                    base | {"MAONI_VAR_DIR": f"{scratch}/pg", "DATABASE_URL": options.postgres},
                )
            )
        for label, environ in targets:
            run(environ, "manage.py", "migrate", "--noinput", "--verbosity", "0")
            seconds, memory, _output = run(
                environ, "manage.py", "import", str(Path(scratch) / "site.jsonl.gz")
            )
            print(f"import into {label:<10} {seconds:6.1f} s  {memory:5d} MB peak")


if __name__ == "__main__":
    main()
