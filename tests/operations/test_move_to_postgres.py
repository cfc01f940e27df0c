"""Moving an embedded site to PostgreSQL, with the commands docs/deploy.md gives.

Runs only with make test-postgres: each test makes a database of its own
beside the test database and drops it afterwards. Two ways are tested: the
export and import that docs/deploy.md gives first, and dumpdata and loaddata.
"""

from __future__ import annotations

import json
import os
import secrets
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from django.conf import settings

from maoni.operations.exportfile import Reader, reading
from tests.commands import run

pytestmark = pytest.mark.postgres_only

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
# A comment posted after the move, and the page that shows the moved ones.
AFTER = """
import json, django
django.setup()
from django.test import Client
from maoni.articles.models import Article
from maoni.comments.models import Comment
from maoni.comments.services import comment_post
from maoni.articles.management.commands.load_demo import DEMO_SLUG
article = Article.objects.get(slug=DEMO_SLUG)
last = Comment.objects.order_by("pk").last().pk
new = comment_post(thread=article.thread, body="After the move.", question_id=None)
page = Client(HTTP_HOST="localhost").get(article.get_absolute_url()).content.decode()
moved = Comment.objects.filter(thread=article.thread, status="published", pk__lte=last)
print(json.dumps({
    "new_id_after_the_moved": new.pk > last,
    "moved_shown": [comment.body_html in page for comment in moved.order_by("created")[:10]],
}))
"""


@pytest.fixture
def new_database() -> Iterator[str]:
    database = settings.DATABASES["default"]
    server = f"host={database['HOST'] or '127.0.0.1'} port={database['PORT'] or 5432}"
    # Named after the database the suite was given, so that suites run by
    # several people on one server keep to their own names.
    name = f"{database['NAME'].removeprefix('test_')}_move_{secrets.token_hex(4)}"
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


@pytest.fixture(scope="module")
def embedded(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, str], dict[str, object]]:
    """The environment of an embedded site as make run leaves it, and what it holds."""
    environ = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE"}
    }
    environ |= {
        "MAONI_VAR_DIR": str(tmp_path_factory.mktemp("embedded")),
        "DJANGO_SETTINGS_MODULE": "maoni.settings",
    }
    # The site as make run leaves it: migrated, the filter trained, the demo loaded.
    for command in (["migrate", "--noinput"], ["train_filter", "--if-empty"], ["load_demo"]):
        run(environ, "manage.py", *command)
    # A moderator's decision: an entry in the log and a lesson for the filter.
    run(
        environ,
        "-c",
        "import django; django.setup(); from django.contrib.auth.models import User; "
        "from maoni.comments.models import Comment; "
        "from maoni.comments.services import comments_moderate; "
        "held = Comment.objects.filter(status='pending').first(); "
        "comments_moderate(comment_ids=[held.pk], action='spam', "
        "actor=User.objects.get(username='editor'))",
    )
    before = json.loads(run(environ, "-c", COUNT))
    assert before["articles"] == 2
    assert any(status == "spam" for status, _body in before["comments"])
    assert before["log"] == 1
    return environ, before


def file_rows(path: Path) -> dict[str, list[list[object]]]:
    with reading(str(path)) as stream:
        source = Reader(stream)
        return {section.name: list(source.rows(section)) for section in source.header().sections}


def test_an_embedded_site_moves_to_postgres_with_export_and_import(
    embedded: tuple[dict[str, str], dict[str, object]], tmp_path: Path, new_database: str
):
    environ, before = embedded
    exported = tmp_path / "site.jsonl.gz"
    run(environ, "manage.py", "export", str(exported))
    moved = environ | {"DATABASE_URL": new_database}
    run(moved, "manage.py", "migrate", "--noinput")
    said = run(moved, "manage.py", "import", str(exported))
    assert "every count matches the file" in said

    assert json.loads(run(moved, "-c", COUNT)) == before
    # Every row of every table, as PostgreSQL gives it back.
    run(moved, "manage.py", "export", str(tmp_path / "again.jsonl"))
    assert file_rows(tmp_path / "again.jsonl") == file_rows(exported)
    # DEBUG serves the page without collectstatic's manifest.
    after = json.loads(run(moved | {"MAONI_DEBUG": "1"}, "-c", AFTER))
    assert after["new_id_after_the_moved"]
    assert after["moved_shown"]
    assert all(after["moved_shown"])


def test_an_embedded_site_moves_to_postgres_with_dumpdata_and_loaddata(
    embedded: tuple[dict[str, str], dict[str, object]], tmp_path: Path, new_database: str
):
    environ, before = embedded
    dump = tmp_path / "site.json"
    run(environ, "manage.py", *DUMP, str(dump))
    moved = environ | {"DATABASE_URL": new_database}
    run(moved, "manage.py", "migrate", "--noinput")
    run(moved, "manage.py", "loaddata", str(dump))
    assert json.loads(run(moved, "-c", COUNT)) == before
    # New rows get new ids after the loaded ones (sequences were moved on).
    # DEBUG serves the page without collectstatic's manifest.
    after = json.loads(run(moved | {"MAONI_DEBUG": "1"}, "-c", AFTER))
    assert after["new_id_after_the_moved"]
    assert after["moved_shown"]
    assert all(after["moved_shown"])
