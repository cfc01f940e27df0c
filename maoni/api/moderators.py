"""The moderation queue through the API, for a newsroom's own tools.

Requests carry ``Authorization: Bearer <token>``, a token made for a user
who may moderate; every action goes through the comment service and is
audited under that user, as if taken in the queue's pages.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from django.contrib.auth.models import User
from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.security import HttpBearer
from pydantic import Field

from maoni.api.models import ApiToken, token_digest
from maoni.api.schemas import CommentId, Error, PathId, Sent
from maoni.comments import services
from maoni.comments.models import Comment, Premoderation, Thread
from maoni.comments.moderating import TRANSITIONS
from maoni.moderation import roles

PER_PAGE = 50


class TokenAuth(HttpBearer):
    """A moderator's API token; anything else is a 401."""

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        if not token.startswith("maoni_") or len(token) > 100:
            return None
        found = ApiToken.objects.select_related("user").filter(digest=token_digest(token)).first()
        if found is None or not found.user.is_active:
            return None
        if not found.user.has_perm("comments.moderate_comment"):
            raise HttpError(403, _("This token's user may not moderate comments."))
        ApiToken.objects.filter(pk=found.pk).update(last_used=timezone.now())
        return found.user


router = Router(auth=TokenAuth(), tags=["moderation"])
_ERRORS: dict[int, type[Error]] = {400: Error, 401: Error, 403: Error, 404: Error}


class HeldComment(Schema):
    id: int
    status: Literal["published", "pending", "spam", "deleted"]
    thread: int
    page_title: str
    page_url: str
    parent: int | None
    author: str
    email: str | None = Field(
        ...,
        description="Private: the author's e-mail address, for editors and administrators "
        "(null for a moderator's token, whose role does not see addresses).",
    )
    registered: bool
    created: datetime
    edited: datetime | None
    body: str
    html: str
    reasons: list[str]


class QueueOut(Schema):
    comments: list[HeldComment]
    next: int | None = Field(default=None, description="The cursor of the next page, if any.")


class ActionIn(Sent):
    action: Literal["publish", "unpublish", "spam", "delete", "restore", "pick", "unpick"]
    comments: list[CommentId] = Field(..., min_length=1, max_length=500)
    note: str = Field(default="", max_length=1000)


class ActionOut(Schema):
    changed: list[int]
    skipped: list[int] = Field(..., description="The action does not apply to their state.")


def _held(comment: Comment, *, sees_addresses: bool) -> HeldComment:
    thread = comment.thread
    article = getattr(thread, "article", None) if thread.site_id is None else None
    return HeldComment(
        id=comment.pk,
        status=comment.status,  # type: ignore[arg-type]
        thread=comment.thread_id,
        page_title=article.title if article is not None else thread.title,
        page_url=article.get_absolute_url() if article is not None else thread.url,
        parent=comment.parent_id,
        author=comment.display_name,
        email=comment.author_email if sees_addresses else None,
        registered=comment.user_id is not None,
        created=comment.created,
        edited=comment.edited,
        body=comment.body,
        html=comment.body_html,
        reasons=[str(reason) for reason in comment.reasons],
    )


@router.get("/queue", response={200: QueueOut, **_ERRORS}, summary="Comments waiting for review")
def queue(request: HttpRequest, cursor: CommentId | None = None) -> QueueOut:
    """Held comments, oldest first, 50 a page; ``next`` is the cursor of the next page."""
    rows = Comment.objects.select_related("thread", "thread__article").filter(
        status=Comment.Status.PENDING
    )
    if cursor is not None:
        rows = rows.filter(Q(id__gt=cursor))
    found = list(rows.order_by("id")[: PER_PAGE + 1])
    more = len(found) > PER_PAGE
    found = found[:PER_PAGE]
    sees = roles.sees_addresses(_actor(request))
    return QueueOut(
        comments=[_held(comment, sees_addresses=sees) for comment in found],
        next=found[-1].pk if more else None,
    )


@router.get("/comments/{comment_id}", response={200: HeldComment, **_ERRORS}, summary="One comment")
def comment(request: HttpRequest, comment_id: PathId) -> HeldComment:
    found = (
        Comment.objects.select_related("thread", "thread__article").filter(pk=comment_id).first()
    )
    if found is None:
        raise HttpError(404, _("No comment has that number."))
    return _held(found, sees_addresses=roles.sees_addresses(_actor(request)))


def _actor(request: HttpRequest) -> User:
    """The user whose token the request came with (``TokenAuth`` let it in)."""
    user = getattr(request, "auth", None)
    assert isinstance(user, User)
    return user


@router.post("/actions", response={200: ActionOut, **_ERRORS}, summary="Act on comments")
def act(request: HttpRequest, sent: ActionIn) -> ActionOut:
    """Publish, unpublish, mark as spam, delete or restore one or many comments, or make
    published ones newsroom picks (``pick``) or take them off (``unpick``)."""
    if sent.action in ("pick", "unpick"):
        picked = services.comments_pick(
            comment_ids=sent.comments, picked=sent.action == "pick", actor=_actor(request),
            note=sent.note,
        )  # fmt: skip
        changed = {comment.pk for comment in picked}
        return ActionOut(
            changed=sorted(changed),
            skipped=[pk for pk in dict.fromkeys(sent.comments) if pk not in changed],
        )
    assert sent.action in TRANSITIONS
    outcome = services.comments_moderate(
        comment_ids=sent.comments, action=sent.action, actor=_actor(request), note=sent.note
    )
    return ActionOut(
        changed=[comment.pk for comment in outcome.changed],
        skipped=[comment.pk for comment in outcome.skipped],
    )


class ThreadControlIn(Sent):
    do: Literal["close", "reopen", "hold", "release"]
    note: str = Field(default="", max_length=1000)


class ThreadControlOut(Schema):
    thread: int
    changed: bool = Field(..., description="False when it was so already.")
    closed: bool = Field(..., description="Closed by hand.")
    hold_all: bool = Field(..., description="Every new comment waits for a moderator.")


@router.post(
    "/threads/{thread_id}",
    response={200: ThreadControlOut, **_ERRORS},
    summary="Close or hold a thread",
)
def thread_control(
    request: HttpRequest, thread_id: PathId, sent: ThreadControlIn
) -> ThreadControlOut:
    """Close a thread's comments now (``close``/``reopen``), or hold every new comment of
    it for a moderator (``hold``/``release``), as the desk's buttons do."""
    thread = Thread.objects.filter(pk=thread_id).first()
    if thread is None:
        raise HttpError(404, _("No thread has that number."))
    actor = _actor(request)
    changed = services.thread_control(thread=thread, do=sent.do, actor=actor, note=sent.note)
    return ThreadControlOut(
        thread=thread.pk,
        changed=changed,
        closed=thread.comments_closed,
        hold_all=thread.premoderation == Premoderation.EVERYONE,
    )
