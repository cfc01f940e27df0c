"""A Drupal 8+ database imported, from SQLite and from PostgreSQL (drupal_fixture.py)."""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from io import StringIO
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db.models import Q

from maoni.articles.models import Article
from maoni.comments.models import Comment, Site, Thread
from maoni.imports import connections
from maoni.imports.drupal import DrupalReader
from maoni.imports.records import Record, SourceComment, SourceError, SourcePage, Status
from maoni.imports.writing import PENDING_REASON
from tests.imports.drupal_fixture import fill, unix


@pytest.fixture
def drupal_db(tmp_path: Path) -> Path:
    path = tmp_path / "drupal.sqlite"
    with sqlite3.connect(path) as connection:
        fill(connection.execute, "?")
    connection.close()
    return path


@pytest.fixture
def site(db: None) -> Site:
    return Site.objects.create(
        name="Partner news", slug="partner", origins="https://news.example.org"
    )


def run(source: str | Path, *options: str) -> str:
    out = StringIO()
    call_command("import_comments", "drupal", str(source), *options, stdout=out)
    return out.getvalue()


def imported(cid: int) -> Comment:
    return Comment.objects.get(source="drupal", source_id=str(cid))


def stored_anywhere(text: str) -> bool:
    """Whether any comment keeps ``text`` in any of its text fields."""
    anywhere = Q()
    for field in Comment._meta.get_fields():
        if getattr(field, "get_internal_type", lambda: "")() in {"CharField", "TextField"}:
            anywhere |= Q(**{f"{field.name}__icontains": text})
    return Comment.objects.filter(anywhere | Q(reasons__icontains=text)).exists()


def test_nodes_with_comments_become_threads_and_comments_keep_their_places(
    site: Site, drupal_db: Path
) -> None:
    output = run(drupal_db, "--site", "partner")
    assert "Found: 2 pages, 8 comments (1 pending, 7 published)" in output
    threads = Thread.objects.filter(site=site).order_by("key")
    assert [(t.key, t.title) for t in threads] == [
        (f"{site.pk}:/news/2024/03/kisumu-market", "County opens a new market in Kisumu"),
        (f"{site.pk}:/node/12", "Likoni ferry services resume after repairs"),
    ]
    # Three deep, and a reply whose cid is lower than its parent's.
    assert imported(103).parent == imported(102)
    assert imported(102).parent == imported(101)
    assert imported(103).depth == 2
    assert imported(200).parent == imported(202)
    assert imported(105).parent == imported(101)


def test_an_unpublished_comment_is_held(site: Site, drupal_db: Path) -> None:
    run(drupal_db, "--site", "partner")
    held = imported(104)
    assert held.status == Comment.Status.PENDING
    assert held.reasons == [PENDING_REASON]
    assert Thread.objects.get(key=f"{site.pk}:/news/2024/03/kisumu-market").public_count == 4


def test_anonymous_and_registered_authors(site: Site, drupal_db: Path) -> None:
    User = get_user_model()
    akinyi = User.objects.create_user("Akinyi", "Akinyi.Otieno@example.org", "pw")
    output = run(drupal_db, "--site", "partner")
    assert "1 registered users matched" in output
    assert imported(103).user == akinyi
    anonymous = imported(101)
    assert (anonymous.author_name, anonymous.author_email) == ("Wekesa", "wekesa@example.com")
    assert anonymous.user is None
    assert imported(201).display_name == "Anonymous"
    # Maoni keeps no homepage.
    assert not stored_anywhere("wekesa.example.net")


def test_text_formats_become_plain_text(site: Site, drupal_db: Path) -> None:
    run(drupal_db, "--site", "partner")
    assert imported(103).body == (
        "The county map (https://county.example.org/markets?id=4&page=2) shows it & the bus stop."
    )
    assert imported(202).body == "The old ferry is still docked.\n\nSafari njema!"
    # Plain text is what the reader typed: an entity they typed is shown as typed.
    typed = imported(105)
    assert typed.body == "In HTML you would write &amp; for & and nobody types that."
    assert "&amp;amp;" in typed.body_html
    assert imported(101).body == (
        "Finally a roof over the stalls.\nWhat about parking for the boda bodas?"
    )
    assert "<br />" in imported(101).body_html
    assert imported(102).body == "Parking iko nyuma ya soko.\nNimeiona leo asubuhi."


def test_times_are_drupal_s_in_utc(site: Site, drupal_db: Path) -> None:
    run(drupal_db, "--site", "partner")
    assert imported(101).created == datetime(2024, 3, 10, 9, 0, tzinfo=UTC)
    assert imported(103).created.timestamp() == unix(10, 11, 5)


def test_no_client_address_is_stored_only_keys(site: Site, drupal_db: Path) -> None:
    run(drupal_db, "--site", "partner")
    for address in ("192.0.2.", "2001:db8"):
        assert not stored_anywhere(address), address
    assert imported(102).client_key
    assert imported(101).client_key == imported(105).client_key
    assert imported(101).client_key != imported(103).client_key


def test_importing_again_adds_nothing(site: Site, drupal_db: Path) -> None:
    run(drupal_db, "--site", "partner")
    output = run(f"sqlite:///{drupal_db}", "--site", "partner")
    assert "Stored 0 new comments; 8 were there from an earlier run" in output
    assert Comment.objects.count() == 8
    for thread in Thread.objects.filter(site=site):
        public = Comment.objects.filter(thread=thread, status=Comment.Status.PUBLISHED)
        assert thread.public_count == public.count()


def test_a_dry_run_stores_nothing(site: Site, drupal_db: Path) -> None:
    assert "A dry run: nothing was stored." in run(drupal_db, "--site", "partner", "--dry-run")
    assert Comment.objects.count() == 0
    assert Thread.objects.count() == 0


