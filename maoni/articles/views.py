"""The front page and the article page with its comments."""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import replace

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import Min
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from maoni.articles.models import Article
from maoni.comments import ownership, questions, services, submission
from maoni.comments.forms import CommentForm
from maoni.comments.models import ROOT_SEGMENT, Comment, Display, Policy
from maoni.comments.paging import pages_of
from maoni.moderation import screening
from maoni.pagecache.counters import FRONT, SITE, thread_slot
from maoni.pagecache.fragments import fragments
from maoni.pagecache.middleware import (
    expire_at,
    is_shared,
    shareable,
    unwatch,
    watch,
    watched,
)


@shareable
def front_page(request: HttpRequest) -> HttpResponse:
    # The page changes by itself when an article dated in the future comes due.
    due = (
        Article.objects.filter(
            status=Article.Status.PUBLISHED, published_at__gt=timezone.now()
        ).aggregate(next=Min("published_at"))["next"]
        if is_shared(request)
        else None
    )
    watch(request, [SITE, FRONT], expires=due.timestamp() if due else None)
    articles = Article.objects.published().newest_first().select_related("thread")
    return render(request, "articles/front_page.html", {"articles": articles})


# Which thread each article address shows, as last seen by this process.
_threads_by_slug: dict[str, int] = {}


def _watch_thread_of(request: HttpRequest, slug: str) -> int | None:
    """Reads the counters of the article's thread before any row: a change made in
    between moves them on. Returns the thread's id as this process last saw it."""
    # An article's thread never changes; its slug may: the view checks.
    thread_id = _threads_by_slug.get(slug)
    if thread_id is None:
        thread_id = Article.objects.filter(slug=slug).values_list("thread_id", flat=True).first()
    if thread_id is not None:
        watch(request, [SITE, thread_slot(thread_id)])
    return thread_id


@shareable
def article_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """The article and a page of its comments.

    The copy shared by readers who are not logged in carries nothing of
    theirs: the form's token, time stamp and question are fetched by the
    page's script (``comments:state``), or come with the preview page that
    the form's first send leads to when there is no script.
    """
    shared = is_shared(request)
    thread_id = _watch_thread_of(request, slug) if shared else None
    article = get_object_or_404(Article.objects.published().select_related("thread"), slug=slug)
    if shared and article.thread_id != thread_id:
        unwatch(request)
    _threads_by_slug[slug] = article.thread_id
    page = None
    contents = None
    policy = article.thread.policy()
    # The form goes when the thread closes by itself; the page is rendered again then.
    expire_at(request, policy.changes_at.timestamp() if policy.changes_at else None)
    reading: dict[str, object] = {}
    if article.shows_comments:
        page, contents, reading = _reading(request, article, policy)
    form = question = None
    form_html = ""
    takes_comments = article.open_under(policy)
    if takes_comments and shared:
        form_html = _shared_form(request, article, policy)
    elif takes_comments:
        form = CommentForm(
            registered=request.user.is_authenticated, contact=policy.anonymous_contact
        )
        if submission.asks_up_front(request.user if request.user.is_authenticated else None):
            question = questions.issue(article.thread.key)
    context: dict[str, object] = {
        "form_html": form_html,
        "article": article,
        "page": page,
        "pager": [],
        "changeable": (
            ownership.changeable_ids(request, list(page)) if page is not None and not shared else ()
        ),
        "form": form,
        "question": question,
        "policy": policy,
        "shared": shared,
        "comments_contents": contents,
        **reading,
        "form_stamp": screening.form_stamp() if form is not None else "",
        "idempotency_key": services.new_idempotency_key() if form is not None else "",
    }
    return render(request, "articles/detail.html", context)


