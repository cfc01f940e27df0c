"""How fast moderators search a million comments: the queue's word search.

    make bench-search        (python bench/search.py [--comments N] [--engines sqlite,postgresql])

Fills a new database per engine with ``--comments`` comments (1,000,000) over
1,000 articles, their texts and authors' names drawn from real comments: the
YouTube comment collection in bench/data/youtube (CC BY 4.0, see its README),
so words are as common or rare as readers make them. Rows go in with plain
INSERTs; the search index is the shipped one (the migration's triggers on
SQLite, the generated column on PostgreSQL), filled as they go in.

Then for searches picked from the texts (a rare word, the commonest long
word, two words, a phrase, an author's name, a word nobody wrote) it times,
five times each after one warm-up (median, and the slowest): the whole queue
page a moderator gets (``/moderation/?status=all&text=…``: the search, its
count for the pager and the page of 50 rendered), the search alone (the
count and the 50 newest, as the queue asks), and as a baseline in the same
run the query the queue made before (``body__icontains``: a scan), for the
same words. Target (docs/benchmarks.md): 200 ms.
"""

from __future__ import annotations

import argparse
import csv
import html
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "bench" / "data" / "youtube"
ARTICLES = 1_000
BATCH = 5_000
RUNS = 5


def corpus() -> list[tuple[str, str]]:
    """(author, text) of every comment of the four videos."""
    rows = []
    for path in sorted(CORPUS.glob("*.csv")):
        with path.open(encoding="utf-8") as file:
            for row in csv.DictReader(file):
                text = html.unescape(re.sub(r"<[^>]+>", " ", row["CONTENT"])).strip()
                if text:
                    rows.append((row["AUTHOR"].strip()[:60], text[:2000]))
    return rows


def searches(texts: list[tuple[str, str]]) -> dict[str, str]:
    """Searches of each kind, picked from the texts by how often their words occur."""
    documents: Counter[str] = Counter()
    for _author, text in texts:
        documents.update({word.lower() for word in re.findall(r"\w{5,}", text)})
    common = [word for word, _count in documents.most_common(2)]
    rare = sorted(word for word, count in documents.items() if count == 1 and word.isalpha())[0]
    phrase_source = next(text for _author, text in texts if len(text.split()) > 6)
    phrase = " ".join(re.findall(r"\w+", phrase_source)[1:3])
    authors = Counter(
        word
        for author, _text in texts
        for word in author.split()
        if len(word) >= 4 and word.isalpha()
    )
    return {
        "rare word": rare,
        "commonest word": common[0],
        "two common words": " ".join(common),
        "phrase": f'"{phrase}"',
        "author's name": authors.most_common(1)[0][0],
        "no match": "zzyzxquorumbl",
    }


def fill(comments: int, texts: list[tuple[str, str]]) -> None:
    from django.db import connection, transaction
    from django.utils import timezone

    from maoni.articles.models import Article

    threads = [
        Article.objects.create(
            title=f"Story {number}", slug=f"story-{number}", body="Text.", status="published"
        ).thread_id
        for number in range(ARTICLES)
    ]
    pick = random.Random(2024)
    start = timezone.now().timestamp() - comments
    columns = (
        "thread_id, author_name, author_email, body, body_html, status, created, client_key, "
        "reasons, status_changed, status_before_deletion, fingerprint, notify_replies, source, "
        "source_id, path, depth"
    )
    marks = ", ".join(["%s"] * 17)
    statement = f"INSERT INTO comments_comment ({columns}) VALUES ({marks})"  # noqa: S608
    for first in range(0, comments, BATCH):
        rows = []
        for number in range(first, min(comments, first + BATCH)):
            author, text = texts[pick.randrange(len(texts))]
            when = connection.ops.adapt_datetimefield_value(
                datetime.fromtimestamp(start + number, tz=UTC)
            )
            status = "published" if number % 20 else "pending"
            rows.append(
                (threads[number % ARTICLES], author, "", text, f"<p>{html.escape(text)}</p>\n",
                 status, when, "", "[]", when, "", "", False, "", "", f"{number:017d}.", 0)
            )  # fmt: skip
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.executemany(statement, rows)


