"""``manage.py export`` and ``manage.py import``: the whole site out of one database, into another.

Most tests export the test database, empty it as ``migrate`` leaves a new
one and import the file again; one imports into a new SQLite database in
another process (on the PostgreSQL run, that is a move from PostgreSQL to
SQLite; test_move_to_postgres.py moves the other way).
"""

from __future__ import annotations

import gzip
import json
import os
from collections.abc import Callable
from datetime import timedelta
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.auth.models import Group, Permission, User
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, connections
from django.db.migrations.recorder import MigrationRecorder
from django.test import Client
from django.utils import timezone

from maoni.api.models import ApiToken
from maoni.articles.models import Article
from maoni.comments.models import Comment, CommentSettings, PersonalDataPurge, Site, Thread
from maoni.comments.services import comment_edit, comment_post, comments_moderate
from maoni.moderation.caught import rejection_count
from maoni.moderation.models import BlockEntry, SpamSettings
from maoni.moderation.roles import EDITORS, MODERATORS
from maoni.moderation.sanctions import sanction_apply
from maoni.notifications.models import DigestClock, HeldComment, ReplyNotice, Unsubscription
from maoni.operations import inventory, transfer
from maoni.operations.exportfile import Reader, reading
from maoni.pagecache.counters import SITE
from maoni.pagecache.store import counters
from maoni.privacy.models import DataRequest
from maoni.reports.services import report_file
from tests.commands import run

Rows = dict[str, list[Any]]


@pytest.fixture
def site(article: Article, make_article: Callable[..., Article]) -> Article:
    """A small newsroom with a row in every table the export writes."""
    editor = User.objects.create_user(
        "editor", "editor@example.org", "a long passphrase", first_name="Night", is_staff=True
    )
    editor.groups.add(Group.objects.get(name=EDITORS))
    moderator = User.objects.create_user("wanjiru", "wanjiru@example.org", first_name="Wanjiru")
    moderator.groups.add(Group.objects.get(name=MODERATORS))
    moderator.user_permissions.add(Permission.objects.get(codename="view_blockentry"))
    desk = Group.objects.create(name="Night desk")
    desk.permissions.add(Permission.objects.get(codename="change_comment"))
    make_article(title="Budget hearings close", comments=Article.CommentMode.CLOSED)
    make_article(title="A draft", status=Article.Status.DRAFT)

    thread = article.thread
    first = comment_post(
        thread=thread,
        author_name="Akinyi",
        author_email="akinyi@example.org",
        body="Habari njema from Kisumu! 🎉\n\nSecond paragraph, <b>escaped</b>.",
        client_key="c1",
        notify_replies=True,
        question_id=None,
        created=timezone.now() - timedelta(hours=3),
    )
    reply = comment_post(
        thread=thread,
        parent=first,
        user=moderator,
        author_name="Wanjiru",
        body="Asante for the report.",
        question_id=None,
    )
    held = comment_post(
        thread=thread,
        author_name="Otieno",
        author_email="otieno@example.org",
        body="Buy cheap watches at http://spam.example/ now",
        question_id=None,
        status=Comment.Status.PENDING,
    )
    comment_post(
        thread=thread, author_name="Later", body="Held for review.", question_id=None,
        status=Comment.Status.PENDING,
    )  # fmt: skip
    comments_moderate(comment_ids=[held.pk], action="spam", actor=editor, note="watches again")
    comment_edit(comment=first, body="Habari njema from Kisumu, edited.", actor=editor)
    HeldComment.objects.create(
        comment=Comment.objects.filter(status="pending").get(), held=timezone.now()
    )
    ReplyNotice.objects.create(reply=reply, sent=timezone.now())
    Unsubscription.objects.create(email="gone@example.org", unsubscribed=timezone.now())
    DigestClock(last_sent=timezone.now() - timedelta(minutes=20)).save()
    BlockEntry.objects.create(kind="url_domain", value="spam.example", created_by=editor)
    spam = SpamSettings.load()
    spam.max_links = 1
    spam.save()
    comments = CommentSettings.load()
    comments.depth_cap = 6
    comments.save()
    LogEntry.objects.create(
        user=editor,
        content_type=ContentType.objects.get_for_model(Article),
        object_id=str(article.pk),
        object_repr=str(article),
        action_flag=ADDITION,
        change_message="[]",
    )
    partner = Site.objects.create(name="Partner", slug="partner", origins="https://partner.example")
    page = Thread.objects.create(
        key=f"{partner.pk}:/story",
        site=partner,
        title="A story",
        url="https://partner.example/story",
    )
    comment_post(
        thread=page, author_name="Baraka", body="From the partner's page.", question_id=None
    )
    ApiToken.make(user=editor, name="desk tool")
    report_file(
        comment=reply, reason="illegal", reporter_key="client:abc", legal_ground="Section 13",
        explanation="It names a private person's address.", reporter_email="notice@example.org",
    )  # fmt: skip
    sanction_apply(kind="suspend", reason="Cool off.", actor=editor, client_key="c1", days=2)
    rejection_count(["matched block list: link to spam.example"])
    PersonalDataPurge.load()
    DataRequest.objects.create(kind="link", created=timezone.now())
    return article


