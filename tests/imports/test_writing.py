"""Storing what a reader read: through the comment service, once, in order, resumable."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from maoni.comments.models import Comment, Site, Thread
from maoni.imports import writing
from maoni.imports.records import Record, SourceComment, SourcePage, Status
from maoni.pagecache.counters import thread_slot
from maoni.pagecache.store import counters

pytestmark = pytest.mark.django_db

START = datetime(2024, 3, 10, 9, 0, tzinfo=UTC)


class Listed:
    """A reader over records written here; ``fail_after`` stops it half-way, as a kill would."""

    def __init__(self, records: list[Record], fail_after: int | None = None) -> None:
        self.listed = records
        self.fail_after = fail_after

    def records(self) -> Iterator[Record]:
        for number, record in enumerate(self.listed):
            if self.fail_after is not None and number >= self.fail_after:
                raise KeyboardInterrupt
            yield record


def comment(number: int, parent: int | None = None, **fields: object) -> SourceComment:
    values: dict[str, object] = {
        "source_id": str(number),
        "page_id": "p1",
        "parent_id": None if parent is None else str(parent),
        "created": START + timedelta(minutes=number),
        "status": Status.PUBLISHED,
        "author_name": f"Reader {number}",
        "author_email": f"reader{number}@example.org",
        "body": f"Comment number {number}.",
        "address": "192.0.2.7",
    }
    values.update(fields)
    return SourceComment(**values)  # type: ignore[arg-type]


PAGE = SourcePage(source_id="p1", url="https://partner.example/2024/03/story/", title="A story")


@pytest.fixture
def site() -> Site:
    return Site.objects.create(name="Partner", slug="partner", origins="https://partner.example")


def test_comments_land_on_the_page_thread_in_their_places(site: Site) -> None:
    reader = Listed([PAGE, comment(1), comment(3, parent=1), comment(2)])
    summary = writing.store(reader, source="test", to=writing.Destination(site=site))
    assert summary.stored == 3
    thread = Thread.objects.get(key=f"{site.pk}:/2024/03/story/")
    assert thread.title == "A story"
    assert thread.public_count == 3
    rows = list(Comment.objects.order_by("path").values_list("source_id", "depth"))
    assert rows == [("1", 0), ("3", 1), ("2", 0)]
    first = Comment.objects.get(source_id="1")
    assert first.created == START + timedelta(minutes=1)
    assert first.client_key
    assert "192.0.2.7" not in first.client_key


def test_nothing_hidden_at_the_source_is_public_here(site: Site) -> None:
    reader = Listed(
        [
            PAGE,
            comment(1, status=Status.PENDING),
            comment(2, status=Status.SPAM),
            comment(3, status=Status.DELETED, body=""),
            comment(4, parent=3),
        ]
    )
    writing.store(reader, source="test", to=writing.Destination(site=site))
    statuses = dict(Comment.objects.values_list("source_id", "status"))
    assert statuses == {"1": "pending", "2": "spam", "3": "deleted", "4": "published"}
    assert Comment.objects.get(source_id="1").reasons == [writing.PENDING_REASON]
    assert Comment.objects.get(source_id="4").parent == Comment.objects.get(source_id="3")
    assert Thread.objects.get(site=site).public_count == 1


def test_importing_again_adds_nothing(site: Site) -> None:
    records: list[Record] = [PAGE, comment(1), comment(2, parent=1)]
    writing.store(Listed(records), source="test", to=writing.Destination(site=site))
    thread = Thread.objects.get(site=site)
    counter = counters().read(thread_slot(thread.pk))
    again = writing.store(Listed(records), source="test", to=writing.Destination(site=site))
    assert again.stored == 0
    assert again.already_there == 2
    assert Comment.objects.count() == 2
    assert counters().read(thread_slot(thread.pk)) == counter


def test_an_import_killed_half_way_finishes_without_gaps_or_copies(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(writing, "BATCH", 2)
    records: list[Record] = [
        PAGE,
        *(comment(n, parent=1 if n % 3 == 0 else None) for n in range(1, 8)),
    ]
    with pytest.raises(KeyboardInterrupt):
        writing.store(
            Listed(records, fail_after=6), source="test", to=writing.Destination(site=site)
        )
    assert 0 < Comment.objects.count() < 7
    writing.store(Listed(records), source="test", to=writing.Destination(site=site))
    assert sorted(Comment.objects.values_list("source_id", flat=True)) == [
        str(n) for n in range(1, 8)
    ]
    assert Thread.objects.get(site=site).public_count == 7


def test_a_reply_before_its_parent_waits_for_it_and_an_orphan_stands_alone(site: Site) -> None:
    reader = Listed([PAGE, comment(2, parent=1), comment(1), comment(5, parent=99)])
    summary = writing.store(reader, source="test", to=writing.Destination(site=site))
    assert Comment.objects.get(source_id="2").parent == Comment.objects.get(source_id="1")
    assert Comment.objects.get(source_id="5").parent is None
    assert summary.orphans == 1


def test_a_historical_reply_mails_nobody(
    site: Site, mailoutbox: list[object], django_capture_on_commit_callbacks: Any
) -> None:
    from maoni.comments import services
    from tests.notifications.conftest import confirmed

    writing.store(Listed([PAGE]), source="test", to=writing.Destination(site=site))
    # A comment whose author asked for reply notices and proved the address:
    # a reply posted here now would mail them.
    asked = confirmed(
        services.comment_post(
            thread=Thread.objects.get(site=site), body="Tell me about replies.",
            author_email="asker@example.org", notify_replies=True, question_id=None,
            source=("test", "1"),
        )
    )  # fmt: skip
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        writing.store(
            Listed([PAGE, comment(2, parent=1)]), source="test", to=writing.Destination(site=site)
        )
    assert Comment.objects.get(source_id="2").parent == asked
    assert mailoutbox == []


def test_the_check_counts_without_storing(site: Site) -> None:
    reader = Listed([PAGE, comment(1), comment(2, status=Status.PENDING)])
    summary = writing.check(reader)
    assert summary.pages == 1
    assert summary.comments == {"published": 1, "pending": 1}
    assert Comment.objects.count() == 0
    assert Thread.objects.count() == 0


def test_as_articles_makes_an_article_per_post(db: None) -> None:
    from maoni.articles.models import Article

    page = SourcePage(
        source_id="8",
        url="http://old.example/?p=8",
        title="Expressway toll rise",
        body="First paragraph.\n\nSecond.",
        published=START,
        slug="expressway-toll-rise",
    )
    writing.store(
        Listed([page, comment(1, page_id="8")]),
        source="test",
        to=writing.Destination(as_articles=True),
    )
    article = Article.objects.get(slug="expressway-toll-rise")
    assert article.published_at == START
    assert article.thread.public_count == 1


def test_nothing_under_a_page_the_source_hid_is_public(site: Site) -> None:
    from maoni.articles.models import Article

    hidden = SourcePage(
        source_id="p1", url="/node/7", title="Draft story", slug="draft", public=False
    )
    writing.store(Listed([hidden, comment(1)]), source="test", to=writing.Destination(site=site))
    held = Comment.objects.get(source_id="1")
    assert held.status == "pending"
    assert held.reasons == [writing.HIDDEN_PAGE_REASON]
    writing.store(
        Listed([hidden, comment(2)]), source="other", to=writing.Destination(as_articles=True)
    )
    assert Article.objects.get(slug="draft").status == Article.Status.DRAFT


def test_a_text_left_empty_or_a_parent_on_another_page_does_not_stop_the_import(site: Site) -> None:
    other = SourcePage(source_id="p2", url="https://partner.example/other/", title="Other")
    reader = Listed(
        [PAGE, comment(1), comment(2, body="  "), other, comment(3, page_id="p2", parent=1)]
    )
    summary = writing.store(reader, source="test", to=writing.Destination(site=site))
    assert Comment.objects.get(source_id="2").status == "deleted"
    moved = Comment.objects.get(source_id="3")
    assert moved.parent is None
    assert moved.thread.key.endswith("/other/")
    assert summary.orphans == 1


def test_finding_stored_comments_reads_the_index_not_the_table(db: None) -> None:
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("about SQLite's planner")
    query = writing._stored_queryset("test", ["1", "2"])
    sql, params = query.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        plan = " ".join(str(row) for row in cursor.fetchall())
    assert "comment_source_unique" in plan
    assert "SCAN comments_comment" not in plan


def test_a_batch_larger_than_a_statement_stores_every_row_and_field(site: Site) -> None:
    # 1,200 comments over two pages in one batch (more than one INSERT carries),
    # every third a reply to the comment before it, some held.
    second = SourcePage(source_id="p2", url="https://partner.example/2024/03/other/", title="B")
    records: list[Record] = [PAGE, second]
    for number in range(1, 1201):
        parent = number - 1 if number % 3 == 0 else None
        status = Status.PENDING if number % 7 == 0 else Status.PUBLISHED
        page = "p1" if number <= 600 or (parent is not None and parent <= 600) else "p2"
        records.append(comment(number, parent, page_id=page, status=status))
    assert writing.BATCH < 1200
    summary = writing.store(Listed(records), source="test", to=writing.Destination(site=site))
    assert summary.stored == 1200
    rows = {row.source_id: row for row in Comment.objects.select_related("parent")}
    assert len(rows) == 1200
    for number in range(1, 1201):
        row = rows[str(number)]
        if number % 3 == 0:
            assert row.parent is not None
            assert row.parent.source_id == str(number - 1)
            assert row.depth == 1
            assert row.path.startswith(row.parent.path)
        else:
            assert row.parent is None
            assert row.depth == 0
        assert row.created == START + timedelta(minutes=number)
        assert row.body_html == f"<p>Comment number {number}.</p>\n"
        assert row.reasons == ([writing.PENDING_REASON] if number % 7 == 0 else [])
        assert row.status == ("pending" if number % 7 == 0 else "published")
    public = Comment.objects.filter(status="published").count()
    assert sum(Thread.objects.filter(site=site).values_list("public_count", flat=True)) == public
