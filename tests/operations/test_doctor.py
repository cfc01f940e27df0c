"""``manage.py doctor`` says in plain words what is wrong with an installation."""

from __future__ import annotations

import os
import subprocess
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from maoni.operations import health
from tests.commands import finished


def texts(check) -> list[tuple[bool, str]]:
    return [(finding.ok, finding.text) for finding in check()]


def test_the_database_and_its_migrations_are_checked(db):
    (reachable,) = texts(health.database_reachable)
    assert reachable[0]
    assert reachable[1].startswith("The database (")
    assert texts(health.migrations_applied) == [(True, "Every database migration is applied.")]


@pytest.mark.sqlite_only
def test_sqlite_durability_is_reported(db):
    found = texts(health.durability)
    assert all(ok for ok, _text in found)
    assert any("journal_mode=WAL" in text for _ok, text in found)
    assert any("synchronous=NORMAL" in text for _ok, text in found)


class Answers:
    """A cursor that answers each setting's query from a dictionary."""

    def __init__(self, answers: dict[str, object]) -> None:
        self.answers = answers
        self.last = ""

    def execute(self, query: str) -> None:
        self.last = query

    def fetchone(self) -> tuple[object]:
        return (self.answers[self.last],)


def test_sqlite_without_sync_or_wal_is_a_problem():
    cursor = Answers(
        {"PRAGMA journal_mode": "delete", "PRAGMA synchronous": 0, "PRAGMA busy_timeout": 0}
    )
    problems = [finding.text for finding in health._sqlite_durability(cursor) if not finding.ok]
    assert len(problems) == 3
    assert "not WAL" in problems[0]
    assert "can lose acknowledged comments" in problems[1]
    assert "database is locked" in problems[2]


def test_postgres_settings_that_lose_comments_are_problems():
    cursor = Answers(
        {"SHOW fsync": "off", "SHOW full_page_writes": "on", "SHOW synchronous_commit": "off"}
    )
    found = [(finding.ok, finding.text) for finding in health._postgres_durability(cursor)]
    assert [ok for ok, _text in found] == [False, True, False]
    assert "fsync is off" in found[0][1]
    assert "synchronous_commit is off" in found[2][1]


@pytest.mark.postgres_only
def test_postgres_durability_settings_are_read(db):
    found = dict(
        (text.split(" =")[0], ok) for ok, text in texts(health.durability) if " = " in text
    )
    assert set(found) >= {"PostgreSQL fsync", "PostgreSQL full_page_writes"}


def test_an_unreachable_redis_is_a_problem_in_plain_words(settings):
    settings.MAONI_REDIS_URL = "redis://:hunter2@127.0.0.1:1/0"
    ((ok, text),) = texts(health.redis_reachable)
    assert not ok
    assert text.startswith("Redis (redis://…@127.0.0.1:1/0) cannot be reached")
    assert "hunter2" not in text


def test_no_redis_is_fine(settings):
    settings.MAONI_REDIS_URL = ""
    ((ok, text),) = texts(health.redis_reachable)
    assert ok
    assert "the database keeps rate limits" in text


@pytest.mark.parametrize(
    ("where", "said"),
    [
        ("file", "every app server must run on this machine"),
        ("database", "in the database: every app server using it sees a change at once"),
        ("redis", "in Redis: every app server using it sees a change at once"),
    ],
)
def test_doctor_says_where_the_page_counters_are(settings, where, said):
    settings.MAONI_PAGE_COUNTERS = where
    ((ok, text),) = texts(health.page_counters)
    assert ok
    assert said in text


def test_the_command_lists_findings_and_fails_on_problems(db, settings):
    # A development set-up: Django's deployment checks object (DEBUG, HTTPS...).
    settings.DEBUG = True
    out = StringIO()
    with pytest.raises(CommandError, match=r"problem\(s\) found"):
        call_command("doctor", stdout=out)
    report = out.getvalue()
    assert "ok      The database (" in report
    assert "PROBLEM Django's deployment checks" in report


@pytest.mark.sqlite_only
def test_a_site_set_up_for_https_passes_from_the_command_line(tmp_path):
    environ = {
        **os.environ,
        "MAONI_VAR_DIR": str(tmp_path),
        "MAONI_HTTPS": "1",
        "MAONI_HSTS_SECONDS": "31536000",
        "MAONI_HSTS_SUBDOMAINS": "1",
        "MAONI_SILENCED_CHECKS": "security.W021",
    }
    # As a fresh shell would have it (the browser tests set the last one).
    for name in (
        "DATABASE_URL",
        "REDIS_URL",
        "MAONI_SQLITE_PATH",
        "DJANGO_SETTINGS_MODULE",
        "DJANGO_ALLOW_ASYNC_UNSAFE",
    ):
        environ.pop(name, None)

    def manage(*command: str) -> subprocess.CompletedProcess[str]:
        return finished(environ, "manage.py", *command)

    assert manage("migrate", "--noinput", "-v0").returncode == 0
    never = manage("doctor")
    assert never.returncode == 1
    assert "manage.py purge_personal_data has never run" in never.stdout
    assert manage("purge_personal_data").returncode == 0
    doctor = manage("doctor")
    assert doctor.returncode == 0, doctor.stdout + doctor.stderr
    assert "Personal data was last purged on" in doctor.stdout
    assert "Pages are sent with Content-Security-Policy: default-src 'self'" in doctor.stdout
    assert doctor.stdout.rstrip().endswith("Nothing wrong found.")


def test_the_spam_filter_and_its_daily_job_are_reported(article):
    from datetime import timedelta

    from django.utils import timezone

    from maoni.comments.models import Comment
    from maoni.comments.services import comment_post

    [(ok, text)] = texts(health.spam_filter)
    assert ok
    assert text == (
        "The spam filter has learnt 0 moderators' decisions; "
        "it holds no comment on its words alone yet."
    )
    comment = comment_post(thread=article.thread, body="Maji yamerudi.", question_id=None)
    Comment.objects.filter(pk=comment.pk).update(created=timezone.now() - timedelta(days=5))
    late = texts(health.spam_filter)
    assert late[-1][0] is False
    assert "`manage.py learn_from_published` ran never: run it daily from cron" in late[-1][1]
    call_command("learn_from_published", stdout=StringIO())
    assert all(ok for ok, _text in texts(health.spam_filter))


def test_counts_stored_by_an_older_version_are_a_problem(db):
    from maoni.moderation.models import FilterTotals

    FilterTotals.objects.create(pk=1, feature_version=1)
    [(ok, text)] = texts(health.spam_filter)
    assert not ok
    assert "run `manage.py train_filter`" in text


def test_the_languages_and_their_catalogs_are_reported(settings, tmp_path):
    [(ok, text)] = texts(health.languages)
    assert ok
    assert text.startswith("Pages come in English, Kiswahili; the site's own language is English")
    settings.LANGUAGE_CODE = "sw"
    assert "own language is Kiswahili" in texts(health.languages)[0][1]
    (tmp_path / "sw" / "LC_MESSAGES").mkdir(parents=True)
    (tmp_path / "sw" / "LC_MESSAGES" / "django.po").write_text("")
    settings.LOCALE_PATHS = [tmp_path]
    problem, _fine = texts(health.languages)
    assert problem[0] is False
    assert "no compiled django.mo" in problem[1]
