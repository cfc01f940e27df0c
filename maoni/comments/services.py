"""Every change to comments and CAPTCHA challenges goes through this module.

Views, the admin and (later) the API and importers call these functions, so a
comment is validated, stored, rendered and counted the same way whichever door
it came in by.
"""

from __future__ import annotations

import enum
import functools
import re
from datetime import datetime
from functools import partial
from typing import TYPE_CHECKING, Literal

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import F
from django.db.models.functions import Length
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from maoni.accounts.names import normalise_name
from maoni.comments import captcha, questions
from maoni.comments.idempotency import Duplicate as Duplicate
from maoni.comments.idempotency import comment_sent_before as comment_sent_before
from maoni.comments.idempotency import idempotency_key_of as idempotency_key_of
from maoni.comments.idempotency import new_idempotency_key as new_idempotency_key
from maoni.comments.models import (
    MAX_DEPTH,
    PATH_SEGMENT,
    ROOT_SEGMENT,
    Challenge,
    Comment,
    Contact,
    Policy,
    Thread,
    user_display_name,
)
from maoni.comments.text import render_plain
from maoni.comments.trust import email_verified as email_verified
from maoni.comments.trust import is_trusted as is_trusted
from maoni.comments.trust import judge_new
from maoni.moderation import screening
from maoni.moderation.rules import Action, fingerprint
from maoni.notifications import confirmations
from maoni.notifications import services as notifications
from maoni.pagecache.memos import Memo
from maoni.pagecache.versions import NAMES

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from django_stubs_ext import StrOrPromise


class CommentRejected(Exception):
    """A comment that cannot be posted as it is; ``field`` names what to fix."""

    def __init__(self, message: StrOrPromise, *, field: str | None = None) -> None:
        super().__init__(str(message))
        self.message = message
        self.field = field


NAME_TAKEN = _("The name you used belongs to a registered user.")
REPLY_TARGET_GONE = _("The comment you replied to cannot be found.")
CAPTCHA_USED = _("The CAPTCHA question was already used or has expired. Answer the new question.")


class Answer(enum.Enum):
    SOLVED = "solved"
    WRONG = "wrong"
    # Unknown, expired, or already used by a posted comment.
    GONE = "gone"


def challenge_issue() -> Challenge:
    """Returns a new math question (kept in Redis when configured, else in the database)."""
    return questions.issue()


def challenge_find(challenge_id: str, *, idempotency_key: str | None = None) -> Challenge | None:
    """Returns the live challenge with this id, or None (without a query for a malformed id).

    A challenge the form with ``idempotency_key`` consumed without posting
    (see ``comment_post``) reads as solved, for that form only.
    """
    return questions.find(challenge_id, idempotency_key=idempotency_key)


def challenge_answer(
    *,
    challenge_id: str,
    typed: str,
    found: Challenge | Literal[False] | None = False,
    keep: bool = True,
) -> Answer:
    """Checks ``typed`` against a challenge; a wrong answer burns it.

    With ``keep``, a solved challenge is marked so and stays usable (for
    *Preview* then *Save*) until the comment it lets through is posted.
    Without, nothing is written: for a send that posts at once, whose comment
    consumes the challenge (see ``challenge_keep_solved`` for when it does
    not). ``found`` is the challenge as the caller just read it (None: not
    found), to spare reading it again.
    """
    challenge = challenge_find(challenge_id) if found is False else found
    if challenge is None:
        return Answer.GONE
    if challenge.solved:
        return Answer.SOLVED
    if not captcha.is_correct(answer=challenge.answer, typed=typed):
        questions.burn(challenge)
        return Answer.WRONG
    if keep and not challenge_keep_solved(challenge):
        return Answer.GONE
    return Answer.SOLVED


def challenge_keep_solved(challenge: Challenge) -> bool:
    """Marks an answered challenge solved; False when it is gone meanwhile."""
    if not questions.mark_solved(challenge):
        return False
    challenge.solved = True
    return True


def name_is_taken(name: str) -> bool:
    """True when an anonymous commenter's name is a registered user's.

    Names are compared as registration stores them (spacing, apostrophes and
    Unicode forms folded) and without regard to case in any script, so
    "amina  otieno" is Amina Otieno's name too.
    """
    normalised = normalise_name(name)
    if not normalised:
        return False

    def ask() -> bool:
        # A case-insensitive regular expression folds every script; SQLite's
        # LIKE, behind iexact, folds only ASCII.
        same = get_user_model().objects.filter(username__iregex=f"^{re.escape(normalised)}$")
        return same.exists()

    # Asked again only once an account has changed (see pagecache.signals).
    return _names_asked().get_or_make(normalised, ask)