def _shared_form(request: HttpRequest, article: Article, policy: Policy) -> SafeString:
    """The empty form as every reader without an account gets it, rendered once."""

    def render_form() -> str:
        form = CommentForm(registered=False, contact=policy.anonymous_contact)
        context = {
            "article": article,
            "form": form,
            "shared": True,
            "user": request.user,
            # The question's fieldset, without its question (the script fills it in).
            "asks_up_front": asks_up_front,
        }
        return render_to_string("comments/_form.html", context, request)

    # Readers without an account are asked up front unless the policy is "when suspicious".
    asks_up_front = submission.asks_up_front(None)
    key = ("shared form", article.slug, policy.anonymous_contact, asks_up_front, get_language())
    html = fragments().get_or_make(key, render_form)
    return mark_safe(html)  # noqa: S308 - rendered by the template, which escapes


NEWEST, PICKS = "newest", "picks"
SHOWN = (
    "thread_id",
    "parent_id",
    "user_id",
    "author_name",
    "body_html",
    "status",
    "created",
    "edited",
    "picked",
    "path",
    "depth",
)


def _reading(
    request: HttpRequest, article: Article, policy: Policy
) -> tuple[Page[Comment], Hashable | None, dict[str, object]]:
    """What the page shows of the comments: a page of them, oldest or newest first
    (``?order=newest``), or the newsroom's picks (``?view=picks``)."""
    view, order = request.GET.get("view", ""), request.GET.get("order", "")
    if view not in ("", PICKS) or order not in ("", NEWEST):
        raise Http404(_("There is no such view of the comments."))
    picks = Comment.objects.public().filter(thread=article.thread, picked__isnull=False)
    reading: dict[str, object] = {
        "view": view,
        "order": order,
        "order_query": "order=newest&" if order else "",
        "pick_count": picks.count(),
    }
    if view == PICKS:
        shown = list(picks.select_related("parent").order_by("created", "id"))
        flat = replace(policy, display=Display.FLAT)
        reading["policy"] = flat
        return Page(shown, 1, Paginator(shown, max(1, len(shown)))), None, reading
    page, contents = _comment_page(
        article,
        policy,
        request.GET.get("page", "1"),
        site=watched(request, SITE),
        newest=order == NEWEST,
    )
    reading["pager"] = page.paginator.pager(page.number)  # type: ignore[attr-defined]
    return page, contents, reading


def _newest_first(comments: list[Comment], *, threaded: bool) -> list[Comment]:
    """A page's comments newest first: each conversation kept whole, in its own order."""
    if not threaded:
        return comments[::-1]
    conversations: dict[str, list[Comment]] = {}
    for comment in comments:
        conversations.setdefault(comment.path[: ROOT_SEGMENT + 1], []).append(comment)
    return [comment for group in reversed(conversations.values()) for comment in group]


def _comment_page(
    article: Article, policy: Policy, asked: str, *, site: int | None, newest: bool = False
) -> tuple[Page[Comment], Hashable | None]:
    """The page of public comments asked for, as the site shows threads.

    On a shared render (``site``: the site counter it is rendered under),
    also what identifies the page's comments unchanged (None where that
    cannot be told): its comments are then read only if their markup is not
    kept (see ``comments_markup``).
    """
    # The thread was read with the article, just now: its version is fresh.
    pages = pages_of(
        article.thread,
        display=policy.display,
        per_page=settings.MAONI_COMMENTS_PER_PAGE,
        fresh=True,
    )
    if not asked.isdigit() or not 1 <= int(asked) <= pages.num_pages:
        raise Http404(_("There is no such page of comments."))
    number = int(asked)
    # Newest first shows the same pages, the last first, each one turned round.
    source = pages.num_pages + 1 - number if newest else number
    # Only what a comment's markup shows (see comment_markup).
    shown = (
        pages.comments_on(source)
        .select_related("parent")
        .only(*SHOWN, *(f"parent__{field}" for field in ("status", "author_name")))
    )
    if newest:
        listed = _newest_first(list(shown), threaded=policy.display == Display.THREADED)
        shown = listed  # type: ignore[assignment]
    if site is None:
        return Page(list(shown), number, pages), None  # type: ignore[arg-type]
    contents = pages.contents(source)
    # Settings every page shows (a deleted account's comments among them).
    identity = None if contents is None else (contents, site, newest)
    return Page(shown, number, pages), identity  # type: ignore[arg-type]
