"""What anyone may read: a thread's public comments, page by page, and counts of many.

Threads are read in reading order, a reply after what it answers: oldest
first by the comments' places (``Comment.path``), or newest first by their
top-level comment with each one's replies after it, oldest first. A page is
50 comments read from the cursor on with one indexed range query, never with
an OFFSET. A cursor is the place of the page's last comment.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.db.models import Q, QuerySet
from django.db.models.functions import Substr
from django.utils.translation import gettext as _

from maoni.api.pages import Page, PageError
from maoni.api.schemas import CommentOut, ThreadOut
from maoni.articles.models import Article
from maoni.comments.models import ROOT_SEGMENT, Comment, Site, Thread
from maoni.comments.sites import page_id_of_key, page_thread_key

PER_PAGE = 50
# A place: the top-level comment's 17 digits, then six digits a level of reply.
_CURSOR = re.compile(r"[0-9]{17}\.(?:[0-9]{6}\.){0,11}", re.ASCII)


def thread_page(page: Page, *, site: str, order: str, cursor: str | None) -> ThreadOut:
    """One page of the thread's public comments, and the cursor of the next."""
    if cursor is not None and not _CURSOR.fullmatch(cursor):
        raise PageError("bad_cursor", _("That cursor is not one this API gave out."), status=400)
    thread = page.thread
    comments: list[Comment] = []
    if thread is not None:
        rows = _ordered(Comment.objects.public().filter(thread=thread), order, cursor)
        comments = list(rows.select_related("parent")[: PER_PAGE + 1])
    more = len(comments) > PER_PAGE
    comments = comments[:PER_PAGE]
    depth_cap = thread.policy().depth_cap if thread is not None else 0
    return ThreadOut(
        site=site,
        thread=page.page_id,
        title=page.title,
        url=page.url,
        count=thread.public_count if thread is not None else 0,
        open=page.takes_comments,
        order="newest" if order == "newest" else "oldest",
        comments=[comment_out(comment, page.url, depth_cap) for comment in comments],
        next=comments[-1].path if more else None,
    )


def _ordered(rows: QuerySet[Comment], order: str, cursor: str | None) -> QuerySet[Comment]:
    if order != "newest":
        if cursor is not None:
            rows = rows.filter(path__gt=cursor)
        return rows.order_by("path", "id")
    rows = rows.annotate(root=Substr("path", 1, ROOT_SEGMENT))
    if cursor is not None:
        root = cursor[:ROOT_SEGMENT]
        rows = rows.filter(Q(root__lt=root) | Q(root=root, path__gt=cursor))
    return rows.order_by("-root", "path", "id")


def comment_out(comment: Comment, page_url: str, depth_cap: int) -> CommentOut:
    parent = comment.parent
    public_parent = parent is not None and parent.status == Comment.Status.PUBLISHED
    return CommentOut(
        id=comment.pk,
        parent=comment.parent_id if public_parent else None,
        depth=min(comment.depth, depth_cap),
        author=comment.display_name,
        verified=comment.is_verified,
        created=comment.created,
        edited=comment.edited,
        html=comment.body_html,
        url=f"{page_url}#comment-{comment.pk}",
        picked=comment.picked is not None,
    )


def threads_of(site: Site | None, keys: Iterable[str]) -> dict[str, tuple[int | None, int]]:
    """Each named page's thread id (None: no thread yet) and its public comments."""
    wanted = list(dict.fromkeys(keys))
    if site is None:
        found = {
            slug: (thread_id, count)
            for slug, thread_id, count in Article.objects.published()
            .exclude(comments=Article.CommentMode.HIDDEN)
            .filter(slug__in=wanted)
            .values_list("slug", "thread_id", "thread__public_count")
        }
    else:
        keys = [page_thread_key(site.pk, key) for key in wanted]
        found = {
            page_id_of_key(key): (thread_id, count)
            for key, thread_id, count in Thread.objects.filter(site=site, key__in=keys).values_list(
                "key", "pk", "public_count"
            )
        }
    return {key: found.get(key, (None, 0)) for key in wanted}