def database_rows() -> Rows:
    """Every row of every table the export writes, in id order.

    Permissions and content types, which each database numbers its own way,
    are given by name.
    """
    names = {(model, pk): key for model, pk, key in inventory.natural_keys()}
    found = {}
    for table in inventory.site_tables():
        named = [inventory.named_by_key(field) for field in table.fields]
        rows = table.model._base_manager.order_by("pk").values_list(*table.columns)
        found[table.name] = [
            tuple(
                names[model, value] if model is not None and value is not None else value
                for model, value in zip(named, row, strict=True)
            )
            for row in rows
        ]
    return found


def file_rows(path: Path) -> Rows:
    with reading(str(path)) as stream:
        source = Reader(stream)
        rows = {section.name: list(source.rows(section)) for section in source.header().sections}
        source.finish()
    return rows


def empty_database() -> None:
    """The database as `migrate` leaves a new one: no site, the role groups, ids from 1.

    Content types and permissions are made again too, under new ids.
    """
    # PostgreSQL truncates no table with foreign-key checks still pending
    # in the test's transaction: they are run first.
    connection.check_constraints()
    call_command("flush", "--no-input", verbosity=0)


def export(path: Path) -> str:
    out = StringIO()
    call_command("export", str(path), stdout=out)
    return out.getvalue()


def import_(path: Path | str, *options: str, **kwargs: Any) -> str:
    out = StringIO()
    call_command("import", str(path), *options, stdout=out, stderr=StringIO(), **kwargs)
    return out.getvalue()


def test_the_fixture_fills_every_table_the_export_writes(site):
    empty = [name for name, rows in database_rows().items() if not rows]
    assert empty == [], "add rows to the site fixture (or leave the model out on purpose)"


def test_an_imported_site_is_the_exported_one_row_for_row(site, tmp_path):
    before = database_rows()
    said = export(tmp_path / "site.jsonl")
    assert "comments.comment" in said
    assert "This file holds personal data" in said
    empty_database()
    assert transfer.site_occupied() == []

    said = import_(tmp_path / "site.jsonl")

    assert database_rows() == before
    total = sum(len(rows) for rows in before.values())
    assert f"Imported {total} rows of {len(before)} tables" in said
    assert "every count matches the file" in said


def test_what_is_left_out_is_named_in_the_file_and_absent(site, tmp_path, reader):
    reader.open()  # a CAPTCHA question: a row of comments.challenge
    export(tmp_path / "site.jsonl")
    header = json.loads((tmp_path / "site.jsonl").read_text().splitlines()[0])
    names = {table["name"] for table in header["tables"]}
    assert set(header["left_out"]) == set(inventory.LEFT_OUT)
    assert not names & set(inventory.LEFT_OUT)
    assert {"comments.comment", "auth.user", "moderation.filterfeature"} <= names
    for table in header["tables"]:
        assert table["rows"] == len(database_rows()[table["name"]])


