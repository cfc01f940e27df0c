"""The embed's pages on Maoni's own origin: a thread without the script, and a fragment.

``/embed/<site>/?thread=<id>`` is where the widget's fallback link leads: the
thread's public comments and the comment form, posted without any script.
The form is decided by ``maoni.comments.submission`` like the article's and
the API's; this module reads the request and renders the outcome. The page
carries a CSRF token (Django's ``csrf_protect``), so it is never kept for
sharing. ``/embed/<site>/fragment?thread=<id>`` is the thread's comments
alone, for a static site's build step to include; it is kept in the page
store like the API's reads.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_GET, require_http_methods

from maoni.api import cors, reading, writing
from maoni.api.pages import Page, PageError, check_origin, page_named, watch_thread
from maoni.api.schemas import ThreadOut
from maoni.articles.comment_views import POSTED, QUEUED
from maoni.comments import confirmations, questions, services, submission
from maoni.comments.forms import CommentForm
from maoni.comments.models import Comment
from maoni.moderation import screening


def page_address(site: str, page_id: str, **more: str) -> str:
    """The no-script page of a thread (``more``: further query values)."""
    return f"{reverse('embed-page', args=[site])}?{urlencode({'thread': page_id, **more})}"


def _named(request: HttpRequest, site: str) -> Page | HttpResponse:
    try:
        page = page_named(site, request.GET.get("thread", ""))
    except PageError as error:
        return render(request, "embed/gone.html", {"message": error.message}, status=error.status)
    return page


def _page_link(page: Page, sent: str) -> str:
    """The page's own address when it is on one of the site's origins (else none)."""
    return page.on_site(page.url or sent)


@csrf_protect
@require_http_methods(["GET", "POST"])
def page(request: HttpRequest, site: str) -> HttpResponseBase:
    """The thread's comments and its form, for readers without the script."""
    found = _named(request, site)
    if isinstance(found, HttpResponse):
        return found
    if found.article is not None:
        return HttpResponseRedirect(found.url)  # Maoni's own articles have their pages
    if request.method == "POST":
        return _send(request, site, found)
    parent = _public_parent(found, request.GET.get("parent", ""))
    policy = found.thread_to_post_in(title="", url="").policy()
    form = CommentForm(
        initial={"parent": parent.pk if parent is not None else None},
        contact=policy.anonymous_contact,
    )
    asks = found.takes_comments and submission.asks_up_front(None, policy)
    return _render(
        request,
        site,
        found,
        form=form,
        question=questions.issue(found.key) if asks else None,
        parent=parent,
    )


def _public_parent(page: Page, raw: str) -> Comment | None:
    if page.thread is None or not raw.isdigit() or len(raw) > 18:
        return None
    return Comment.objects.public().filter(thread=page.thread, pk=int(raw)).first()


def _send(request: HttpRequest, site: str, page: Page) -> HttpResponseBase:
    sent = request.POST
    sender = writing.sender_of(
        request, form_stamp=sent.get("form_stamp"), honeypot=str(sent.get("website", ""))
    )
    wait = submission.flood_wait(sender)
    if wait:
        return _again(request, site, page, writing.too_fast(wait))
    if not page.takes_comments:
        return _again(request, site, page, writing.closed())
    title = str(sent.get("page_title", ""))[:300]
    url = _page_link(page, str(sent.get("page_url", "")))
    outcome = submission.submit(
        thread=page.thread_to_post_in(title=title or page.page_id, url=url),
        topic=page.topic or title,
        data=sent,
        sender=sender,
        first_step=False,
    )
    if isinstance(outcome, submission.Posted | submission.Queued | submission.SentBefore):
        return _posted(request, site, page, outcome.comment)
    if isinstance(outcome, submission.RateLimited):
        return _again(request, site, page, writing.rendered(outcome, page))
    return _render(
        request,
        site,
        page,
        form=outcome.form,
        question=outcome.question,
        parent=outcome.parent,
        preview=outcome.comment if isinstance(outcome, submission.Preview) else None,
        status=200 if isinstance(outcome, submission.Preview) else 400,
        new_key=outcome.new_key,
    )


def _again(request: HttpRequest, site: str, page: Page, answer: writing.Answer) -> HttpResponse:
    """The form again with what was typed, and why it was not taken."""
    form = CommentForm(request.POST)
    form.is_valid()
    response = _render(
        request,
        site,
        page,
        form=form,
        question=None,
        refusal=answer.body.message,
        status=answer.status,
    )
    if answer.retry_after is not None:
        response["Retry-After"] = str(answer.retry_after)
    return response


def _posted(request: HttpRequest, site: str, page: Page, comment: Comment) -> HttpResponse:
    published = comment.status == Comment.Status.PUBLISHED
    if published:
        messages.success(request, _(POSTED))
    else:
        messages.info(request, _(QUEUED))
    if confirmations.awaits_confirmation_of(comment=comment):
        messages.info(
            request,
            _(
                "To get e-mails about replies, confirm your e-mail address: follow the link "
                "in the message sent to it. Until then, no e-mail about replies is sent."
            ),
        )
    anchor = f"#comment-{comment.pk}" if published else ""
    return HttpResponseRedirect(page_address(site, page.page_id) + anchor)


def _render(
    request: HttpRequest,
    site: str,
    page: Page,
    *,
    form: CommentForm,
    question: questions.Question | None,
    parent: Comment | None = None,
    preview: Comment | None = None,
    refusal: str = "",
    status: int = 200,
    new_key: bool = False,
) -> HttpResponse:
    sent_key = services.idempotency_key_of(str(request.POST.get("idempotency_key", "")))
    title = str(request.POST.get("page_title") or request.GET.get("title", ""))[:300]
    context = {
        "site": site,
        "page": page,
        "title": page.title or title or page.page_id,
        "page_title": title,
        "page_link": _page_link(
            page, str(request.POST.get("page_url") or request.GET.get("url", ""))
        ),
        "thread": _thread(page, site, request.GET.get("cursor")),
        "form": form,
        "question": question,
        "parent": parent,
        "preview": preview,
        "refusal": refusal,
        "form_stamp": request.POST.get("form_stamp") or screening.form_stamp(),
        "idempotency_key": (None if new_key else sent_key) or services.new_idempotency_key(),
        "action": page_address(site, page.page_id),
    }
    return render(request, "embed/page.html", context, status=status)


def _thread(page: Page, site: str, cursor: str | None) -> ThreadOut:
    try:
        return reading.thread_page(page, site=site, order="oldest", cursor=cursor)
    except PageError:
        return reading.thread_page(page, site=site, order="oldest", cursor=None)


@require_GET
def fragment(request: HttpRequest, site: str) -> HttpResponse:
    """The thread's first page of comments as an HTML fragment, for static sites."""
    found = _named(request, site)
    if isinstance(found, HttpResponse):
        return found
    try:
        check_origin(request, found.site)
    except PageError as error:
        return render(request, "embed/gone.html", {"message": error.message}, status=403)
    watch_thread(request, found)
    context = {
        "thread": reading.thread_page(found, site=site, order="oldest", cursor=None),
        "page_address": request.build_absolute_uri(page_address(site, found.page_id)),
    }
    response = render(request, "embed/fragment.html", context)
    cors.allow(request, response)
    return response
