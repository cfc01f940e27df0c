"""Isso's database imported: a real one, made by Isso 0.14.0 through its own HTTP API.

``tests/data/isso-comments.db`` holds 3 threads and 18 comments: 16
published, 1 waiting for moderation, 1 deleted by its author after two
replies (a tombstone, 12), and an id gap where a spam comment was removed.
Its names are invented and its addresses come from the documentation
ranges, anonymised by Isso (198.51.100.0, 2001:0db8:4f2a:0000:…).
"""

from __future__ import annotations

import re
import shutil
import sqlite3
from datetime import UTC, datetime
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Q

from maoni.comments.models import Comment, Site, Thread
from maoni.imports import isso
from maoni.imports.isso import IssoReader
from maoni.imports.records import SourceComment, SourceError, SourcePage, Status
from maoni.imports.writing import PENDING_REASON

ISSO_DB = Path(__file__).parent.parent / "data" / "isso-comments.db"


@pytest.fixture
def site(db: None) -> Site:
    return Site.objects.create(
        name="Partner news",
        slug="partner",
        origins="https://news.example.org\nhttps://www.news.example.org",
    )


def run(*options: str, source: Path = ISSO_DB) -> str:
    out = StringIO()
    call_command("import_comments", "isso", str(source), *options, stdout=out)
    return out.getvalue()


def imported(source_id: int) -> Comment:
    return Comment.objects.get(source="isso", source_id=str(source_id))


def source_rows() -> dict[int, tuple[float, int]]:
    with sqlite3.connect(f"file:{ISSO_DB}?mode=ro", uri=True) as connection:
        rows = connection.execute("SELECT id, created, mode FROM comments").fetchall()
    return {row[0]: (row[1], row[2]) for row in rows}


def test_every_row_lands_under_its_page_with_its_status(site: Site) -> None:
    output = run("--site", "partner")
    assert "Found: 3 pages, 18 comments (1 deleted, 1 pending, 16 published)" in output
    threads = Thread.objects.filter(site=site).order_by("key")
    assert [(t.key, t.title) for t in threads] == [
        (f"{site.pk}:/news/a", "Matatu Strike Paralyses Nairobi CBD"),
        (f"{site.pk}:/news/b", "Swahili Voice Assistant Launched for Small-Scale Farmers"),
        (f"{site.pk}:/news/c", "Nairobi Marathon Draws a Record 30,000 Runners"),
    ]
    statuses = dict(Comment.objects.values_list("source_id", "status"))
    assert len(statuses) == 18
    assert [key for key, value in statuses.items() if value != "published"] == ["7", "12"]
    assert imported(7).status == Comment.Status.PENDING
    assert imported(7).reasons == [PENDING_REASON]
    assert Comment.objects.filter(thread__key=f"{site.pk}:/news/a").count() == 6 + 1


def test_the_tombstone_keeps_its_replies_and_none_of_its_author(site: Site) -> None:
    run("--site", "partner")
    tombstone = imported(12)
    assert tombstone.status == Comment.Status.DELETED
    assert (tombstone.body, tombstone.author_name, tombstone.author_email) == ("", "", "")
    assert tombstone.client_key == ""
    for reply in (13, 14):
        assert imported(reply).parent == tombstone
        assert imported(reply).status == Comment.Status.PUBLISHED
    assert imported(3).parent == imported(1)


def test_names_are_unescaped_once_and_text_is_kept_as_typed(site: Site) -> None:
    run("--site", "partner")
    assert imported(5).author_name == "Otieno & Sons Transport"
    assert imported(18).author_name == "Mwalimu O'Brien"
    assert imported(4).author_name == ""
    assert imported(4).display_name == "Anonymous"
    script = imported(11)
    assert script.body.startswith("<script>alert('x')</script> Does it understand <b>Sheng</b>")
    assert "&lt;script&gt;" in script.body_html
    assert "<script>" not in script.body_html
    assert imported(14).body == "Let's wait & see. 🤞\n\n— Joyce"


def test_markdown_becomes_what_it_meant(site: Site) -> None:
    run("--site", "partner")
    assert imported(2).body == (
        "Same here. The whole of Moi Avenue was empty.\nNot a single matatu."
    )
    assert "see the county statement (https://nairobi.go.ke/news/).\nSearch for MOA" in (
        imported(6).body
    )
    assert "Edit: only the one on Mombasa Road" in imported(17).body


def test_emoji_with_joiners_and_skin_tones_survive(site: Site) -> None:
    run("--site", "partner")
    assert "🚶\u200d♀️😩" in imported(1).body
    assert "👍🏾" in imported(10).body
    assert "👩🏾\u200d🌾" in imported(13).body
    assert "🏃🏿\u200d♂️🏅" in imported(15).body


def test_times_are_isso_s_in_utc(site: Site) -> None:
    run("--site", "partner")
    for comment_id, (created, _mode) in source_rows().items():
        assert imported(comment_id).created == datetime.fromtimestamp(created, tz=UTC)
    assert imported(1).created.isoformat().startswith("2026-11-28T18:52:27.182349")


def test_no_client_address_is_stored_only_keys(site: Site) -> None:
    run("--site", "partner")
    text_fields = [
        field.name
        for field in Comment._meta.get_fields()
        if getattr(field, "get_internal_type", lambda: "")() in {"CharField", "TextField"}
        or field.name in {"author_email", "reasons"}
    ]
    for address in ("198.51.100", "203.0.113", "192.0.2.", "2001:0db8", "2001:db8"):
        anywhere = Q()
        for name in text_fields:
            anywhere |= Q(**{f"{name}__icontains": address})
        assert not Comment.objects.filter(anywhere).exists(), address
    assert imported(19).client_key
    assert imported(1).client_key == imported(2).client_key
    assert imported(1).client_key != imported(4).client_key