def test_permissions_and_content_types_are_named_not_numbered(site, tmp_path):
    export(tmp_path / "site.jsonl")
    lines = (tmp_path / "site.jsonl").read_text().splitlines(keepends=True)
    rows = file_rows(tmp_path / "site.jsonl")
    granted = _column(json.loads(lines[0]), "auth.group_permissions", "permission_id")
    assert ["change_comment", "comments", "comment"] in [
        row[granted] for row in rows["auth.group_permissions"]
    ]
    logged = _column(json.loads(lines[0]), "admin.logentry", "content_type_id")
    assert [row[logged] for row in rows["admin.logentry"]] == [["articles", "article"]]


def test_a_gzipped_export_imports(site, tmp_path):
    before = database_rows()
    export(tmp_path / "site.jsonl.gz")
    assert (tmp_path / "site.jsonl.gz").read_bytes()[:2] == b"\x1f\x8b"
    with gzip.open(tmp_path / "site.jsonl.gz", "rt") as unzipped:
        assert json.loads(unzipped.readline())["format"] == "maoni-export"
    empty_database()
    import_(tmp_path / "site.jsonl.gz")
    assert database_rows() == before


def test_standard_output_and_input_carry_the_file(site):
    before = database_rows()
    out, err = StringIO(), StringIO()
    call_command("export", "-", stdout=out, stderr=err)
    assert out.getvalue().startswith('{"format":"maoni-export"')
    assert "Wrote " in err.getvalue()
    empty_database()
    import_("-", stdin=StringIO(out.getvalue()))
    assert database_rows() == before


def test_after_the_import_a_new_comment_gets_a_new_id_and_the_page_shows_all(
    site, tmp_path, reader
):
    export(tmp_path / "site.jsonl")
    last = Comment.objects.order_by("pk").last()
    assert last is not None
    empty_database()
    counter = counters().read(SITE)
    import_(tmp_path / "site.jsonl")
    assert counters().read(SITE) > counter  # no page kept from before is served

    response = reader.post(name="Baraka", body="Posted after the move.")
    assert response.status_code == 302
    new = Comment.objects.get(body="Posted after the move.")
    assert new.pk > last.pk
    page = Client().get(site.get_absolute_url()).content.decode()
    assert "Asante for the report." in page
    assert "Posted after the move." in page


def test_the_import_door_leaves_every_threads_books_as_its_comments(site, tmp_path):
    """Whole tables come back as they were: each thread's public count matches its rows."""
    export(tmp_path / "site.jsonl")
    empty_database()
    import_(tmp_path / "site.jsonl")
    threads = Thread.objects.all()
    assert threads
    for thread in threads:
        public = Comment.objects.filter(thread=thread, status=Comment.Status.PUBLISHED)
        assert thread.public_count == public.count()


def test_a_database_that_holds_a_site_is_refused(site, tmp_path):
    export(tmp_path / "site.jsonl")
    before = database_rows()
    with pytest.raises(CommandError, match="already holds a site") as refused:
        import_(tmp_path / "site.jsonl")
    assert "comments.comment: 5 rows" in str(refused.value)
    assert "--replace" in str(refused.value)
    assert database_rows() == before


def test_replace_deletes_the_site_held_and_loads_the_file(site, tmp_path, make_article):
    before = database_rows()
    export(tmp_path / "site.jsonl")
    make_article(title="Written after the export")
    User.objects.create_user("newcomer")

    import_(tmp_path / "site.jsonl", "--replace", "--no-input")

    assert database_rows() == before