@functools.cache
def _names_asked() -> Memo[str, bool]:
    return Memo(NAMES, limit=10_000)


def comment_check(
    *,
    author_name: str,
    body: str,
    user: User | None,
    author_email: str = "",
    policy: Policy | None = None,
) -> None:
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
    if user is None and policy is not None and policy.anonymous_contact == Contact.REQUIRED:
        if not author_name.strip():
            raise CommentRejected(_("Your name is required."), field="name")
        if not author_email.strip():
            raise CommentRejected(_("Your e-mail address is required."), field="mail")


# How many times a comment is placed before a clash with others is an error.
PLACING_ATTEMPTS = 5


def _place(thread: Thread, parent: Comment | None, created: datetime) -> tuple[str, int]:
    """Returns the path and depth of a new comment.

    A top-level comment's segment is its time in microseconds, so threads
    read oldest first even when older comments are imported later; a reply's
    is one more than its last sibling's. A reply deeper than MAX_DEPTH is
    filed as the youngest child of its ancestor at that depth (its ``parent``
    still names what it answers), so paths stay short. Called inside the
    posting transaction; two comments placed at once on PostgreSQL may pick
    the same path, which the unique constraint refuses (comment_post then
    places the comment again).
    """
    if parent is None:
        moment = int(created.timestamp() * 1_000_000)
        taken = set(
            Comment.objects.filter(thread=thread, path__gte=f"{moment:0{ROOT_SEGMENT}d}.", depth=0)
            .order_by("path")
            .values_list("path", flat=True)[:100]
        )
        while f"{moment:0{ROOT_SEGMENT}d}." in taken:
            moment += 1
        return f"{moment:0{ROOT_SEGMENT}d}.", 0
    depth = parent.depth + 1
    level = min(depth, MAX_DEPTH - 1)
    prefix = parent.path[: ROOT_SEGMENT + 1 + (PATH_SEGMENT + 1) * (level - 1)]
    # Paths are digits and dots; those starting with ``prefix`` sort below
    # ``prefix`` with its last dot raised to "/": a range the index serves.
    last = (
        Comment.objects.filter(thread=thread, path__gte=prefix, path__lt=f"{prefix[:-1]}/")
        .annotate(path_length=Length("path"))
        .filter(path_length=len(prefix) + PATH_SEGMENT + 1)
        .order_by("-path")
        .values_list("path", flat=True)
        .first()
    )
    number = int(last[-PATH_SEGMENT - 1 : -1]) + 1 if last else 1
    return f"{prefix}{number:0{PATH_SEGMENT}d}.", depth


def _challenge_consume(
    *,
    challenge_id: str,
    typed: str | None,
    idempotency_key: str | None,
    now: datetime,
) -> None:
    """Consumes the question a comment is posted with, or raises why it cannot be."""
    if questions.consume(
        challenge_id=challenge_id, typed=typed, idempotency_key=idempotency_key, now=now
    ):
        return
    # Consumed by the same form sent a moment earlier: its comment.
    earlier = comment_sent_before(idempotency_key) if idempotency_key else None
    if earlier is not None:
        raise Duplicate(earlier)
    raise CommentRejected(CAPTCHA_USED, field="captcha")


