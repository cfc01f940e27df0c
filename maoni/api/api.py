"""The JSON API, version 1: ``/api/v1/``, described by ``/api/v1/openapi.json``.

Built with django-ninja, which makes the OpenAPI 3.1 description from these
functions and the schemas they take and give. Every answer that is not a
success is an ``Error`` with a stable code, a 4xx status and a message.
"""

from __future__ import annotations

from typing import Literal

from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Query
from ninja.errors import HttpError, ValidationError

from maoni.api import cors, moderators, reading, reports, writing
from maoni.api.pages import PageError, check_origin, page_named, site_named, watch_thread
from maoni.api.schemas import (
    CommentOut,
    CountsOut,
    Done,
    EditIn,
    Error,
    FormOut,
    Outcome,
    PathId,
    PostIn,
    ThreadOut,
)
from maoni.comments import ownership, questions, services, submission
from maoni.comments.models import Comment
from maoni.moderation import screening
from maoni.pagecache.counters import SITE, thread_slot
from maoni.pagecache.middleware import is_shared, unwatch, watch

api = NinjaAPI(
    title="Maoni",
    version="1",
    description=(
        "Read and post reader comments on any page of a registered site, and moderate them. "
        "See docs/api.md."
    ),
    urls_namespace="api",
    docs_url="/docs/",
)
api.add_router("/moderation/", moderators.router)
api.add_router("/", reports.router)

ERRORS: dict[int, type[Error]] = {400: Error, 403: Error, 404: Error}
EDIT_TOKEN = "X-Maoni-Edit-Token"  # noqa: S105 (a header name)


@api.exception_handler(PageError)
def _page_error(request: HttpRequest, error: PageError) -> HttpResponse:
    return _error(request, error.status, Error(code=error.code, message=error.message))


@api.exception_handler(ValidationError)
def _invalid(request: HttpRequest, error: ValidationError) -> HttpResponse:
    fields: dict[str, list[str]] = {}
    for problem in error.errors:
        name = str(problem.get("loc", ["", "request"])[-1])
        fields.setdefault(name, []).append(str(problem.get("msg", "is not valid")))
    problems = "; ".join(f"{name}: {' '.join(messages)}" for name, messages in fields.items())
    # The problems are pydantic's own words, in English.
    message = _("The request is not valid: %(problems)s") % {"problems": problems}
    return _error(request, 400, Error(code="bad_request", message=message, fields=fields))


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, error: HttpError) -> HttpResponse:
    code = {401: "unauthorized", 403: "forbidden", 404: "not_found"}.get(
        error.status_code, "bad_request"
    )
    return _error(request, error.status_code, Error(code=code, message=str(error)))


def _error(request: HttpRequest, status: int, error: Error) -> HttpResponse:
    response = api.create_response(request, error.model_dump(), status=status)
    if error.retry_after is not None:
        response["Retry-After"] = str(error.retry_after)
    return response


def _answer(request: HttpRequest, answer: writing.Answer) -> HttpResponse:
    if isinstance(answer.body, Error):
        return _error(request, answer.status, answer.body)
    return api.create_response(request, answer.body.model_dump(mode="json"), status=answer.status)


@api.get(
    "/thread",
    response={200: ThreadOut, **ERRORS},
    summary="A page of a thread's public comments",
    tags=["read"],
)
def thread(
    request: HttpRequest,
    response: HttpResponse,
    site: str,
    thread: str,
    order: Literal["oldest", "newest"] = "oldest",
    cursor: str | None = None,
) -> ThreadOut:
    """Threaded: each reply after what it answers. 50 comments a page; ``next`` is the
    cursor of the page after. Served from the page store while nothing on it changed."""
    page = page_named(site, thread)
    check_origin(request, page.site)
    cors.allow(request, response)
    watch_thread(request, page)
    _shareable(request, response)
    return reading.thread_page(page, site=site, order=order, cursor=cursor)


@api.get(
    "/counts",
    response={200: CountsOut, **ERRORS},
    summary="How many public comments pages have, in one request",
    tags=["read"],
)
def counts(
    request: HttpRequest,
    response: HttpResponse,
    site: str,
    thread: Query[list[str]],
) -> CountsOut:
    """Up to 100 pages of one site: ``?site=…&thread=a&thread=b``."""
    found = site_named(site)
    check_origin(request, found)
    cors.allow(request, response)
    if not 1 <= len(thread) <= 100 or any(len(page) > 150 for page in thread):
        raise PageError("bad_thread", _("Ask for 1 to 100 threads at once."), status=400)
    threads = reading.threads_of(found, thread)
    ids = [thread_id for thread_id, _count in threads.values()]
    if None in ids:
        unwatch(request)  # not stored: a page's first comment creates its thread
    else:
        watch(request, [SITE, *{thread_slot(thread_id) for thread_id in ids if thread_id}])
        threads = reading.threads_of(found, thread)
    _shareable(request, response)
    return CountsOut(counts={key: count for key, (_id, count) in threads.items()})