def test_replace_asks_first(site, tmp_path, make_article, monkeypatch):
    export(tmp_path / "site.jsonl")
    make_article(title="Written after the export")
    before = database_rows()
    asked = []

    def answer(prompt: str) -> str:
        asked.append(prompt)
        return "no"

    monkeypatch.setattr("builtins.input", answer)
    with pytest.raises(CommandError, match="Nothing was imported"):
        import_(tmp_path / "site.jsonl", "--replace")
    assert asked
    assert database_rows() == before
    with pytest.raises(CommandError, match="add --no-input"):
        import_("-", "--replace", stdin=StringIO((tmp_path / "site.jsonl").read_text()))


def _table_start(lines: list[str], name: str) -> int:
    return lines.index(json.dumps({"table": name}, separators=(",", ":")) + "\n")


def _column(header: dict[str, Any], name: str, column: str) -> int:
    (table,) = [table for table in header["tables"] if table["name"] == name]
    return int(table["columns"].index(column))


def _set_value(lines: list[str], name: str, column: str, value: Any) -> list[str]:
    header = json.loads(lines[0])
    at = _table_start(lines, name) + 1
    row = json.loads(lines[at])
    row[_column(header, name, column)] = value
    return [*lines[:at], json.dumps(row) + "\n", *lines[at + 1 :]]


def _with_header(lines: list[str], change: Callable[[dict[str, Any]], None]) -> list[str]:
    header = json.loads(lines[0])
    change(header)
    return [json.dumps(header) + "\n", *lines[1:]]


def _first_row_twice(lines: list[str]) -> list[str]:
    at = _table_start(lines, "comments.comment") + 1
    header = json.loads(lines[0])
    (table,) = [table for table in header["tables"] if table["name"] == "comments.comment"]
    table["rows"] += 1
    header_line = json.dumps(header) + "\n"
    end = json.loads(lines[-1])["end"] + 1
    return [header_line, *lines[1:at], lines[at], *lines[at:-1], json.dumps({"end": end}) + "\n"]


def _row_short(lines: list[str]) -> list[str]:
    at = _table_start(lines, "comments.comment") + 1
    return [*lines[:at], json.dumps(json.loads(lines[at])[:2]) + "\n", *lines[at + 1 :]]


def _version(number: int) -> Callable[[dict[str, Any]], None]:
    return lambda header: header.update(version=number)