def test_importing_again_adds_nothing_and_counts_stay_true(site: Site) -> None:
    run("--site", "partner")
    output = run("--site", "partner")
    assert "Stored 0 new comments; 18 were there from an earlier run" in output
    assert Comment.objects.count() == 18
    for thread in Thread.objects.filter(site=site):
        public = Comment.objects.filter(thread=thread, status=Comment.Status.PUBLISHED)
        assert thread.public_count == public.count()
    assert Thread.objects.get(key=f"{site.pk}:/news/b").public_count == 5


def test_a_dry_run_stores_nothing(site: Site) -> None:
    output = run("--site", "partner", "--dry-run")
    assert "18 comments" in output
    assert "A dry run: nothing was stored." in output
    assert Comment.objects.count() == 0
    assert Thread.objects.count() == 0


def test_a_file_that_is_not_isso_s_is_refused_whole(site: Site, tmp_path: Path) -> None:
    empty = tmp_path / "empty.db"
    sqlite3.connect(empty).close()
    text = tmp_path / "comments.txt"
    text.write_text("Not a database at all.\n", encoding="utf-8")
    with pytest.raises(CommandError, match="is not an Isso database: it has no comments table"):
        run("--site", "partner", source=empty)
    with pytest.raises(
        CommandError, match=re.escape("is not an SQLite database. Nothing was imported.")
    ):
        run("--site", "partner", source=text)
    with pytest.raises(CommandError, match="is not a file"):
        run("--site", "partner", source=tmp_path / "missing.db")
    assert Comment.objects.count() == 0
    assert Thread.objects.count() == 0


def test_as_articles_makes_an_article_of_each_thread(db: None) -> None:
    from maoni.articles.models import Article

    run("--as-articles")
    article = Article.objects.get(title="Nairobi Marathon Draws a Record 30,000 Runners")
    assert article.thread.public_count == 5


# The reader alone, on copies of the file changed to show one thing each.


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    target = tmp_path / "isso.db"
    shutil.copyfile(ISSO_DB, target)
    return target


def test_batches_do_not_change_what_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    whole = list(IssoReader(str(ISSO_DB)).records())
    monkeypatch.setattr(isso, "BATCH", 2)
    assert list(IssoReader(str(ISSO_DB)).records()) == whole
    kinds = ["P" if isinstance(record, SourcePage) else "C" for record in whole]
    assert "".join(kinds) == "P" + "C" * 7 + "P" + "C" * 6 + "P" + "C" * 5


def test_the_reader_does_not_write_to_its_source(copy: Path) -> None:
    copy.chmod(0o444)
    records = list(IssoReader(str(copy)).records())
    assert len(records) == 21
    assert copy.read_bytes() == ISSO_DB.read_bytes()


def test_an_unknown_mode_names_the_comment(copy: Path) -> None:
    with sqlite3.connect(copy) as connection:
        connection.execute("UPDATE comments SET mode = 8 WHERE id = 16")
    with pytest.raises(SourceError, match="Isso comment 16 has mode 8"):
        list(IssoReader(str(copy)).records())


def test_an_older_schema_without_a_needed_column_is_named(tmp_path: Path) -> None:
    old = tmp_path / "old.db"
    with sqlite3.connect(old) as connection:
        connection.execute("CREATE TABLE threads (id INTEGER PRIMARY KEY, uri VARCHAR)")
        connection.execute("CREATE TABLE comments (tid, id, parent, created, mode, text)")
    with pytest.raises(SourceError, match="its comments table has no author, email, remote_addr"):
        list(IssoReader(str(old)).records())


def test_an_escaped_title_and_a_thread_without_one(copy: Path) -> None:
    with sqlite3.connect(copy) as connection:
        connection.execute("UPDATE threads SET title = 'Maji &amp; Umeme' WHERE id = 1")
        connection.execute("UPDATE threads SET title = NULL WHERE id = 2")
    pages = [r for r in IssoReader(str(copy)).records() if isinstance(r, SourcePage)]
    assert [page.title for page in pages[:2]] == ["Maji & Umeme", "/news/b"]
    assert [page.url for page in pages] == ["/news/a", "/news/b", "/news/c"]


def test_a_tombstone_reads_empty_whatever_isso_left_in_it(copy: Path) -> None:
    with sqlite3.connect(copy) as connection:
        connection.execute("UPDATE comments SET text = 'left over', author = 'D.' WHERE id = 12")
    (tombstone,) = [
        r
        for r in IssoReader(str(copy)).records()
        if isinstance(r, SourceComment) and r.source_id == "12"
    ]
    assert tombstone.status == Status.DELETED
    assert (tombstone.body, tombstone.author_email, tombstone.address) == ("", "", "")


def test_comments_are_read_in_one_pass_not_once_per_thread() -> None:
    with sqlite3.connect(f"file:{ISSO_DB}?mode=ro", uri=True) as connection:
        plan = connection.execute(f"EXPLAIN QUERY PLAN {isso.QUERY}").fetchall()
    scans = [row[3] for row in plan if str(row[3]).startswith("SCAN")]
    assert scans == ["SCAN c"]


def test_a_comment_under_a_thread_isso_does_not_hold_is_refused(tmp_path: Path) -> None:
    copy = tmp_path / "isso.db"
    copy.write_bytes(ISSO_DB.read_bytes())
    with sqlite3.connect(copy) as connection:
        connection.execute("DELETE FROM threads WHERE id = 2")
    with pytest.raises(SourceError, match="under thread 2"):
        list(IssoReader(str(copy)).records())