def test_as_articles_makes_an_article_of_each_node(drupal_db: Path, db: None) -> None:
    run(drupal_db, "--as-articles")
    market = Article.objects.get(slug="kisumu-market")
    assert market.title == "County opens a new market in Kisumu"
    assert market.published_at == datetime(2024, 3, 10, 6, 0, tzinfo=UTC)
    assert market.body == (
        "Traders moved into the new market on Sunday.\n\n"
        "Stalls cost KSh 500 a month & water is free."
    )
    assert market.thread.public_count == 4
    ferry = Article.objects.get(title="Likoni ferry services resume after repairs")
    assert ferry.body == "The ferry runs every 20 minutes again.\nCyclists go first."
    assert Article.objects.count() == 2


@pytest.mark.parametrize(
    ("source", "says"),
    [
        ("mysql://drupal:secret@db.example.org/drupal", "no MySQL driver is installed"),
        ("ftp://files.example.org/drupal.sql", "is not a database Maoni can read"),
        ("sqlite:///", "names no file"),
    ],
)
def test_a_dsn_maoni_cannot_read_is_refused_with_a_sentence(
    site: Site, source: str, says: str
) -> None:
    with pytest.raises(CommandError, match=re.escape(says)) as refused:
        run(source, "--site", "partner")
    assert "secret" not in str(refused.value)
    assert str(refused.value).endswith("Nothing was imported.")
    assert Comment.objects.count() == 0


def test_a_database_that_is_not_drupal_s_is_refused(site: Site, tmp_path: Path) -> None:
    empty = tmp_path / "empty.sqlite"
    sqlite3.connect(empty).close()
    with pytest.raises(CommandError, match="is not a Drupal 8\\+ database: it has no comment_"):
        run(empty, "--site", "partner")
    text = tmp_path / "dump.sql"
    text.write_text("-- not a database\n", encoding="utf-8")
    with pytest.raises(CommandError, match="is not an SQLite database"):
        run(text, "--site", "partner")
    assert Thread.objects.count() == 0


# The reader alone.


def summary(records: Iterator[Record]) -> list[str]:
    """Each record as P<nid> or C<cid>, in the order read."""
    return [
        f"P{record.source_id}" if isinstance(record, SourcePage) else f"C{record.source_id}"
        for record in records
    ]


ORDER = ["P11", "C101", "C102", "C103", "C105", "C104", "P12", "C201", "C202", "C200"]


def test_pages_come_before_their_comments_and_parents_before_replies(drupal_db: Path) -> None:
    assert summary(DrupalReader(str(drupal_db)).records()) == ORDER


def test_batches_do_not_change_what_is_read(
    drupal_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    whole = list(DrupalReader(str(drupal_db)).records())
    monkeypatch.setattr(connections, "BATCH", 2)
    assert list(DrupalReader(str(drupal_db)).records()) == whole


def test_a_comment_on_a_missing_node_is_named(drupal_db: Path) -> None:
    with sqlite3.connect(drupal_db) as connection:
        connection.execute("DELETE FROM node_field_data WHERE nid = 12")
    connection.close()
    with pytest.raises(SourceError, match="comment 201 is on node 12, which node_field_data"):
        list(DrupalReader(str(drupal_db)).records())


def test_without_aliases_or_users_tables_pages_are_nodes(drupal_db: Path) -> None:
    with sqlite3.connect(drupal_db) as connection:
        connection.execute("DROP TABLE path_alias")
        connection.execute("DROP TABLE users_field_data")
    connection.close()
    records = list(DrupalReader(str(drupal_db)).records())
    assert [r.url for r in records if isinstance(r, SourcePage)] == ["/node/11", "/node/12"]
    (registered,) = [r for r in records if isinstance(r, SourceComment) and r.source_id == "103"]
    assert (registered.author_name, registered.user_email) == ("akinyi", "")


def test_an_unknown_status_is_named(drupal_db: Path) -> None:
    with sqlite3.connect(drupal_db) as connection:
        connection.execute("UPDATE comment_field_data SET status = 7 WHERE cid = 202")
    connection.close()
    with pytest.raises(SourceError, match="Drupal comment 202 has status 7"):
        list(DrupalReader(str(drupal_db)).records())


# PostgreSQL: the same tables in a database made for the test and dropped after it.


@pytest.fixture
def drupal_postgres() -> Iterator[str]:
    options = settings.DATABASES["default"]
    server = {
        "host": options["HOST"] or "127.0.0.1",
        "port": options["PORT"] or 5432,
        "user": options["USER"],
        "password": options["PASSWORD"] or None,
    }
    name = f"maoni_drupal_source_{os.getpid()}"
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        with psycopg.connect(dbname=name, **server) as connection:
            fill(connection.execute, "%s")
        yield f"postgres://{server['user']}@{server['host']}:{server['port']}/{name}"
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.postgres_only
def test_postgresql_reads_as_sqlite_does(drupal_postgres: str, drupal_db: Path) -> None:
    from_postgres = list(DrupalReader(drupal_postgres).records())
    assert from_postgres == list(DrupalReader(str(drupal_db)).records())
    assert summary(iter(from_postgres)) == ORDER
    statuses = {r.status for r in from_postgres if isinstance(r, SourceComment)}
    assert statuses == {Status.PUBLISHED, Status.PENDING}


@pytest.mark.postgres_only
def test_the_command_imports_from_postgresql(drupal_postgres: str, site: Site) -> None:
    output = run(drupal_postgres, "--site", "partner")
    assert "Stored 8 new comments" in output
    assert imported(103).parent == imported(102)
    assert imported(200).parent == imported(202)