@api.get(
    "/comments/{comment_id}",
    response={200: CommentOut, **ERRORS},
    summary="One public comment",
    tags=["read"],
)
def comment(request: HttpRequest, response: HttpResponse, comment_id: PathId) -> CommentOut:
    found = (
        Comment.objects.public()
        .select_related("thread", "thread__site", "parent")
        .filter(pk=comment_id)
        .first()
    )
    if found is None:
        raise PageError("not_found", _("No public comment has that number."))
    site = found.thread.site
    check_origin(request, site)
    cors.allow(request, response)
    return reading.comment_out(found, _page_url(found), found.thread.policy().depth_cap)


def _page_url(comment: Comment) -> str:
    if comment.thread.site_id is not None:
        return comment.thread.url
    article = getattr(comment.thread, "article", None)
    return article.get_absolute_url() if article is not None else ""


def _shareable(request: HttpRequest, response: HttpResponse) -> None:
    if not is_shared(request):
        patch_cache_control(response, private=True, no_cache=True)


@api.get(
    "/form",
    response={200: FormOut, **ERRORS},
    summary="What a new comment form needs: its stamp, its key, its question",
    tags=["write"],
)
def form(request: HttpRequest, response: HttpResponse, site: str, thread: str) -> FormOut:
    """Asking writes nothing: the question is a signed token until it is tried."""
    page = page_named(site, thread)
    check_origin(request, page.site)
    cors.allow(request, response)
    patch_cache_control(response, private=True, no_store=True)
    policy = page.thread_to_post_in(title="", url="").policy()
    asks = page.takes_comments and submission.asks_up_front(None, policy)
    question = questions.issue(page.key) if asks else None
    return FormOut(
        form_stamp=screening.form_stamp(),
        idempotency_key=services.new_idempotency_key(),
        question=writing.question_out(question),
        open=page.takes_comments,
        contact=policy.anonymous_contact,  # type: ignore[arg-type]
    )


_SEND_ANSWERS = {
    200: Outcome,
    201: Outcome,
    202: Outcome,
    400: Error,
    403: Error,
    404: Error,
    409: Error,
    422: Error,
    429: Error,
}


@api.post(
    "/comments",
    response=_SEND_ANSWERS,
    summary="Post a comment or a reply",
    tags=["write"],
)
def post(request: HttpRequest, sent: PostIn) -> HttpResponse:
    """201 posted, 202 queued for review, 200 the same form sent again; an ``Error`` else."""
    return _sent(request, sent, preview=False)


@api.post(
    "/previews",
    response=_SEND_ANSWERS,
    summary="Show a comment as it would be posted; nothing is stored",
    tags=["write"],
)
def preview(request: HttpRequest, sent: PostIn) -> HttpResponse:
    return _sent(request, sent, preview=True)


def _sent(request: HttpRequest, sent: PostIn, *, preview: bool) -> HttpResponse:
    page = page_named(sent.site, sent.thread)
    check_origin(request, page.site)
    response = _answer(request, writing.send(request, page, sent, preview=preview))
    cors.allow(request, response)
    return response


def _own(request: HttpRequest, comment_id: int) -> Comment:
    found = Comment.objects.select_related("thread", "thread__site").filter(pk=comment_id).first()
    if found is None or not ownership.token_allows(request.headers.get(EDIT_TOKEN, ""), found):
        raise PageError(
            "not_yours",
            _(
                "This comment can no longer be changed from here: a comment posted without an "
                "account can be changed for 15 minutes with the token it was posted with."
            ),
            status=403,
        )
    check_origin(request, found.thread.site)
    return found


@api.patch(
    "/comments/{comment_id}",
    response={200: Outcome, 400: Error, 403: Error, 404: Error, 422: Error, 429: Error},
    summary="The author changes their comment's text",
    tags=["write"],
)
def edit(request: HttpRequest, comment_id: PathId, sent: EditIn) -> HttpResponse:
    """With the ``X-Maoni-Edit-Token`` header the comment was posted with."""
    found = _own(request, comment_id)
    response = _answer(request, writing.edit(request, found, sent.body))
    cors.allow(request, response)
    return response


@api.delete(
    "/comments/{comment_id}",
    response={200: Done, **ERRORS, 429: Error},
    summary="The author deletes their comment",
    tags=["write"],
)
def delete(request: HttpRequest, response: HttpResponse, comment_id: PathId) -> Done:
    """With the ``X-Maoni-Edit-Token`` header; moderators can restore it for 30 days."""
    found = _own(request, comment_id)
    cors.allow(request, response)
    services.comments_moderate(comment_ids=[found.pk], action="delete", actor=None, by_author=True)
    return Done(message=_("Your comment has been deleted."))