def comment_post(
    *,
    thread: Thread,
    body: str,
    author_name: str = "",
    author_email: str = "",
    user: User | None = None,
    parent: Comment | None = None,
    client_key: str = "",
    notify_replies: bool = False,
    signals: screening.Signals | None = None,
    challenge_id: str | None,
    challenge_typed: str | None = None,
    created: datetime | None = None,
    status: Comment.Status | None = None,
    idempotency_key: str | None = None,
    topic: str = "",
) -> Comment:
    """Stores a comment and returns it, published or held for review.

    ``challenge_id`` names a solved CAPTCHA challenge, or one that
    ``challenge_typed`` answers (checked as the challenge is consumed, which
    spares marking it solved first); it is consumed as the comment is stored
    (None where the caller asks no question, e.g. for staff): of two requests
    racing with one id, exactly one posts. A challenge kept in Redis, which
    the transaction cannot give back, stays good for a while for the form
    with the same ``idempotency_key`` (sent again after a failed insert).
    ``created`` and ``status`` are for content that was written and judged
    earlier (demo content, imports); otherwise the spam checks (with the
    request's ``signals``, where there was a form) and the thread's policy
    decide. A rejected comment raises CommentRejected and is not stored.
    A ``parent`` must be a public comment of the same thread. ``topic`` is the
    text of the page the thread is under, for the spam checks' off-topic test.
    A comment already stored with ``idempotency_key`` (the form sent again)
    raises Duplicate, naming it, and nothing is consumed or stored twice:
    its question is gone or consumed by that key, or the key's unique index
    refuses the row. (The view looks the key up first, before rate limits.)
    """
    policy = thread.policy()
    if user is None and policy.anonymous_contact == Contact.FORBIDDEN:
        author_name = author_email = ""
    comment_check(
        author_name=author_name, author_email=author_email, body=body, user=user, policy=policy
    )
    if parent is not None and (
        parent.thread_id != thread.pk or parent.status != Comment.Status.PUBLISHED
    ):
        # Said the same way whether the parent is held, deleted or elsewhere,
        # so that a reply reveals nothing about comments the public cannot see.
        raise CommentRejected(REPLY_TARGET_GONE)
    if user is not None:
        author_name = user_display_name(user)
        author_email = user.email or author_email
    # Comments judged here are new; one given a status was written elsewhere
    # (an import), and its author is not asked to confirm anything.
    screened = status is None
    reasons: list[str] = []
    if status is None:
        verdict, reasons = judge_new(
            body=body,
            author_name=author_name,
            author_email=author_email,
            user=user,
            policy=policy,
            signals=signals,
            topic=topic,
        )
        if verdict.action is Action.REJECT:
            raise CommentRejected(verdict.message)
        status = Comment.Status.PENDING if reasons else Comment.Status.PUBLISHED
    now = timezone.now()
    created = created or now
    # A question kept in Redis is consumed before the transaction, which
    # Redis is not part of: it stays marked with the form's key, so that this
    # form passes again if the insert fails. A database row is consumed in
    # the transaction, so that it comes back if the insert fails.
    in_redis = challenge_id is not None and questions.in_redis(challenge_id)
    if challenge_id is not None and in_redis:
        _challenge_consume(
            challenge_id=challenge_id,
            typed=challenge_typed,
            idempotency_key=idempotency_key,
            now=now,
        )
    path = ""
    for attempt in range(PLACING_ATTEMPTS):
        try:
            with transaction.atomic():
                if challenge_id is not None and not in_redis:
                    _challenge_consume(
                        challenge_id=challenge_id,
                        typed=challenge_typed,
                        idempotency_key=idempotency_key,
                        now=now,
                    )
                path, depth = _place(thread, parent, created)
                comment = Comment.objects.create(
                    thread=thread,
                    parent=parent,
                    path=path,
                    depth=depth,
                    user=user,
                    author_name=author_name.strip(),
                    author_email=author_email.strip(),
                    body=body,
                    body_html=render_plain(body),
                    fingerprint=fingerprint(body),
                    status=status,
                    reasons=reasons,
                    created=created,
                    status_changed=now,
                    client_key=client_key,
                    notify_replies=notify_replies and bool(author_email.strip()),
                    idempotency_key=idempotency_key,
                )
                if screened and comment.notify_replies and not email_verified(user):
                    # Double opt-in: notices wait until the address is confirmed.
                    confirmations.address_confirmation_ask(comment=comment, now=now)
                if status == Comment.Status.PUBLISHED:
                    Thread.objects.filter(pk=thread.pk).update(
                        version=F("version") + 1, public_count=F("public_count") + 1
                    )
                    if parent is not None:
                        transaction.on_commit(
                            partial(notifications.reply_published, reply_id=comment.pk)
                        )
                elif status == Comment.Status.PENDING:
                    transaction.on_commit(
                        partial(notifications.comments_held, comment_ids=[comment.pk])
                    )
        except IntegrityError:
            # The same form sent twice at once: the other send stored it.
            earlier = comment_sent_before(idempotency_key) if idempotency_key else None
            if earlier is not None:
                raise Duplicate(earlier) from None
            # Another comment took the same place meanwhile (PostgreSQL does
            # not queue writers as SQLite does): placed again.
            taken = Comment.objects.filter(thread=thread, path=path).exists()
            if not taken or attempt == PLACING_ATTEMPTS - 1:
                raise
            continue
        return comment
    raise AssertionError("every attempt returns or raises")
