"""New comments: checked, judged, placed and stored, whichever door they come in by.

Called through ``maoni.comments.services``, the comment service. What
``comment_post`` takes:

- ``question_id`` names a solved CAPTCHA question, or one ``question_typed``
  answers; it is consumed as the comment is stored (None where no question
  is asked, e.g. of staff): of two requests racing with one id, one posts.
- ``created``, ``status`` and ``reasons`` are for content written and judged
  earlier (demo content, imports); otherwise the spam checks (with the
  request's ``sending``) and the thread's policy decide — or ``judged``, what
  ``comment_judge`` said just before, so that a door that had to ask first
  does not screen twice.
- A ``parent`` must be a public comment of the thread; ``topic`` is the
  page's text, for the off-topic check.
- A comment stored with ``idempotency_key`` already raises Duplicate, naming
  it; nothing is consumed or stored twice. A rejected comment raises
  CommentRejected.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from maoni.comments import confirmations, events, questions
from maoni.comments.idempotency import Duplicate, comment_sent_before
from maoni.comments.models import (
    Comment,
    Contact,
    Policy,
    Thread,
    user_display_name,
)
from maoni.comments.names_taken import name_is_taken
from maoni.comments.placing import PLACING_ATTEMPTS, place
from maoni.comments.text import render_plain
from maoni.comments.threads import thread_changed, thread_stored
from maoni.comments.trust import email_verified, judge_new
from maoni.moderation import caught, sanctions, screening
from maoni.moderation.rules import Ruling, Verdict, fingerprint

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
COMMENTS_CLOSED = _("Comments are closed.")
CAPTCHA_USED = _("The CAPTCHA question was already used or has expired. Answer the new question.")


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


@dataclass(frozen=True)
class Judged:
    """The spam checks' verdict on a new comment, and every reason it would wait."""

    verdict: Verdict
    reasons: tuple[str, ...]


def _author(
    user: User | None, policy: Policy, author_name: str, author_email: str
) -> tuple[str, str]:
    """The name and address a comment is stored with: an account's own, else as typed."""
    if user is None and policy.anonymous_contact == Contact.FORBIDDEN:
        return "", ""
    if user is not None:
        return user_display_name(user), user.email or author_email
    return author_name, author_email


def comment_judge(
    *,
    thread: Thread,
    body: str,
    author_name: str,
    author_email: str,
    user: User | None,
    sending: screening.Sending | None,
    topic: str,
) -> Judged:
    """What the spam checks and the thread's policy say of a comment about to be posted."""
    policy = thread.policy()
    author_name, author_email = _author(user, policy, author_name, author_email)
    verdict, reasons = judge_new(
        body=body,
        author_name=author_name,
        author_email=author_email,
        user=user,
        policy=policy,
        sending=sending,
        topic=topic,
    )
    return Judged(verdict, tuple(reasons))


def _question_consume(
    *,
    question_id: str,
    thread_key: str,
    typed: str | None,
    idempotency_key: str | None,
    now: datetime,
) -> None:
    """Consumes the question a comment is posted with, or raises why it cannot be."""
    if questions.consume(
        question_id=question_id,
        thread_key=thread_key,
        typed=typed,
        idempotency_key=idempotency_key,
        now=now,
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
    sending: screening.Sending | None = None,
    question_id: str | None,
    question_typed: str | None = None,
    created: datetime | None = None,
    status: Comment.Status | None = None,
    idempotency_key: str | None = None,
    topic: str = "",
    judged: Judged | None = None,
    reasons: Sequence[str] = (),
    source: tuple[str, str] = ("", ""),
) -> Comment:
    """Stores a comment and returns it, published or held for review (see the module)."""
    author_name, author_email = checked_author(
        thread, parent, user, author_name, author_email, body, written_elsewhere=status
    )
    if thread.pk is None:
        # A page of another site, whose first comment this is.
        thread = thread_stored(thread)
    # Comments judged here are new; one given a status was written elsewhere
    # (an import), and its author is not asked to confirm anything.
    screened = status is None
    if status is None:
        judged = judged or comment_judge(
            thread=thread, body=body, author_name=author_name, author_email=author_email,
            user=user, sending=sending, topic=topic,
        )  # fmt: skip
        status, reasons = _status_of(judged)
        status, reasons = _sanctioned(status, reasons, user, author_email, client_key)
    reasons = list(reasons) if status == Comment.Status.PENDING else []
    now = timezone.now()
    row = Comment(
        thread=thread,
        parent=parent,
        user=user,
        author_name=author_name.strip(),
        author_email=author_email.strip(),
        body=body,
        status=status,
        reasons=reasons,
        created=created or now,
        status_changed=now,
        client_key=client_key,
        notify_replies=notify_replies and bool(author_email.strip()),
        idempotency_key=idempotency_key,
        source=source[0],
        source_id=source[1],
    )
    asked = _Asked.of(question_id, thread.key, question_typed, idempotency_key, now)
    return _insert(row, asked=asked, screened=screened)


