"""Which comments a visitor may still change: their own.

Registered users edit and delete their own comments at any time. An
anonymous commenter has no account, so the browser that posted a comment
keeps a signed cookie naming it, and may edit or delete it for 15 minutes.
"""

from __future__ import annotations

from datetime import timedelta

from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from maoni.comments.models import Comment

ANONYMOUS_WINDOW = timedelta(minutes=15)
COOKIE = "maoni_own"
_SALT = "maoni.comments.own"
# A browser remembers at most this many of its recent comments.
_REMEMBERED = 20


def _cookie_ids(request: HttpRequest) -> list[int]:
    try:
        ids = signing.loads(
            request.COOKIES.get(COOKIE, ""),
            salt=_SALT,
            max_age=ANONYMOUS_WINDOW,
        )
    except signing.BadSignature:
        return []
    return [item for item in ids if isinstance(item, int)] if isinstance(ids, list) else []


def remember(request: HttpRequest, response: HttpResponse, comment: Comment) -> None:
    """Lets this browser change an anonymous comment it just posted, for a while."""
    ids = [*_cookie_ids(request), comment.pk][-_REMEMBERED:]
    response.set_cookie(
        COOKIE,
        signing.dumps(ids, salt=_SALT),
        max_age=int(ANONYMOUS_WINDOW.total_seconds()),
        httponly=True,
        samesite="Lax",
        secure=request.is_secure(),
    )


def may_change(request: HttpRequest, comment: Comment) -> bool:
    """True when this visitor may edit or delete the comment now."""
    if comment.status not in {Comment.Status.PUBLISHED, Comment.Status.PENDING}:
        return False
    if request.user.is_authenticated:
        return comment.user_id == request.user.pk
    return (
        comment.user_id is None
        and comment.pk in _cookie_ids(request)
        and timezone.now() - comment.created < ANONYMOUS_WINDOW
    )


def changeable_ids(request: HttpRequest, comments: list[Comment]) -> set[int]:
    """The ids among ``comments`` this visitor may edit or delete now."""
    return {comment.pk for comment in comments if may_change(request, comment)}


# The API's counterpart of the cookie: a token handed to the author at
# posting, sent back to edit or delete the comment within the same window.
_SIGNED_FOR = "maoni.comments.own.token"


def edit_token(comment: Comment) -> str:
    """Lets whoever holds it change this anonymous comment for 15 minutes."""
    return signing.dumps(comment.pk, salt=_SIGNED_FOR)


def token_allows(token: str, comment: Comment) -> bool:
    """True when ``token`` was given for this comment and its window is still open."""
    if not token or len(token) > 200:
        return False
    try:
        comment_id = signing.loads(token, salt=_SIGNED_FOR, max_age=ANONYMOUS_WINDOW)
    except signing.BadSignature:
        return False
    return (
        comment_id == comment.pk
        and comment.user_id is None
        and comment.status in {Comment.Status.PUBLISHED, Comment.Status.PENDING}
        and timezone.now() - comment.created < ANONYMOUS_WINDOW
    )