DAMAGED: list[tuple[str, Callable[[list[str]], list[str]], str]] = [
    ("empty", lambda lines: [], "The file is empty."),
    ("not an export", lambda lines: ["Dear editor,\n", "\n"], "not a file written by"),
    ("another JSON file", lambda lines: ['{"model": "auth.user"}\n'], "not a file written by"),
    ("a newer format", lambda lines: _with_header(lines, _version(2)), "format version 2"),
    ("cut in half", lambda lines: lines[: len(lines) // 2], "cut short"),
    ("last line lost", lambda lines: lines[:-1], "cut short"),
    ("cut mid-line", lambda lines: [*lines[:-2], lines[-2][:10]], "damaged or cut short"),
    ("garbage inside", lambda lines: [*lines[:5], "\x00\x01garbage\n", *lines[6:]], "damaged"),
    ("a value short", _row_short, "should be a row of comments.comment with"),
    (
        "a date that is no date",
        lambda lines: _set_value(lines, "comments.comment", "created", "yesterday"),
        "does not fit its column",
    ),
    (
        "a comment under no thread",
        lambda lines: _set_value(lines, "comments.comment", "thread_id", 999_999),
        "database refused",
    ),
    ("a row twice", _first_row_twice, "database refused"),
    (
        "an unknown permission",
        lambda lines: _set_value(
            lines, "auth.group_permissions", "permission_id", ["fly", "comments", "comment"]
        ),
        "does not have",
    ),
    ("something after the end", lambda lines: [*lines, "[1]\n"], "goes on after its last line"),
]


@pytest.mark.parametrize(
    ("damage", "message"),
    [pytest.param(damage, message, id=name) for name, damage, message in DAMAGED],
)
def test_a_damaged_file_is_refused_and_changes_nothing(site, tmp_path, damage, message):
    export(tmp_path / "site.jsonl")
    lines = (tmp_path / "site.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
    (tmp_path / "damaged.jsonl").write_text("".join(damage(lines)), encoding="utf-8")
    empty_database()
    before = database_rows()

    with pytest.raises(CommandError, match=message.replace(".", r"\.")):
        import_(tmp_path / "damaged.jsonl")

    assert database_rows() == before


def test_a_gzipped_file_cut_short_is_refused(site, tmp_path):
    export(tmp_path / "site.jsonl.gz")
    whole = (tmp_path / "site.jsonl.gz").read_bytes()
    (tmp_path / "cut.jsonl.gz").write_bytes(whole[: len(whole) * 2 // 3])
    empty_database()
    with pytest.raises(CommandError, match="cut short"):
        import_(tmp_path / "cut.jsonl.gz")
    assert transfer.site_occupied() == []


def test_a_file_that_is_not_there_is_named(db, tmp_path):
    with pytest.raises(CommandError, match=r"missing\.jsonl cannot be opened"):
        import_(tmp_path / "missing.jsonl")


def _header_migrations(path: Path, change: Callable[[dict[str, list[str]]], None]) -> None:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    header = json.loads(lines[0])
    change(header["migrations"])
    path.write_text(json.dumps(header) + "\n" + "".join(lines[1:]), encoding="utf-8")


def test_a_file_from_a_newer_maoni_says_to_upgrade(site, tmp_path):
    export(tmp_path / "site.jsonl")
    _header_migrations(tmp_path / "site.jsonl", lambda state: state["comments"].append("0099_x"))
    empty_database()
    with pytest.raises(CommandError, match=r"newer Maoni.*comments\.0099_x"):
        import_(tmp_path / "site.jsonl")


def test_a_file_from_an_older_maoni_says_what_to_migrate_back_to(site, tmp_path):
    export(tmp_path / "site.jsonl")
    last = sorted(
        MigrationRecorder.Migration.objects.filter(app="comments").values_list("name", flat=True)
    )
    _header_migrations(tmp_path / "site.jsonl", lambda state: state["comments"].remove(last[-1]))
    empty_database()
    with pytest.raises(CommandError, match="older Maoni") as refused:
        import_(tmp_path / "site.jsonl")
    assert f"`manage.py migrate comments {last[-2]}`" in str(refused.value)


def test_a_database_behind_the_file_says_to_migrate(site, tmp_path):
    export(tmp_path / "site.jsonl")
    empty_database()
    MigrationRecorder.Migration.objects.filter(app="notifications").delete()
    with pytest.raises(CommandError, match=r"lacks migrations.*run `manage\.py migrate`"):
        import_(tmp_path / "site.jsonl")


def test_a_new_database_elsewhere_gets_the_same_site(site, tmp_path):
    """Exported here (SQLite, or PostgreSQL on make test-postgres), imported into a new SQLite."""
    export(tmp_path / "site.jsonl.gz")
    environ = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE"}
    }
    environ |= {"MAONI_VAR_DIR": str(tmp_path / "new"), "DJANGO_SETTINGS_MODULE": "maoni.settings"}
    for arguments in (
        ["migrate", "--noinput"],
        ["import", str(tmp_path / "site.jsonl.gz")],
        ["export", str(tmp_path / "again.jsonl")],
    ):
        run(environ, "manage.py", *arguments)
    assert file_rows(tmp_path / "again.jsonl") == file_rows(tmp_path / "site.jsonl.gz")


def test_an_analyze_that_fails_after_the_commit_is_a_warning_not_a_failure(db, monkeypatch):
    def gone() -> None:
        raise DatabaseError("server closed the connection unexpectedly")

    tables = inventory.site_tables()
    with monkeypatch.context() as away:
        away.setattr(connections["default"], "cursor", gone)
        assert transfer._analyze(connection, tables) is False
