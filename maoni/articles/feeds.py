"""Feeds (RSS 2.0 and Atom) and the sitemap: the newest articles and public comments.

Django's syndication and sitemaps frameworks make them; the views here only
say which counters each depends on, so they are kept in the page store and
served fresh as pages are: the site-wide ones move on with every article and
thread (the front page's counter), an article's comments feed with its
thread. Links start with ``MAONI_BASE_URL``, never the host a request
claimed to be for. A comment is given by its name and text only: never an
address, as on every public surface.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import sitemap
from django.contrib.syndication.views import Feed
from django.db.models import Min, QuerySet
from django.http import Http404, HttpRequest, HttpResponseBase
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from maoni.articles.models import Article
from maoni.comments.models import Comment
from maoni.pagecache.counters import FRONT, SITE, thread_slot
from maoni.pagecache.middleware import expire_at, shareable, watch

ARTICLES_IN_FEED = 20
COMMENTS_IN_FEED = 50


def _absolute(path: str) -> str:
    return f"{settings.MAONI_BASE_URL}{path}"


def _next_due() -> datetime | None:
    """When the next article dated in the future comes due (feeds and sitemap change then)."""
    due: datetime | None = Article.objects.filter(
        status=Article.Status.PUBLISHED, published_at__gt=timezone.now()
    ).aggregate(next=Min("published_at"))["next"]
    return due


def _public_comments() -> QuerySet[Comment]:
    """Public comments under published articles that show them, newest first."""
    return (
        Comment.objects.public()
        .filter(
            thread__article__status=Article.Status.PUBLISHED,
            thread__article__published_at__lte=timezone.now(),
        )
        .exclude(thread__article__comments=Article.CommentMode.HIDDEN)
        .select_related("thread__article")
        .order_by("-created", "-id")
    )


class LatestArticles(Feed):  # type: ignore[type-arg]
    """The newest published articles."""

    def title(self) -> str:
        return settings.MAONI_SITE_NAME

    def description(self) -> str:
        return _("The newest articles on %(site)s.") % {"site": settings.MAONI_SITE_NAME}

    subtitle = description  # Atom's name for it

    def link(self) -> str:
        return _absolute("/")

    def items(self) -> QuerySet[Article]:
        return Article.objects.published().newest_first()[:ARTICLES_IN_FEED]

    def item_title(self, item: Article) -> str:
        return item.title

    def item_description(self, item: Article) -> str:
        return item.paragraphs[0] if item.paragraphs else ""

    def item_link(self, item: Article) -> str:
        return _absolute(item.get_absolute_url())

    def item_pubdate(self, item: Article) -> datetime:
        return item.published_at

    def item_author_name(self, item: Article) -> str:
        return item.byline


class LatestArticlesAtom(LatestArticles):
    feed_type = Atom1Feed


class LatestComments(Feed):  # type: ignore[type-arg]
    """The newest public comments on every article."""

    def title(self) -> str:
        return _("Comments on %(site)s") % {"site": settings.MAONI_SITE_NAME}

    def description(self) -> str:
        return _("The newest readers' comments on %(site)s.") % {"site": settings.MAONI_SITE_NAME}

    subtitle = description

    def link(self) -> str:
        return _absolute("/")

    def items(self) -> QuerySet[Comment]:
        return _public_comments()[:COMMENTS_IN_FEED]

    def item_title(self, item: Comment) -> str:
        return _("%(name)s on “%(title)s”") % {
            "name": item.display_name,
            "title": item.thread.article.title,
        }

    def item_description(self, item: Comment) -> SafeString:
        return item.rendered_body()

    def item_link(self, item: Comment) -> str:
        return _absolute(item.get_absolute_url())

    def item_pubdate(self, item: Comment) -> datetime:
        return item.created

    def item_updateddate(self, item: Comment) -> datetime:
        return item.edited or item.created

    def item_author_name(self, item: Comment) -> str:
        return item.display_name


class LatestCommentsAtom(LatestComments):
    feed_type = Atom1Feed


class ArticleComments(LatestComments):
    """The newest public comments on one article."""

    def get_object(self, request: HttpRequest, slug: str) -> Article:
        article = (
            Article.objects.published()
            .exclude(comments=Article.CommentMode.HIDDEN)
            .filter(slug=slug)
            .first()
        )
        if article is None:
            raise Http404
        return article

    def title(self, obj: Article) -> str:  # type: ignore[override]
        return _("Comments on “%(title)s”") % {"title": obj.title}

    def description(self, obj: Article) -> str:  # type: ignore[override]
        return _("The newest readers' comments on “%(title)s”.") % {"title": obj.title}

    subtitle = description  # type: ignore[assignment]

    def link(self, obj: Article) -> str:  # type: ignore[override]
        return _absolute(obj.get_absolute_url())

    def items(self, obj: Article) -> QuerySet[Comment]:  # type: ignore[override]
        return _public_comments().filter(thread=obj.thread_id)[:COMMENTS_IN_FEED]


class ArticleCommentsAtom(ArticleComments):
    feed_type = Atom1Feed


class ArticleSitemap(Sitemap):  # type: ignore[type-arg]
    """Every published article, with its date."""

    changefreq = "daily"

    def __init__(self) -> None:
        base = urlsplit(settings.MAONI_BASE_URL)
        self.protocol = base.scheme
        self.base_domain = base.netloc + base.path

    def get_domain(self, site: Any = None) -> str:
        return self.base_domain

    def items(self) -> QuerySet[Article]:
        return Article.objects.published().newest_first()

    def lastmod(self, item: Article) -> datetime:
        return item.published_at


def _site_wide(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """Kept while no article or thread changes, and until the next article comes due."""

    @shareable
    def kept(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        watch(request, [SITE, FRONT])
        due = _next_due()
        expire_at(request, due.timestamp() if due else None)
        return view(request, *args, **kwargs)

    return kept


@shareable
def article_comments(request: HttpRequest, slug: str, *, atom: bool = False) -> HttpResponseBase:
    """An article's comments feed, kept while its thread is unchanged."""
    thread_id = Article.objects.filter(slug=slug).values_list("thread_id", flat=True).first()
    if thread_id is None:
        raise Http404
    # Counters first, rows after: a change in between moves them on.
    watch(request, [SITE, thread_slot(thread_id)])
    feed = ArticleCommentsAtom() if atom else ArticleComments()
    return feed(request, slug=slug)


articles_rss = _site_wide(LatestArticles())
articles_atom = _site_wide(LatestArticlesAtom())
comments_rss = _site_wide(LatestComments())
comments_atom = _site_wide(LatestCommentsAtom())
site_map = _site_wide(lambda request: sitemap(request, sitemaps={"articles": ArticleSitemap()}))
