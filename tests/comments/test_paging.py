"""Threaded pages keep a reply with what it answers, where a page can hold them."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from maoni.comments.boundaries import Start, forget_boundaries, layout
from maoni.comments.models import PATH_SEGMENT, ROOT_SEGMENT, Comment, Display
from maoni.comments.paging import ThreadPages, pages_of
from maoni.comments.services import comment_edit, comment_post, comments_moderate


@pytest.mark.parametrize(
    ("sizes", "per_page", "starts"),
    [
        ([], 50, []),
        ([1] * 3, 50, [Start(0)]),
        ([1] * 120, 50, [Start(0), Start(50), Start(100)]),
        # A thread that would straddle the break moves to the next page whole.
        ([30, 30], 50, [Start(0), Start(1)]),
        ([20, 30, 1], 50, [Start(0), Start(2)]),
        # A thread bigger than a page gets pages of its own...
        ([5, 120, 5], 50, [Start(0), Start(1, 0), Start(1, 50), Start(1, 100)]),
        # ...and what follows may share its last page.
        ([120, 40], 50, [Start(0, 0), Start(0, 50), Start(0, 100), Start(1)]),
        ([100], 50, [Start(0, 0), Start(0, 50)]),
        ([100, 1], 50, [Start(0, 0), Start(0, 50), Start(1)]),
    ],
)
def test_layout(sizes, per_page, starts):
    assert layout(sizes, per_page) == starts


def thread_of(article, shape: list[int]) -> list[Comment]:
    """Top-level comments, each with as many replies as ``shape`` says."""
    start = timezone.now() - timedelta(days=1)
    made = []
    for number, replies in enumerate(shape):
        root = comment_post(
            thread=article.thread,
            body=f"Root {number}",
            question_id=None,
            created=start + timedelta(minutes=number),
        )
        made.append(root)
        for reply in range(replies):
            made.append(
                comment_post(
                    thread=article.thread,
                    body=f"Reply {number}.{reply}",
                    parent=root,
                    question_id=None,
                )
            )
    return made


def test_replies_stay_on_their_thread_page(client, article):
    thread_of(article, [0] * 45 + [9, 0])
    first = client.get(article.get_absolute_url()).content.decode()
    assert len(re.findall(r'<article id="comment-\d+"', first)) == 45
    second = client.get(article.get_absolute_url(), {"page": 2}).content.decode()
    assert re.findall(r"<p>(Root \d+)</p>", second) == ["Root 45", "Root 46"]
    assert second.count("Reply 45.") == 9
    reply = Comment.objects.get(body="Reply 45.8")
    location = client.get(reply.get_absolute_url())["Location"]
    assert location == f"{article.get_absolute_url()}?page=2#comment-{reply.pk}"


def test_a_thread_bigger_than_a_page_fills_pages_of_its_own(client, article):
    thread_of(article, [2, 120, 0])
    pages = ThreadPages(article.thread, 50)
    assert pages.num_pages == 4
    sizes = [len(pages.comments_on(number)) for number in pages.page_range]
    assert sizes == [3, 50, 50, 22]
    every = [comment.pk for number in pages.page_range for comment in pages.comments_on(number)]
    assert every == list(Comment.objects.order_by("path", "id").values_list("pk", flat=True))
    for comment in Comment.objects.all():
        assert comment.pk in [c.pk for c in pages.comments_on(pages.number_of(comment))]


def bulk_thread(article, size: int) -> None:
    """``size`` top-level comments with every fifth answered, written in one go."""
    from maoni.comments.models import ROOT_SEGMENT

    start = timezone.now() - timedelta(days=2)
    rows = []
    for number in range(size):
        created = start + timedelta(seconds=number)
        root_path = f"{number:0{ROOT_SEGMENT}d}."
        depth, path = 0, root_path
        if number % 5 == 4:
            # A reply to the comment before it.
            depth, path = 1, f"{number - 1:0{ROOT_SEGMENT}d}.{number:06d}."
        rows.append(
            Comment(
                thread=article.thread,
                body=f"Comment {number}",
                body_html=f"<p>Comment {number}</p>",
                created=created,
                status_changed=created,
                path=path,
                depth=depth,
            )
        )
    Comment.objects.bulk_create(rows)
    Thread = type(article.thread)
    Thread.objects.filter(pk=article.thread_id).update(public_count=size, version=size)


@pytest.mark.parametrize("display", ["threaded", "flat"])
def test_a_page_costs_the_same_queries_whatever_the_thread_size(client, make_article, display):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from maoni.comments.models import CommentSettings
    from maoni.pagecache.fragments import fragments
    from maoni.pagecache.store import page_store

    settings = CommentSettings.load()
    settings.display = display
    settings.save()
    counts = set()
    for size in (60, 600, 3000):
        article = make_article()
        bulk_thread(article, size)
        last = -(-size // 50) if display == "flat" else None
        first_page = client.get(article.get_absolute_url())
        assert first_page.status_code == 200
        if last is None:
            last = max(int(n) for n in re.findall(r"\?page=(\d+)", first_page.content.decode()))
        for page in (1, last):
            # Rendered from its rows each time: kept markup would spare them.
            page_store().clear()
            fragments().clear()
            with CaptureQueriesContext(connection) as queries:
                response = client.get(f"{article.get_absolute_url()}?page={page}")
            assert response.status_code == 200
            assert response.content.count(b'<article id="comment-') >= 10
            assert not any("OFFSET" in query["sql"] for query in queries)
            counts.add(len(queries))
    assert len(counts) == 1, counts


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (1, [1, 2, 3, 4, None, 40]),
        (6, [1, 2, 3, 4, 5, 6, 7, 8, 9, None, 40]),
        (20, [1, None, 17, 18, 19, 20, 21, 22, 23, None, 40]),
        (40, [1, None, 37, 38, 39, 40]),
    ],
)
def test_the_pager_shows_the_ends_and_the_pages_around(number, expected):
    class Forty(ThreadPages):
        def __init__(self) -> None:
            self.starts = [str(n) for n in range(40)]

    assert Forty().pager(number) == expected


def test_a_long_thread_has_a_short_pager(client, article):
    bulk_thread(article, 3000)
    html = client.get(f"{article.get_absolute_url()}?page=30").content.decode()
    links = re.findall(r'href="\?page=(\d+)#comments"', html)
    assert len(links) < 15
    assert "1" in links
    assert "29" in links
    assert "31" in links


def starts_from_scratch(article, display: str) -> list[Any]:
    article.thread.refresh_from_db()
    forget_boundaries()
    return pages_of(article.thread, display=display, per_page=50).starts


@pytest.mark.parametrize("display", [Display.THREADED, Display.FLAT])
def test_pages_are_brought_up_to_date_from_the_new_comments_alone(
    article, display, django_assert_max_num_queries
):
    made = thread_of(article, [3] * 40)
    pages_of(article.thread, display=display, per_page=50)  # kept
    # New comments: a reply deep in the thread (it moves every later break,
    # threaded) and a new top-level comment.
    comment_post(thread=article.thread, body="Late reply", parent=made[4], question_id=None)
    comment_post(thread=article.thread, body="New", question_id=None)
    article.thread.refresh_from_db()
    with django_assert_max_num_queries(4) as queries:
        updated = pages_of(article.thread, display=display, per_page=50).starts
    # No pass over the thread: only its new comments were read.
    assert not any("ORDER BY" in query["sql"] for query in queries.captured_queries)
    assert updated == starts_from_scratch(article, display)


@pytest.fixture
def moderator_actor(django_user_model):
    return django_user_model.objects.create_user("night-editor", is_staff=True)


@pytest.mark.parametrize("display", [Display.THREADED, Display.FLAT])
def test_any_other_change_leads_to_a_whole_pass(article, display, moderator_actor):
    made = thread_of(article, [3] * 40)
    pages_of(article.thread, display=display, per_page=50)
    comments_moderate(comment_ids=[made[10].pk], action="unpublish", actor=moderator_actor)
    comment_post(thread=article.thread, body="New", question_id=None)
    article.thread.refresh_from_db()
    updated = pages_of(article.thread, display=display, per_page=50).starts
    assert updated == starts_from_scratch(article, display)


def test_an_imported_older_comment_is_placed_by_a_whole_pass(article):
    made = thread_of(article, [0] * 120)
    pages_of(article.thread, display=Display.FLAT, per_page=50)
    comment_post(
        thread=article.thread,
        body="Written long ago",
        question_id=None,
        created=made[0].created - timedelta(days=1),
    )
    article.thread.refresh_from_db()
    updated = pages_of(article.thread, display=Display.FLAT, per_page=50).starts
    assert updated == starts_from_scratch(article, Display.FLAT)
    assert updated[0][1] == Comment.objects.get(body="Written long ago").pk


class _ThreadStub:
    pk = 1
    version = 0
    public_count = 0


def _path(root: int, *replies: int) -> str:
    return f"{root:0{ROOT_SEGMENT}d}." + "".join(f"{reply:0{PATH_SEGMENT}d}." for reply in replies)


@settings(max_examples=200, deadline=None)
@given(
    shape=st.lists(st.integers(min_value=0, max_value=130), min_size=0, max_size=40),
    new=st.lists(
        st.tuples(st.integers(min_value=0, max_value=45), st.integers(min_value=0, max_value=3)),
        min_size=1,
        max_size=8,
    ),
    per_page=st.sampled_from([3, 10, 50]),
)
def test_starts_brought_up_to_date_are_the_starts_worked_out_afresh(shape, new, per_page):
    """Any new comments (new top-level ones anywhere, replies anywhere) give the same pages."""
    from maoni.comments.boundaries import Known, ThreadedBoundaries

    order = sorted(
        _path(root * 10, *([reply + 1] if reply else []))
        for root, replies in enumerate(shape)
        for reply in range(replies + 1)
    )
    added: list[tuple[str, int]] = []
    for number, (root, kind) in enumerate(new):
        # kind 0: a new top-level comment between or after others; else a reply.
        path = _path(root * 10 + 5) if kind == 0 else _path(root * 10, 500 + number)
        if path not in order and path not in [p for p, _pk in added]:
            added.append((path, 1000 + number))
    thread: Any = _ThreadStub()  # fresh: only its pk, version and count are read
    boundaries = ThreadedBoundaries(Display.THREADED, thread, per_page, fresh=True)
    starts, working = boundaries.work_out(order)
    known = Known(0, len(order), 0, order, starts, 0, working)
    advanced = boundaries.advance(known, added)
    assert advanced is not None
    merged, new_starts, new_working = advanced
    assert merged == sorted(order + [path for path, _pk in added])
    assert (new_starts, new_working) == boundaries.work_out(merged)


def test_an_order_read_from_a_lagging_replica_is_used_but_not_kept(article, monkeypatch):
    from maoni.comments import boundaries

    thread_of(article, [0] * 60)
    article.thread.refresh_from_db()
    forget_boundaries()
    monkeypatch.setattr(boundaries, "reads_may_lag", lambda: True)
    lagging = pages_of(article.thread, display=Display.FLAT, per_page=50)
    assert len(lagging.starts) == 2
    assert len(boundaries.kept_orders) == 0
    monkeypatch.setattr(boundaries, "reads_may_lag", lambda: False)
    pages_of(article.thread, display=Display.FLAT, per_page=50)
    assert len(boundaries.kept_orders) == 1


@pytest.fixture
def moderator(django_user_model):
    return django_user_model.objects.create_user("mhariri", is_staff=True)


def test_a_batch_published_with_an_edit_is_not_taken_for_new_comments(client, article, moderator):
    # Two new comments published at once and one edit move the version, the
    # count and the newest comments by two each when a batch counts once.
    made = thread_of(article, [0] * 60)
    assert "Root 3" in client.get(article.get_absolute_url()).content.decode()
    held = [
        comment_post(
            thread=article.thread,
            body=f"Held {n}",
            question_id=None,
            status=Comment.Status.PENDING,
        )
        for n in range(2)
    ]
    comments_moderate(comment_ids=[c.pk for c in held], action="publish", actor=moderator)
    comment_edit(comment=made[3], body="Root 3, corrected.", actor=moderator)
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Root 3, corrected." in page


def test_a_batch_published_with_a_comment_marked_spam_leaves_its_page(article, moderator):
    made = thread_of(article, [0] * 10)
    older = comment_post(
        thread=article.thread, body="Held long", question_id=None, status=Comment.Status.PENDING
    )
    article.thread.refresh_from_db()
    pages_of(article.thread, display=Display.FLAT, per_page=4)
    held = [
        comment_post(
            thread=article.thread,
            body=f"Held {n}",
            question_id=None,
            status=Comment.Status.PENDING,
        )
        for n in range(2)
    ]
    comments_moderate(comment_ids=[c.pk for c in [*held, older]], action="publish", actor=moderator)
    comments_moderate(comment_ids=[made[2].pk], action="spam", actor=moderator)
    article.thread.refresh_from_db()

    def shown() -> list[list[int]]:
        pages = pages_of(article.thread, display=Display.FLAT, per_page=4)
        return [
            [comment.pk for comment in pages.comments_on(number)]
            for number in range(1, len(pages.starts) + 1)
        ]

    kept = shown()
    forget_boundaries()
    assert kept == shown()
    assert all(made[2].pk not in page for page in kept)