def timed(get: Any) -> dict[str, float]:
    get()
    took = []
    for _ in range(RUNS):
        started = time.perf_counter()
        get()
        took.append((time.perf_counter() - started) * 1000)
    return {"median": statistics.median(took), "max": max(took)}


def measure(comments: int) -> dict[str, Any]:
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth.models import Group, User
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import override_settings

    from maoni.comments import search
    from maoni.comments.models import Comment
    from maoni.comments.search import matching
    from maoni.moderation.roles import MODERATORS

    # The hashed-name static storage needs collectstatic; pages here name the files plainly.
    plain = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    override_settings(STORAGES={**settings.STORAGES, "staticfiles": plain}).enable()
    call_command("migrate", verbosity=0)
    texts = corpus()
    started = time.perf_counter()
    fill(comments, texts)
    filled = time.perf_counter() - started
    with connection.cursor() as cursor:
        # The statistics autovacuum would gather after such a load, for the planner.
        cursor.execute("ANALYZE")
    user = User.objects.create_user("night", "night@example.org", "pw")
    user.groups.add(Group.objects.get(name=MODERATORS))
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    figures = {}
    for kind, words in searches(texts).items():

        def page(words: str = words) -> None:
            response = client.get("/moderation/", {"status": "all", "text": words})
            assert response.status_code == 200, response.status_code

        def indexed(words: str = words) -> None:
            rows = matching(Comment.objects.all(), words).order_by("-created", "-id")
            rows.count()
            list(rows[:50])

        def scan(words: str = words) -> None:
            rows = Comment.objects.filter(body__icontains=words.strip('"')).order_by("-created")
            rows.count()
            list(rows[:50])

        every = search.NEWEST
        search.NEWEST = comments  # every match, for the count printed
        found = matching(Comment.objects.all(), words).count()
        search.NEWEST = every
        figures[kind] = {
            "words": words,
            "found": found,
            "page": timed(page),
            "search": timed(indexed),
            "scan": timed(scan),
        }
    return {"engine": connection.vendor, "comments": comments, "fill": filled, "figures": figures}


def run(engine: str, comments: int, scratch: Path, postgres: str) -> dict[str, Any]:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    env.update(
        DJANGO_SETTINGS_MODULE="maoni.settings",
        MAONI_VAR_DIR=str(scratch / engine),
        SECRET_KEY="bench-search-" + "k" * 40,
        MAONI_PAGE_CACHE="0",
    )
    if engine == "postgresql":
        env["DATABASE_URL"] = fresh_postgres(postgres)
    done = subprocess.run(
        [sys.executable, __file__, "--measure", "--comments", str(comments)],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    if done.returncode != 0:
        sys.exit(done.stderr[-3000:])
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def fresh_postgres(server: str) -> str:
    import psycopg

    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute("DROP DATABASE IF EXISTS maoni_bench_search")
        connection.execute("CREATE DATABASE maoni_bench_search")
    return server.rsplit("/", 1)[0] + "/maoni_bench_search"


def report(result: dict[str, Any]) -> None:
    print(
        f"\n{result['engine']}: {result['comments']:,} comments, filled in {result['fill']:.0f} s"
    )
    print(
        "| search | words | found | queue page | search: count + 50 newest | "
        "icontains scan: the same |"
    )
    print("| --- | --- | ---: | ---: | ---: | ---: |")
    for kind, figure in result["figures"].items():
        cells = " | ".join(
            f"{figure[part]['median']:.0f} ms (max {figure[part]['max']:.0f})"
            for part in ("page", "search", "scan")
        )
        print(f"| {kind} | `{figure['words']}` | {figure['found']:,} | {cells} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--comments", type=int, default=1_000_000)
    parser.add_argument("--engines", default="sqlite")
    parser.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.measure:
        sys.path.insert(0, str(ROOT))
        print(json.dumps(measure(options.comments)))
        return
    with tempfile.TemporaryDirectory(prefix="maoni-search-") as scratch:
        for engine in options.engines.split(","):
            (Path(scratch) / engine).mkdir()
            report(run(engine, options.comments, Path(scratch), options.postgres))


if __name__ == "__main__":
    main()
