"""Every change to comments and CAPTCHA challenges goes through this module.

Views, the admin and (later) the API and importers call these functions, so a
comment is validated, stored, rendered and counted the same way whichever door
it came in by.
"""

from __future__ import annotations

import enum
import random
import secrets
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from maoni.comments import captcha
from maoni.comments.models import Challenge, Comment, Thread, user_display_name
from maoni.comments.text import render_plain

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from django_stubs_ext import StrOrPromise

_rng = random.SystemRandom()


class CommentRejected(Exception):
    """A comment that cannot be posted as it is; ``field`` names what to fix."""

    def __init__(self, message: StrOrPromise, *, field: str | None = None) -> None:
        super().__init__(str(message))
        self.message = message
        self.field = field


NAME_TAKEN = _("The name you used belongs to a registered user.")
CAPTCHA_USED = _("The CAPTCHA question was already used or has expired. Answer the new question.")


class Answer(enum.Enum):
    SOLVED = "solved"
    WRONG = "wrong"
    # Unknown, expired, or already used by a posted comment.
    GONE = "gone"


def challenge_issue() -> Challenge:
    """Stores a new math question and returns it; expired questions are purged."""
    now = timezone.now()
    question = captcha.make_question(_rng)
    with transaction.atomic():
        Challenge.objects.filter(expires__lt=now).delete()
        return Challenge.objects.create(
            id=secrets.token_urlsafe(24),
            first=question.first,
            second=question.second,
            answer=question.answer,
            expires=now + timedelta(seconds=settings.MAONI_CAPTCHA_LIFETIME_SECONDS),
        )


def challenge_find(challenge_id: str) -> Challenge | None:
    """Returns the live challenge with this id, or None."""
    return Challenge.objects.filter(pk=challenge_id, expires__gte=timezone.now()).first()


def challenge_answer(*, challenge_id: str, typed: str) -> Answer:
    """Marks a challenge solved when ``typed`` answers it; a wrong answer burns it.

    A solved challenge stays usable (for *Preview* then *Save*) until the
    comment it lets through is posted.
    """
    challenge = challenge_find(challenge_id)
    if challenge is None:
        return Answer.GONE
    if challenge.solved:
        return Answer.SOLVED
    if not captcha.is_correct(answer=challenge.answer, typed=typed):
        Challenge.objects.filter(pk=challenge_id).delete()
        return Answer.WRONG
    # The row may have been consumed since it was read, by a request racing
    # this one with the same id: then it is gone, not solved.
    updated = Challenge.objects.filter(pk=challenge_id).update(solved=True)
    return Answer.SOLVED if updated == 1 else Answer.GONE


def name_is_taken(name: str) -> bool:
    """True when an anonymous commenter's name is a registered user's."""
    name = name.strip()
    return bool(name) and get_user_model().objects.filter(username__iexact=name).exists()


def comment_check(*, author_name: str, body: str, user: User | None) -> None:
    """Raises CommentRejected when these details could not be posted.

    The form says the same things first; this keeps every other way in honest.
    """
    if not body.strip():
        raise CommentRejected(_("Comment field is required."), field="body")
    if len(body) > Comment.BODY_MAX_LENGTH:
        raise CommentRejected(_("A comment may be at most 10,000 characters long."), field="body")
    if len(author_name.strip()) > Comment.NAME_MAX_LENGTH:
        raise CommentRejected(_("Your name may be at most 60 characters long."), field="name")
    if user is None and name_is_taken(author_name):
        raise CommentRejected(NAME_TAKEN, field="name")


def comment_post(
    *,
    thread: Thread,
    body: str,
    author_name: str = "",
    author_email: str = "",
    user: User | None = None,
    client_key: str = "",
    challenge_id: str | None,
    created: datetime | None = None,
    status: Comment.Status | None = None,
) -> Comment:
    """Stores a comment and returns it, published or held for review.

    ``challenge_id`` names a solved CAPTCHA challenge, which is consumed in
    the same transaction (None where the caller asks no question, e.g. for
    staff): of two requests racing with one id, exactly one posts.
    ``created`` and ``status`` are for content that was written and judged
    earlier (demo content, imports); otherwise the site's moderation settings decide.
    """
    comment_check(author_name=author_name, body=body, user=user)
    if user is not None:
        author_name = user_display_name(user)
        author_email = getattr(user, "email", "") or author_email
    if status is None:
        held = user is None and settings.MAONI_PREMODERATION == "anonymous"
        status = Comment.Status.PENDING if held else Comment.Status.PUBLISHED
    with transaction.atomic():
        if challenge_id is not None:
            consumed, _by_model = Challenge.objects.filter(
                pk=challenge_id, solved=True, expires__gte=timezone.now()
            ).delete()
            if consumed != 1:
                raise CommentRejected(CAPTCHA_USED, field="captcha")
        comment = Comment.objects.create(
            thread=thread,
            user=user,
            author_name=author_name.strip(),
            author_email=author_email.strip(),
            body=body,
            body_html=render_plain(body),
            status=status,
            created=created or timezone.now(),
            client_key=client_key,
        )
        if status == Comment.Status.PUBLISHED:
            Thread.objects.filter(pk=thread.pk).update(
                version=F("version") + 1, public_count=F("public_count") + 1
            )
    return comment
