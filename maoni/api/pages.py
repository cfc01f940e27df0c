"""Which page a request of the API or an embed is about, and whether its origin may ask.

A page is named by a site and the page's own id: ``maoni`` and an article's
slug for Maoni's own articles, or a registered site's short name and the
id the page gives (its ``data-maoni-thread``, else its path). A page of
another site has a thread only once its first comment is stored: reading
creates nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.http import HttpRequest
from django.utils.translation import gettext as _

from maoni.articles.models import Article
from maoni.comments.models import OWN_SITE, Site, Thread
from maoni.comments.sites import page_id_of_key, page_thread_key
from maoni.pagecache.counters import SITE, thread_slot
from maoni.pagecache.middleware import expire_at, unwatch, watch

# What a page's id may be: printable, no spaces, at most 150 characters.
PAGE_ID = re.compile(r"[\x21-\x7e]{1,150}")
SITE_SLUG = re.compile(r"[-a-zA-Z0-9_]{1,50}")


class PageError(Exception):
    """A page that cannot be named or reached; ``code`` and ``status`` say why."""

    def __init__(self, code: str, message: str, status: int = 404) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.status = status


@dataclass(frozen=True)
class Page:
    """One commentable page, as far as the request can tell it."""

    site: Site | None
    page_id: str
    key: str
    # None until the page's first comment is stored.
    thread: Thread | None
    topic: str
    title: str
    url: str
    takes_comments: bool
    article: Article | None = None

    def thread_to_post_in(self, *, title: str, url: str) -> Thread:
        """The page's thread; for a new page of another site, one not stored yet.

        The comment service stores it with the page's first comment.
        """
        if self.thread is not None:
            return self.thread
        return Thread(key=self.key, site=self.site, title=title[:300], url=self.on_site(url))

    def on_site(self, url: str) -> str:
        """The page's address, kept only when it is on one of the site's origins."""
        origins = self.site.origin_list if self.site is not None else []
        on_site = any(url == origin or url.startswith(origin + "/") for origin in origins)
        return url[:1000] if on_site and "\n" not in url else ""


def site_named(slug: str) -> Site | None:
    """The registered site with this short name; None for Maoni's own articles."""
    if slug == OWN_SITE:
        return None
    if not SITE_SLUG.fullmatch(slug):
        raise PageError("unknown_site", _("No site of that name uses these comments."))
    site = Site.objects.filter(slug=slug).first()
    if site is None:
        raise PageError("unknown_site", _("No site of that name uses these comments."))
    return site


def page_named(site_slug: str, page_id: str) -> Page:
    """The page, or PageError (404) when it is not there or its comments are not shown."""
    if not PAGE_ID.fullmatch(page_id):
        raise PageError(
            "bad_thread", _("A thread id is 1 to 150 printable characters, no spaces."), status=400
        )
    site = site_named(site_slug)
    if site is None:
        return _article_page(page_id)
    key = page_thread_key(site.pk, page_id)
    thread = Thread.objects.filter(key=key).first()
    if thread is not None:
        thread.site = site  # read once: its settings are the thread's policy
    return Page(
        site=site,
        page_id=page_id,
        key=key,
        thread=thread,
        topic=thread.title if thread is not None else "",
        title=thread.title if thread is not None else "",
        url=thread.url if thread is not None else "",
        takes_comments=_takes_comments(thread or Thread(key=key, site=site)),
    )


def _takes_comments(thread: Thread) -> bool:
    """Not closed by hand, with its site or by the closing rules."""
    return thread.policy().closed is None


def page_of_thread(thread: Thread) -> Page:
    """The page a stored thread is under (PageError when its comments are not shown)."""
    if thread.site is None:
        return _article_page(thread=thread)
    site = thread.site
    return Page(
        site=site,
        page_id=page_id_of_key(thread.key),
        key=thread.key,
        thread=thread,
        topic=thread.title,
        title=thread.title,
        url=thread.url,
        takes_comments=_takes_comments(thread),
    )


def _article_page(slug: str | None = None, *, thread: Thread | None = None) -> Page:
    articles = Article.objects.published().exclude(comments=Article.CommentMode.HIDDEN)
    found = articles.filter(slug=slug) if thread is None else articles.filter(thread=thread)
    article = found.select_related("thread").first()
    if article is None:
        raise PageError("unknown_thread", _("No article of that name shows comments."))
    return Page(
        site=None,
        page_id=article.slug,
        key=article.thread.key,
        thread=article.thread,
        topic=article.topic,
        title=article.title,
        url=article.get_absolute_url(),
        takes_comments=article.takes_comments,
        article=article,
    )


def watch_thread(request: HttpRequest, page: Page) -> None:
    """Keeps the answer about ``page`` while its thread stands; one about a page with no
    thread yet is not kept (its first comment makes the thread)."""
    if page.thread is None:
        unwatch(request)
        return
    watch(request, [SITE, thread_slot(page.thread.pk)])
    # Counters first, rows after: a change in between moves them on.
    page.thread.refresh_from_db()
    changes_at = page.thread.policy().changes_at
    # An answer that shows the thread open is not kept past its closing.
    expire_at(request, changes_at.timestamp() if changes_at else None)


def request_origin(request: HttpRequest) -> str | None:
    """The Origin a browser sent, or None (a request not made by a page's script)."""
    origin = request.headers.get("Origin")
    return origin.rstrip("/") if origin else None


def own_origin(request: HttpRequest) -> str:
    return f"{request.scheme}://{request.get_host()}"


def origin_allowed(request: HttpRequest, site: Site | None) -> bool:
    """True when the request's page may use this site's comments.

    A request without an Origin (a server, a build step, a command line) may
    read and post like a form; a browser's must come from one of the site's
    origins, or from Maoni's own pages for its own articles.
    """
    origin = request_origin(request)
    if origin is None or origin == own_origin(request):
        return True
    return site is not None and origin in site.origin_list


def check_origin(request: HttpRequest, site: Site | None) -> None:
    if not origin_allowed(request, site):
        raise PageError("origin_not_allowed", origin_refused(request_origin(request)), status=403)


def origin_refused(origin: str | None) -> str:
    """Why a page at ``origin`` gets no comments, for the site's editors to read."""
    return _(
        "Pages at %(origin)s may not use these comments: the site's editors must add that "
        "origin to the site's allowed origins."
    ) % {"origin": origin}
