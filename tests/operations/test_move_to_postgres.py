"""Moving an embedded site to PostgreSQL, with the commands docs/deploy.md gives.

Runs only with make test-postgres: it makes a database of its own beside the
test database and drops it afterwards.
"""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from django.conf import settings

pytestmark = pytest.mark.postgres_only

ROOT = Path(__file__).resolve().parents[2]
DUMP = [
    "dumpdata", "--natural-foreign", "--natural-primary",
    "--exclude", "contenttypes", "--exclude", "auth.permission",
    "--exclude", "sessions", "--exclude", "admin.logentry",
    "--output",
]  # fmt: skip
COUNT = (
    "import json, django; django.setup(); "
    "from django.contrib.auth.models import Group, User; "
    "from maoni.articles.models import Article; "
    "from maoni.comments.models import Comment, Thread; "
    "from maoni.moderation.models import AuditEntry, FilterFeature; "
    "print(json.dumps({'articles': Article.objects.count(), "
    "'comments': sorted(Comment.objects.values_list('status', 'body')), "
    "'counts': sorted(Thread.objects.values_list('public_count', flat=True)), "
    "'users': sorted(User.objects.values_list('username', flat=True)), "
    "'moderators': sorted(Group.objects.get(name='Moderators').user_set.values_list("
    "'username', flat=True)), "
    "'log': AuditEntry.objects.count(), 'filter': FilterFeature.objects.count()}))"
)


def run(environ: dict[str, str], *arguments: str) -> str:
    done = subprocess.run(
        [sys.executable, *arguments],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


@pytest.fixture
def new_database() -> Iterator[str]:
    database = settings.DATABASES["default"]
    server = f"host={database['HOST'] or '127.0.0.1'} port={database['PORT'] or 5432}"
    name = f"maoni_move_{secrets.token_hex(4)}"
    with psycopg.connect(f"{server} user={database['USER']} dbname=postgres", autocommit=True) as c:
        c.execute(f'CREATE DATABASE "{name}"')
    try:
        yield (
            f"postgres://{database['USER']}@{database['HOST'] or '127.0.0.1'}:"
            f"{database['PORT'] or 5432}/{name}"
        )
    finally:
        with psycopg.connect(
            f"{server} user={database['USER']} dbname=postgres", autocommit=True
        ) as c:
            c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_an_embedded_site_moves_to_postgres_whole(tmp_path: Path, new_database: str):
    embedded = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE"}
    }
    embedded |= {"MAONI_VAR_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "maoni.settings"}
    # The site as make run leaves it: migrated, the filter trained, the demo loaded.
    for command in (["migrate", "--noinput"], ["train_filter", "--if-empty"], ["load_demo"]):
        run(embedded, "manage.py", *command)
    # A moderator's decision: an entry in the log and a lesson for the filter.
    run(
        embedded,
        "-c",
        "import django; django.setup(); from django.contrib.auth.models import User; "
        "from maoni.comments.models import Comment; "
        "from maoni.moderation.services import comments_moderate; "
        "held = Comment.objects.filter(status='pending').first(); "
        "comments_moderate(comment_ids=[held.pk], action='spam', "
        "actor=User.objects.get(username='editor'))",
    )
    before = json.loads(run(embedded, "-c", COUNT))
    assert before["articles"] == 2
    assert any(status == "spam" for status, _body in before["comments"])
    assert before["log"] == 1

    dump = tmp_path / "site.json"
    run(embedded, "manage.py", *DUMP, str(dump))
    moved = embedded | {"DATABASE_URL": new_database}
    run(moved, "manage.py", "migrate", "--noinput")
    run(moved, "manage.py", "loaddata", str(dump))
    assert json.loads(run(moved, "-c", COUNT)) == before
    # New rows get new ids after the loaded ones (sequences were moved on).
    run(
        moved,
        "-c",
        "import django; django.setup(); from maoni.articles.models import Article; "
        "from maoni.comments.services import comment_post; "
        "comment_post(thread=Article.objects.first().thread, body='After the move.', "
        "challenge_id=None)",
    )
