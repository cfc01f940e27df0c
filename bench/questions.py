"""What asking a CAPTCHA question costs: 10,000 requests to /comments/state/.

    make bench-questions

Measures the same thing twice, each time in a process of its own with a
fresh SQLite database in a temporary folder: on the code of this tree, and
on the code as it was before a question became a signed token (the parent
of the commit that added the tried-questions migration, exported with
`git archive`; BENCH_OLD_REVISION names another). Each makes an article,
then sends 10,000 GETs of /comments/state/?thread=<its key> through
Django's test client — the whole view with its middleware, no network — as
a reader without an account under the "always" policy, so that every
request asks a question, as a script calling it in a loop would. It prints
requests per second, and the question rows and Redis keys written.

With BENCH_REDIS_URL (a Redis database of its own, emptied of
`maoni:captcha:*` first), Redis is configured as well, as on a site that
has it. The loop is bounded: 10,000 requests, or two minutes, whichever
comes first.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "10000"))
DEADLINE_SECONDS = 120.0
MIGRATION = "maoni/comments/migrations/0012_tried_questions.py"


def measure() -> dict[str, float]:
    """Runs in the tree being measured (the current directory): the figures, as JSON."""
    import django

    django.setup()
    from django.apps import apps
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client
    from django.utils import timezone

    from maoni.articles.models import Article

    call_command("migrate", verbosity=0)
    article = Article.objects.create(
        title="Water rationing ends in Nakuru",
        slug="water-rationing-ends",
        body="The taps run again.",
        status=Article.Status.PUBLISHED,
        published_at=timezone.now(),
    )
    # Whatever the tree calls the tables that keep questions.
    tables = [
        model
        for model in apps.get_app_config("comments").get_models()
        if "Question" in model.__name__
    ]

    def kept() -> tuple[int, int]:
        rows = sum(model.objects.count() for model in tables)
        keys = 0
        if settings.MAONI_REDIS_URL:
            import redis

            store = redis.Redis.from_url(settings.MAONI_REDIS_URL)
            keys = sum(1 for _key in store.scan_iter("maoni:captcha:*"))
        return rows, keys

    client = Client(HTTP_HOST="127.0.0.1")
    url = "/comments/state/"
    query = {"thread": article.thread.key}
    assert client.get(url, query).json()["captcha"] is not None, "no question asked"
    rows_before, keys_before = kept()
    sent = 0
    started = time.perf_counter()
    deadline = started + DEADLINE_SECONDS
    while sent < REQUESTS and time.perf_counter() < deadline:
        response = client.get(url, query)
        assert response.status_code == 200, response.status_code
        sent += 1
    took = time.perf_counter() - started
    rows_after, keys_after = kept()
    return {
        "requests": sent,
        "seconds": took,
        "rows_before": rows_before,
        "rows_after": rows_after,
        "keys_before": keys_before,
        "keys_after": keys_after,
    }


def old_revision() -> str:
    named = os.environ.get("BENCH_OLD_REVISION")
    if named:
        return short(named)
    added = subprocess.run(
        ["git", "log", "--diff-filter=A", "--format=%H", "--", MIGRATION],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    if not added:
        sys.exit(f"No commit adds {MIGRATION}: name the old code with BENCH_OLD_REVISION.")
    return short(f"{added[-1]}^")


def short(revision: str) -> str:
    return subprocess.run(
        ["git", "rev-parse", "--short", revision],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()


def export(revision: str, into: Path) -> Path:
    """The tree at ``revision``, written out under ``into``."""
    archive = into / "old.tar"
    with archive.open("wb") as out:
        subprocess.run(["git", "archive", revision], cwd=ROOT, stdout=out, check=True)
    tree = into / "old"
    with tarfile.open(archive) as tar:
        tar.extractall(tree, filter="data")
    return tree


def run(tree: Path, scratch: Path) -> dict[str, float]:
    """Measures in a process of its own, with ``tree``'s code and a fresh database."""
    var = scratch / "var"
    var.mkdir()
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "DATABASE_REPLICA_URLS"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="maoni.settings",
        PYTHONPATH=str(tree),
        MAONI_VAR_DIR=str(var),
        SECRET_KEY="bench-questions-" + "k" * 40,
    )
    if os.environ.get("BENCH_REDIS_URL"):
        env["REDIS_URL"] = os.environ["BENCH_REDIS_URL"]
        empty_redis(env["REDIS_URL"])
    done = subprocess.run(
        [str(PYTHON), __file__, "--measure"],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
        timeout=DEADLINE_SECONDS * 3,
    )
    if done.returncode != 0:
        sys.exit(f"Measuring in {tree} failed:\n{done.stderr[-3000:]}")
    figures: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return figures


def empty_redis(url: str) -> None:
    import redis

    store = redis.Redis.from_url(url)
    keys = list(store.scan_iter("maoni:captcha:*"))
    if keys:
        store.delete(*keys)


def line(label: str, figures: dict[str, float]) -> str:
    rate = figures["requests"] / figures["seconds"]
    rows = figures["rows_after"] - figures["rows_before"]
    keys = figures["keys_after"] - figures["keys_before"]
    return (
        f"{label:<28} {figures['requests']:>7,.0f} requests  {rate:>7,.0f} requests/s"
        f"  {rows:>7,.0f} rows written  {keys:>7,.0f} Redis keys written"
    )


def main() -> None:
    if "--measure" in sys.argv:
        print(json.dumps(measure()))
        return
    revision = old_revision()
    redis_note = "with Redis" if os.environ.get("BENCH_REDIS_URL") else "SQLite, no Redis"
    print(f"{REQUESTS:,} GET /comments/state/?thread=… through the test client ({redis_note})")
    with tempfile.TemporaryDirectory(prefix="maoni-bench-questions-") as scratch:
        scratch_dir = Path(scratch)
        (scratch_dir / "new").mkdir()
        (scratch_dir / "old").mkdir()
        new = run(ROOT, scratch_dir / "new")
        old = run(export(revision, scratch_dir / "old"), scratch_dir / "old")
    print(line(f"before ({revision})", old))
    print(line("now (signed tokens)", new))
    written = new["rows_after"] - new["rows_before"] + new["keys_after"] - new["keys_before"]
    if written:
        sys.exit(f"Asking questions wrote {written:,.0f} rows or keys: it should write none.")


if __name__ == "__main__":
    main()