def _status_of(judged: Judged) -> tuple[Comment.Status, tuple[str, ...]]:
    """Published, or held with its reasons; a rejected comment raises and is not stored."""
    if judged.verdict.ruling is Ruling.REJECT:
        caught.rejection_count(judged.verdict.reasons)
        raise CommentRejected(judged.verdict.message)
    if judged.reasons:
        return Comment.Status.PENDING, judged.reasons
    return Comment.Status.PUBLISHED, ()


def _sanctioned(
    status: Comment.Status, reasons: Sequence[str], user: User | None, email: str, client: str
) -> tuple[Comment.Status, Sequence[str]]:
    """Refused (CommentRejected) or held when a sanction is in force on the author."""
    standing = sanctions.standing(user_id=user.pk if user else None, email=email, client_key=client)
    if standing.refused is not None:
        raise CommentRejected(standing.refused)
    if standing.held is not None:
        return Comment.Status.PENDING, (*reasons, standing.held)
    return status, reasons


def checked_author(
    thread: Thread,
    parent: Comment | None,
    user: User | None,
    author_name: str,
    author_email: str,
    body: str,
    *,
    written_elsewhere: Comment.Status | None = None,
) -> tuple[str, str]:
    """The name and address to store, once the details and the reply's target are checked.

    A comment ``written_elsewhere`` (its status given: an import, the demo)
    keeps the name and address it was written with, and may answer a comment
    that is not public (held, or deleted and kept for its replies), as it did
    there; a deleted one may have lost its text.
    """
    if written_elsewhere is not None:
        if parent is not None and parent.thread_id != thread.pk:
            raise CommentRejected(REPLY_TARGET_GONE)
        if body.strip() or written_elsewhere != Comment.Status.DELETED:
            comment_check(author_name="", body=body, user=user)
        if user is not None:
            return user_display_name(user), user.email or author_email
        return author_name, author_email
    policy = thread.policy()
    if policy.closed is not None:
        raise CommentRejected(COMMENTS_CLOSED)
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
    return _author(user, policy, author_name, author_email)


@dataclass(frozen=True)
class _Asked:
    """The question a comment is posted with, to consume as it is stored."""

    question_id: str
    thread_key: str
    typed: str | None
    idempotency_key: str | None
    now: datetime

    @classmethod
    def of(
        cls,
        question_id: str | None,
        thread_key: str,
        typed: str | None,
        idempotency_key: str | None,
        now: datetime,
    ) -> _Asked | None:
        """The question to consume; None where none is asked (staff, imports)."""
        if not question_id:
            return None
        return cls(question_id, thread_key, typed, idempotency_key, now)

    def consume(self) -> None:
        _question_consume(
            question_id=self.question_id,
            thread_key=self.thread_key,
            typed=self.typed,
            idempotency_key=self.idempotency_key,
            now=self.now,
        )


def _insert(row: Comment, *, asked: _Asked | None, screened: bool) -> Comment:
    """Stores a new comment, placed in its thread, with everything that comes with it.

    A question tried in Redis is consumed before the transaction, which Redis
    is not part of: it stays marked with the form's key, so that this form
    passes again if the insert fails. One tried in the database is consumed
    in the transaction, so that it comes back if the insert fails.
    """
    before = asked is not None and not questions.consumed_in_transaction(
        asked.question_id, thread_key=asked.thread_key
    )
    if asked is not None and before:
        asked.consume()
    row.body_html = render_plain(row.body)
    row.fingerprint = fingerprint(row.body)
    for attempt in range(PLACING_ATTEMPTS):
        try:
            with transaction.atomic():
                if asked is not None and not before:
                    asked.consume()
                row.path, row.depth = place(row.thread, row.parent, row.created)
                row.pk = None
                row.save(force_insert=True)
                _inserted(row, screened=screened)
        except IntegrityError:
            # The same form sent twice at once: the other send stored it.
            key = row.idempotency_key
            earlier = comment_sent_before(key) if key else None
            if earlier is not None:
                raise Duplicate(earlier) from None
            # Another comment took the same place meanwhile (PostgreSQL does
            # not queue writers as SQLite does): placed again.
            taken = Comment.objects.filter(thread=row.thread, path=row.path).exists()
            if not taken or attempt == PLACING_ATTEMPTS - 1:
                raise
            continue
        return row
    raise AssertionError("every attempt returns or raises")


def _inserted(comment: Comment, *, screened: bool) -> None:
    """What a new comment sets going, inside the transaction that stores it.

    An imported reply mails nobody: it was news at its source, years ago maybe.
    """
    if screened and comment.notify_replies and not email_verified(comment.user):
        # Double opt-in: notices wait until the address is confirmed.
        confirmations.address_confirmation_ask(comment=comment, now=comment.status_changed)
    if comment.status == Comment.Status.PUBLISHED:
        thread_changed(comment.thread_id, public=1)
        if comment.parent_id is not None and not comment.source:
            events.announce_reply_published(comment.pk)
    elif comment.status == Comment.Status.PENDING:
        events.announce_comments_held([comment.pk])
