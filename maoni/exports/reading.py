"""Maoni's pages and comments read for an export, a page at a time.

Pages come from one query over the threads that have comments; each page's
comments from one more, read in chunks with a server-side cursor where the
database has one, so an export's memory is one chunk of comments, whatever
the site's size. Comments come in thread order (``path``): every reply after
the comment it answers, as WordPress's importer needs them.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.conf import settings
from django.db.models import Min, QuerySet

from maoni.articles.models import Article
from maoni.comments.models import Comment, Thread
from maoni.exports.records import ExportComment, ExportPage

CHUNK = 1000


class StoredPages:
    """Every thread that has comments, of Maoni's articles and of registered sites."""

    def __call__(self) -> Iterator[ExportPage]:
        threads = (
            Thread.objects.annotate(first_comment=Min("comments__created"))
            .filter(first_comment__isnull=False)
            .select_related("article", "site")
            .order_by("pk")
        )
        for thread in threads.iterator(chunk_size=CHUNK):
            article = getattr(thread, "article", None)
            if article is not None:
                yield _article_page(thread, article)
            else:
                yield _site_page(thread)

    def comments(self, page: ExportPage) -> Iterator[ExportComment]:
        rows: QuerySet[Comment] = (
            Comment.objects.filter(thread_id=page.id).select_related("user").order_by("path", "pk")
        )
        for row in rows.iterator(chunk_size=CHUNK):
            user = row.user
            yield ExportComment(
                id=row.pk,
                parent_id=row.parent_id,
                created=row.created,
                status=row.status,
                author_name=row.author_name or (user.get_username() if user else ""),
                author_email=row.author_email or (getattr(user, "email", "") if user else ""),
                body=row.body,
                body_html=row.body_html,
                registered=user is not None,
            )


def _article_page(thread: Thread, article: Article) -> ExportPage:
    path = article.get_absolute_url()
    return ExportPage(
        id=thread.pk,
        url=f"{settings.MAONI_BASE_URL}{path}",
        title=article.title,
        identifier=path,
        created=article.published_at,
        slug=article.slug,
        body=article.body,
        is_article=True,
        public=article.status == Article.Status.PUBLISHED,
        closed=not article.takes_comments,
    )


def _site_page(thread: Thread) -> ExportPage:
    """A page of another site: its address as the page gave it, or the site's origin and path."""
    site = thread.site
    path = thread.key.split(":", 1)[1] if site is not None else thread.key
    url = thread.url
    if not url and site is not None and site.origin_list and path.startswith("/"):
        url = site.origin_list[0] + path
    created = thread.first_comment  # type: ignore[attr-defined]  # The annotation above.
    return ExportPage(
        id=thread.pk,
        url=url,
        title=thread.title or path,
        identifier=path,
        created=created,
        closed=site is not None and site.comments_closed,
    )
